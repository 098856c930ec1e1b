"""F2: registering a BPU participant."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.counter import Counter
from desktop.services.auth import User
from desktop.services.capture import Captured
from desktop.services.registration import (
    RegisterParticipant,
    check_nik_free,
    register_participant,
)
from ui.operations import Changes, Op

if TYPE_CHECKING:
    from ui.context import Context


def registration_op(ctx: Context, actor: User, cmd: RegisterParticipant) -> Op[Captured]:
    return Op(
        "register_participant",
        lambda: register_participant(ctx.counter, actor, cmd),
        changes=Changes.capture,
        notifier=ctx.changes,
    )


def nik_free_op(counter: Counter, nik: str) -> Op[None]:
    """The NIK field left: refused when registered here already (naming the receipt)."""
    return Op("check_nik_free", lambda: check_nik_free(counter, nik))
