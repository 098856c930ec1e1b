"""Logging in: the teller's id and PIN checked by the core."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ui.operations import Op

if TYPE_CHECKING:
    from desktop.services.auth import User
    from ui.context import Context


def login_op(ctx: Context, user_id: str, pin: str) -> Op[User]:
    def call() -> User:
        from desktop.services.auth import login  # on the worker: the login is on screen already

        return login(ctx.counter, user_id, pin)  # the counter is open by now (jobs run in order)

    return Op("login", call)
