"""The journal screen's queries: a business day's transactions a page at a time, and its search.

Pages follow the receipt sequence (keyset: `seq > last`, never OFFSET), so page 5,000 of a day
costs what page 1 does. A search by receipt number, NIK, KPJ, payment code or NPP finds its rows
through indexes; a search by name or by a number's last digits has no index to use (substring,
any kind), so it reads the day in windows of at most `window` receipt numbers a call: each call is
short, and the database worker runs a teller's capture between two windows instead of after the
whole scan.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from desktop.counter import Counter
from desktop.domain.nik import NIK_LENGTH
from desktop.domain.receipt_numbers import receipt_seq, validate_receipt_no
from desktop.domain.text import is_ascii_digits, strip_separators
from desktop.errors import DomainError
from desktop.store import journal_rows

PAGE_SIZE = 200
# Receipt numbers a name search reads per call: tens of milliseconds here (docs/performance.md).
SCAN_WINDOW = 10_000
# A receipt number's sequence part: up to 7 digits, typed with or without its leading zeros.
_SEQ_DIGITS = 7
# From this many digits, a short number may also be the end of a NIK or KPJ read off a card.
_ENDING_DIGITS = 4
# Index entries one count of a whole day reads per call (it reads no rows, only the day's index).
COUNT_WINDOW = 200_000


class SearchKind(StrEnum):
    ALL = "all"  # no search: every transaction of the day
    RECEIPT = "receipt"  # a receipt number, or just its sequence digits (up to 3)
    ENDING = "ending"  # 4 to 7 digits: a receipt's sequence, or the end of a NIK or KPJ
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
        if len(digits) < _ENDING_DIGITS:
            return Search(SearchKind.RECEIPT, digits)
        if len(digits) <= _SEQ_DIGITS:
            return Search(SearchKind.ENDING, digits)
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
    kind: str  # registration, contribution, claim_handover, void, refund
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
    printed: bool = False  # its receipt went out at least once (printed or saved)
    refunds: str | None = None  # for a refund: the receipt number of the payment it gives back
    refunded_by: str | None = None  # the receipt number of the refund of this payment
    debit_reference: str | None = None  # the bank's reference of a debit (of what a void voids)

    @property
    def is_voided(self) -> bool:
        return self.voided_by is not None


@dataclass(frozen=True)
class RowStatus:
    voided_by: str | None
    upload: str
    printed: bool = False
    refunded_by: str | None = None


@dataclass(frozen=True)
class Tally:
    count: int
    amount: int


@dataclass(frozen=True)
class JournalTotals:
    """A day's money as the journal sums it: kept cash, kept debit, and what voids took back."""

    cash: Tally
    debit: Tally
    voided: Tally


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


def _match(search: Search) -> journal_rows.Match | None:
    """What the store looks for; None when nothing can match (digits of no known length)."""
    if search.kind is SearchKind.ALL:
        return journal_rows.Everything()
    if search.kind is SearchKind.NAME:
        return journal_rows.NamePart(search.text)
    if search.kind is SearchKind.ENDING:
        return journal_rows.Ending(search.text)
    if search.kind is SearchKind.RECEIPT:
        whole = None if search.text.isdigit() else search.text
        return journal_rows.Receipt(receipt_seq(search.text), whole)
    if search.kind is SearchKind.UNKNOWN or not search.identifiers:
        return None
    return journal_rows.Identifier(search.text, search.identifiers)


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
    match = _match(query.search)
    if match is None:
        return JournalPage((), after, True)
    with counter.store.read() as connection:
        bounds = journal_rows.seq_bounds(connection, day)
        if bounds is None or after >= bounds[1]:
            return JournalPage((), after, True)
        windowed = isinstance(match, journal_rows.NamePart | journal_rows.Ending)
        start, end = _window(after, bounds, window if windowed else None)
        raw = journal_rows.matching_rows(connection, match, day, bounds, start, end, limit)
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
    match = _match(query.search)
    if match is None:
        return JournalCount(0, after, True)
    with counter.store.read() as connection:
        bounds = journal_rows.seq_bounds(connection, day)
        if bounds is None or after >= bounds[1]:
            return JournalCount(0, after, True)
        size = window if isinstance(match, journal_rows.NamePart | journal_rows.Ending) else None
        if isinstance(match, journal_rows.Everything):
            size = COUNT_WINDOW
        start, end = _window(after, bounds, size)
        count = journal_rows.count_matching(connection, match, day, bounds, start, end)
    return JournalCount(count, end, end >= bounds[1])


def row_statuses(counter: Counter, seqs: Iterable[int]) -> dict[int, RowStatus]:
    """What may change on a listed row: voided or refunded since, and how far its upload got."""
    wanted = list(seqs)
    with counter.store.read() as connection:
        found = journal_rows.row_statuses(connection, wanted)
    return {
        int(seq): RowStatus(voided_by, upload or "pending", bool(printed), refunded_by)
        for seq, voided_by, upload, printed, refunded_by in found
    }


def journal_totals(counter: Counter, day: date) -> JournalTotals:
    """The day's totals by cash, debit and void (voided money is in neither cash nor debit)."""
    with counter.store.read() as connection:
        cash_n, cash, debit_n, debit, void_n, voided = journal_rows.day_totals(
            connection, day.isoformat()
        )
    return JournalTotals(Tally(cash_n, cash), Tally(debit_n, debit), Tally(void_n, voided))


def _row(values: journal_rows.JournalRowValues) -> JournalRow:
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
        printed,
        refunds,
        refunded_by,
        debit_reference,
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
        printed=bool(printed),
        refunds=refunds,
        refunded_by=refunded_by,
        debit_reference=debit_reference,
    )
