"""The rows a business day's close report is made from, read in plain SQL on the driver's cursor.

A day of 2,000 transactions is read in a few milliseconds, inside the close's write transaction
so nothing is captured meanwhile (desktop/services/day_figures.py adds them up).
"""

from __future__ import annotations

import sqlalchemy as sa

from desktop.store.statements import cursor

# seq, receipt_no, kind, amount, tender, the contribution's category, the seq of its void (None
# if not voided), its outbox status and the upstream's reason
DayTransaction = tuple[
    int, str, str, int, str | None, str | None, int | None, str | None, str | None
]
# the void's receipt_no, created_at and teller, its reason and approver; what it voided: its
# receipt_no, kind, amount, tender and contribution category
DayVoid = tuple[str, str, str, str, str, str, str, int, str | None, str | None]
# the refund's receipt_no, created_at, teller, tender and amount, the upstream's reason, the
# approver, and the refunded payment's receipt_no (made from its seq when a restore lost it)
DayRefund = tuple[str, str, str, str | None, int, str, str, str]
# the payment's receipt_no, created_at, teller, the claim's receipt_no, the claimant, the net,
# the method, the transfer's reference and the approver
DayPayout = tuple[str, str, str, str, str, int, str, str | None, str | None]
# program, how many lines, their total
ProgramSum = tuple[str, int, int]
# receipt_no, copy number, issued at, issued by
Reprint = tuple[str, int, str, str]

_DAY_TRANSACTIONS = """
SELECT t.seq, t.receipt_no, t.kind, t.amount, t.tender, c.category, v.seq, o.status, o.last_error
FROM transactions AS t
LEFT JOIN contributions AS c ON c.seq = t.seq
LEFT JOIN voids AS v ON v.voided_seq = t.seq
LEFT JOIN outbox AS o ON o.seq = t.seq
WHERE t.business_date = ?
ORDER BY t.seq
"""
_DAY_VOIDS = """
SELECT vt.receipt_no, vt.created_at, vt.teller_id, v.reason, v.approved_by,
       ot.receipt_no, ot.kind, ot.amount, ot.tender, oc.category
FROM transactions AS vt
JOIN voids AS v ON v.seq = vt.seq
JOIN transactions AS ot ON ot.seq = v.voided_seq
LEFT JOIN contributions AS oc ON oc.seq = ot.seq
WHERE vt.business_date = ?
ORDER BY vt.seq
"""
_DAY_REFUNDS = """
SELECT rt.receipt_no, rt.created_at, rt.teller_id, rt.tender, rt.amount, r.reason, r.approved_by,
       COALESCE(ot.receipt_no, substr(rt.receipt_no, 1, length(rt.receipt_no) - 7)
                || printf('%07d', r.refunded_seq))
FROM transactions AS rt
JOIN refunds AS r ON r.seq = rt.seq
LEFT JOIN transactions AS ot ON ot.seq = r.refunded_seq
WHERE rt.business_date = ?
ORDER BY rt.seq
"""
_DAY_PAYOUTS = """
SELECT t.receipt_no, t.created_at, t.teller_id, b.claim_receipt_no, b.claimant_name, b.net,
       b.method, b.reference, b.approved_by
FROM transactions AS t
JOIN benefit_payments AS b ON b.seq = t.seq
WHERE t.business_date = ?
ORDER BY t.seq
"""
_DAY_PROGRAMS = """
SELECT l.program, COUNT(*), SUM(l.amount)
FROM transactions AS t
JOIN contribution_lines AS l ON l.seq = t.seq
WHERE t.business_date = ? AND t.seq NOT IN (SELECT voided_seq FROM voids)
GROUP BY l.program
"""
_REPRINTS = """
SELECT t.receipt_no, ri.copy_number, ri.issued_at, ri.issued_by
FROM receipt_issues AS ri
JOIN transactions AS t ON t.seq = ri.seq
WHERE ri.copy_number > 0 AND ri.issued_at >= ? AND ri.issued_at < ?
ORDER BY ri.issued_at, ri.seq
"""
_PRINTED = """
SELECT DISTINCT seq FROM print_attempts WHERE seq BETWEEN ? AND ? AND outcome <> 'failed'
"""


def day_transactions(connection: sa.Connection, business_date: str) -> list[DayTransaction]:
    """Every transaction of the business day (ISO date), in receipt order."""
    rows: list[DayTransaction] = (
        cursor(connection).execute(_DAY_TRANSACTIONS, (business_date,)).fetchall()
    )
    return rows


def day_voids(connection: sa.Connection, business_date: str) -> list[DayVoid]:
    """The voids captured on the business day, with what each voided (of whichever day)."""
    rows: list[DayVoid] = cursor(connection).execute(_DAY_VOIDS, (business_date,)).fetchall()
    return rows


def day_refunds(connection: sa.Connection, business_date: str) -> list[DayRefund]:
    """The refunds captured on the business day, with the payment each gave back."""
    rows: list[DayRefund] = cursor(connection).execute(_DAY_REFUNDS, (business_date,)).fetchall()
    return rows


def day_payouts(connection: sa.Connection, business_date: str) -> list[DayPayout]:
    """The JHT benefits paid out on the business day."""
    rows: list[DayPayout] = cursor(connection).execute(_DAY_PAYOUTS, (business_date,)).fetchall()
    return rows


def program_totals(connection: sa.Connection, business_date: str) -> list[ProgramSum]:
    """Contribution lines of the day's transactions not voided, counted and summed by program."""
    rows: list[ProgramSum] = cursor(connection).execute(_DAY_PROGRAMS, (business_date,)).fetchall()
    return rows


def reprints_between(connection: sa.Connection, start: str, end: str) -> list[Reprint]:
    """Reprints issued from `start` to before `end` (UTC ISO instants), of whichever day's
    receipt, in the order they were issued."""
    rows: list[Reprint] = cursor(connection).execute(_REPRINTS, (start, end)).fetchall()
    return rows


def printed_seqs(connection: sa.Connection, first: int, last: int) -> set[int]:
    """The receipt sequences from `first` to `last` printed or saved at least once."""
    return {int(s) for (s,) in cursor(connection).execute(_PRINTED, (first, last)).fetchall()}


def newest_close_time(connection: sa.Connection) -> str | None:
    """When the newest day close was made (ISO-8601 UTC), None before the first."""
    row = cursor(connection).execute("SELECT max(closed_at) FROM day_closes").fetchone()
    return None if row is None or row[0] is None else str(row[0])
