"""F5: voiding a transaction of the day (its receipts are `ui.operations.receipt`'s)."""

from __future__ import annotations

from desktop.counter import Counter
from desktop.services.auth import User
from desktop.services.capture import Captured
from desktop.services.voids import VoidTransaction, void_transaction
from ui.operations import Op


def void_op(counter: Counter, actor: User, cmd: VoidTransaction) -> Op[Captured]:
    return Op("void_transaction", lambda: void_transaction(counter, actor, cmd))
