"""F3: who pays (by NIK or KPJ), and the BPU and PU payments."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.counter import Counter
from desktop.services.auth import User
from desktop.services.capture import Captured
from desktop.services.contributions import (
    PayBpuContribution,
    PayPuContribution,
    find_payer,
    pay_bpu,
    pay_pu,
)
from desktop.services.lookup import KnownParticipant
from ui.operations import Changes, Op

if TYPE_CHECKING:
    from ui.context import Context

Found = tuple[KnownParticipant, str]  # the participant, and "nik" or "kpj"


def participant_op(counter: Counter, raw: str) -> Op[Found]:
    return Op("identify_participant", lambda: find_payer(counter, raw))


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
