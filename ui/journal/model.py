"""The journal's table model: a business day's transactions, fetched a page at a time by the worker.

Nothing here touches the store on the GUI thread. `fetchMore` hands one page query to the
database worker and returns; the rows are inserted when the page comes back. Pages follow the
receipt sequence (desktop/services/journal_query.py), so the millionth row costs what the first
does, and a name search that reads the day in windows asks for the next window by itself until
the page is full or the day is read. The count of matches is taken the same way, window by window,
beyond the rows the first page loaded.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont

from desktop.counter import Counter
from desktop.domain.money import format_rupiah, group_thousands
from desktop.domain.nik import mask_identifier
from desktop.services.journal_query import (
    PAGE_SIZE,
    SCAN_WINDOW,
    JournalCount,
    JournalPage,
    JournalQuery,
    JournalRow,
    RowStatus,
    Search,
    SearchKind,
    count_matches,
    journal_page,
    parse_search,
    row_statuses,
)
from ui.tasks import TaskManager

Index = QModelIndex | QPersistentModelIndex
T = TypeVar("T")

VOIDED_COLOR = QColor("#8a8a8a")
# Loaded rows whose status one refresh job re-reads: a few milliseconds of the worker's time.
STATUS_BATCH = 2000

TIME, RECEIPT, KIND, NAME, IDS, AMOUNT, TENDER, STATUS, UPLOAD, PRINTED = range(10)
_ROLES = frozenset(
    int(role)
    for role in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.UserRole,
    )
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("journal", text)


def headers() -> list[str]:
    return [
        _tr("Waktu"),
        _tr("No. tanda terima"),
        _tr("Jenis"),
        _tr("Nama"),
        _tr("NIK / KPJ"),
        _tr("Jumlah"),
        _tr("Bayar"),
        _tr("Status"),
        _tr("Unggah"),
        _tr("Dicetak"),
    ]


def kind_text(row: JournalRow) -> str:
    if row.kind == "registration":
        return _tr("Pendaftaran")
    if row.kind == "contribution":
        return _tr("Iuran PU") if row.category == "PU" else _tr("Iuran BPU")
    if row.kind == "claim_handover":
        return _tr("Klaim JHT")
    if row.kind == "void":
        return _tr("Pembatalan")
    if row.kind == "refund":
        return _tr("Pengembalian iuran")
    if row.kind == "benefit_payment":
        return _tr("Pembayaran JHT")
    return row.kind


def ids_text(row: JournalRow) -> str:
    """The KPJ in full once known (the teller reads it out to the participant), else the masked
    NIK (it is sensitive); an employer's NPP for PU. The tooltip has both."""
    if row.kpj:
        return _tr("KPJ {0}").format(row.kpj)
    if row.nik:
        return mask_identifier(row.nik)
    if row.npp:
        return _tr("NPP {0}").format(row.npp)
    return ""


def ids_tooltip(row: JournalRow) -> str | None:
    parts = []
    if row.nik:
        parts.append(_tr("NIK {0}").format(mask_identifier(row.nik)))
    if row.kpj:
        parts.append(_tr("KPJ {0}").format(row.kpj))
    return " · ".join(parts) or None


def amount_text(row: JournalRow) -> str:
    if row.kind == "void":
        return format_rupiah(-row.voided_amount) if row.voided_amount else "—"
    if row.kind in ("refund", "benefit_payment"):
        return format_rupiah(-row.amount)  # money out
    if row.amount == 0 and row.tender is None:
        return "—"  # a registration or a claim handover takes no money
    return format_rupiah(row.amount)


def tender_text(row: JournalRow) -> str:
    if row.tender == "debit" and row.debit_reference:
        return _tr("Debit · ref {0}").format(row.debit_reference)
    return {"cash": _tr("Tunai"), "debit": _tr("Debit")}.get(row.tender or "", "")


def status_text(row: JournalRow) -> str:
    if row.voided_by:
        return _tr("Dibatalkan ({0})").format(_tail(row.voided_by))
    if row.kind == "void" and row.voids:
        return _tr("Membatalkan {0}").format(_tail(row.voids))
    if row.refunded_by:
        return _tr("Dikembalikan ({0})").format(_tail(row.refunded_by))
    if row.kind == "refund" and row.refunds:
        return _tr("Mengembalikan {0}").format(_tail(row.refunds))
    return _tr("Sah")


def upload_text(row: JournalRow) -> str:
    return {
        "pending": _tr("Menunggu"),
        "sent": _tr("Terkirim"),
        "quarantined": _tr("Karantina"),
    }.get(row.upload, row.upload)


def printed_text(row: JournalRow) -> str:
    """Whether the receipt went out: printed or saved at least once (a failed print is not)."""
    return _tr("Ya") if row.printed else _tr("Belum")


def _tail(receipt_no: str) -> str:
    """The sequence part: every receipt of a counter starts with the same counter code."""
    return receipt_no.rsplit("-", 1)[-1]


def count_text(count: int, final: bool, searching: bool) -> str:
    if final and count == 0:
        return _tr("Tidak ada transaksi yang cocok") if searching else _tr("Belum ada transaksi")
    text = _tr("{0} transaksi").format(group_thousands(count))
    return text if final else _tr("{0}, menghitung…").format(text)


class JournalModel(QAbstractTableModel):
    """The rows of a `JournalQuery`, loaded page by page from the database worker."""

    loading_changed = Signal(bool)  # a page is on its way
    count_changed = Signal(int, bool)  # matches so far, whether that is all of them
    failed = Signal(object)  # what a worker call raised (a DomainError or a bug)

    def __init__(
        self,
        counter: Counter,
        tasks: TaskManager,
        parent: QObject | None = None,
        *,
        page_size: int = PAGE_SIZE,
        window: int = SCAN_WINDOW,
    ) -> None:
        super().__init__(parent)
        self._counter = counter
        self._tasks = tasks
        self._page_size = page_size
        self._window = window
        self._query = JournalQuery(counter.business_date())
        self._follow_today = True  # the day moves on with the business date
        self._rows: list[JournalRow] = []
        self._row_of: dict[int, int] = {}  # seq -> row
        self._generation = 0  # a new query makes every answer still on its way stale
        self._after = 0  # the next page starts after this sequence
        self._done = False
        self._fetching = False
        self._tail_wanted = False  # a refresh came while a page was on its way
        self._loading_shown = False
        self._count: int | None = None
        self._count_started = False
        self._count_final = False
        self._counted_to = 0
        self._counting = False
        self._count_wanted = False
        self._strike = QFont()
        self._strike.setStrikeOut(True)

    # --- what it shows ---------------------------------------------------------------------

    @property
    def query(self) -> JournalQuery:
        return self._query

    @property
    def loading(self) -> bool:
        return self._fetching

    @property
    def count(self) -> int | None:
        return self._count

    @property
    def count_final(self) -> bool:
        return self._count_final

    @property
    def searching(self) -> bool:
        return self._query.search.kind is not SearchKind.ALL

    def row_at(self, row: int) -> JournalRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, seq: int) -> int | None:
        return self._row_of.get(seq)

    def set_search(self, text: str) -> Search:
        search = parse_search(text, self._counter.reference.identifier_lengths)
        if search != self._query.search:
            self.set_query(dataclasses.replace(self._query, search=search))
        return search

    def set_day(self, day: date) -> None:
        self._follow_today = day == self._counter.business_date()
        if day != self._query.day:
            self.set_query(dataclasses.replace(self._query, day=day))

    def set_query(self, query: JournalQuery) -> None:
        self._query = query
        self.reload()

    def reload(self) -> None:
        """Empty the list and fetch its first page and its count anew."""
        self.beginResetModel()
        self._generation += 1
        self._rows = []
        self._row_of = {}
        self._after = 0
        self._done = False
        self._fetching = False
        self._tail_wanted = False
        self._count = None
        self._count_started = False
        self._count_final = False
        self._counted_to = 0
        self._counting = False
        self._count_wanted = False
        self.endResetModel()
        self._set_loading(False)
        self._fetch(self._page_size)  # the count follows the first page

    def refresh(self) -> None:
        """After a capture, a void or an upload: new rows at the end, statuses, the count."""
        today = self._counter.business_date()
        if self._follow_today and self._query.day != today:
            self.set_query(dataclasses.replace(self._query, day=today))
            return
        if self._fetching:
            self._tail_wanted = True
        elif self._done:
            self._done = False
            self._fetch(self._page_size)
        if self._counting:
            self._count_wanted = True
        elif self._count_started:
            self._count_final = False
            self._recount()
        self._refresh_statuses(0)

    # --- Qt's model interface --------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's name
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's name
        return 0 if parent.isValid() else PRINTED + 1

    def canFetchMore(self, parent: Index) -> bool:  # noqa: N802 - Qt's name
        return not parent.isValid() and not self._done

    def fetchMore(self, parent: Index) -> None:  # noqa: N802 - Qt's name
        if parent.isValid() or self._done or self._fetching:
            return
        self._fetch(self._page_size)

    def headerData(  # noqa: N802 - Qt's name
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section <= PRINTED:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return headers()[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section == AMOUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Painting asks each cell for about seven roles: the ones never answered leave first.
        if role not in _ROLES or not index.isValid():
            return None
        number = index.row()
        if not 0 <= number < len(self._rows):
            return None
        row = self._rows[number]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and row.is_voided:
            return VOIDED_COLOR
        if role == Qt.ItemDataRole.FontRole and row.is_voided and column != STATUS:
            return self._strike
        if role == Qt.ItemDataRole.TextAlignmentRole and column == AMOUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return row.seq
        return None

    @staticmethod
    def _text(row: JournalRow, column: int) -> str | None:
        if column == TIME:
            return f"{row.created_at:%H:%M}"
        if column == RECEIPT:
            return row.receipt_no
        if column == KIND:
            return kind_text(row)
        if column == NAME:
            return row.name or "—"
        if column == IDS:
            return ids_text(row)
        if column == AMOUNT:
            return amount_text(row)
        if column == TENDER:
            return tender_text(row)
        if column == STATUS:
            return status_text(row)
        if column == UPLOAD:
            return upload_text(row)
        if column == PRINTED:
            return printed_text(row)
        return None

    @staticmethod
    def _tooltip(row: JournalRow, column: int) -> str | None:
        if column == STATUS and row.voided_by:
            return _tr("Dibatalkan dengan {0}").format(row.voided_by)
        if column == STATUS and row.refunded_by:
            return _tr("Dikembalikan dengan {0}").format(row.refunded_by)
        if column == STATUS and row.voids:
            return _tr("Membatalkan {0}").format(row.voids)
        if column == TIME:
            return f"{row.created_at:%d/%m/%Y %H:%M:%S}"
        if column == IDS:
            return ids_tooltip(row)
        if column == NAME:
            return row.name
        return None

    # --- pages -----------------------------------------------------------------------------

    def _fetch(self, wanted: int) -> None:
        """Ask the worker for up to `wanted` rows after the last one read."""
        self._fetching = True
        self._set_loading(True)
        counter, query, after, window = self._counter, self._query, self._after, self._window
        self._run(
            "journal_page",
            lambda: journal_page(counter, query, after, limit=wanted, window=window),
            lambda page: self._page_arrived(wanted, page),
        )

    def _page_arrived(self, wanted: int, page: JournalPage) -> None:
        self._fetching = False
        fresh = [row for row in page.rows if row.seq not in self._row_of]
        if fresh:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            for offset, row in enumerate(fresh):
                self._row_of[row.seq] = first + offset
            self._rows.extend(fresh)
            self.endInsertRows()
            if not self._count_started:
                self.count_changed.emit(len(self._rows), False)
        self._after = max(self._after, page.scanned_to)
        self._done = page.done
        if self._done and self._tail_wanted:  # captured after that page was read
            self._done = False
        self._tail_wanted = False
        still = wanted - len(page.rows)
        if not self._done and still > 0:
            # A name search read its window without filling the page: the view asks only once.
            self._fetch(max(still, 1))
            return
        self._set_loading(False)
        if not self._count_started:
            self._start_count()

    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading_shown:
            self._loading_shown = loading
            self.loading_changed.emit(loading)

    # --- the count -------------------------------------------------------------------------

    def _start_count(self) -> None:
        """Every match up to the last page read is loaded: only the rest is counted, so a name
        search that read the whole day to fill its page never reads it a second time."""
        self._count_started = True
        self._count = len(self._rows)
        self._counted_to = self._after
        if self._done:
            self._count_final = True
            self.count_changed.emit(self._count, True)
        else:
            self.count_changed.emit(self._count, False)
            self._recount()

    def _recount(self) -> None:
        self._counting = True
        counter, query, after, window = self._counter, self._query, self._counted_to, self._window
        self._run(
            "journal_count",
            lambda: count_matches(counter, query, after, window=window),
            self._counted,
        )

    def _counted(self, result: JournalCount) -> None:
        self._counting = False
        self._count = (self._count or 0) + result.count
        self._counted_to = max(self._counted_to, result.scanned_to)
        self._count_final = result.done and not self._count_wanted
        self.count_changed.emit(self._count, self._count_final)
        if not result.done or self._count_wanted:
            self._count_wanted = False
            self._recount()

    # --- statuses of the loaded rows -------------------------------------------------------

    def _refresh_statuses(self, start: int) -> None:
        seqs = [row.seq for row in self._rows[start : start + STATUS_BATCH]]
        if not seqs:
            return
        counter = self._counter
        self._run(
            "journal_statuses",
            lambda: row_statuses(counter, seqs),
            lambda statuses: self._statuses_arrived(start, statuses),
        )

    def _statuses_arrived(self, start: int, statuses: dict[int, RowStatus]) -> None:
        last = PRINTED
        for seq, status in statuses.items():
            row = self._row_of.get(seq)
            if row is None:
                continue
            old = self._rows[row]
            now = (status.voided_by, status.upload, status.printed, status.refunded_by)
            if (old.voided_by, old.upload, old.printed, old.refunded_by) != now:
                self._rows[row] = dataclasses.replace(
                    old,
                    voided_by=status.voided_by,
                    upload=status.upload,
                    printed=status.printed,
                    refunded_by=status.refunded_by,
                )
                self.dataChanged.emit(self.index(row, 0), self.index(row, last))
        self._refresh_statuses(start + STATUS_BATCH)

    # --- the worker ------------------------------------------------------------------------

    def _run(self, label: str, call: Callable[[], T], done: Callable[[T], None]) -> None:
        """Run `call` on the worker; `done` follows on the GUI thread unless the query changed."""
        generation = self._generation

        def arrived(result: T) -> None:
            if shiboken6.isValid(self) and generation == self._generation:
                done(result)

        def failed(error: BaseException) -> None:
            if not shiboken6.isValid(self) or generation != self._generation:
                return
            # Stop asking (a view would ask again at once); refresh() or a new search retries.
            self._fetching = self._counting = False
            self._done = True
            self._set_loading(False)
            self.failed.emit(error)

        self._tasks.run(call, arrived, failed, label=label)
