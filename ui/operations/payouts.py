"""Paying an approved JHT claim out: its figures checked (database worker), then the payout
itself and the resumption of cut-off ones (network worker: they wait on the upstream)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.services.auth import User
from desktop.services.benefit_payout import (
    BenefitPaid,
    PayBenefit,
    PayoutQuote,
    ResumedPayouts,
    open_payouts,
    pay_benefit,
    quote_payout,
    resume_payouts,
)
from ui.operations import Changes, Op

if TYPE_CHECKING:
    from ui.context import Context


def quote_payout_op(ctx: Context, cmd: PayBenefit) -> Op[PayoutQuote]:
    return Op("quote_payout", lambda: quote_payout(ctx.counter, cmd))


def pay_benefit_op(ctx: Context, actor: User, cmd: PayBenefit) -> Op[BenefitPaid]:
    """The payment is a capture of its own (its receipt is shown to print once stored)."""
    return Op(
        "pay_benefit",
        lambda: pay_benefit(ctx.counter, actor, cmd),
        changes=lambda paid: Changes.capture(paid.captured),
        notifier=ctx.changes,
    )


def resume_payouts_op(ctx: Context) -> Op[ResumedPayouts]:
    """At the window's start: payouts cut off earlier, finished or released."""

    def resume() -> ResumedPayouts:
        if not open_payouts(ctx.counter):
            return ResumedPayouts()
        return resume_payouts(ctx.counter)

    return Op(
        "resume_payouts",
        resume,
        changes=lambda resumed: Changes(transactions=resumed.anything),
        notifier=ctx.changes,
    )
