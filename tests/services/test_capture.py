"""The capture path: gapless receipt numbers, all-or-nothing writes, append-only records."""

from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa

from desktop.counter import Counter
from desktop.services import capture as capture_module
from desktop.services.auth import User
from desktop.services.capture import Captured, capture
from desktop.services.claims import hand_over_claim
from desktop.services.contributions import pay_bpu, pay_pu
from desktop.services.receipts import issue_receipt, record_print
from desktop.services.refunds import RefundPayment, refund_payment
from desktop.services.registration import register_participant
from desktop.services.unverified import PayUnverifiedBpu, pay_unverified_bpu
from desktop.services.voids import VoidTransaction, void_transaction
from desktop.store.schema import (
    APPEND_ONLY_TABLES,
    audit_events,
    metadata,
    outbox,
    payout_ends,
    payouts,
    transactions,
)
from tests.conftest import PINS
from tests.helpers import closed_port_url
from tests.services.agents_support import ACTIVE, with_register
from tests.services.conftest import NIK_WOMAN, bpu_payment, claim, pu_payment, registration


def _counts(counter: Counter) -> tuple[int, int, int]:
    with counter.store.read() as connection:
        return tuple(  # type: ignore[return-value]
            connection.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
            for t in (transactions, audit_events, outbox)
        )


def test_a_crash_mid_capture_leaves_nothing_and_loses_no_receipt_number(
    counter: Counter, teller: User, registered: Captured, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _counts(counter)

    def power_cut(*_args: object, **_kwargs: object) -> None:
        raise OSError("power cut while writing the audit event")

    monkeypatch.setattr(capture_module, "append_event", power_cut)
    with pytest.raises(OSError, match="power cut"):
        pay_bpu(counter, teller, bpu_payment())
    assert _counts(counter) == before
    monkeypatch.undo()
    paid = pay_bpu(counter, teller, bpu_payment())
    assert paid.receipt_no == "BNI-0123-01-0000002"


def test_receipt_numbers_stay_gapless_and_unique_with_two_writers(
    counter: Counter, teller: User
) -> None:
    """Two threads capturing at once (the GUI's worker and a CLI import) never share a number."""
    niks = [f"31710117088500{i:02d}" for i in range(1, 21)]
    errors: list[BaseException] = []

    def register(batch: list[str]) -> None:
        try:
            for nik in batch:
                register_participant(counter, teller, registration(nik=nik))
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=register, args=(niks[i::2],)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    with counter.store.read() as connection:
        seqs = sorted(connection.execute(sa.select(transactions.c.seq)).scalars())
    assert seqs == list(range(1, 21))


@pytest.mark.parametrize("table", APPEND_ONLY_TABLES)
@pytest.mark.parametrize(
    "statement", ["UPDATE {table} SET {column} = {column}", "DELETE FROM {table}"]
)
def test_money_and_printed_records_are_never_updated_or_deleted(
    counter: Counter,
    teller: User,
    registered: Captured,
    table: str,
    statement: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with_register(counter)
    paid = pay_bpu(counter, teller, bpu_payment(agent_code=ACTIVE))  # its contribution_agents row
    monkeypatch.setenv("SPO_UPSTREAM_TOKEN", "token")
    pay_unverified_bpu(  # offline, for a NIK nobody knows: its payer row
        counter,
        teller,
        PayUnverifiedBpu(
            "3578010101900003", "Bambang Wijaya", "01/01/1990", 1_000_000, "JKK+JKM", 1,
            "2026-12", upstream_url=closed_port_url(),
        ),
    )  # fmt: skip
    handed = hand_over_claim(counter, teller, claim())
    _benefit_paid(counter, teller, handed)
    void_transaction(
        counter, teller, VoidTransaction(paid.receipt_no, "Salah input", "spv01", PINS["spv01"])
    )
    record_print(counter, teller, issue_receipt(counter, teller, paid.receipt_no), "printed")
    refused = pay_bpu(counter, teller, bpu_payment(period_start="2026-12"))
    with counter.store.write() as connection:  # as an upload the upstream refused leaves it
        connection.execute(
            sa.update(outbox).where(outbox.c.seq == refused.seq).values(status="quarantined")
        )
    refund_payment(counter, teller, RefundPayment(refused.receipt_no, "spv01", PINS["spv01"]))
    pay_pu(counter, teller, pu_payment())  # by debit: its bank reference row
    with (  # noqa: PT012 - the statement needs the connection the scope opens
        pytest.raises(sa.exc.IntegrityError, match="append-only"),
        counter.store.write() as connection,
    ):
        column = list(metadata.tables[table].columns)[-1].name
        connection.execute(sa.text(statement.format(table=table, column=column)))


def test_a_participant_row_only_ever_gains_its_kpj(
    counter: Counter, teller: User, registered: Captured
) -> None:
    with counter.store.write() as connection:
        connection.execute(sa.text("UPDATE participants SET kpj = '12345678901'"))
    for statement in (
        "UPDATE participants SET kpj = '99999999999'",
        f"UPDATE participants SET nik = '{NIK_WOMAN}'",
        "DELETE FROM participants",
    ):
        with pytest.raises(sa.exc.IntegrityError), counter.store.write() as connection:
            connection.execute(sa.text(statement))


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE receipt_sequence SET last_seq = last_seq + 2",
        "UPDATE receipt_sequence SET last_seq = last_seq - 1",
        "DELETE FROM receipt_sequence",
        "UPDATE counter_profile SET receipt_secret = 'x'",
        "DELETE FROM counter_profile",
    ],
)
def test_the_receipt_sequence_and_counter_identity_are_protected(
    counter: Counter, statement: str
) -> None:
    with pytest.raises(sa.exc.IntegrityError), counter.store.write() as connection:
        connection.execute(sa.text(statement))


def _benefit_paid(counter: Counter, teller: User, handed: Captured) -> None:
    """A payout's rows as desktop/services/benefit_payout.py writes them (here without the
    upstream, which tests/sync/test_benefit_payout.py brings)."""
    now = counter.now()
    with counter.store.write() as connection:
        connection.execute(
            sa.insert(payouts).values(
                id="p-1", claim_id=handed.transaction_id, claim_seq=handed.seq,
                claim_receipt_no=handed.receipt_no,
                reserved_at=now.isoformat(), teller_id=teller.id, method="cash",
                claimant_nik=NIK_WOMAN,
            )
        )  # fmt: skip
        capture(
            connection,
            counter,
            kind="benefit_payment",
            actor=teller,
            now=now,
            amount=1_000,
            details={
                "payout_id": "p-1", "claim_id": handed.transaction_id,
                "claim_receipt_no": handed.receipt_no, "reason": "resignation",
                "claimant_name": "Ratna Handayani", "claimant_nik": NIK_WOMAN, "nik": NIK_WOMAN,
                "gross": 1_000, "tax": 0, "net": 1_000, "method": "cash",
            },
        )  # fmt: skip
        connection.execute(
            sa.insert(payout_ends).values(
                payout_id="p-1", outcome="confirmed", ended_at=now.isoformat(), note="test"
            )
        )
