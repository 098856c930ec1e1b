"""Users: a supervisor resets a PIN, unlocks, deactivates (signed with their own PIN); everyone
changes their own PIN."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.services.auth import User
from desktop.services.users import (
    UserEntry,
    change_pin,
    deactivate_user,
    reset_pin,
    unlock_user,
)
from ui.operations import Changes, Op

if TYPE_CHECKING:
    from ui.context import Context


def reset_pin_op(
    ctx: Context, *, user_id: str, new_pin: str, supervisor_id: str, supervisor_pin: str
) -> Op[UserEntry]:
    return Op(
        "reset_pin",
        lambda: reset_pin(
            ctx.counter,
            user_id=user_id,
            new_pin=new_pin,
            supervisor_id=supervisor_id,
            supervisor_pin=supervisor_pin,
        ),
        changes=Changes(users=True),
        notifier=ctx.changes,
    )


def unlock_user_op(
    ctx: Context, *, user_id: str, supervisor_id: str, supervisor_pin: str
) -> Op[UserEntry]:
    return Op(
        "unlock_user",
        lambda: unlock_user(
            ctx.counter, user_id=user_id, supervisor_id=supervisor_id, supervisor_pin=supervisor_pin
        ),
        changes=Changes(users=True),
        notifier=ctx.changes,
    )


def deactivate_user_op(
    ctx: Context, *, user_id: str, supervisor_id: str, supervisor_pin: str
) -> Op[UserEntry]:
    return Op(
        "deactivate_user",
        lambda: deactivate_user(
            ctx.counter, user_id=user_id, supervisor_id=supervisor_id, supervisor_pin=supervisor_pin
        ),
        changes=Changes(users=True),
        notifier=ctx.changes,
    )


def change_pin_op(ctx: Context, user: User, *, old_pin: str, new_pin: str) -> Op[User]:
    return Op(
        "change_pin",
        lambda: change_pin(ctx.counter, user_id=user.id, old_pin=old_pin, new_pin=new_pin),
    )
