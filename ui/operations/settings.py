"""Settings: reading and changing them (a supervisor, audited), and adding a user."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.counter import Counter
from desktop.services.auth import User
from desktop.services.preferences import PcSettings, Settings, change_settings, read_settings
from desktop.services.setup import add_user
from ui.operations import Changes, Op

if TYPE_CHECKING:
    from ui.context import Context


def read_settings_op(counter: Counter) -> Op[Settings]:
    return Op("read_settings", lambda: read_settings(counter))


def change_settings_op(ctx: Context, by: User, paper: str, pc: PcSettings) -> Op[Settings]:
    return Op(
        "change_settings",
        lambda: change_settings(ctx.counter, by, paper=paper, pc=pc),
        changes=Changes(settings=True),
        notifier=ctx.changes,
    )


def add_user_op(
    ctx: Context, by: User, *, user_id: str, name: str, role: str, pin: str
) -> Op[User]:
    return Op(
        "add_user",
        lambda: add_user(ctx.counter, by=by, user_id=user_id, name=name, role=role, pin=pin),
        changes=Changes(users=True),
        notifier=ctx.changes,
    )
