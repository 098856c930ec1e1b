"""The records the upstream refused, with its reasons, and refunding a refused payment."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.counter import Counter
from desktop.services.auth import User
from desktop.services.capture import Captured
from desktop.services.quarantine import QuarantinedRecord, quarantined
from desktop.services.refunds import RefundPayment, refund_payment
from ui.operations import Changes, Op

if TYPE_CHECKING:
    from ui.context import Context


def quarantined_op(counter: Counter) -> Op[list[QuarantinedRecord]]:
    return Op("quarantined", lambda: quarantined(counter))


def refund_op(ctx: Context, actor: User, cmd: RefundPayment) -> Op[Captured]:
    """A refund is a capture of its own, with its own receipt (shown to print once stored)."""
    return Op(
        "refund_payment",
        lambda: refund_payment(ctx.counter, actor, cmd),
        changes=Changes.capture,
        notifier=ctx.changes,
    )
