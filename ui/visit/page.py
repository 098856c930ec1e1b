"""Shift+F3: a Perisai agent's collective visit, keyboard first.

Ctrl+O opens the agent's file (CSV or .xlsx); every row shows its verdict before anything is
written. A refused cell is fixed in place (F2 or typing, Enter: the rows are checked again), a
row dropped with Delete. One tender for the total (cash: total, received and change confirmed),
Ctrl+Enter pays: each row its own transaction on the database worker, the progress bar moving,
then every receipt and the agent's collective receipt printed as one PDF.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.money import format_rupiah
from desktop.errors import DomainError, each_error
from desktop.services.auth import User
from desktop.services.imports import Progress
from desktop.services.visit import (
    COLUMNS,
    CaptureVisit,
    RenderedVisit,
    Verdict,
    VisitCheck,
    VisitResult,
    VisitRow,
)
from ui.agent_field import AgentField
from ui.context import Context
from ui.contribution.tender import TenderPanel
from ui.operations.receipt import save_op
from ui.operations.visit import (
    capture_visit_op,
    check_visit_op,
    open_visit_op,
    visit_receipts_op,
)
from ui.printing import documents_folder
from ui.receipt.jobs import PrintJobs
from ui.widgets import (
    DONE_STYLE,
    ERROR_STYLE,
    INFO_STYLE,
    FieldForm,
    error_label,
    note_label,
    page_heading,
    show_text,
    text_label,
)

# The table: the file's row number, the five columns the teller may edit, then what the check
# found (name, amount, verdict).
ROW, FIRST_INPUT = 0, 1
NAME, AMOUNT, VERDICT = 6, 7, 8
REFUSED_BACKGROUND = QColor("#fde7e9")
ACCEPTED_COLOR = QColor("#1b5e20")
REFUSED_COLOR = QColor("#b00020")
_ENTER_KEYS = ("Ctrl+Return", "Ctrl+Enter")


class _Relay(QObject):
    """Carries the worker's progress to the GUI thread (a queued signal)."""

    progressed = Signal(int, int)  # rows committed, rows to pay


class VisitPage(QWidget):
    """`paid(VisitResult)` once a batch is captured."""

    paid = Signal(object)

    def __init__(self, ctx: Context, user: User, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.user = user
        self.setObjectName("page_visit")
        self.rows: list[VisitRow] = []
        self.check: VisitCheck | None = None
        self.result: VisitResult | None = None
        self.rendered: RenderedVisit | None = None
        self._checking = 0  # the latest check asked for; older answers are dropped
        self._busy = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 24, 20)
        outer.addWidget(page_heading(self.tr("Kunjungan agen Perisai (bayar kolektif)")))
        hint = QLabel(
            self.tr(
                "Ctrl+O buka berkas agen (CSV/XLSX) · F2 ubah sel, Enter periksa lagi · Delete "
                "hapus baris · Alt+K kode agen · Ctrl+Enter bayar semua · Ctrl+P cetak lagi · "
                "Ctrl+Shift+S simpan PDF · Ctrl+N kunjungan baru"
            )
        )
        hint.setStyleSheet(INFO_STYLE)
        hint.setWordWrap(True)  # never wider than the window
        outer.addWidget(hint)

        top = QHBoxLayout()
        self.open_button = QPushButton(self.tr("&Buka berkas agen…"))
        self.open_button.setObjectName("open_file")
        self.open_button.clicked.connect(self.choose_file)
        self.file_label = text_label("file_name")
        top.addWidget(self.open_button)
        top.addWidget(self.file_label, 1)
        outer.addLayout(top)
        self.file_error = error_label("file_error")
        outer.addWidget(self.file_error)

        self.table = QTableWidget(0, VERDICT + 1)
        self.table.setObjectName("visit_rows")
        titles = [
            self.tr("Baris"),
            self.tr("NIK/KPJ"),
            self.tr("Bulan"),
            self.tr("Penghasilan"),
            self.tr("Program"),
            self.tr("Periode awal"),
            self.tr("Nama"),
            self.tr("Jumlah"),
            self.tr("Keputusan"),
        ]
        self.table.setHorizontalHeaderLabels(titles)
        # A refusal names the column as the table titles it (the file's column name otherwise).
        self.field_titles = {"row": titles[ROW]} | {
            column: titles[FIRST_INPUT + offset] for offset, column in enumerate(COLUMNS)
        }
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        header = self.table.horizontalHeader()
        # Sized to their contents once a check is shown (_fit_columns), not at every cell set:
        # ResizeToContents measures the whole column again for each one (60 rows: half a second).
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(VERDICT, QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(self._cell_edited)
        outer.addWidget(self.table, 1)
        drop = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table)
        drop.setContext(Qt.ShortcutContext.WidgetShortcut)
        drop.activated.connect(self.drop_current_row)

        self.summary = text_label("summary", "font-weight: bold;")
        outer.addWidget(self.summary)

        self.agent_code = AgentField(ctx)
        self.agent_code.setPlaceholderText(self.tr("wajib · ketik kode, nama atau lembaga"))
        self.tender = TenderPanel()
        form = FieldForm()
        form.add_field("agent_code", self.tr("&Kode agen"), self.agent_code, self.agent_code.info)
        outer.addLayout(form)
        outer.addWidget(self.tender)
        self.errors = {**form.errors, **self.tender.errors}

        bottom = QHBoxLayout()
        self.pay_button = QPushButton(self.tr("Bayar &semua (Ctrl+Enter)"))
        self.pay_button.setObjectName("pay_visit")
        self.pay_button.clicked.connect(self.pay)
        self.progress = QProgressBar()
        self.progress.setObjectName("visit_progress")
        self.progress.hide()
        bottom.addWidget(self.pay_button)
        bottom.addWidget(self.progress, 1)
        outer.addLayout(bottom)
        self.message = error_label("visit_message")
        outer.addWidget(self.message)
        self.saved = note_label("saved_to", DONE_STYLE)
        outer.addWidget(self.saved)
        self.print_jobs = PrintJobs(ctx, self)
        self.print_jobs.printed.connect(self._printed)
        self.print_jobs.failed.connect(self._print_failed)
        self.relay = _Relay(self)
        self.relay.progressed.connect(self._progressed)

        opener = QShortcut(QKeySequence("Ctrl+O"), self)
        opener.activated.connect(self.choose_file)
        again = QShortcut(QKeySequence("Ctrl+N"), self)
        again.activated.connect(self.start_again)
        reprint = QShortcut(QKeySequence("Ctrl+P"), self)
        reprint.activated.connect(self.print_batch)
        keep = QShortcut(QKeySequence("Ctrl+Shift+S"), self)
        keep.activated.connect(self.save_pdf)
        for keys in _ENTER_KEYS:
            payer = QShortcut(QKeySequence(keys), self)
            payer.activated.connect(self.pay)
        self.setFocusProxy(self.open_button)
        self._show_summary()

    # --- the file ------------------------------------------------------------------------------

    def choose_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Berkas agen"),
            "",
            self.tr("Berkas agen (*.csv *.xlsx);;Semua berkas (*)"),
        )
        if name:
            self.open_file(Path(name))

    def open_file(self, path: Path) -> None:
        self.file_error.hide()
        self.file_label.setText(path.name)
        (
            open_visit_op(path)
            .success(self._opened)
            .failure(lambda error: show_text(self.file_error, error.message(self.ctx.lang)))
            .run(self.ctx.tasks, self)
        )

    def _opened(self, rows: tuple[VisitRow, ...]) -> None:
        self.rows = list(rows)
        self.result = None
        self.rendered = None
        self.message.hide()
        self.progress.hide()
        self._fill_table()
        self._recheck()
        self.table.setFocus()
        if self.table.rowCount():
            self.table.setCurrentCell(0, FIRST_INPUT)

    # --- the table -----------------------------------------------------------------------------

    def _fill_table(self) -> None:
        self.table.blockSignals(True)
        self.table.setUpdatesEnabled(False)
        try:
            self.table.setRowCount(len(self.rows))
            for index, row in enumerate(self.rows):
                number = QTableWidgetItem(str(row.row))
                number.setFlags(number.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(index, ROW, number)
                for offset, value in enumerate(row.values):
                    self.table.setItem(index, FIRST_INPUT + offset, QTableWidgetItem(value))
                for column in (NAME, AMOUNT, VERDICT):
                    item = QTableWidgetItem("…")
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                    self.table.setItem(index, column, item)
        finally:
            self.table.blockSignals(False)
            self._fit_columns()

    def _cell_edited(self, item: QTableWidgetItem) -> None:
        column = item.column()
        if not FIRST_INPUT <= column < FIRST_INPUT + len(COLUMNS):
            return
        index = item.row()
        self.rows[index] = self.rows[index].edited(COLUMNS[column - FIRST_INPUT], item.text())
        self._recheck()

    def drop_current_row(self) -> None:
        index = self.table.currentRow()
        if index < 0 or self._busy or self.result is not None:
            return
        column = self.table.currentColumn()
        del self.rows[index]
        self.table.removeRow(index)
        if self.table.rowCount():
            self.table.setCurrentCell(min(index, self.table.rowCount() - 1), column)
        self._recheck()

    def _recheck(self) -> None:
        self._checking += 1
        asked = self._checking
        self.check = None
        self._show_summary()
        if not self.rows:
            return
        (
            check_visit_op(self.ctx.counter, self.user, self.rows, self.ctx.lang)
            .success(lambda check: self._checked(asked, check))
            .failure(lambda error: show_text(self.message, error.message(self.ctx.lang)))
            .run(self.ctx.tasks, self)
        )

    def _checked(self, asked: int, check: VisitCheck) -> None:
        if asked != self._checking:
            return  # the rows changed since: a newer check is on its way
        self.check = check
        self.table.blockSignals(True)
        self.table.setUpdatesEnabled(False)
        try:
            for index, verdict in enumerate(check.verdicts):
                self._show_verdict(index, verdict)
        finally:
            self.table.blockSignals(False)
            self._fit_columns()
        self._show_summary()

    def _fit_columns(self) -> None:
        for column in range(VERDICT):
            self.table.resizeColumnToContents(column)
        self.table.setUpdatesEnabled(True)

    def _cell(self, index: int, column: int) -> QTableWidgetItem:
        item = self.table.item(index, column)
        if item is None:  # every cell is made with its row (_fill_table)
            item = QTableWidgetItem()
            self.table.setItem(index, column, item)
        return item

    def _show_verdict(self, index: int, verdict: Verdict) -> None:
        name = self._cell(index, NAME)
        amount = self._cell(index, AMOUNT)
        shown = self._cell(index, VERDICT)
        name.setText(verdict.name)
        amount.setText(format_rupiah(verdict.amount) if verdict.accepted else "")
        amount.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if verdict.accepted:
            text = (
                self.tr("Dibayar: {0}").format(verdict.receipt_no)
                if verdict.receipt_no
                else self.tr("Diterima")
            )
            shown.setText(text)
            shown.setForeground(ACCEPTED_COLOR)
        else:
            title = self.field_titles.get(verdict.field, verdict.field)
            shown.setText(self.tr("Ditolak [{0}]: {1}").format(title, verdict.message))
            shown.setForeground(REFUSED_COLOR)
        shown.setToolTip(shown.text())
        for offset, column in enumerate(COLUMNS):
            cell = self._cell(index, FIRST_INPUT + offset)
            bad = not verdict.accepted and verdict.field in (column, "row")
            cell.setBackground(REFUSED_BACKGROUND if bad else QColor(Qt.GlobalColor.transparent))

    def _show_summary(self) -> None:
        check = self.check
        if not self.rows:
            self.summary.setText(self.tr("Belum ada berkas agen."))
            self.tender.set_total(None)
            return
        if check is None:
            self.summary.setText(self.tr("Memeriksa {0} baris…").format(len(self.rows)))
            self.tender.set_total(None)
            return
        accepted = len(check.accepted)
        refused = len(check.verdicts) - accepted
        self.summary.setText(
            self.tr("{0} diterima · {1} ditolak · Total {2}").format(
                accepted, refused, format_rupiah(check.total)
            )
        )
        self.tender.set_total(check.total)

    # --- paying --------------------------------------------------------------------------------

    def pay(self) -> None:
        if self._busy or self.result is not None:
            return
        self.form_errors_hidden()
        check = self.check
        if check is None or not check.accepted:
            show_text(self.message, self.tr("Buka berkas agen dan tunggu pemeriksaannya."))
            return
        refused = [v.row for v in check.verdicts if not v.accepted]
        if refused:
            show_text(
                self.message,
                self.tr("Perbaiki atau hapus dulu baris yang ditolak: {0}.").format(
                    ", ".join(str(n) for n in refused)
                ),
            )
            return
        try:
            tender = self.tender.value()
        except DomainError as error:
            self._field_error(error)
            return
        if tender.tender == "cash" and not self._cash_confirmed(check.total, tender.cash_given):
            return
        cmd = CaptureVisit(
            agent_code=self.agent_code.code(),
            rows=tuple(self.rows),
            tender=tender.tender,
            cash_given=tender.cash_given,
            debit_account=tender.debit_account,
            debit_reference=tender.debit_reference,
        )
        self._busy = True
        self.pay_button.setEnabled(False)
        self.progress.setRange(0, len(self.rows))
        self.progress.setValue(0)
        self.progress.show()
        relay = self.relay

        def progressed(progress: Progress) -> None:  # on the database worker
            relay.progressed.emit(progress.accepted, len(cmd.rows))

        (
            capture_visit_op(self.ctx, self.user, cmd, progressed)
            .success(self._captured)
            .failure(self._refused)
            .run(self.ctx.tasks, self)
        )

    def _cash_confirmed(self, total: int, given: int | None) -> bool:
        received = total if given is None else given
        box = QMessageBox(self)
        box.setObjectName("confirm_cash")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Konfirmasi tunai"))
        box.setText(
            self.tr("Total {0}\nDiterima {1}\nKembalian {2}\n\nSimpan {3} pembayaran?").format(
                format_rupiah(total),
                format_rupiah(received),
                format_rupiah(received - total),
                len(self.rows),
            )
        )
        yes = box.addButton(self.tr("Ya, bayar"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Batal"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(yes)
        box.exec()
        self.window().activateWindow()  # the keys come back to the page, not to nowhere
        return box.clickedButton() is yes

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _captured(self, result: VisitResult) -> None:
        self._busy = False
        self.result = result
        self.progress.setValue(len(result.paid))
        by_row = {v.row: v for v in result.verdicts}
        self.table.blockSignals(True)
        self.table.setUpdatesEnabled(False)
        try:
            for index, row in enumerate(self.rows):
                verdict = by_row.get(row.row)
                if verdict is not None:
                    self._show_verdict(index, verdict)
        finally:
            self.table.blockSignals(False)
            self._fit_columns()
        self.table.setFocus()  # the verdicts, now with their receipt numbers
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        text = self.tr("Tersimpan {0} pembayaran, total {1}.").format(
            len(result.paid), format_rupiah(result.total)
        )
        if result.tender == "cash":
            text += " " + self.tr("Kembalian {0}.").format(format_rupiah(result.change))
        if result.not_paid:
            text += " " + self.tr("{0} baris TIDAK dibayar; lihat kolom keputusan.").format(
                len(result.not_paid)
            )
        show_text(self.message, text, DONE_STYLE if not result.not_paid else ERROR_STYLE)
        self.paid.emit(result)
        if result.paid:
            (
                visit_receipts_op(self.ctx, self.user, result)
                .success(self._rendered)
                .run(self.ctx.tasks, self)
            )

    def _refused(self, error: DomainError) -> None:
        self._busy = False
        self.pay_button.setEnabled(True)
        self.progress.hide()
        self._field_error(error)

    def _rendered(self, rendered: RenderedVisit) -> None:
        self.rendered = rendered
        self.print_batch()

    def print_batch(self) -> None:
        """The batch's one PDF on the counter's printer (again with Ctrl+P, after a failure)."""
        if self.rendered is not None:
            self.print_jobs.print_receipt(self.user, self.rendered, self.print_jobs.make_printer())

    def save_pdf(self) -> None:
        """Ctrl+Shift+S: the batch's PDF into a file (the Documents folder by default)."""
        rendered = self.rendered
        if rendered is None:
            return
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Simpan tanda terima kunjungan sebagai PDF"),
            str(documents_folder() / rendered.file_name),
            self.tr("Dokumen PDF (*.pdf)"),
        )
        if not chosen:
            return
        (
            save_op(self.ctx, self.user, rendered, Path(chosen))
            .success(lambda path: show_text(self.saved, self.tr("Disimpan: {0}").format(path)))
            .failure(lambda error: show_text(self.saved, error.message(self.ctx.lang), ERROR_STYLE))
            .run(self.ctx.tasks, self)
        )

    def _printed(self, _number: str, where: str) -> None:
        show_text(
            self.message,
            self.message.text()
            + " "
            + self.tr("Tanda terima peserta dan tanda terima kolektif dicetak di {0}.").format(
                where
            ),
        )

    def _print_failed(self, _number: str, why: str) -> None:
        show_text(
            self.message,
            self.tr("Pembayaran SUDAH tersimpan, tetapi tanda terima gagal dicetak: {0}").format(
                why
            ),
            ERROR_STYLE,
        )

    def _field_error(self, error: DomainError) -> None:
        """Every error at once, each under its field (what no field shows, in the message)."""
        elsewhere = []
        for one in each_error(error):
            label = self.errors.get(one.field)
            if label is None:
                elsewhere.append(one.message(self.ctx.lang))
            else:
                show_text(label, one.message(self.ctx.lang))
        if elsewhere:
            show_text(self.message, "\n".join(elsewhere))

    def form_errors_hidden(self) -> None:
        for label in (*self.errors.values(), self.message):
            label.hide()

    def start_again(self) -> None:
        """A new visit: the table emptied, the tender cleared."""
        self.rows = []
        self.check = self.result = self.rendered = None
        self.table.setRowCount(0)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.agent_code.clear()
        self.tender.clear()
        self.pay_button.setEnabled(True)
        self.progress.hide()
        self.file_label.clear()
        self.message.hide()
        self.saved.hide()
        self._show_summary()
        self.open_button.setFocus()
