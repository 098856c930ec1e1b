"""F3 offline: a payment for a NIK nobody can verify now, with the teller's confirmation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.counter import Counter
from desktop.services.auth import User
from desktop.services.capture import Captured
from desktop.services.inquiry import InquiryLink
from desktop.services.unverified import PayUnverifiedBpu, may_pay_unverified, pay_unverified_bpu
from ui.operations import Changes, Op

if TYPE_CHECKING:
    from ui.context import Context


def may_pay_unverified_op(counter: Counter, nik: str, link: InquiryLink | None = None) -> Op[str]:
    """Whether to offer the confirmation (inquiry worker: it may ask the upstream)."""
    return Op("may_pay_unverified", lambda: may_pay_unverified(counter, nik, link=link))


def unverified_payment_op(
    ctx: Context, actor: User, cmd: PayUnverifiedBpu, link: InquiryLink | None = None
) -> Op[Captured]:
    return Op(
        "pay_unverified_bpu",
        lambda: pay_unverified_bpu(ctx.counter, actor, cmd, link),
        changes=Changes.capture,
        notifier=ctx.changes,
    )
