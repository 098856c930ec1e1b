"""F2: registering a BPU participant."""

from __future__ import annotations

from desktop.counter import Counter
from desktop.services.auth import User
from desktop.services.capture import Captured
from desktop.services.registration import RegisterParticipant, register_participant
from ui.operations import Op


def registration_op(counter: Counter, actor: User, cmd: RegisterParticipant) -> Op[Captured]:
    return Op("register_participant", lambda: register_participant(counter, actor, cmd))
