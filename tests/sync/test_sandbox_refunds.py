"""The upstream's side of a refund: it takes the refund of a payment it refused, and refuses what
no counter's refund can be (a payment it holds, another amount), and the payment sent again."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from desktop.counter import Counter
from desktop.services.auth import User
from desktop.services.capture import Captured, capture
from desktop.services.contributions import pay_bpu
from desktop.services.refunds import RefundPayment, refund_payment
from desktop.services.registration import register_participant
from desktop.store.schema import outbox
from desktop.sync.sandbox.server import RunningSandbox
from tests.conftest import PINS, FakeClock
from tests.services.conftest import bpu_payment, registration
from tests.sync.registry_support import fixtures, refused_payment, upload
from tests.sync.sandbox_support import CODE_A, TOKENS

TOKEN = TOKENS[CODE_A]


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
