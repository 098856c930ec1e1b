"""F5: voiding a transaction of the day (its receipts are `ui.operations.receipt`'s)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.services.auth import User
from desktop.services.capture import Captured
from desktop.services.voids import VoidTransaction, void_transaction
from ui.operations import Changes, Op

if TYPE_CHECKING:
    from ui.context import Context


def void_op(ctx: Context, actor: User, cmd: VoidTransaction) -> Op[Captured]:
    """A void is a capture of its own, with its own receipt."""
    return Op(
        "void_transaction",
        lambda: void_transaction(ctx.counter, actor, cmd),
        changes=Changes.capture,
        notifier=ctx.changes,
    )
