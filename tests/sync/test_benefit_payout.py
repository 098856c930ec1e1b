"""Paying an approved claim out at the counter against the real sandbox: reserved upstream first,
the payment captured with its receipt, confirmed after; refused offline, for the wrong NIK, for a
rejected or already-paid claim; a payout cut off between the steps finished at the next start."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from desktop.counter import Counter
from desktop.errors import DomainError
from desktop.process_lock import try_hold
from desktop.services.auth import User
from desktop.services.benefit_payout import (
    PayBenefit,
    open_payouts,
    pay_benefit,
    quote_payout,
    resume_payouts,
)
from desktop.services.claim_status import ClaimQuery, find_claims
from desktop.services.upload import Upload, upload
from desktop.settings import PcSettings, save_settings
from desktop.store.schema import payout_ends, payouts, transactions
from desktop.store.store import Store
from desktop.sync.sandbox.server import RunningSandbox
from tests.conftest import PINS, FakeClock
from tests.helpers import closed_port_url
from tests.sync.claims_support import NIK_RICH, TOKEN_OTHER
from tests.sync.payout_support import SITI_NET, decided_claim, deciding, second_counter
from tests.sync.registry_support import NIK_COURIER, NIK_TRADER, TOKEN

__all__ = ["deciding"]


class Crash(BaseException):
    """Stands for the process dying at a step (the real kill -9 is in tests/cli)."""


def _crash_at(step: str):  # type: ignore[no-untyped-def]
    def after(reached: str) -> None:
        if reached == step:
            raise Crash(step)

    return after


def _open_ids(counter: Counter) -> list[str]:
    with counter.store.read() as connection:
        ended = sa.select(payout_ends.c.payout_id)
        return list(
            connection.execute(sa.select(payouts.c.id).where(payouts.c.id.not_in(ended)))
            .scalars()
            .all()
        )


def _status(counter: Counter, receipt_no: str) -> str:
    (row,) = find_claims(counter, ClaimQuery(search=receipt_no))
    return row.state.value


def test_a_transfer_pays_the_net_once_and_the_claim_becomes_paid(
    counter: Counter, teller: User, deciding: RunningSandbox
) -> None:
    claim_no = decided_claim(counter, teller)
    paid = pay_benefit(
        counter,
        teller,
        PayBenefit(claim_no, NIK_COURIER, "transfer", reference="TRF-20261124-0001"),
    )
    assert paid.confirmed
    assert (paid.captured.kind, paid.captured.amount) == ("benefit_payment", SITI_NET)
    assert (paid.quote.gross, paid.quote.tax, paid.quote.net) == (SITI_NET, 0, SITI_NET)
    with counter.store.read() as connection:
        txn = connection.execute(
            sa.select(transactions).where(transactions.c.seq == paid.captured.seq)
        ).one()
        ends = connection.execute(sa.select(payout_ends.c.outcome)).scalars().all()
    assert (txn.kind, txn.tender) == ("benefit_payment", None)  # a transfer leaves the drawer be
    assert ends == ["confirmed"]
    # Paid here: shown so at once, before the upstream's word comes back with the next sync.
    (row,) = find_claims(counter, ClaimQuery(search=claim_no))
    assert (row.state.value, row.paid_receipt_no) == ("paid", paid.captured.receipt_no)
    # The second try is refused here, before the upstream is asked.
    with pytest.raises(DomainError) as again:
        pay_benefit(counter, teller, PayBenefit(claim_no, NIK_COURIER, "transfer", reference="X"))
    assert again.value.field == "claim_receipt_no"
    assert paid.captured.receipt_no in again.value.message_en
    # The upload carries the payment; the counter learns the claim is paid.
    outcome = upload(counter, Upload(pull_reference=False))
    assert outcome.problem is None
    assert outcome.report.quarantined == []
    assert _status(counter, claim_no) == "paid"


def test_the_nik_typed_again_must_be_the_claims_and_nothing_is_written_else(
    counter: Counter, teller: User, deciding: RunningSandbox
) -> None:
    claim_no = decided_claim(counter, teller)
    with pytest.raises(DomainError) as wrong:
        pay_benefit(counter, teller, PayBenefit(claim_no, NIK_TRADER, "transfer", reference="T1"))
    assert wrong.value.field == "nik"
    with pytest.raises(DomainError) as no_reference:
        pay_benefit(counter, teller, PayBenefit(claim_no, NIK_COURIER, "transfer"))
    assert no_reference.value.field == "transfer_reference"
    with pytest.raises(DomainError) as method:
        pay_benefit(counter, teller, PayBenefit(claim_no, NIK_COURIER, "cheque"))
    assert method.value.field == "method"
    assert open_payouts(counter) == 0
    assert _status(counter, claim_no) == "approved"


def test_offline_the_counter_says_so_and_pays_nothing(
    counter: Counter, teller: User, deciding: RunningSandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    claim_no = decided_claim(counter, teller)
    monkeypatch.setenv("SPO_UPSTREAM_URL", "http://127.0.0.1:9")  # nothing listens there
    with pytest.raises(DomainError) as offline:
        pay_benefit(counter, teller, PayBenefit(claim_no, NIK_COURIER, "cash"))
    assert offline.value.field == "upstream"
    assert "Nothing was paid" in offline.value.message_en
    assert counter.upstream_link.state.offline
    with counter.store.read() as connection:
        kinds = connection.execute(sa.select(transactions.c.kind)).scalars().all()
    assert "benefit_payment" not in kinds
    # While offline the next try is refused at once; the reservation written is released later.
    with pytest.raises(DomainError, match="Tidak ada yang dibayar"):
        pay_benefit(counter, teller, PayBenefit(claim_no, NIK_COURIER, "cash"))
    monkeypatch.setenv("SPO_UPSTREAM_URL", deciding.url)
    resumed = resume_payouts(counter)
    assert (resumed.released, resumed.waiting) == ((claim_no,), 0)
    assert not counter.upstream_link.state.offline  # the release got through: online again
    assert pay_benefit(counter, teller, PayBenefit(claim_no, NIK_COURIER, "cash")).confirmed


def test_a_rejected_claim_is_refused_with_its_reason(
    counter: Counter, teller: User, deciding: RunningSandbox
) -> None:
    claim_no = decided_claim(counter, teller, documents={"kartu_peserta": "original"})
    (row,) = find_claims(counter, ClaimQuery(search=claim_no))
    assert row.state.value == "rejected"
    assert row.rejection_reason
    with pytest.raises(DomainError) as rejected:
        quote_payout(counter, PayBenefit(claim_no, NIK_COURIER, "cash"))
    assert row.rejection_reason in rejected.value.message_id


def test_cash_above_the_limit_is_refused_and_above_the_threshold_needs_a_supervisor(
    counter: Counter, teller: User, deciding: RunningSandbox
) -> None:
    rich = decided_claim(
        counter,
        teller,
        nik=NIK_RICH,
        participant_name="Hendra Gunawan",
        payout_account_holder="Hendra Gunawan",
    )
    with pytest.raises(DomainError) as too_much:
        quote_payout(counter, PayBenefit(rich, NIK_RICH, "cash"))
    assert too_much.value.field == "method"
    save_settings(
        counter.store.data_dir,
        PcSettings(cash_payout_limit="5000000", cash_payout_approval_above="2000000"),
    )
    claim_no = decided_claim(counter, teller)
    assert quote_payout(counter, PayBenefit(claim_no, NIK_COURIER, "cash")).needs_approval
    with pytest.raises(DomainError) as approval:
        pay_benefit(counter, teller, PayBenefit(claim_no, NIK_COURIER, "cash"))
    assert approval.value.field == "supervisor_id"
    assert open_payouts(counter) == 0
    paid = pay_benefit(
        counter,
        teller,
        PayBenefit(
            claim_no, NIK_COURIER, "cash", supervisor_id="spv01", supervisor_pin=PINS["spv01"]
        ),
    )
    assert paid.confirmed
    assert paid.captured.amount == SITI_NET


def test_a_payout_cut_off_after_the_reserve_is_released_at_the_next_start(
    counter: Counter, teller: User, deciding: RunningSandbox
) -> None:
    claim_no = decided_claim(counter, teller)
    with pytest.raises(Crash):
        pay_benefit(
            counter, teller, PayBenefit(claim_no, NIK_COURIER, "cash"), after=_crash_at("reserved")
        )
    assert open_payouts(counter) == 1
    with pytest.raises(DomainError, match="sedang berjalan atau terputus"):
        quote_payout(counter, PayBenefit(claim_no, NIK_COURIER, "cash"))
    # While a running program holds the payout (its lock), a resume elsewhere leaves it be.
    (payout_id,) = _open_ids(counter)
    held = try_hold(counter.store.data_dir / "payouts" / f"{payout_id}.lock")
    assert held is not None
    assert resume_payouts(counter).busy == 1
    assert open_payouts(counter) == 1
    held.release()
    resumed = resume_payouts(counter)
    assert (resumed.confirmed, resumed.released) == ((), (claim_no,))
    assert open_payouts(counter) == 0
    # Freed upstream: paid now, once.
    assert pay_benefit(counter, teller, PayBenefit(claim_no, NIK_COURIER, "cash")).confirmed


def test_a_payout_cut_off_after_the_money_moved_is_confirmed_at_the_next_start(
    counter: Counter, teller: User, deciding: RunningSandbox
) -> None:
    claim_no = decided_claim(counter, teller)
    with pytest.raises(Crash):
        pay_benefit(
            counter, teller, PayBenefit(claim_no, NIK_COURIER, "cash"), after=_crash_at("paid")
        )
    resumed = resume_payouts(counter)
    assert (resumed.confirmed, resumed.released) == ((claim_no,), ())
    assert resume_payouts(counter).anything is False
    assert upload(counter, Upload(pull_reference=False)).problem is None
    assert _status(counter, claim_no) == "paid"


def test_a_death_claim_is_paid_to_the_heir_the_handover_names(
    counter: Counter, teller: User, deciding: RunningSandbox
) -> None:
    claim_no = decided_claim(
        counter,
        teller,
        reason="death",
        event_date="",
        claimant_name="Budi Santoso",
        payout_account_holder="Budi Santoso",
        documents={
            "kartu_peserta": "original",
            "akta_kematian": "original",
            "surat_keterangan_ahli_waris": "original",
            "ktp_ahli_waris": "copy",
        },
    )
    assert _status(counter, claim_no) == "approved"
    # The deceased's own NIK is not the heir's KTP.
    with pytest.raises(DomainError) as deceased:
        quote_payout(counter, PayBenefit(claim_no, NIK_COURIER, "cash", heir_name="Budi Santoso"))
    assert deceased.value.field == "nik"
    with pytest.raises(DomainError) as other:
        quote_payout(counter, PayBenefit(claim_no, NIK_TRADER, "cash", heir_name="Agus Salim"))
    assert other.value.field == "heir_name"
    paid = pay_benefit(
        counter, teller, PayBenefit(claim_no, NIK_TRADER, "cash", heir_name="budi santoso")
    )
    assert paid.confirmed
    assert (paid.quote.claimant_name, paid.quote.claimant_nik) == ("Budi Santoso", NIK_TRADER)


def test_a_claim_handed_over_at_another_counter_is_found_and_paid_there_once(
    counter: Counter,
    teller: User,
    clock: FakeClock,
    deciding: RunningSandbox,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    claim_no = decided_claim(counter, teller)  # handed over at counter 01
    store = Store(second_counter(tmp_path / "counter02", clock))
    other = Counter(store, clock=clock)
    try:
        monkeypatch.setenv("SPO_UPSTREAM_TOKEN", TOKEN_OTHER)
        (row,) = find_claims(other, ClaimQuery(search=claim_no))
        assert (row.state.value, row.handed_over_at) == ("approved", "BNI-0123-01")
        assert (row.participant_name, row.net) == ("Siti Aminah", SITI_NET)
        by_nik = find_claims(other, ClaimQuery(search=NIK_COURIER, status="approved"))
        assert [found.receipt_no for found in by_nik] == [claim_no]
        with pytest.raises(DomainError) as wrong:
            pay_benefit(other, teller, PayBenefit(claim_no, NIK_TRADER, "transfer", reference="T"))
        assert wrong.value.field == "nik"
        assert open_payouts(other) == 0
        paid = pay_benefit(
            other, teller, PayBenefit(claim_no, NIK_COURIER, "transfer", reference="TRF-02-1")
        )
        assert paid.confirmed
        assert paid.captured.receipt_no.startswith("BNI-0123-02-")
        assert (paid.quote.handed_over_at, paid.quote.net) == ("BNI-0123-01", SITI_NET)
        (row,) = find_claims(other, ClaimQuery(search=claim_no))
        assert (row.state.value, row.paid_receipt_no) == ("paid", paid.captured.receipt_no)
        with pytest.raises(DomainError, match="sudah dibayar"):
            pay_benefit(other, teller, PayBenefit(claim_no, NIK_COURIER, "transfer", reference="X"))
        outcome = upload(other, Upload(pull_reference=False))
        assert (outcome.problem, outcome.report.quarantined) == (None, [])
    finally:
        store.close()
    # The counter that took the claim learns it was paid, and pays it no more.
    monkeypatch.setenv("SPO_UPSTREAM_TOKEN", TOKEN)
    assert upload(counter, Upload(pull_reference=False)).problem is None
    assert _status(counter, claim_no) == "paid"
    with pytest.raises(DomainError, match="sudah dibayar"):
        quote_payout(counter, PayBenefit(claim_no, NIK_COURIER, "cash"))


def test_a_claim_from_another_counter_needs_the_link_and_an_unknown_one_is_named(
    counter: Counter,
    teller: User,
    clock: FakeClock,
    deciding: RunningSandbox,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    claim_no = decided_claim(counter, teller)
    store = Store(second_counter(tmp_path / "counter02", clock))
    other = Counter(store, clock=clock)
    try:
        monkeypatch.setenv("SPO_UPSTREAM_TOKEN", TOKEN_OTHER)
        unknown = claim_no[:-7] + "0000099"
        with pytest.raises(DomainError) as nowhere:
            quote_payout(other, PayBenefit(unknown, NIK_COURIER, "cash"))
        assert nowhere.value.field == "claim_receipt_no"
        assert "nor at the upstream" in nowhere.value.message_en
        monkeypatch.setenv("SPO_UPSTREAM_URL", closed_port_url())
        with pytest.raises(DomainError) as offline:
            pay_benefit(other, teller, PayBenefit(claim_no, NIK_COURIER, "cash"))
        assert offline.value.field == "upstream"
        assert "another counter" in offline.value.message_en
        assert "Nothing was paid" in offline.value.message_en
        assert open_payouts(other) == 0
        assert find_claims(other, ClaimQuery(search=claim_no)) == ()  # offline: none shown
    finally:
        store.close()


@pytest.mark.parametrize(("step", "outcome"), [("reserved", "released"), ("paid", "confirmed")])
def test_a_timed_upload_finishes_a_payout_cut_off_while_the_window_was_open(
    counter: Counter, teller: User, deciding: RunningSandbox, step: str, outcome: str
) -> None:
    claim_no = decided_claim(counter, teller)
    with pytest.raises(Crash):
        pay_benefit(
            counter, teller, PayBenefit(claim_no, NIK_COURIER, "cash"), after=_crash_at(step)
        )
    timed = upload(counter, Upload(only_if_waiting=True, pull_reference=False))
    assert timed.ran  # the open payout is reason enough for a timed run
    assert timed.payouts is not None
    assert getattr(timed.payouts, outcome) == (claim_no,)
    assert (timed.problem, timed.report.quarantined) == (None, [])
    assert open_payouts(counter) == 0
    assert upload(counter, Upload(only_if_waiting=True, pull_reference=False)).payouts is None
    if outcome == "confirmed":  # the payment went up with the run; the upstream says paid
        assert upload(counter, Upload(pull_reference=False)).problem is None
        assert _status(counter, claim_no) == "paid"
    else:
        assert _status(counter, claim_no) == "approved"
