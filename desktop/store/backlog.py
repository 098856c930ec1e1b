"""The upload backlog: how many records wait, how many the upstream refused, and the oldest
waiting, read from the outbox's index of unsent rows (ix_outbox_unsent, migration 0012) in time
that grows with the backlog, never with the store."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from desktop.store.statements import cursor

# `status != 'sent'` is the index's own condition: SQLite uses a partial index only for it.
_UNSENT = """
SELECT status, COUNT(*), MIN(seq) FROM outbox WHERE status != 'sent' GROUP BY status
"""
_CREATED = "SELECT receipt_no, created_at FROM transactions WHERE seq = ?"
# A refused payment given back stays quarantined; its refund is found by refunded_seq (unique).
_REFUNDED = """
SELECT COUNT(*) FROM outbox AS o JOIN refunds AS r ON r.refunded_seq = o.seq
WHERE o.status != 'sent' AND o.status = 'quarantined'
"""


@dataclass(frozen=True)
class Unsent:
    pending: int
    quarantined: int
    refunded: int  # of the quarantined, payments whose money was given back (settled)
    oldest_receipt: str | None  # the oldest record waiting to go up
    oldest_at: str | None  # its created_at (ISO-8601 UTC)


def unsent(connection: sa.Connection) -> Unsent:
    """The backlog now (inside the caller's read)."""
    cur = cursor(connection)
    found: dict[str, tuple[int, int]] = {
        str(status): (int(count), int(first))
        for status, count, first in cur.execute(_UNSENT).fetchall()
    }
    pending, first = found.get("pending", (0, 0))
    receipt = at = None
    if pending:
        row = cur.execute(_CREATED, (first,)).fetchone()
        if row is not None:
            receipt, at = str(row[0]), str(row[1])
    quarantined = found.get("quarantined", (0, 0))[0]
    refunded = int(cur.execute(_REFUNDED).fetchone()[0]) if quarantined else 0
    return Unsent(pending, quarantined, refunded, receipt, at)
