"""The journal page's SQL: a business day's transactions by receipt sequence, found by receipt
number, identifier or part of a name, counted, and their statuses read again.

Plain SQL on the driver's cursor: fixed text, values bound, names from here and never from
input. Every read is bounded by receipt sequences (after, up_to]: pages are keyset (`seq > ?`,
never OFFSET), and how far one call reads is the caller's choice (desktop/services/
journal_query.py reads a name search in windows). A void shows what it voids: its details are
looked up by `subject`, the voided record's sequence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from desktop.store.statements import cursor

# Statuses read per statement (SQLite caps the number of bound values).
STATUS_CHUNK = 500


@dataclass(frozen=True)
class Everything:
    """Every transaction (of the day, when one is given)."""


@dataclass(frozen=True)
class Receipt:
    seq: int
    receipt_no: str | None = None  # the whole number when typed whole, checked as well


@dataclass(frozen=True)
class NamePart:
    """Part of a participant's, claimant's or employer's name: no index, so read in windows."""

    text: str


@dataclass(frozen=True)
class Ending:
    """A few digits: a receipt's sequence, or the end of a NIK or KPJ (read in windows: a suffix
    has no index to use)."""

    digits: str


@dataclass(frozen=True)
class Identifier:
    value: str
    kinds: tuple[str, ...]  # which identifiers it may be: of IDENTIFIER_KINDS, at least one


Match = Everything | Receipt | NamePart | Ending | Identifier

# seq, receipt_no, kind, business_date, created_at (UTC ISO), timezone, amount, tender, for a
# void: the receipt_no and amount it voids; the receipt_no of this one's void, the upload
# status, then name, NIK, KPJ, NPP and the contribution's category, whether its receipt was ever
# printed or saved (1) or not (0); for a refund the receipt_no of the payment it gives back, and
# the receipt_no of this one's refund; the bank's reference of a debit (of what a void voids)
JournalRowValues = tuple[
    int,
    str,
    str,
    str,
    str,
    str,
    int,
    str | None,
    str | None,
    int | None,
    str | None,
    str | None,
    str | None,
    str | None,
    str | None,
    str | None,
    str | None,
    int,
    str | None,
    str | None,
    str | None,
]
# seq, the receipt_no of its void (None if not voided), the upload status (None: pending),
# printed or saved (1) or not (0), the receipt_no of its refund (None if not refunded)
RowStatusValues = tuple[int, str | None, str | None, int, str | None]
# A receipt that went out: printed or saved at least once (desktop/services/receipts.py).
_PRINTED = (
    "EXISTS (SELECT 1 FROM print_attempts AS pa WHERE pa.seq = t.seq AND pa.outcome != 'failed')"
)

_SUBJECT = "COALESCE(v.voided_seq, t.seq)"
_FROM = f"""
FROM transactions AS t
LEFT JOIN voids AS v ON v.seq = t.seq
LEFT JOIN transactions AS vt ON vt.seq = v.voided_seq
LEFT JOIN registrations AS r ON r.seq = {_SUBJECT}
LEFT JOIN claim_handovers AS ch ON ch.seq = {_SUBJECT}
LEFT JOIN contributions AS c ON c.seq = {_SUBJECT}
LEFT JOIN participants AS p ON p.id = t.participant_id
"""
# A BPU payment names no one itself: the participant's newest registration does, or, for one
# registered elsewhere, the upstream's inquiry as last kept; one taken unverified names the payer
# the teller confirmed (desktop/services/unverified.py).
_NAME = """COALESCE(r.full_name, ch.participant_name, c.employer_name, (
    SELECT up.full_name FROM unverified_payers AS up
    WHERE up.seq = COALESCE(v.voided_seq, t.seq)), (
    SELECT r2.full_name FROM registrations AS r2
    WHERE r2.participant_id = t.participant_id ORDER BY r2.seq DESC LIMIT 1), (
    SELECT u.full_name FROM upstream_participants AS u
    JOIN participants AS p4 ON p4.nik = u.nik WHERE p4.id = t.participant_id))"""
_ROWS = f"""
SELECT t.seq, t.receipt_no, t.kind, t.business_date, t.created_at, t.timezone, t.amount,
       COALESCE(t.tender, vt.tender), vt.receipt_no, vt.amount, vbt.receipt_no, o.status,
       {_NAME}, COALESCE(r.nik, ch.nik, p.nik), COALESCE(ch.kpj, p.kpj), c.npp, c.category,
       {_PRINTED}, rft.receipt_no, rbt.receipt_no, dr.reference
{_FROM}
LEFT JOIN voids AS vb ON vb.voided_seq = t.seq
LEFT JOIN transactions AS vbt ON vbt.seq = vb.seq
LEFT JOIN outbox AS o ON o.seq = t.seq
LEFT JOIN refunds AS rf ON rf.seq = t.seq
LEFT JOIN transactions AS rft ON rft.seq = rf.refunded_seq
LEFT JOIN refunds AS rb ON rb.refunded_seq = t.seq
LEFT JOIN transactions AS rbt ON rbt.seq = rb.seq
LEFT JOIN debit_references AS dr ON dr.seq = COALESCE(v.voided_seq, t.seq)
"""
_NAME_MATCH = f"({_NAME} LIKE ? ESCAPE '\\' OR ch.claimant_name LIKE ? ESCAPE '\\')"
# Digits only (no LIKE wildcards): the receipt's sequence, or the end of its NIK or KPJ.
_ENDING_MATCH = (
    "(t.seq = ? OR COALESCE(r.nik, ch.nik, p.nik) LIKE ? OR COALESCE(ch.kpj, p.kpj) LIKE ?)"
)

# Transactions that carry an identifier, found through an index where one exists. The KPJ of a
# claim and an NPP have none: those read only the day's own rows (`seq BETWEEN`).
# (SQL, how many times the identifier is bound, whether the day's first and last sequence follow)
_HITS: dict[str, tuple[str, int, bool]] = {
    "nik": (
        "SELECT seq FROM registrations WHERE nik = ? "
        "UNION SELECT seq FROM claim_handovers WHERE nik = ? "
        "UNION SELECT t2.seq FROM participants AS p2 "
        "JOIN transactions AS t2 ON t2.participant_id = p2.id WHERE p2.nik = ?",
        3,
        False,
    ),
    "kpj": (
        "SELECT t2.seq FROM participants AS p2 "
        "JOIN transactions AS t2 ON t2.participant_id = p2.id WHERE p2.kpj = ? "
        "UNION SELECT seq FROM claim_handovers WHERE kpj = ? AND seq BETWEEN ? AND ?",
        2,
        True,
    ),
    "payment_code": ("SELECT seq FROM contributions WHERE payment_code = ?", 1, False),
    "npp": ("SELECT seq FROM contributions WHERE npp = ? AND seq BETWEEN ? AND ?", 1, True),
}
IDENTIFIER_KINDS = frozenset(_HITS)

_STATUSES = (
    "SELECT t.seq, vbt.receipt_no, o.status, EXISTS (SELECT 1 FROM print_attempts AS pa "
    "WHERE pa.seq = t.seq AND pa.outcome != 'failed'), rbt.receipt_no FROM transactions AS t "
    "LEFT JOIN voids AS vb ON vb.voided_seq = t.seq "
    "LEFT JOIN transactions AS vbt ON vbt.seq = vb.seq "
    "LEFT JOIN refunds AS rb ON rb.refunded_seq = t.seq "
    "LEFT JOIN transactions AS rbt ON rbt.seq = rb.seq "
    "LEFT JOIN outbox AS o ON o.seq = t.seq WHERE t.seq IN ({marks})"
)
# A day's money by how it was paid, and what voids took back: (kept cash count, kept cash sum,
# kept debit count, kept debit sum, voided count, voided sum). A void row itself counts nothing.
_TOTALS = """
SELECT
  sum(t.tender = 'cash' AND vb.seq IS NULL), sum(CASE WHEN t.tender = 'cash' AND vb.seq IS NULL
    THEN t.amount ELSE 0 END),
  sum(t.tender = 'debit' AND vb.seq IS NULL), sum(CASE WHEN t.tender = 'debit' AND vb.seq IS NULL
    THEN t.amount ELSE 0 END),
  sum(vb.seq IS NOT NULL AND t.amount > 0), sum(CASE WHEN vb.seq IS NOT NULL THEN t.amount ELSE 0
    END)
FROM transactions AS t LEFT JOIN voids AS vb ON vb.voided_seq = t.seq
WHERE t.business_date = ? AND t.kind NOT IN ('void', 'refund', 'benefit_payment')
"""
DayTotalValues = tuple[int, int, int, int, int, int]


@dataclass(frozen=True)
class _Plan:
    prefix: str  # a WITH clause, or nothing
    where: str
    params: tuple[Any, ...]


def _plan(match: Match, day: str | None, bounds: tuple[int, int]) -> _Plan:
    """How to find the matches of `day` (of the store when None), whose sequences are `bounds`."""
    on_day = ("t.business_date = ?",) if day else ()
    day_params: tuple[Any, ...] = (day,) if day else ()
    if isinstance(match, Everything):
        return _Plan("", " AND ".join(on_day) or "1", day_params)
    if isinstance(match, NamePart):
        pattern = "%" + _escape_like(match.text) + "%"
        where = " AND ".join((*on_day, _NAME_MATCH))
        return _Plan("", where, (*day_params, pattern, pattern))
    if isinstance(match, Ending):
        ending = "%" + match.digits
        where = " AND ".join((*on_day, _ENDING_MATCH))
        return _Plan("", where, (*day_params, int(match.digits), ending, ending))
    # Exact searches: the few matching rows are looked up by their key, not found in the day's
    # index (the unary + keeps SQLite from choosing that index over the key lookups).
    plain_day = tuple(f"+{term}" for term in on_day)
    if isinstance(match, Receipt):
        params: tuple[Any, ...] = (match.seq,)
        where = "t.seq = ?"
        if match.receipt_no is not None:
            where, params = "t.seq = ? AND t.receipt_no = ?", (match.seq, match.receipt_no)
        return _Plan("", " AND ".join((where, *plain_day)), (*params, *day_params))
    parts: list[str] = []
    hit_params: list[Any] = []
    for name in match.kinds:
        sql, keys, ranged = _HITS[name]
        parts.append(sql)
        hit_params.extend([match.value] * keys)
        if ranged:
            hit_params.extend(bounds)
    prefix = "WITH hit(seq) AS (" + " UNION ".join(parts) + ")"
    # A void of a match is shown with it: it names the same person.
    matched = (
        "t.seq IN (SELECT seq FROM hit "
        "UNION SELECT v2.seq FROM voids AS v2 WHERE v2.voided_seq IN (SELECT seq FROM hit))"
    )
    where = " AND ".join((matched, *plain_day))
    return _Plan(prefix, where, (*hit_params, *day_params))


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def seq_bounds(connection: sa.Connection, day: str | None) -> tuple[int, int] | None:
    """The first and last receipt sequence of `day` (of the store when None), by the index."""
    cur = cursor(connection)
    if day is None:  # one aggregate per SELECT: SQLite reads min() and max() off the key then
        row = cur.execute(
            "SELECT (SELECT min(seq) FROM transactions), (SELECT max(seq) FROM transactions)"
        ).fetchone()
    else:
        row = cur.execute(
            "SELECT (SELECT seq FROM transactions WHERE business_date = ? ORDER BY seq LIMIT 1), "
            "(SELECT seq FROM transactions WHERE business_date = ? ORDER BY seq DESC LIMIT 1)",
            (day, day),
        ).fetchone()
    if row is None or row[0] is None:
        return None
    return int(row[0]), int(row[1])


def matching_rows(
    connection: sa.Connection,
    match: Match,
    day: str | None,
    bounds: tuple[int, int],
    after: int,
    up_to: int,
    limit: int,
) -> list[JournalRowValues]:
    """Up to `limit` matching rows with a sequence in (after, up_to], in receipt order.

    `bounds` are the day's first and last sequence (seq_bounds).
    """
    plan = _plan(match, day, bounds)
    sql = (
        f"{plan.prefix} {_ROWS} WHERE {plan.where} AND t.seq > ? AND t.seq <= ? "
        "ORDER BY t.seq LIMIT ?"
    )
    rows: list[JournalRowValues] = (
        cursor(connection).execute(sql, (*plan.params, after, up_to, limit)).fetchall()
    )
    return rows


def count_matching(
    connection: sa.Connection,
    match: Match,
    day: str | None,
    bounds: tuple[int, int],
    after: int,
    up_to: int,
) -> int:
    """How many rows with a sequence in (after, up_to] match."""
    plan = _plan(match, day, bounds)
    # Only a name or an ending needs the detail tables; the rest count from transactions alone.
    source = _FROM if isinstance(match, NamePart | Ending) else "FROM transactions AS t"
    sql = f"{plan.prefix} SELECT count(*) {source} WHERE {plan.where} AND t.seq > ? AND t.seq <= ?"
    (count,) = cursor(connection).execute(sql, (*plan.params, after, up_to)).fetchone()
    return int(count)


def day_totals(connection: sa.Connection, day: str) -> DayTotalValues:
    """The day's kept cash and debit (count, sum) and its voided money (count, sum)."""
    row = cursor(connection).execute(_TOTALS, (day,)).fetchone()
    values = tuple(int(value or 0) for value in row)
    return (values[0], values[1], values[2], values[3], values[4], values[5])


def row_statuses(connection: sa.Connection, seqs: Sequence[int]) -> list[RowStatusValues]:
    """What may change on a listed row: the void of it, its upload status, the refund of it."""
    cur = cursor(connection)
    found: list[RowStatusValues] = []
    for first in range(0, len(seqs), STATUS_CHUNK):
        chunk = seqs[first : first + STATUS_CHUNK]
        # Only "?" marks are added to the fixed text.
        sql = _STATUSES.format(marks=", ".join("?" for _ in chunk))
        found.extend(cur.execute(sql, chunk).fetchall())
    return found
