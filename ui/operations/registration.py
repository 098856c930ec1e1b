"""F2: registering a BPU participant."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.services.auth import User
from desktop.services.capture import Captured
from desktop.services.registration import RegisterParticipant, register_participant
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
