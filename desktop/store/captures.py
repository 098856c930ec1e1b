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

from desktop.store import daily_totals
from desktop.store.receipt_mark import MARK_INFO, TAKEN_INFO, ReceiptMark
from desktop.store.records import Row
from desktop.store.schema import claim_documents, contribution_lines, outbox, transactions
from desktop.store.statements import cursor, insert

_TAKE_SEQ = (
    "UPDATE receipt_sequence SET last_seq = last_seq + 1 WHERE counter_code = ? RETURNING last_seq"
)
_LAST_SEQ = "SELECT last_seq FROM receipt_sequence WHERE counter_code = ?"
_STEP_SEQ = "UPDATE receipt_sequence SET last_seq = last_seq + 1 WHERE counter_code = ?"
_LAST_CAPTURE = "SELECT created_at FROM transactions ORDER BY seq DESC LIMIT 1"
_PARTICIPANT_NIK = "SELECT nik FROM participants WHERE id = ?"
_PAID_OVERLAP = """
SELECT t.receipt_no FROM transactions AS t
JOIN contributions AS c ON c.seq = t.seq
WHERE t.participant_id = ? AND c.category = 'BPU' AND c.period_start <= ? AND c.period_end >= ?
AND t.seq NOT IN (SELECT voided_seq FROM voids)
AND t.seq NOT IN (SELECT refunded_seq FROM refunds)
LIMIT 1
"""

_LAST_PAID = """
SELECT MAX(c.period_end) FROM transactions AS t
JOIN contributions AS c ON c.seq = t.seq
WHERE t.participant_id = ? AND c.category = 'BPU'
AND t.seq NOT IN (SELECT voided_seq FROM voids)
AND t.seq NOT IN (SELECT refunded_seq FROM refunds)
"""


def take_receipt_seq(connection: sa.Connection, counter_code: str) -> int:
    """The next receipt sequence, taken inside the caller's write: a rollback gives it back.

    The store's receipt mark (receipt_mark.py) sees it first: it raises ReceiptsLostError rather
    than let a number be handed out twice, and reserves the next block when it is due.
    """
    row = cursor(connection).execute(_TAKE_SEQ, (counter_code,)).fetchone()
    if row is None:  # pragma: no cover - init_counter always creates the sequence
        raise RuntimeError(f"no receipt sequence for {counter_code}")
    seq = int(row[0])
    mark = connection.info.get(MARK_INFO)
    if isinstance(mark, ReceiptMark):
        mark.reserve(counter_code, seq)
        connection.info[TAKEN_INFO] = counter_code
    return seq


def retake_receipt_seq(connection: sa.Connection, counter_code: str) -> int:
    """The next receipt sequence, for a record the upstream holds with that very number (the
    recovery after a restore): the receipt mark is not asked, since the number goes back to its
    own record, not to a new one. Numbers the upstream does not hold stay written off."""
    row = cursor(connection).execute(_TAKE_SEQ, (counter_code,)).fetchone()
    if row is None:  # pragma: no cover - init_counter always creates the sequence
        raise RuntimeError(f"no receipt sequence for {counter_code}")
    return int(row[0])


def last_receipt_seq(connection: sa.Connection, counter_code: str) -> int | None:
    """The last receipt sequence handed out, as the database holds it (None: not set up)."""
    row = cursor(connection).execute(_LAST_SEQ, (counter_code,)).fetchone()
    return None if row is None else int(row[0])


def skip_receipt_seq(connection: sa.Connection, counter_code: str, to: int) -> None:
    """Move the sequence on to `to` one step at a time (its trigger allows only steps of one),
    so the next number taken is `to + 1`: the numbers between are a recorded gap."""
    cur = cursor(connection)
    last = last_receipt_seq(connection, counter_code) or 0
    for _ in range(to - last):
        cur.execute(_STEP_SEQ, (counter_code,))


def insert_transaction(
    connection: sa.Connection,
    transaction: Row,
    detail_table: sa.Table,
    detail: Row,
    lines: Sequence[Row],
    documents: Sequence[Row],
    agent_code: str | None = None,
) -> None:
    """A transaction's row, its detail row, its program lines and its claim documents, and the
    day's totals it counts in (daily_totals.py), all in the caller's write. `agent_code`: the
    Perisai agent who brought a payment, for the totals (a registration names its own).

    Rows are full (records.full_row): every column of its table present.
    """
    cur = cursor(connection)
    insert(cur, transactions, [transaction])
    insert(cur, detail_table, [detail])
    insert(cur, contribution_lines, lines)
    insert(cur, claim_documents, documents)
    daily_totals.add_transaction(connection, transaction, detail, lines, agent_code)


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
