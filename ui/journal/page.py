"""The F5 page: the business day's transactions, searched as typed; reprint (Ctrl+R), void (Del)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.money import format_rupiah
from desktop.errors import DomainError
from desktop.services.auth import User
from desktop.services.capture import Captured
from desktop.services.journal_query import JournalRow, JournalTotals, SearchKind, journal_totals
from desktop.services.receipt_output import RenderedReceipt
from ui.context import Context
from ui.errors import show_bug_report
from ui.journal.model import (
    AMOUNT,
    IDS,
    KIND,
    NAME,
    PRINTED,
    RECEIPT,
    STATUS,
    TENDER,
    TIME,
    UPLOAD,
    JournalModel,
    count_text,
)
from ui.journal.void_dialog import VoidDialog
from ui.operations import Changes
from ui.operations.receipt import issue_op
from ui.widgets import DONE_STYLE, ERROR_STYLE, INFO_STYLE, page_heading

# Typing stops for this long before the search runs: one query per word, not per key.
SEARCH_DELAY_MS = 250


class JournalPage(QWidget):
    """`reprint_ready(RenderedReceipt)` for the receipt preview; `voided(Captured)` after a void.
    Every capture and void, on this page or another, is listed as it is stored."""

    reprint_ready = Signal(object)
    voided = Signal(object)

    def __init__(self, ctx: Context, user: User, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.user = user
        self.dialog: VoidDialog | None = None
        self.setObjectName("page_journal")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 24, 20)
        heading = page_heading(self.tr("Jurnal transaksi"))
        outer.addWidget(heading)
        hint = QLabel(
            self.tr(
                "Ketik untuk mencari · ↓ ke daftar · Ctrl+R cetak ulang · Del batalkan "
                "· Esc kosongkan pencarian"
            )
        )
        hint.setStyleSheet(INFO_STYLE)
        outer.addWidget(hint)

        bar = QHBoxLayout()
        search_label = QLabel(self.tr("&Cari"))
        self.search = QLineEdit()
        self.search.setObjectName("journal_search")
        self.search.setMaxLength(60)
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(
            self.tr("No. tanda terima, NIK, KPJ (atau angka terakhirnya), kode iuran atau nama")
        )
        search_label.setBuddy(self.search)
        day_label = QLabel(self.tr("&Tanggal"))
        self.day = QDateEdit()
        self.day.setObjectName("journal_day")
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.day.setCalendarPopup(True)
        today = ctx.counter.business_date()
        self.day.setMaximumDate(QDate(today.year, today.month, today.day))
        self.day.setDate(QDate(today.year, today.month, today.day))
        day_label.setBuddy(self.day)
        bar.addWidget(search_label)
        bar.addWidget(self.search, 1)
        bar.addSpacing(16)
        bar.addWidget(day_label)
        bar.addWidget(self.day)
        outer.addLayout(bar)
        self.search_info = QLabel()
        self.search_info.setObjectName("journal_search_info")
        self.search_info.setStyleSheet(INFO_STYLE)
        self.search_info.hide()
        outer.addWidget(self.search_info)

        self.model = JournalModel(ctx.counter, ctx.tasks, self)
        self.table = QTableView()
        self.table.setObjectName("journal_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        # Fixed row heights and column widths: nothing is measured over the rows as they arrive.
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(QFontMetrics(self.table.font()).height() + 10)
        self._size_columns()
        outer.addWidget(self.table, 1)

        bottom = QHBoxLayout()
        self.count_label = QLabel(self.tr("memuat…"))
        self.count_label.setObjectName("journal_count")
        bottom.addWidget(self.count_label)
        self.loading_label = QLabel(self.tr("memuat…"))
        self.loading_label.setObjectName("journal_loading")
        self.loading_label.setStyleSheet(INFO_STYLE)
        self.loading_label.hide()
        bottom.addWidget(self.loading_label)
        bottom.addSpacing(24)
        # The day's money, whatever the search: kept cash, kept debit, what voids took back.
        self.totals_label = QLabel()
        self.totals_label.setObjectName("journal_totals")
        self.totals_label.setTextFormat(Qt.TextFormat.PlainText)
        bottom.addWidget(self.totals_label)
        bottom.addStretch(1)
        self.reprint_button = QPushButton(self.tr("Cetak ulang (Ctrl+R)"))
        self.reprint_button.setObjectName("journal_reprint")
        self.void_button = QPushButton(self.tr("Batalkan (Del)"))
        self.void_button.setObjectName("journal_void")
        for button in (self.reprint_button, self.void_button):
            button.setEnabled(False)
            bottom.addWidget(button)
        outer.addLayout(bottom)
        self.message = QLabel()
        self.message.setObjectName("journal_message")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.hide()
        outer.addWidget(self.message)

        QWidget.setTabOrder(self.search, self.table)
        QWidget.setTabOrder(self.table, self.reprint_button)
        QWidget.setTabOrder(self.reprint_button, self.void_button)
        QWidget.setTabOrder(self.void_button, self.day)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_search)
        self.search.textChanged.connect(self._search_typed)
        self.search.returnPressed.connect(self._enter_list)
        self.search.installEventFilter(self)
        self.table.installEventFilter(self)
        self.table.viewport().installEventFilter(self)
        self.day.dateChanged.connect(self._day_changed)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.model.loading_changed.connect(self.loading_label.setVisible)
        self.model.count_changed.connect(self._count_changed)
        self.model.rowsInserted.connect(self._rows_arrived)
        self.model.modelReset.connect(self._current_changed)
        self.model.failed.connect(self._load_failed)
        self.reprint_button.clicked.connect(self.reprint)
        self.void_button.clicked.connect(self.void)
        reprint_key = QShortcut(QKeySequence("Ctrl+R"), self)
        reprint_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        reprint_key.activated.connect(self.reprint)
        self._reprinting = False
        self.setFocusProxy(self.search)
        ctx.changes.changed.connect(self._changed)
        self.model.reload()
        self._load_totals()

    def _size_columns(self) -> None:
        metrics = QFontMetrics(self.table.font())
        samples = {
            TIME: "00:00",
            RECEIPT: "BNI-0123-01-0000000",
            KIND: "Pembatalan",
            IDS: "KPJ 12345678901",
            AMOUNT: "-Rp20.000.000",
            TENDER: "Debit",
            STATUS: "Dibatalkan (0000000)",
            UPLOAD: "Karantina",
            PRINTED: "Dicetak",
        }
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        padding = metrics.horizontalAdvance("M") + 8  # room for the cell margins, not more
        for column, sample in samples.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(column, metrics.horizontalAdvance(sample) + padding)
        self._others = list(samples)
        self._name_min = metrics.horizontalAdvance("Nama Peserta Pan")
        self._name_padding = padding
        self._widest_name = 0  # of the rows loaded: a name is never cut short
        self.table.setColumnWidth(NAME, self._name_min)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)

    def _fit_name(self) -> None:
        """The name takes the room left, never less than a readable width nor than the longest
        name loaded (then the table scrolls sideways)."""
        others = sum(self.table.columnWidth(column) for column in self._others)
        room = self.table.viewport().width() - others
        self.table.setColumnWidth(NAME, max(self._name_min, room, self._widest_name))

    def _measure_names(self, first: int, last: int) -> None:
        """Widen the name column for the rows just loaded (only those are measured)."""
        metrics = QFontMetrics(self.table.font())
        widest = self._widest_name
        for number in range(first, last + 1):
            name = self.model.data(self.model.index(number, NAME))
            if name:
                widest = max(widest, metrics.horizontalAdvance(str(name)) + self._name_padding)
        if widest > self._widest_name:
            self._widest_name = widest
            self._fit_name()

    # --- the day's totals -------------------------------------------------------------------

    def _load_totals(self) -> None:
        counter, day = self.ctx.counter, self._shown_day()
        self.ctx.tasks.run(
            lambda: journal_totals(counter, day),
            lambda totals: self._show_totals(day, totals),
            lambda _error: self.totals_label.clear(),
            label="journal_totals",
        )

    def _shown_day(self) -> date:
        qdate = self.day.date()
        return date(qdate.year(), qdate.month(), qdate.day())

    def _show_totals(self, day: date, totals: JournalTotals) -> None:
        if day != self._shown_day():
            return  # another day was picked meanwhile: its own totals follow
        self.totals_label.setText(
            self.tr("Tunai {0} ({1}) · Debit {2} ({3}) · Dibatalkan {4} ({5})").format(
                format_rupiah(totals.cash.amount),
                totals.cash.count,
                format_rupiah(totals.debit.amount),
                totals.debit.count,
                format_rupiah(totals.voided.amount),
                totals.voided.count,
            )
        )

    # --- reading again ------------------------------------------------------------------------

    def _changed(self, changes: Changes, _initiator: object) -> None:
        if changes.transactions or changes.receipts:
            self.refresh()

    def refresh(self) -> None:
        """New captures, voids and uploads since the list was read (the list keeps its place)."""
        today = self.ctx.counter.business_date()
        qtoday = QDate(today.year, today.month, today.day)
        if self.day.maximumDate() != qtoday:
            following = self.day.date() == self.day.maximumDate()
            self.day.setMaximumDate(qtoday)
            if following:
                self.day.setDate(qtoday)  # a new day: the list is read anew
                return
        self.model.refresh()
        self._load_totals()

    # --- searching -------------------------------------------------------------------------

    def _search_typed(self, _text: str) -> None:
        self._search_timer.start()

    def apply_search(self) -> None:
        """Run the search typed so far now (the timer, Enter and Down do)."""
        self._search_timer.stop()
        search = self.model.set_search(self.search.text())
        if search.kind is SearchKind.UNKNOWN:
            self.search_info.setText(
                self.tr(
                    "Tidak dikenali: ketik nomor tanda terima, NIK (16 angka), KPJ, kode iuran "
                    "(12 angka) atau nama."
                )
            )
            self.search_info.show()
        else:
            self.search_info.hide()

    def _day_changed(self, qdate: QDate) -> None:
        self.model.set_day(date(qdate.year(), qdate.month(), qdate.day()))
        self._load_totals()

    def _enter_list(self) -> None:
        self.apply_search()
        self.table.setFocus()
        self._select_first_if_none()

    def _select_first_if_none(self) -> None:
        if not self.table.currentIndex().isValid() and self.model.rowCount() > 0:
            self.table.setCurrentIndex(self.model.index(0, 0))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_name()
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key = event.key()
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        if watched is self.search:
            if key == Qt.Key.Key_Down and plain:
                self._enter_list()
                return True
            if key == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                self.apply_search()
                return True
        elif watched is self.table:
            if key == Qt.Key.Key_Up and plain and self.table.currentIndex().row() <= 0:
                self.search.setFocus()
                self.search.selectAll()
                return True
            if key == Qt.Key.Key_Delete and plain:
                self.void()
                return True
            text = event.text()
            typing = plain or event.modifiers() == Qt.KeyboardModifier.ShiftModifier
            if typing and text and text.isprintable():
                # Typing in the list searches, as in the box: back to it with the key typed.
                self.search.setFocus()
                self.search.insert(text)
                return True
        return super().eventFilter(watched, event)

    # --- the list --------------------------------------------------------------------------

    def _rows_arrived(self, _parent: QModelIndex, first: int, last: int) -> None:
        self._measure_names(first, last)
        if self.table.hasFocus():
            self._select_first_if_none()
        self._current_changed()

    def _count_changed(self, count: int, final: bool) -> None:
        self.count_label.setText(count_text(count, final, self.model.searching))

    def _load_failed(self, error: object) -> None:
        if isinstance(error, DomainError):
            self._say(error.message(self.ctx.lang), ERROR_STYLE)
        elif isinstance(error, BaseException):
            show_bug_report(self, error)

    def current(self) -> JournalRow | None:
        """The row the cursor is on; a search that found one row needs no cursor."""
        index = self.table.currentIndex()
        if index.isValid():
            return self.model.row_at(index.row())
        return self.model.row_at(0) if self.model.rowCount() == 1 else None

    def _current_changed(self) -> None:
        row = self.current()
        self.reprint_button.setEnabled(row is not None and not self._reprinting)
        self.void_button.setEnabled(row is not None)

    def _say(self, text: str, style: str) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(style)
        self.message.show()

    # --- reprint ---------------------------------------------------------------------------

    def reprint(self) -> None:
        row = self.current()
        if row is None or self._reprinting:
            return
        self._reprinting = True
        self._current_changed()
        (
            issue_op(self.ctx, self.user, row.receipt_no, reprint=True)
            .success(self._reprinted)
            .failure(self._reprint_refused)
            .run(self.ctx.tasks, self)
        )

    def _reprinted(self, receipt: RenderedReceipt) -> None:
        self._reprinting = False
        self._current_changed()
        self._say(
            self.tr("Salinan ke-{0} tanda terima {1} siap dicetak.").format(
                receipt.issued.copy_number, receipt.receipt_no
            ),
            DONE_STYLE,
        )
        self.reprint_ready.emit(receipt)

    def _reprint_refused(self, error: DomainError) -> None:
        self._reprinting = False
        self._current_changed()
        self._say(error.message(self.ctx.lang), ERROR_STYLE)

    # --- void ------------------------------------------------------------------------------

    def void(self) -> None:
        row = self.current()
        if row is None or (self.dialog is not None and self.dialog.isVisible()):
            return
        refusal = self._not_voidable(row)
        if refusal:
            self._say(refusal, ERROR_STYLE)
            return
        self.message.hide()
        dialog = VoidDialog(self.ctx, self.user, row, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.voided.connect(self._voided)
        dialog.finished.connect(self._dialog_closed)
        self.dialog = dialog
        dialog.open()

    def _not_voidable(self, row: JournalRow) -> str | None:
        """Said at once, before a supervisor is called over (the service checks again)."""
        if row.kind == "void":
            return self.tr("Bukti pembatalan tidak dapat dibatalkan.")
        if row.voided_by:
            return self.tr("Tanda terima {0} sudah dibatalkan dengan {1}.").format(
                row.receipt_no, row.voided_by
            )
        if row.business_date != self.ctx.counter.business_date():
            return self.tr("Hanya transaksi hari kerja yang sedang berjalan yang dapat dibatalkan.")
        return None

    def _voided(self, captured: Captured) -> None:
        self._say(self.tr("Dibatalkan dengan {0}.").format(captured.receipt_no), DONE_STYLE)
        self.voided.emit(captured)  # the list reads it again from the void's Changes

    def _dialog_closed(self, _result: int) -> None:
        self.dialog = None
        self.window().activateWindow()  # back to the list, whatever the window manager does
        self.table.setFocus()
