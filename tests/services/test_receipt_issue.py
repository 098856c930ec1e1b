"""Issuing receipts: one original, numbered reprints (audited), the print journal, QR checks."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest
import sqlalchemy as sa

from desktop.counter import Counter
from desktop.errors import DomainError
from desktop.receipts.layout import render_pdf
from desktop.receipts.model import Paper
from desktop.receipts.signing import parse, sign
from desktop.services.auth import User
from desktop.services.capture import Captured
from desktop.services.claims import hand_over_claim
from desktop.services.contributions import pay_bpu, pay_pu
from desktop.services.receipts import (
    check_receipt,
    issue_receipt,
    never_printed,
    record_print,
    reprint_receipt,
)
from desktop.services.voids import VoidTransaction, void_transaction
from desktop.settings import PcSettings, save_settings, settings_file
from desktop.store.schema import audit_events, print_attempts
from tests.conftest import PINS, FakeClock
from tests.services.conftest import bpu_payment, claim, pu_payment


def test_the_first_issue_is_the_original_and_every_later_one_a_numbered_copy(
    counter: Counter, teller: User, registered: Captured
) -> None:
    first = issue_receipt(counter, teller, registered.receipt_no)
    record_print(counter, teller, first, "printed", "Kasir-1")
    again = issue_receipt(counter, teller, registered.receipt_no)
    third = reprint_receipt(counter, teller, registered.receipt_no)
    assert [first.copy_number, again.copy_number, third.copy_number] == [0, 1, 2]
    assert not first.data.is_copy
    assert third.data.is_copy
    assert first.paper is Paper.ROLL_80  # the counter's default
    with counter.store.read() as connection:
        reprints = (
            connection.execute(
                sa.select(audit_events.c.details).where(audit_events.c.action == "receipt.reprint")
            )
            .scalars()
            .all()
        )
    assert len(reprints) == 2  # each reprint audited, the original not


def test_a_receipt_that_never_went_out_is_the_original_however_often_it_is_made(
    counter: Counter, teller: User, registered: Captured
) -> None:
    """The printer failed, the preview was closed unprinted: the participant has no paper, so
    the next one is the original, never "SALINAN KE-1"; the first one printed or saved is the
    last original."""
    assert reprint_receipt(counter, teller, registered.receipt_no).copy_number == 0
    failed = issue_receipt(counter, teller, registered.receipt_no)
    record_print(counter, teller, failed, "failed", "Printer Kasir-1 tidak menjawab.")
    again = reprint_receipt(counter, teller, registered.receipt_no)
    assert again.copy_number == 0
    assert not again.data.is_copy
    record_print(counter, teller, again, "saved", "tanda-terima.pdf")
    copy = reprint_receipt(counter, teller, registered.receipt_no)
    assert copy.copy_number == 1
    assert copy.data.is_copy
    with counter.store.read() as connection:
        audited = connection.execute(
            sa.select(sa.func.count()).where(audit_events.c.action == "receipt.reprint")
        ).scalar_one()
    assert audited == 1  # only the copy is a reprint


def test_a_bpu_payment_receipt_says_what_the_participant_paid(
    counter: Counter, teller: User, registered: Captured
) -> None:
    paid = pay_bpu(
        counter, teller, bpu_payment(programs="JKK+JKM+JHT", months=3, cash_given=120_000)
    )
    data = issue_receipt(counter, teller, paid.receipt_no, paper=Paper.A4_TWO_COPIES).data
    assert data.title == "BUKTI PEMBAYARAN IURAN"
    assert data.receipt_no == "BNI-0123-01-0000002"
    assert data.issued_at == "24/11/2026 10:00:00 WIB"
    assert data.teller == "Dewi Lestari (teller01)"
    party = {line.label: line.value for line in data.party}
    assert party == {"Nama": "Joko Susanto", "NIK": "3171••••••••0002"}
    details = {line.label: line.value for line in data.details}
    assert details["Periode"] == "Nov 2026 - Jan 2027 (3 bulan)"
    assert details["Penghasilan"] == "Rp1.000.000"
    assert [(line.label, line.value) for line in data.amounts] == [
        ("JKK - Kecelakaan Kerja", "Rp30.000"),
        ("JKM - Kematian", "Rp20.400"),
        ("JHT - Hari Tua", "Rp60.000"),
    ]
    assert data.total == "Rp110.400"
    assert data.total_words == "SERATUS SEPULUH RIBU EMPAT RATUS RUPIAH"
    tender = {line.label: line.value for line in data.tender}
    assert tender == {"Cara bayar": "Tunai", "Diterima": "Rp120.000", "Kembali": "Rp9.600"}


def test_a_pu_receipt_names_the_employer_and_masks_the_debit_account(
    counter: Counter, teller: User
) -> None:
    paid = pay_pu(counter, teller, pu_payment())
    issued = issue_receipt(counter, teller, paid.receipt_no)
    data = issued.data
    assert {line.label: line.value for line in data.party}["Perusahaan"] == "PT Maju Jaya Abadi"
    assert data.total == "Rp924.000"
    assert data.tender[0].value == "Debit rekening 0123••6789"
    # The bank's reference of the debit, as the teller copied it from the slip.
    assert (data.tender[1].label, data.tender[1].value) == ("Ref. debit", "APV123456")
    text = "".join(
        page.extract_text()
        for page in pypdf.PdfReader(io.BytesIO(render_pdf(data, issued.paper))).pages
    )
    assert "APV123456" in text


def test_a_claim_receipt_lists_the_checklist_and_says_it_is_not_proof_of_payment(
    counter: Counter, teller: User
) -> None:
    handed = hand_over_claim(counter, teller, claim())
    data = issue_receipt(counter, teller, handed.receipt_no).data
    statuses = {doc.name: doc.status for doc in data.documents}
    assert "Asli" in statuses.values()
    assert "Fotokopi" in statuses.values()  # a photocopy; "Salinan" marks a reprint
    assert data.signatures == ("Penyerah berkas", "Teller")
    assert data.total is None
    assert any("BUKAN bukti" in note for note in data.notes)
    assert all(doc.required for doc in data.documents if doc.status == "TIDAK ADA")


def test_a_void_receipt_names_what_it_voids_and_the_approver(
    counter: Counter, teller: User, registered: Captured
) -> None:
    paid = pay_bpu(counter, teller, bpu_payment())
    void = void_transaction(
        counter, teller, VoidTransaction(paid.receipt_no, "Salah input", "spv01", PINS["spv01"])
    )
    data = issue_receipt(counter, teller, void.receipt_no).data
    body = {line.label: line.value for line in (*data.party, *data.details)}
    assert body["Membatalkan"] == paid.receipt_no
    assert body["Disetujui"] == "Siti Rahmawati"
    assert body["Jumlah"] == "Rp16.800 dikembalikan tunai"


def test_print_attempts_are_journaled_and_unprinted_receipts_found(
    counter: Counter, teller: User, registered: Captured
) -> None:
    paid = pay_bpu(counter, teller, bpu_payment())
    assert never_printed(counter) == [registered.receipt_no, paid.receipt_no]
    first = issue_receipt(counter, teller, paid.receipt_no)
    record_print(counter, teller, first, "failed", "Printer: kertas habis")
    assert never_printed(counter) == [registered.receipt_no, paid.receipt_no]
    record_print(counter, teller, first, "printed")
    assert never_printed(counter) == [registered.receipt_no]
    with counter.store.read() as connection:
        outcomes = connection.execute(
            sa.select(print_attempts.c.outcome, print_attempts.c.detail).order_by(
                print_attempts.c.id
            )
        ).all()
    assert [tuple(row) for row in outcomes] == [
        ("failed", "Printer: kertas habis"),
        ("printed", None),
    ]


def test_an_unknown_receipt_cannot_be_issued(counter: Counter, teller: User) -> None:
    with pytest.raises(DomainError, match="tidak ditemukan") as caught:
        issue_receipt(counter, teller, "BNI-0123-01-0000099")
    assert caught.value.field == "receipt_no"


def test_a_genuine_qr_checks_out_and_a_void_is_reported(
    counter: Counter, teller: User, registered: Captured
) -> None:
    paid = pay_bpu(counter, teller, bpu_payment())
    text = issue_receipt(counter, teller, paid.receipt_no).data.qr_text
    assert check_receipt(counter, text).genuine
    void_transaction(
        counter, teller, VoidTransaction(paid.receipt_no, "Salah input", "spv01", PINS["spv01"])
    )
    check = check_receipt(counter, text)
    assert check.genuine
    assert check.voided_by == "BNI-0123-01-0000003"


def test_a_tampered_amount_or_a_forged_signature_fails(
    counter: Counter, teller: User, registered: Captured
) -> None:
    paid = pay_bpu(counter, teller, bpu_payment())
    text = issue_receipt(counter, teller, paid.receipt_no).data.qr_text
    parsed = parse(text)
    assert parsed is not None
    facts = parsed[0]
    tampered = text.replace("|16800|", "|168000|")
    check = check_receipt(counter, tampered)
    assert not check.genuine
    assert any("palsu" in message for message, _ in check.problems)
    forged = sign("00" * 32, facts)  # signed with a key that is not the counter's
    assert not check_receipt(counter, forged).genuine
    assert not check_receipt(counter, "https://example.invalid/qr").genuine
    other = text.replace("BNI-0123-01|", "BNI-0999-01|")
    assert "loket lain" in check_receipt(counter, other).problems[0][0]


def test_a_transport_workers_receipt_shows_the_pp_50_2025_discount_as_its_own_line(
    counter: Counter, teller: User, registered: Captured, tmp_path: Path
) -> None:
    paid = pay_bpu(
        counter, teller, bpu_payment(programs="JKK+JKM+JHT", months=3, sector="transport")
    )
    issued = issue_receipt(counter, teller, paid.receipt_no, paper=Paper.A5)
    data = issued.data
    assert [(line.label, line.value) for line in data.amounts] == [
        ("JKK - Kecelakaan Kerja", "Rp30.000"),
        ("JKM - Kematian", "Rp20.400"),
        ("JHT - Hari Tua", "Rp60.000"),
        ("Diskon PP 50/2025 (JKK+JKM)", "-Rp25.200"),
    ]
    assert data.total == "Rp85.200"
    pdf = render_pdf(data, issued.paper)
    (tmp_path / "pp50.pdf").write_bytes(pdf)
    text = " ".join(pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    assert "Diskon PP 50/2025 (JKK+JKM) -Rp25.200" in text
    assert "Rp85.200" in text


def test_a_pu_receipt_since_pp_6_2025_lists_the_jkp_line(counter: Counter, teller: User) -> None:
    billed = {"JKK": 10_000, "JKM": 30_000, "JHT": 570_000, "JP": 300_000, "JKP": 14_000}
    paid = pay_pu(counter, teller, pu_payment(billed=billed))
    data = issue_receipt(counter, teller, paid.receipt_no).data
    assert [(line.label, line.value) for line in data.amounts] == [
        ("JKK - Kecelakaan Kerja", "Rp10.000"),
        ("JKM - Kematian", "Rp30.000"),
        ("JHT - Hari Tua", "Rp570.000"),
        ("JP - Pensiun", "Rp300.000"),
        ("JKP - Kehilangan Pekerjaan", "Rp14.000"),
    ]
    assert data.total == "Rp924.000"


def test_a_reprint_says_when_and_by_whom_and_the_original_does_not(
    counter: Counter, teller: User, supervisor: User, registered: Captured, clock: FakeClock
) -> None:
    issued = issue_receipt(counter, teller, registered.receipt_no)
    original = issued.data
    assert original.reprinted == ""
    record_print(counter, teller, issued, "printed", "Kasir-1")  # the original went out
    clock.advance(hours=2, minutes=15)
    copy = reprint_receipt(counter, supervisor, registered.receipt_no)
    # START is 03:00 UTC, 10:00 in Jakarta: the reprint is at 12:15 WIB, by the supervisor.
    assert copy.data.reprinted == (
        f"Dicetak ulang 24/11/2026 12:15 WIB oleh {supervisor.name} ({supervisor.id})"
    )
    text = " ".join(
        page.extract_text()
        for page in pypdf.PdfReader(io.BytesIO(render_pdf(copy.data, Paper.ROLL_80))).pages
    )
    assert "Dicetak ulang 24/11/2026 12:15 WIB" in " ".join(text.split())


def test_receipts_name_bpjs_ketenagakerjaan_and_pu_goes_to_the_employer(
    counter: Counter, teller: User
) -> None:
    paid = pay_pu(counter, teller, pu_payment())
    data = issue_receipt(counter, teller, paid.receipt_no).data
    assert data.payee == "BPJS Ketenagakerjaan"
    assert data.bank == counter.profile.bank_code
    assert data.holder == "Pemberi Kerja"
    assert data.signatures == ()


def test_the_branch_address_from_the_settings_is_printed_under_the_branch(
    counter: Counter, teller: User, registered: Captured
) -> None:
    assert issue_receipt(counter, teller, registered.receipt_no).data.branch_address == ""
    address = "Jl. Lada No. 1,\n  Pinangsia, Jakarta Barat 11110"
    save_settings(counter.store.data_dir, PcSettings(branch_address=address))
    copy = reprint_receipt(counter, teller, registered.receipt_no)
    assert copy.data.branch_address == "Jl. Lada No. 1, Pinangsia, Jakarta Barat 11110"
    text = " ".join(
        page.extract_text()
        for page in pypdf.PdfReader(io.BytesIO(render_pdf(copy.data, Paper.ROLL_80))).pages
    )
    assert "Jl. Lada No. 1, Pinangsia, Jakarta Barat 11110" in " ".join(text.split())


@pytest.mark.parametrize("address", ["x" * 151, "Jl. Lada\x07 No. 1"])
def test_a_branch_address_too_long_or_with_control_characters_is_refused(
    counter: Counter, address: str
) -> None:
    with pytest.raises(DomainError) as refused:
        save_settings(counter.store.data_dir, PcSettings(branch_address=address))
    assert refused.value.field == "branch_address"
    assert not settings_file(counter.store.data_dir).exists()
