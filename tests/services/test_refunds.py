"""Refunds against the real sandbox with its registry: a payment of a period the fixtures say was
paid elsewhere is refused on upload and quarantined, then given back with a supervisor's approval,
with its own receipt, in the day's cash and in its close report."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import pypdf
import pytest
import sqlalchemy as sa

from desktop.counter import Counter
from desktop.domain.money import format_rupiah
from desktop.domain.terbilang import terbilang_rupiah
from desktop.errors import DomainError
from desktop.services.auth import User
from desktop.services.business_day import open_day
from desktop.services.capture import Captured
from desktop.services.contributions import pay_bpu, pay_pu
from desktop.services.day_close import CloseDay, count_and_close, count_cash
from desktop.services.journal import journal
from desktop.services.journal_query import JournalQuery, journal_page, row_statuses
from desktop.services.quarantine import quarantined
from desktop.services.receipt_output import prepare_receipt
from desktop.services.refunds import RefundPayment, refund_payment
from desktop.services.verify import verify_store
from desktop.services.voids import VoidTransaction, void_transaction
from desktop.store.schema import audit_events, outbox, refunds, transactions
from desktop.sync.outbox import requeue_quarantined
from desktop.sync.sandbox.server import RunningSandbox
from tests.conftest import PINS, FakeClock
from tests.services.conftest import bpu_payment, pu_payment
from tests.sync.registry_support import (
    CODE_PAID,
    NIK_TRADER,
    TOKEN,
    refused_payment,
    registry_sandbox,
)
from tests.sync.registry_support import upload as upload_to

CODE = "BNI-0123-01"
FLOAT = "100000=5"  # Rp500.000


def pdf_text(pdf: bytes) -> str:
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pages))


@pytest.fixture
def upstream(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    with registry_sandbox(tmp_path_factory.mktemp("up")) as running:
        yield running


def upload(counter: Counter, upstream: RunningSandbox) -> None:
    upload_to(counter, upstream, TOKEN)


def outbox_status(counter: Counter, seq: int) -> str:
    with counter.store.read() as connection:
        return str(
            connection.execute(sa.select(outbox.c.status).where(outbox.c.seq == seq)).scalar_one()
        )


@pytest.fixture
def paid(counter: Counter, teller: User, clock: FakeClock, upstream: RunningSandbox) -> Captured:
    """A payment in cash the upstream refused (tests/sync/registry_support.py)."""
    open_day(counter, teller, FLOAT)
    clock.advance(minutes=5)
    payment = refused_payment(counter, teller, upstream, TOKEN)
    assert outbox_status(counter, payment.seq) == "quarantined"
    return payment


def refund(receipt_no: str, supervisor: str = "spv01", pin: str | None = None) -> RefundPayment:
    return RefundPayment(receipt_no, supervisor, PINS[supervisor] if pin is None else pin)


def count_of(counter: Counter, table: sa.Table) -> int:
    with counter.store.read() as connection:
        return int(connection.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())


def test_a_refused_payment_is_refunded_uploaded_and_the_day_closes_balanced(
    counter: Counter, teller: User, clock: FakeClock, upstream: RunningSandbox, paid: Captured
) -> None:
    clock.advance(minutes=10)
    given = refund_payment(counter, teller, refund(paid.receipt_no))
    assert (given.kind, given.amount, given.receipt_no) == (
        "refund",
        paid.amount,
        f"{CODE}-0000003",
    )
    with counter.store.read() as connection:
        row = connection.execute(sa.select(refunds)).mappings().one()
        event = connection.execute(
            sa.select(audit_events.c.action, audit_events.c.actor).where(
                audit_events.c.entity_id == given.transaction_id
            )
        ).one()
        original = connection.execute(
            sa.select(transactions.c.amount).where(transactions.c.seq == paid.seq)
        ).scalar_one()
    assert (row["refunded_seq"], row["approved_by"]) == (paid.seq, "spv01")
    assert "sudah dibayar melalui kanal lain" in row["reason"]
    assert tuple(event) == ("refund", "teller01")
    assert original == paid.amount  # nothing deleted, nothing changed
    registration_refused, shown = quarantined(counter)
    assert registration_refused.kind == "registration"  # registered elsewhere: not money
    assert (shown.receipt_no, shown.refunded_by, shown.refundable) == (
        paid.receipt_no,
        given.receipt_no,
        False,
    )

    # The journal shows both: the payment refunded by the refund, the refund naming the payment.
    entries = {entry.receipt_no: entry for entry in journal(counter)}
    assert (entries[paid.receipt_no].status, entries[paid.receipt_no].refunded_by) == (
        "refunded",
        given.receipt_no,
    )
    assert entries[given.receipt_no].kind == "refund"
    page = journal_page(counter, JournalQuery(day=None))
    rows = {row.receipt_no: row for row in page.rows}
    assert rows[paid.receipt_no].refunded_by == given.receipt_no
    assert rows[given.receipt_no].refunds == paid.receipt_no
    assert row_statuses(counter, [paid.seq])[paid.seq].refunded_by == given.receipt_no

    # The upstream takes the refund (BPJS sees the money went back); the payment stays refused,
    # and sending the quarantined records again leaves the refunded one where it is.
    upload(counter, upstream)
    assert outbox_status(counter, given.seq) == "sent"
    assert requeue_quarantined(counter) == 1  # the registration only
    assert outbox_status(counter, paid.seq) == "quarantined"

    # In the drawer: the float only (the payment came in, the refund went out).
    clock.advance(minutes=10)
    closed = count_and_close(counter, teller, CloseDay(FLOAT))
    assert (closed.cash_received, closed.cash_refunded) == (paid.amount, paid.amount)
    assert (closed.expected_cash, closed.variance) == (500_000, 0)
    text = pdf_text(closed.pdf)
    assert "− Iuran dikembalikan" in text
    assert "Pengembalian iuran (ditolak server pusat)" in text
    assert f"{given.receipt_no} {paid.receipt_no}" in text
    assert "sudah dibayar melalui kanal lain" in text
    assert verify_store(counter).ok


def test_the_refund_receipt_says_what_was_given_back_and_why(
    counter: Counter, teller: User, paid: Captured
) -> None:
    given = refund_payment(counter, teller, refund(paid.receipt_no))
    text = pdf_text(prepare_receipt(counter, teller, given.receipt_no).pdf)
    assert "BUKTI PENGEMBALIAN IURAN" in text
    assert f"Tanda terima asal {paid.receipt_no}" in text
    assert "Bambang Wijaya" in text
    assert "3578••••••••0003" in text
    assert "Iuran bulan 11/2026 sudah dibayar melalui kanal lain" in text
    assert "period_paid" not in text  # the participant reads the reason, not the code
    assert "Disetujui Siti Rahmawati" in text
    assert f"TOTAL {format_rupiah(paid.amount)}" in text
    assert terbilang_rupiah(paid.amount).upper() in text
    assert "Dikembalikan Tunai" in text
    assert "Penerima (peserta)" in text
    assert re.search(r"Penerima \(peserta\).* Teller", text)


def test_a_payment_is_refunded_once_only(counter: Counter, teller: User, paid: Captured) -> None:
    first = refund_payment(counter, teller, refund(paid.receipt_no))
    with pytest.raises(DomainError) as caught:
        refund_payment(counter, teller, refund(paid.receipt_no, "spv02"))
    assert caught.value.field == "receipt_no"
    assert f"sudah dikembalikan dengan {first.receipt_no}" in caught.value.message_id
    assert count_of(counter, refunds) == 1
    # The money went back: the month counts as unpaid at this counter again.
    assert pay_bpu(counter, teller, bpu_payment(participant=NIK_TRADER)).amount == paid.amount


def test_only_a_quarantined_contribution_payment_can_be_refunded(
    counter: Counter, teller: User, paid: Captured
) -> None:
    accepted_or_pending = pay_bpu(
        counter, teller, bpu_payment(participant=NIK_TRADER, period_start="2026-12")
    )
    before = count_of(counter, transactions)
    registration_no = f"{CODE}-0000001"  # quarantined too (registered elsewhere), not a payment
    cases = [
        (accepted_or_pending.receipt_no, "tidak ditolak server pusat"),
        (registration_no, "Hanya pembayaran iuran"),
        (f"{CODE}-0000099", "tidak ditemukan"),
    ]
    for receipt_no, said in cases:
        with pytest.raises(DomainError) as caught:
            refund_payment(counter, teller, refund(receipt_no))
        assert caught.value.field == "receipt_no"
        assert said in caught.value.message_id
    with pytest.raises(DomainError) as caught:
        refund_payment(counter, teller, refund("not a receipt"))
    assert caught.value.field == "receipt_no"
    assert count_of(counter, transactions) == before


def test_a_voided_payment_is_not_refunded_again(
    counter: Counter, teller: User, paid: Captured
) -> None:
    void_transaction(
        counter, teller, VoidTransaction(paid.receipt_no, "Salah periode", "spv01", PINS["spv01"])
    )
    with pytest.raises(DomainError) as caught:
        refund_payment(counter, teller, refund(paid.receipt_no))
    assert "sudah dibatalkan" in caught.value.message_id


def test_a_wrong_supervisor_pin_refunds_nothing(
    counter: Counter, teller: User, supervisor: User, paid: Captured
) -> None:
    before = count_of(counter, transactions)
    with pytest.raises(DomainError) as caught:
        refund_payment(counter, teller, refund(paid.receipt_no, pin="000000"))
    assert caught.value.field == "supervisor_pin"
    assert "Sisa 4 kali" in caught.value.message_id
    with pytest.raises(DomainError) as own:
        refund_payment(counter, supervisor, refund(paid.receipt_no))
    assert own.value.field == "supervisor_id"
    with pytest.raises(DomainError) as teller_approves:
        refund_payment(counter, teller, refund(paid.receipt_no, "teller02"))
    assert teller_approves.value.field == "supervisor_id"
    assert count_of(counter, transactions) == before
    assert quarantined(counter)[-1].refundable


def test_a_debit_payment_goes_back_to_its_account_not_out_of_the_drawer(
    counter: Counter, teller: User, upstream: RunningSandbox
) -> None:
    """An employer's bill the registry says was paid already, paid here by account debit."""
    open_day(counter, teller, FLOAT)
    billed = pay_pu(
        counter,
        teller,
        pu_payment(payment_code=CODE_PAID, npp="15070957", billed={"JKK": 5_000, "JKM": 15_000}),
    )
    upload(counter, upstream)
    assert outbox_status(counter, billed.seq) == "quarantined"
    given = refund_payment(counter, teller, refund(billed.receipt_no))
    text = pdf_text(prepare_receipt(counter, teller, given.receipt_no).pdf)
    assert "Dikembalikan ke rekening" in text
    assert "0123456789" not in text  # the account masked, as on the payment's receipt
    recorded = count_cash(counter, teller, FLOAT)
    assert (recorded.cash_refunded, recorded.expected_cash, recorded.debit_total) == (0, 500_000, 0)
