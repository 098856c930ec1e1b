"""What the upstream answered, written back: outbox rows marked, and KPJ numbers filled in.

A batch's outbox rows are marked in one statement on the driver's cursor: one statement per
record was most of the upload client's time.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import sqlalchemy as sa

from desktop.store.statements import cursor

# status ("sent" or "quarantined"), the upstream's reason, when acknowledged, the outbox seq
OutboxMark = tuple[str, str | None, str | None, int]

_MARK = (
    "UPDATE outbox SET status = ?, attempts = attempts + 1, last_error = ?, "
    "acknowledged_at = ? WHERE seq = ? AND status = 'pending'"
)
_FILL_KPJ = "UPDATE participants SET kpj = ? WHERE id = ? AND kpj IS NULL"


def mark_outbox(connection: sa.Connection, marks: Sequence[OutboxMark]) -> None:
    """Mark each pending outbox row as answered; a row no longer pending is left as it is."""
    cursor(connection).executemany(_MARK, marks)


def fill_kpjs(connection: sa.Connection, kpjs: Iterable[tuple[str, str]]) -> int:
    """Give each participant (kpj, participant id) the KPJ the upstream assigned, unless they
    already have one; returns how many were filled in."""
    cur = cursor(connection)
    filled = 0
    for kpj, participant_id in kpjs:
        cur.execute(_FILL_KPJ, (kpj, participant_id))
        filled += cur.rowcount
    return filled
