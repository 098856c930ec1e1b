"""F4: handing over a JHT claim's documents."""

from __future__ import annotations

from desktop.counter import Counter
from desktop.services.auth import User
from desktop.services.capture import Captured
from desktop.services.claims import HandOverClaim, hand_over_claim
from ui.operations import Op


def claim_op(counter: Counter, actor: User, cmd: HandOverClaim) -> Op[Captured]:
    return Op("hand_over_claim", lambda: hand_over_claim(counter, actor, cmd))
