"""The journal screen's queries: a business day's transactions a page at a time, and its search.

Pages follow the receipt sequence (keyset: `seq > last`, never OFFSET), so page 5,000 of a day
costs what page 1 does. A search by receipt number, NIK, KPJ, payment code or NPP finds its rows
through indexes; a search by name has no index to use (substring, any kind), so it reads the day
in windows of at most `window` receipt numbers a call: each call is short, and the database
worker runs a teller's capture between two windows instead of after the whole scan.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from desktop.counter import Counter
from desktop.domain.nik import NIK_LENGTH
from desktop.domain.receipt_numbers import receipt_seq, validate_receipt_no
from desktop.domain.text import is_ascii_digits, strip_separators
from desktop.errors import DomainError
from desktop.store.statements import cursor

PAGE_SIZE = 200
# Receipt numbers a name search reads per call: tens of milliseconds here (docs/performance.md).
SCAN_WINDOW = 10_000
# A receipt number's sequence part: up to 7 digits, typed with or without its leading zeros.
_SEQ_DIGITS = 7
# Index entries one count of a whole day reads per call (it reads no rows, only the day's index).
COUNT_WINDOW = 200_000
# Statuses read per statement when the loaded rows are refreshed.
STATUS_CHUNK = 500


class SearchKind(StrEnum):
    ALL = "all"  # no search: every transaction of the day
    RECEIPT = "receipt"  # a receipt number, or just its sequence digits
    NUMBER = "number"  # a NIK, KPJ, payment code or NPP (by its length)
    NAME = "name"  # part of a participant's, claimant's or employer's name
    UNKNOWN = "unknown"  # digits of no known length: matches nothing


@dataclass(frozen=True)
class Search:
    kind: SearchKind
    text: str = ""
    # For NUMBER: which identifiers have this many digits ("nik", "kpj", "payment_code", "npp").
    identifiers: tuple[str, ...] = ()


EVERYTHING = Search(SearchKind.ALL)


def parse_search(raw: str, lengths: Mapping[str, int]) -> Search:
    """What the teller typed, understood: `lengths` are the identifiers' digit counts."""
    text = " ".join(raw.split())
    if not text:
        return EVERYTHING
    upper = text.upper()
    if _looks_like_receipt(upper):
        return Search(SearchKind.RECEIPT, upper)
    digits = strip_separators(text)
    if is_ascii_digits(digits):
        if len(digits) <= _SEQ_DIGITS:
            return Search(SearchKind.RECEIPT, digits)
        known = {"nik": NIK_LENGTH, **lengths}
        identifiers = tuple(sorted(name for name, n in known.items() if n == len(digits)))
        if identifiers:
            return Search(SearchKind.NUMBER, digits, identifiers)
        return Search(SearchKind.UNKNOWN, digits)
    return Search(SearchKind.NAME, text)


def _looks_like_receipt(text: str) -> bool:
    try:
        validate_receipt_no(text)
    except DomainError:
        return False
    return True


@dataclass(frozen=True)
class JournalQuery:
    day: date | None  # None: every day in the store
    search: Search = EVERYTHING


@dataclass(frozen=True)
class JournalRow:
    seq: int
    receipt_no: str
    kind: str  # registration, contribution, claim_handover, void
    business_date: date
    created_at: datetime  # local time of the counter that captured it
    name: str | None  # participant, or employer for PU; for a void, of what it voids
    nik: str | None
    kpj: str | None
    npp: str | None
    category: str | None  # BPU / PU for contributions (and for their voids)
    amount: int
    tender: str | None  # cash / debit
    voids: str | None  # for a void: the receipt number it voids
    voided_amount: int | None  # for a void: the amount it gave back
    voided_by: str | None  # the receipt number of the void of this one
    upload: str  # pending, sent, quarantined

    @property
    def is_voided(self) -> bool:
        return self.voided_by is not None


@dataclass(frozen=True)
class RowStatus:
    voided_by: str | None
    upload: str


@dataclass(frozen=True)
class JournalPage:
    rows: tuple[JournalRow, ...]
    scanned_to: int  # the next page starts after this sequence
    done: bool  # nothing after `scanned_to` matches (until the next capture)


@dataclass(frozen=True)
class JournalCount:
    count: int  # matches in (after, scanned_to]
    scanned_to: int
    done: bool


# --- SQL -------------------------------------------------------------------------------------
# Fixed text, values bound: names come from here, never from input. A void shows what it voids:
# its details are looked up by `subject` (the voided record's sequence).

_SUBJECT = "COALESCE(v.voided_seq, t.seq)"
_FROM = f"""
FROM transactions AS t
LEFT JOIN voids AS v ON v.seq = t.seq
LEFT JOIN transactions AS vt ON vt.seq = v.voided_seq
LEFT JOIN registrations AS r ON r.seq = {_SUBJECT}
LEFT JOIN claim_handovers AS ch ON ch.seq = {_SUBJECT}
LEFT JOIN contributions AS c ON c.seq = {_SUBJECT}
"""
# A BPU payment names no one itself: the participant's newest registration does.
_NAME = """COALESCE(r.full_name, ch.participant_name, c.employer_name, (
    SELECT r2.full_name FROM registrations AS r2
    WHERE r2.participant_id = t.participant_id ORDER BY r2.seq DESC LIMIT 1))"""
_ROWS = f"""
SELECT t.seq, t.receipt_no, t.kind, t.business_date, t.created_at, t.timezone, t.amount,
       COALESCE(t.tender, vt.tender), vt.receipt_no, vt.amount, vbt.receipt_no, o.status,
       {_NAME}, COALESCE(r.nik, ch.nik, p.nik), COALESCE(ch.kpj, p.kpj), c.npp, c.category
{_FROM}
LEFT JOIN participants AS p ON p.id = t.participant_id
LEFT JOIN voids AS vb ON vb.voided_seq = t.seq
LEFT JOIN transactions AS vbt ON vbt.seq = vb.seq
LEFT JOIN outbox AS o ON o.seq = t.seq
"""
_NAME_MATCH = f"({_NAME} LIKE ? ESCAPE '\\' OR ch.claimant_name LIKE ? ESCAPE '\\')"

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


@dataclass(frozen=True)
class _Plan:
    prefix: str  # a WITH clause, or nothing
    where: str
    params: tuple[Any, ...]
    windowed: bool  # read the day in windows of receipt numbers (no index to use)


def _plan(search: Search, day: str | None, lo: int, hi: int) -> _Plan | None:
    """How to find the matches among sequences lo..hi of `day`; None when nothing can match."""
    on_day = ("t.business_date = ?",) if day else ()
    day_params: tuple[Any, ...] = (day,) if day else ()
    if search.kind is SearchKind.ALL:
        return _Plan("", " AND ".join(on_day) or "1", day_params, windowed=False)
    if search.kind is SearchKind.NAME:
        pattern = "%" + _escape_like(search.text) + "%"
        where = " AND ".join((*on_day, _NAME_MATCH))
        return _Plan("", where, (*day_params, pattern, pattern), windowed=True)
    # Exact searches: the few matching rows are looked up by their key, not found in the day's
    # index (the unary + keeps SQLite from choosing that index over the key lookups).
    plain_day = tuple(f"+{term}" for term in on_day)
    if search.kind is SearchKind.RECEIPT:
        seq = receipt_seq(search.text)
        params: tuple[Any, ...] = (seq,)
        where = "t.seq = ?"
        if not search.text.isdigit():
            where, params = "t.seq = ? AND t.receipt_no = ?", (seq, search.text)
        return _Plan("", " AND ".join((where, *plain_day)), (*params, *day_params), False)
    if search.kind is SearchKind.UNKNOWN or not search.identifiers:
        return None
    parts: list[str] = []
    hit_params: list[Any] = []
    for name in search.identifiers:
        sql, keys, ranged = _HITS[name]
        parts.append(sql)
        hit_params.extend([search.text] * keys)
        if ranged:
            hit_params.extend((lo, hi))
    prefix = "WITH hit(seq) AS (" + " UNION ".join(parts) + ")"
    # A void of a match is shown with it: it names the same person.
    matched = (
        "t.seq IN (SELECT seq FROM hit "
        "UNION SELECT v2.seq FROM voids AS v2 WHERE v2.voided_seq IN (SELECT seq FROM hit))"
    )
    where = " AND ".join((matched, *plain_day))
    return _Plan(prefix, where, (*hit_params, *day_params), windowed=False)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _bounds(cur: sqlite3.Cursor, day: str | None) -> tuple[int, int] | None:
    """The first and last receipt sequence of `day` (of the store when None), by the index."""
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


def _window(after: int, bounds: tuple[int, int], size: int | None) -> tuple[int, int]:
    """The sequences (start, end] this call reads: at most `size` of them, if given."""
    lo, hi = bounds
    start = max(after, lo - 1)
    end = hi if size is None else min(hi, start + size)
    return start, end


def journal_page(
    counter: Counter,
    query: JournalQuery,
    after: int = 0,
    *,
    limit: int = PAGE_SIZE,
    window: int = SCAN_WINDOW,
) -> JournalPage:
    """Up to `limit` matching transactions with a sequence above `after`, in capture order.

    A name search reads at most `window` sequences: it may hand back fewer rows than `limit`
    while `done` is still False; ask again from `scanned_to`.
    """
    day = query.day.isoformat() if query.day else None
    with counter.store.read() as connection:
        cur = cursor(connection)
        bounds = _bounds(cur, day)
        plan = _plan(query.search, day, *bounds) if bounds else None
        if bounds is None or plan is None or after >= bounds[1]:
            return JournalPage((), after, True)
        start, end = _window(after, bounds, window if plan.windowed else None)
        sql = (
            f"{plan.prefix} {_ROWS} WHERE {plan.where} AND t.seq > ? AND t.seq <= ? "
            "ORDER BY t.seq LIMIT ?"
        )
        raw = cur.execute(sql, (*plan.params, start, end, limit)).fetchall()
    rows = tuple(_row(values) for values in raw)
    if len(rows) == limit:
        return JournalPage(rows, rows[-1].seq, rows[-1].seq >= bounds[1])
    return JournalPage(rows, end, end >= bounds[1])


def count_matches(
    counter: Counter, query: JournalQuery, after: int = 0, *, window: int = SCAN_WINDOW
) -> JournalCount:
    """How many transactions above `after` match; a name search counts one window a call, the
    whole day `COUNT_WINDOW` sequences a call."""
    day = query.day.isoformat() if query.day else None
    with counter.store.read() as connection:
        cur = cursor(connection)
        bounds = _bounds(cur, day)
        plan = _plan(query.search, day, *bounds) if bounds else None
        if bounds is None or plan is None or after >= bounds[1]:
            return JournalCount(0, after, True)
        size = window if plan.windowed else None
        if query.search.kind is SearchKind.ALL:
            size = COUNT_WINDOW
        start, end = _window(after, bounds, size)
        # Only a name needs the detail tables; the rest count from transactions alone.
        source = _FROM if query.search.kind is SearchKind.NAME else "FROM transactions AS t"
        sql = (
            f"{plan.prefix} SELECT count(*) {source} "
            f"WHERE {plan.where} AND t.seq > ? AND t.seq <= ?"
        )
        (count,) = cur.execute(sql, (*plan.params, start, end)).fetchone()
    return JournalCount(int(count), end, end >= bounds[1])


def row_statuses(counter: Counter, seqs: Iterable[int]) -> dict[int, RowStatus]:
    """What may change on a listed row: voided since, and how far its upload got."""
    wanted = list(seqs)
    found: dict[int, RowStatus] = {}
    with counter.store.read() as connection:
        cur = cursor(connection)
        for first in range(0, len(wanted), STATUS_CHUNK):
            chunk = wanted[first : first + STATUS_CHUNK]
            marks = ", ".join("?" for _ in chunk)
            sql = (
                "SELECT t.seq, vbt.receipt_no, o.status FROM transactions AS t "  # noqa: S608 - only "?" marks are added
                "LEFT JOIN voids AS vb ON vb.voided_seq = t.seq "
                "LEFT JOIN transactions AS vbt ON vbt.seq = vb.seq "
                f"LEFT JOIN outbox AS o ON o.seq = t.seq WHERE t.seq IN ({marks})"
            )
            for seq, voided_by, upload in cur.execute(sql, chunk).fetchall():
                found[int(seq)] = RowStatus(voided_by, upload or "pending")
    return found


def _row(values: Sequence[Any]) -> JournalRow:
    (
        seq,
        receipt_no,
        kind,
        business_date,
        created_at,
        timezone,
        amount,
        tender,
        voids,
        voided_amount,
        voided_by,
        upload,
        name,
        nik,
        kpj,
        npp,
        category,
    ) = values
    return JournalRow(
        seq=seq,
        receipt_no=receipt_no,
        kind=kind,
        business_date=date.fromisoformat(business_date),
        created_at=datetime.fromisoformat(created_at).astimezone(ZoneInfo(timezone)),
        name=name,
        nik=nik,
        kpj=kpj,
        npp=npp,
        category=category,
        amount=amount,
        tender=tender,
        voids=voids,
        voided_amount=voided_amount if kind == "void" else None,
        voided_by=voided_by,
        upload=upload or "pending",
    )
