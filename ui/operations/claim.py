"""F4: handing over a JHT claim's documents."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.services.auth import User
from desktop.services.capture import Captured
from desktop.services.claims import HandOverClaim, hand_over_claim
from ui.operations import Changes, Op

if TYPE_CHECKING:
    from ui.context import Context


def claim_op(ctx: Context, actor: User, cmd: HandOverClaim) -> Op[Captured]:
    return Op(
        "hand_over_claim",
        lambda: hand_over_claim(ctx.counter, actor, cmd),
        changes=Changes.capture,
        notifier=ctx.changes,
    )
