"""The upstream's side of a refund: it takes the refund of a payment it refused, and refuses what
no counter's refund can be (a payment it holds, another amount), and the payment sent again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from desktop.counter import Counter
from desktop.domain.users import Role
from desktop.paths import DB_FILENAME
from desktop.services.auth import User
from desktop.services.backups import BackupNow, take_backup
from desktop.services.business_day import open_day
from desktop.services.capture import Captured, capture
from desktop.services.contributions import PayBpuContribution, pay_bpu
from desktop.services.day_close import CloseDay, count_and_close
from desktop.services.journal import journal
from desktop.services.payer import find_payer
from desktop.services.preferences import PcSettings, change_settings
from desktop.services.quarantine import quarantined
from desktop.services.receipts import issue_receipt
from desktop.services.reconcile import ReconcileDay, reconcile_day
from desktop.services.refunds import RefundPayment, refund_payment
from desktop.services.registration import register_participant
from desktop.services.restore import RestoreBackup, restore_backup
from desktop.services.unverified import PayUnverifiedBpu, pay_unverified_bpu
from desktop.services.upload import Link, Upload
from desktop.services.upload import upload as upload_now
from desktop.store import day_rows
from desktop.store.schema import outbox
from desktop.store.store import Store
from desktop.sync.manifest import close_day_upload
from desktop.sync.sandbox.server import RunningSandbox
from tests.conftest import PINS, FakeClock
from tests.helpers import FAST_RETRY, closed_port_url
from tests.services.conftest import bpu_payment, registration
from tests.sync.registry_support import NIK_COURIER, fixtures, refused_payment, upload
from tests.sync.sandbox_support import CODE_A, CODE_B, TOKENS, second_counter

TOKEN = TOKENS[CODE_A]
SPV_B = User("spv01", "Rina Marlina", Role.SUPERVISOR)  # the other counter's first user


@pytest.fixture
def sandbox(sandbox_db_url: str) -> Iterator[RunningSandbox]:
    with RunningSandbox(sandbox_db_url, TOKENS, clock=FakeClock(), fixtures=fixtures()) as running:
        yield running


def outcome(counter: Counter, seq: int) -> tuple[str, str | None]:
    with counter.store.read() as connection:
        row = connection.execute(
            sa.select(outbox.c.status, outbox.c.last_error).where(outbox.c.seq == seq)
        ).one()
    return str(row.status), row.last_error


def forged_refund(counter: Counter, teller: User, of: Captured, amount: int) -> Captured:
    """A refund written past the service's checks: a record of this counter, chain and all."""
    with counter.store.write() as connection:
        return capture(
            connection,
            counter,
            kind="refund",
            actor=teller,
            now=counter.now(),
            amount=amount,
            details={"refunded_seq": of.seq, "reason": "x: y", "approved_by": "spv01"},
        )


def test_the_refund_of_a_refused_payment_is_taken_and_the_payment_never_after(
    counter: Counter, teller: User, sandbox: RunningSandbox
) -> None:
    paid = refused_payment(counter, teller, sandbox, TOKEN)
    given = refund_payment(counter, teller, RefundPayment(paid.receipt_no, "spv01", PINS["spv01"]))
    upload(counter, sandbox, TOKEN)
    assert outcome(counter, given.seq) == ("sent", None)
    # Sent again by hand (the counter never does): the money went back, the upstream refuses it.
    with counter.store.write() as connection:
        connection.execute(
            sa.update(outbox).where(outbox.c.seq == paid.seq).values(status="pending")
        )
    upload(counter, sandbox, TOKEN)
    status, reason = outcome(counter, paid.seq)
    assert status == "quarantined"
    assert str(reason).startswith("payment_refunded: ")


def test_a_refund_of_a_payment_the_upstream_holds_or_of_another_amount_is_refused(
    counter: Counter, teller: User, sandbox: RunningSandbox
) -> None:
    register_participant(counter, teller, registration())
    accepted = pay_bpu(counter, teller, bpu_payment())
    upload(counter, sandbox, TOKEN)
    assert outcome(counter, accepted.seq)[0] == "sent"
    paid = refused_payment(counter, teller, sandbox, TOKEN)
    of_accepted = forged_refund(counter, teller, accepted, accepted.amount)
    other_amount = forged_refund(counter, teller, paid, paid.amount + 1)
    upload(counter, sandbox, TOKEN)
    assert str(outcome(counter, of_accepted.seq)[1]).startswith("refunded_accepted: ")
    assert str(outcome(counter, other_amount.seq)[1]).startswith("refunded_unknown: ")


def test_a_day_whose_refused_payment_was_refunded_is_confirmed(
    counter: Counter,
    teller: User,
    sandbox: RunningSandbox,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Siti (registered elsewhere) is looked up here, then pays November at another counter;
    this counter, offline, takes November too from what it kept: refused upstream, given back,
    and the day's manifest leaves the refunded payment out, so the upstream confirms the day."""
    open_day(counter, teller, "100000=5")
    register_participant(counter, teller, registration())  # accepted: the day's first record
    monkeypatch.setenv("SPO_UPSTREAM_URL", sandbox.url)
    monkeypatch.setenv("SPO_UPSTREAM_TOKEN", TOKEN)
    find_payer(counter, NIK_COURIER)  # paid through October, kept for a week
    store_b, counter_b = second_counter(tmp_path / "b")
    try:
        monkeypatch.setenv("SPO_UPSTREAM_TOKEN", TOKENS[CODE_B])
        find_payer(counter_b, NIK_COURIER)
        pay_bpu(counter_b, SPV_B, PayBpuContribution(NIK_COURIER, 1, "2026-11"))
        assert upload_now(counter_b, Upload(pull_reference=False)).report.quarantined == []
    finally:
        store_b.close()
    monkeypatch.delenv("SPO_UPSTREAM_URL")  # this counter offline: it pays from what it kept
    paid = pay_bpu(counter, teller, PayBpuContribution(NIK_COURIER, 1, "2026-11"))
    monkeypatch.setenv("SPO_UPSTREAM_URL", sandbox.url)
    monkeypatch.setenv("SPO_UPSTREAM_TOKEN", TOKEN)
    assert upload_now(counter, Upload(pull_reference=False)).report.quarantined == [paid.receipt_no]
    refund_payment(counter, teller, RefundPayment(paid.receipt_no, "spv01", PINS["spv01"]))
    closed = count_and_close(counter, teller, CloseDay("100000=5"))
    assert closed.variance == 0
    result = close_day_upload(counter, closed.business_date, sandbox.url, TOKEN)
    assert result.confirmed, result.message_id
    assert reconcile_day(counter, ReconcileDay(closed.business_date)).agree


def test_an_unknown_nik_paid_offline_refused_as_paid_elsewhere_is_refunded_and_the_day_closes(
    counter: Counter,
    teller: User,
    sandbox: RunningSandbox,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The issue's case: offline, Siti (unknown here) pays October, which she paid through the
    app; the upload refuses it, the counter quarantines it, a supervisor approves the refund
    (receipt naming the payer the teller confirmed), and the day closes balanced, confirmed."""
    open_day(counter, teller, "100000=5")
    monkeypatch.setenv("SPO_UPSTREAM_URL", closed_port_url())  # offline
    monkeypatch.setenv("SPO_UPSTREAM_TOKEN", TOKEN)
    paid = pay_unverified_bpu(
        counter,
        teller,
        PayUnverifiedBpu(
            nik=NIK_COURIER,
            full_name="Siti Aminah",
            birth_date="12/03/1988",
            monthly_income="1.000.000",
            programs="JKK+JKM+JHT",
            months=1,
            period_start="2026-10",
            cash_given=50_000,
        ),
    )
    monkeypatch.setenv("SPO_UPSTREAM_URL", sandbox.url)  # the link is back
    assert upload_now(counter, Upload(pull_reference=False)).report.quarantined == [paid.receipt_no]
    [refused] = quarantined(counter)
    assert (refused.participant, refused.refundable) == ("Siti Aminah", True)  # for the dialog
    given = refund_payment(counter, teller, RefundPayment(paid.receipt_no, "spv01", PINS["spv01"]))
    receipt = issue_receipt(counter, teller, given.receipt_no).data
    assert ("Nama", "Siti Aminah") in [(line.label, line.value) for line in receipt.party]
    assert ("Tanda terima asal", paid.receipt_no) in [(d.label, d.value) for d in receipt.details]
    closed = count_and_close(counter, teller, CloseDay("100000=5"))
    assert (closed.cash_received, closed.cash_refunded, closed.variance) == (
        paid.amount,
        paid.amount,
        0,
    )
    assert close_day_upload(counter, closed.business_date, sandbox.url, TOKEN).confirmed


def test_a_refund_taken_back_after_a_restore_without_the_payment_it_gave_back(
    counter: Counter,
    teller: User,
    supervisor: User,
    clock: FakeClock,
    sandbox: RunningSandbox,
) -> None:
    """Backed up, then a payment refused and refunded, the refund uploaded, the store lost: the
    restore takes the refund back (the upstream holds it) though the refused payment is gone
    with the store (the upstream never held it); its number is never handed out again."""
    data_dir = counter.store.data_dir
    change_settings(
        counter,
        supervisor,
        paper="roll80",
        pc=PcSettings(upstream_url=sandbox.url, upstream_token=TOKEN),
    )
    backup = take_backup(counter, supervisor, BackupNow())
    assert backup.ok
    clock.advance(minutes=5)
    paid = refused_payment(counter, teller, sandbox, TOKEN)
    given = refund_payment(counter, teller, RefundPayment(paid.receipt_no, "spv01", PINS["spv01"]))
    upload(counter, sandbox, TOKEN)
    assert outcome(counter, given.seq)[0] == "sent"
    counter.store.close()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{data_dir / DB_FILENAME}{suffix}").unlink(missing_ok=True)

    clock.advance(minutes=5)
    restored_outcome = restore_backup(
        data_dir,
        RestoreBackup(str(backup.path), "spv01", PINS["spv01"]),
        clock=clock,
        link=Link(policy=FAST_RETRY),
    )
    assert restored_outcome.recovery_problem is None
    assert restored_outcome.recovered is not None
    # Numbering goes on after the refund: the lost numbers are never handed out again.
    assert restored_outcome.recovered.last_receipt_seq == given.seq
    restored = Counter(Store(data_dir), clock=clock)
    try:
        assert [e.receipt_no for e in journal(restored) if e.kind == "refund"] == [given.receipt_no]
        text = issue_receipt(restored, teller, given.receipt_no).data
        assert ("Tanda terima asal", paid.receipt_no) in [(d.label, d.value) for d in text.details]
        with restored.store.read() as connection:  # as the day's close report lists it
            [listed] = day_rows.day_refunds(connection, given.business_date.isoformat())
        assert (listed[0], listed[-1]) == (given.receipt_no, paid.receipt_no)
    finally:
        restored.store.close()
