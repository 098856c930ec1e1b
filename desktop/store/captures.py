"""The capture path's SQL, on the driver's cursor: the receipt sequence, a transaction's rows,
its outbox row, and the reads a capture makes before it writes.

Every capture runs these inside one durable write (desktop/services/capture.py); fixed text on
the driver's cursor costs about 2 µs a statement where SQLAlchemy costs 20-180 µs
(desktop/store/statements.py, docs/performance.md). Call them only inside a Store scope.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import sqlalchemy as sa

from desktop.store.records import Row
from desktop.store.schema import claim_documents, contribution_lines, outbox, transactions
from desktop.store.statements import cursor, insert

_TAKE_SEQ = (
    "UPDATE receipt_sequence SET last_seq = last_seq + 1 WHERE counter_code = ? RETURNING last_seq"
)
_LAST_CAPTURE = "SELECT created_at FROM transactions ORDER BY seq DESC LIMIT 1"
_PARTICIPANT_NIK = "SELECT nik FROM participants WHERE id = ?"
_PAID_OVERLAP = """
SELECT t.receipt_no FROM transactions AS t
JOIN contributions AS c ON c.seq = t.seq
WHERE t.participant_id = ? AND c.category = 'BPU' AND c.period_start <= ? AND c.period_end >= ?
AND t.seq NOT IN (SELECT voided_seq FROM voids)
LIMIT 1
"""

_LAST_PAID = """
SELECT MAX(c.period_end) FROM transactions AS t
JOIN contributions AS c ON c.seq = t.seq
WHERE t.participant_id = ? AND c.category = 'BPU'
AND t.seq NOT IN (SELECT voided_seq FROM voids)
"""


def take_receipt_seq(connection: sa.Connection, counter_code: str) -> int:
    """The next receipt sequence, taken inside the caller's write: a rollback gives it back."""
    row = cursor(connection).execute(_TAKE_SEQ, (counter_code,)).fetchone()
    if row is None:  # pragma: no cover - init_counter always creates the sequence
        raise RuntimeError(f"no receipt sequence for {counter_code}")
    return int(row[0])


def insert_transaction(
    connection: sa.Connection,
    transaction: Row,
    detail_table: sa.Table,
    detail: Row,
    lines: Sequence[Row],
    documents: Sequence[Row],
) -> None:
    """A transaction's row, its detail row, its program lines and its claim documents.

    Rows are full (records.full_row): every column of its table present.
    """
    cur = cursor(connection)
    insert(cur, transactions, [transaction])
    insert(cur, detail_table, [detail])
    insert(cur, contribution_lines, lines)
    insert(cur, claim_documents, documents)


def queue_for_upload(connection: sa.Connection, seq: int) -> None:
    """The outbox row of a new transaction: pending, never tried."""
    insert(
        cursor(connection),
        outbox,
        [
            {
                "seq": seq,
                "status": "pending",
                "attempts": 0,
                "last_error": None,
                "acknowledged_at": None,
            }
        ],
    )


def participant_nik(connection: sa.Connection, participant_id: str) -> str:
    row = cursor(connection).execute(_PARTICIPANT_NIK, (participant_id,)).fetchone()
    if row is None:
        raise LookupError(f"no participant {participant_id}")
    return str(row[0])


def last_capture_time(connection: sa.Connection) -> str | None:
    """The newest transaction's `created_at` (ISO-8601 UTC), None in an empty store."""
    row = cursor(connection).execute(_LAST_CAPTURE).fetchone()
    return None if row is None else str(row[0])


def paid_bpu_receipt(
    connection: sa.Connection, participant_id: str, first_month: str, last_month: str
) -> str | None:
    """The receipt of a BPU payment (not voided) of this participant covering any month from
    `first_month` to `last_month` (ISO dates), if there is one."""
    row = (
        cursor(connection)
        .execute(_PAID_OVERLAP, (participant_id, last_month, first_month))
        .fetchone()
    )
    return None if row is None else str(row[0])


def last_paid_month(connection: sa.Connection, participant_id: str) -> date | None:
    """The last month a BPU payment (not voided) of this participant at this counter covers."""
    row = cursor(connection).execute(_LAST_PAID, (participant_id,)).fetchone()
    return None if row is None or row[0] is None else date.fromisoformat(str(row[0]))
