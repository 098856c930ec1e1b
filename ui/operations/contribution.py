"""F3: who pays (by NIK or KPJ), and the BPU and PU payments."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.counter import Counter
from desktop.services.auth import User
from desktop.services.capture import Captured
from desktop.services.contributions import (
    PayBpuContribution,
    PayPuContribution,
    check_bpu_period,
    check_payment_code,
    pay_bpu,
    pay_pu,
)
from desktop.services.inquiry import Inquire, Inquiry, InquiryLink, inquire
from desktop.services.payer import Payer, find_payer
from ui.operations import Changes, Op

if TYPE_CHECKING:
    from ui.context import Context


def payer_op(counter: Counter, raw: str, link: InquiryLink | None = None) -> Op[Payer]:
    """Who pays and what is due: run on the inquiry worker (`ctx.asking`)."""
    return Op("find_payer", lambda: find_payer(counter, raw, link))


def bill_op(counter: Counter, code: str, link: InquiryLink | None = None) -> Op[Inquiry]:
    """An employer's bill by its payment code: run on the inquiry worker (`ctx.asking`)."""
    return Op("inquire_bill", lambda: inquire(counter, Inquire(code), link))


def bpu_payment_op(ctx: Context, actor: User, cmd: PayBpuContribution) -> Op[Captured]:
    return Op(
        "pay_bpu",
        lambda: pay_bpu(ctx.counter, actor, cmd),
        changes=Changes.capture,
        notifier=ctx.changes,
    )


def pu_payment_op(ctx: Context, actor: User, cmd: PayPuContribution) -> Op[Captured]:
    return Op(
        "pay_pu",
        lambda: pay_pu(ctx.counter, actor, cmd),
        changes=Changes.capture,
        notifier=ctx.changes,
    )


def payment_code_op(counter: Counter, code: str) -> Op[None]:
    """The payment code field left: no code, or paid here already (naming the receipt)."""
    return Op("check_payment_code", lambda: check_payment_code(counter, code))


def bpu_period_op(counter: Counter, participant: str, months: int, start: str) -> Op[None]:
    """The months chosen: refused when part of them was paid here (naming the receipt)."""
    return Op("check_bpu_period", lambda: check_bpu_period(counter, participant, months, start))
