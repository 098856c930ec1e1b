"""JHT claim handovers: the document checklist, the waiting period and the payout account."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from desktop.counter import Counter
from desktop.errors import DomainError
from desktop.services.auth import User
from desktop.services.claims import hand_over_claim
from desktop.services.receipts import issue_receipt
from desktop.store.schema import claim_documents, claim_handovers, transactions
from tests.conftest import PINS
from tests.services.conftest import claim


def _stored(counter: Counter) -> tuple[dict[str, object], dict[str, str]]:
    with counter.store.read() as connection:
        handover = dict(connection.execute(sa.select(claim_handovers)).mappings().one())
        documents = {
            document: status
            for document, status in connection.execute(
                sa.select(claim_documents.c.document, claim_documents.c.status)
            )
        }
    return handover, documents


def test_a_complete_handover_lists_every_document_of_the_checklist(
    counter: Counter, teller: User
) -> None:
    captured = hand_over_claim(counter, teller, claim())
    assert captured.kind == "claim_handover"
    assert captured.amount == 0
    handover, documents = _stored(counter)
    assert handover["missing_count"] == 0
    assert handover["waiting_period_end"] == "2026-10-01"
    assert handover["approved_by"] is None
    assert handover["payout_account"] == "0012345678"
    assert documents["ktp"] == "copy"
    assert documents["paklaring"] == "original"
    # The branch's usual extras are on the checklist, missing unless handed over.
    assert documents["buku_tabungan"] == "missing"
    assert "npwp" not in documents


def test_missing_required_documents_are_counted_not_refused(counter: Counter, teller: User) -> None:
    hand_over_claim(
        counter,
        teller,
        claim(documents={"kartu_peserta": "original"}, balance_above_50m=True),
    )
    handover, documents = _stored(counter)
    # KTP, the resignation proof and the NPWP (balance above Rp50.000.000) are missing.
    assert handover["missing_count"] == 3
    assert handover["npwp_required"] is True
    assert documents["npwp"] == "missing"


def test_one_proof_of_dismissal_is_enough(counter: Counter, teller: User) -> None:
    hand_over_claim(
        counter,
        teller,
        claim(
            reason="dismissal",
            documents={
                "kartu_peserta": "original",
                "ktp": "original",
                "perjanjian_bersama": "copy",
            },
        ),
    )
    handover, _ = _stored(counter)
    assert handover["missing_count"] == 0


def test_before_the_waiting_period_ends_a_supervisor_must_approve(
    counter: Counter, teller: User
) -> None:
    early = claim(event_date="2026-11-10")
    with pytest.raises(DomainError, match="10/12/2026") as caught:
        hand_over_claim(counter, teller, early)
    assert caught.value.field == "event_date"
    with pytest.raises(DomainError) as wrong_pin:
        hand_over_claim(
            counter,
            teller,
            claim(event_date="2026-11-10", supervisor_id="spv01", supervisor_pin="999999"),
        )
    assert wrong_pin.value.field == "supervisor_pin"
    with counter.store.read() as connection:
        assert (
            connection.execute(sa.select(sa.func.count()).select_from(transactions)).scalar() == 0
        )
    hand_over_claim(
        counter,
        teller,
        claim(event_date="2026-11-10", supervisor_id="spv01", supervisor_pin=PINS["spv01"]),
    )
    handover, _ = _stored(counter)
    assert handover["approved_by"] == "spv01"


def test_a_supervisor_cannot_approve_their_own_early_handover(
    counter: Counter, supervisor: User
) -> None:
    with pytest.raises(DomainError, match="sendiri"):
        hand_over_claim(
            counter,
            supervisor,
            claim(event_date="2026-11-10", supervisor_id="spv01", supervisor_pin=PINS["spv01"]),
        )


def test_a_death_claim_is_made_by_an_heir_paid_to_the_heirs_account(
    counter: Counter, teller: User
) -> None:
    documents = {
        "kartu_peserta": "original",
        "akta_kematian": "original",
        "surat_keterangan_ahli_waris": "original",
        "ktp_ahli_waris": "copy",
    }
    with pytest.raises(DomainError) as caught:
        hand_over_claim(counter, teller, claim(reason="death", event_date="", documents=documents))
    assert caught.value.field == "claimant_name"
    hand_over_claim(
        counter,
        teller,
        claim(
            reason="death",
            event_date="",
            documents=documents,
            claimant_name="Bambang Wibowo",
            payout_account_holder="Bambang Wibowo",
        ),
    )
    handover, _ = _stored(counter)
    assert (handover["claimant_name"], handover["missing_count"]) == ("Bambang Wibowo", 0)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"reason": "holiday"}, "reason"),
        ({"event_date": ""}, "event_date"),
        ({"event_date": "2027-01-01"}, "event_date"),
        ({"event_date": "31/02/2026"}, "event_date"),
        ({"documents": {"ktp": "lost"}}, "documents"),
        ({"documents": {"surat_cinta": "original"}}, "documents"),
        ({"payout_account": "12"}, "payout_account"),
        ({"payout_account_holder": "Orang Lain"}, "payout_account_holder"),
        ({"kpj": "123"}, "kpj"),
        ({"nik": "1234"}, "nik"),
        ({"participant_name": "<script>"}, "participant_name"),
    ],
)
def test_bad_handover_input_names_the_field_and_writes_nothing(
    counter: Counter, teller: User, changes: dict[str, object], field: str
) -> None:
    with pytest.raises(DomainError) as caught:
        hand_over_claim(counter, teller, claim(**changes))
    assert caught.value.field == field
    with counter.store.read() as connection:
        assert (
            connection.execute(sa.select(sa.func.count()).select_from(transactions)).scalar() == 0
        )


def test_a_second_partial_claim_is_refused_and_nothing_is_written(
    counter: Counter, teller: User
) -> None:
    with pytest.raises(DomainError) as refused:
        hand_over_claim(
            counter, teller, claim(reason="partial_10", event_date="", had_partial_claim=True)
        )
    assert refused.value.field == "reason"
    assert "satu kali" in refused.value.message_id
    with counter.store.read() as connection:
        count = sa.select(sa.func.count()).select_from(transactions)
        assert connection.execute(count).scalar() == 0


def test_a_housing_claim_is_paid_to_the_mortgage_bank_in_the_banks_name(
    counter: Counter, teller: User
) -> None:
    hand_over_claim(
        counter,
        teller,
        claim(
            reason="partial_30_housing",
            event_date="",
            documents={
                "kartu_peserta": "original",
                "ktp": "copy",
                "kartu_keluarga": "copy",
                "surat_keterangan_pemberi_kerja": "original",
                "dokumen_bank_kpr": "original",
            },
            payout_bank="BTN",
            payout_account="7001234567",
            payout_account_holder="PT Bank Tabungan Negara",
        ),
    )
    handover, _documents = _stored(counter)
    assert handover["missing_count"] == 0
    assert handover["payout_account_holder"] == "PT Bank Tabungan Negara"
    # Any other reason still pays the claimant's own account only.
    with pytest.raises(DomainError) as refused:
        hand_over_claim(counter, teller, claim(payout_account_holder="PT Bank Tabungan Negara"))
    assert refused.value.field == "payout_account_holder"


def test_a_document_presented_electronically_counts_and_says_so_on_the_receipt(
    counter: Counter, teller: User
) -> None:
    handed = hand_over_claim(
        counter,
        teller,
        claim(documents={"kartu_peserta": "electronic", "ktp": "copy", "paklaring": "electronic"}),
    )
    handover, documents = _stored(counter)
    assert handover["missing_count"] == 0
    assert documents["paklaring"] == "electronic"
    data = issue_receipt(counter, teller, handed.receipt_no).data
    statuses = {doc.name: doc.status for doc in data.documents}
    assert statuses["Kartu peserta BPJS Ketenagakerjaan"] == "Elektronik"
    assert statuses["KTP"] == "Fotokopi"


def test_every_wrong_field_of_a_handover_is_said_at_once(counter: Counter, teller: User) -> None:
    from desktop.errors import FieldsError

    with pytest.raises(FieldsError) as caught:
        hand_over_claim(
            counter,
            teller,
            claim(nik="123", participant_name="", payout_account="12", payout_bank=""),
        )
    assert [error.field for error in caught.value.errors][:3] == [
        "nik",
        "participant_name",
        "payout_bank",
    ]
    assert "payout_account" in [error.field for error in caught.value.errors]
