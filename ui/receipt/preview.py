"""The receipt preview for a reprint and for "Cetak ulang": the PDF, Print and Save PDF. (After a
capture the main window prints the original with no preview: ui/receipt/jobs.py.)

Issuing, rendering and saving run on the database worker, printing on the printer worker (the
counter's printer chosen in Settings, no dialog: the window is back in the teller's hands at
once), each one service call that also records the attempt in the print journal. A capture's
preview (`for_capture`) prints the original by itself. A failed print never hides that the
transaction is saved:
the teller is told so, with "Cetak ulang", and the failure is recorded with its reason. Closing a
receipt that never went out asks first.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import DomainError
from desktop.services.auth import User
from desktop.services.capture import Captured
from desktop.services.receipt_output import Paper, RenderedReceipt
from ui.context import Context
from ui.operations.receipt import issue_op, save_op
from ui.printing import documents_folder, load_pdf, pdf_view, prepare_printer
from ui.receipt.jobs import PrintJobs
from ui.widgets import DONE_STYLE, ERROR_STYLE

COPY_STYLE = "color: #b00020; font-weight: bold; font-size: 13pt;"
# Wide enough to read the receipt at fit-to-width, small enough for a 1024x680 screen.
SIZES = {Paper.ROLL_80: (560, 600), Paper.A5: (640, 600), Paper.A4_TWO_COPIES: (960, 600)}


class ReceiptPreview(QDialog):
    """The receipt as it will print. Build it with `for_capture`, `for_issued` or `for_reprint`,
    then `open()` it (set WA_DeleteOnClose for a throwaway). `ready()` follows once the receipt
    is shown; `recorded(outcome)` follows each entry stored in the print journal."""

    ready = Signal()
    recorded = Signal(str)

    def __init__(
        self,
        ctx: Context,
        user: User,
        parent: QWidget | None = None,
        *,
        jobs: PrintJobs | None = None,
        auto_print: bool = False,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.user = user
        self.receipt: RenderedReceipt | None = None
        self.jobs = jobs or PrintJobs(ctx, self)
        self.jobs.printed.connect(self._job_printed)
        self.jobs.failed.connect(self._job_failed)
        self.auto_print = auto_print  # after a capture: the original prints by itself
        self.went_out = False  # printed or saved: closing needs no question
        self.printing = False
        self._close_unsent = False
        self.setObjectName("receiptPreview")
        self.setWindowTitle(self.tr("Tanda terima"))
        self.resize(*SIZES[Paper.ROLL_80])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        # Each row is put in the dialog's layout before it gets widgets: widgets added to a
        # layout with no widget yet are kept by PySide in a list of the layout's own, which the
        # garbage collector (running on whichever thread allocates) was seen to crash on.
        top = QHBoxLayout()
        layout.addLayout(top)
        self.heading = QLabel(self.tr("Menyiapkan tanda terima…"))
        self.heading.setObjectName("heading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.copy_mark = QLabel()
        self.copy_mark.setObjectName("copy_mark")
        self.copy_mark.setTextFormat(Qt.TextFormat.PlainText)
        self.copy_mark.setStyleSheet(COPY_STYLE)
        self.copy_mark.hide()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.copy_mark)

        self.view, self.document = pdf_view(self, "view", spacing=12)
        layout.addWidget(self.view, 1)

        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE + " font-weight: bold;")
        self.error.hide()
        layout.addWidget(self.error)
        self.outcome = QLabel()
        self.outcome.setObjectName("outcome")
        self.outcome.setTextFormat(Qt.TextFormat.PlainText)
        self.outcome.setWordWrap(True)
        self.outcome.setStyleSheet(DONE_STYLE)
        self.outcome.hide()
        layout.addWidget(self.outcome)

        buttons = QHBoxLayout()
        layout.addLayout(buttons)
        self.print_button = QPushButton(self.tr("Cetak (Ctrl+P)"))
        self.print_button.setObjectName("print")
        self.print_button.setDefault(True)
        self.save_button = QPushButton(self.tr("Simpan PDF (Ctrl+Shift+S)"))
        self.save_button.setObjectName("save")
        self.close_button = QPushButton(self.tr("Tutup (Esc)"))
        self.close_button.setObjectName("close")
        self.close_button.setAutoDefault(False)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        QWidget.setTabOrder(self.print_button, self.save_button)
        QWidget.setTabOrder(self.save_button, self.close_button)
        QWidget.setTabOrder(self.close_button, self.view)

        self.print_button.clicked.connect(self.print_receipt)
        self.save_button.clicked.connect(self.save_pdf)
        self.close_button.clicked.connect(self.reject)
        for keys, slot in (("Ctrl+P", self.print_receipt), ("Ctrl+Shift+S", self.save_pdf)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(slot)
        self._asking = False
        self._set_ready(False)
        self.print_button.setFocus()

    # --- entry points ----------------------------------------------------------------------------

    @classmethod
    def for_capture(
        cls,
        ctx: Context,
        user: User,
        captured: Captured,
        parent: QWidget | None = None,
        *,
        jobs: PrintJobs | None = None,
        print_now: bool = True,
    ) -> ReceiptPreview:
        """Issue the original of a receipt just captured, show it and (`print_now`) print it
        straight away on the counter's printer."""
        return cls._issuing(
            ctx, user, captured.receipt_no, reprint=False, parent=parent, jobs=jobs, auto=print_now
        )

    @classmethod
    def for_reprint(
        cls, ctx: Context, user: User, receipt_no: str, parent: QWidget | None = None
    ) -> ReceiptPreview:
        """Issue the next numbered copy ("SALINAN KE-n") of a stored receipt (the original if
        none went out yet), then show it."""
        return cls._issuing(ctx, user, receipt_no, reprint=True, parent=parent)

    @classmethod
    def _issuing(
        cls,
        ctx: Context,
        user: User,
        receipt_no: str,
        *,
        reprint: bool,
        parent: QWidget | None,
        jobs: PrintJobs | None = None,
        auto: bool = False,
    ) -> ReceiptPreview:
        preview = cls(ctx, user, parent, jobs=jobs, auto_print=auto)
        preview.heading.setText(preview.tr("Menyiapkan tanda terima {0}…").format(receipt_no))
        op = issue_op(ctx, user, receipt_no, reprint=reprint)
        failed = preview._reprint_failed if reprint else preview._not_issued
        op.success(preview.show_receipt).failure(failed).run(ctx.tasks, preview)
        return preview

    @classmethod
    def for_rendered(
        cls,
        ctx: Context,
        user: User,
        receipt: RenderedReceipt,
        parent: QWidget | None = None,
        *,
        jobs: PrintJobs | None = None,
    ) -> ReceiptPreview:
        """Show a receipt issued and rendered already (a reprint made from the journal)."""
        preview = cls(ctx, user, parent, jobs=jobs)
        preview.show_receipt(receipt)
        return preview

    # --- showing ---------------------------------------------------------------------------------

    def show_receipt(self, receipt: RenderedReceipt) -> None:
        self.receipt = receipt
        self._show_identity(receipt)
        if not load_pdf(self.document, receipt.pdf):
            self._show_error(self.tr("Tanda terima tidak dapat ditampilkan."))
            return
        self.resize(*SIZES[receipt.issued.paper])
        self._set_ready(True)
        self.print_button.setFocus()
        self.ready.emit()
        if self.auto_print:
            self.print_receipt()

    def _show_identity(self, receipt: RenderedReceipt) -> None:
        title = self.tr("Tanda terima {0}").format(receipt.receipt_no)
        self.heading.setText(title)
        if receipt.copy_mark:
            mark = receipt.copy_mark
            self.copy_mark.setText(mark)
            self.copy_mark.show()
            title = f"{title} — {mark}"
        self.setWindowTitle(title)

    def _not_issued(self, error: DomainError) -> None:
        """The capture is stored; only its receipt could not be made."""
        self._cannot_show(
            self.tr(
                "{0}\nTransaksi SUDAH tersimpan; tanda terima dapat dicetak ulang dari jurnal."
            ).format(error.message(self.ctx.lang))
        )

    def _reprint_failed(self, error: DomainError) -> None:
        self._cannot_show(error.message(self.ctx.lang))

    def _cannot_show(self, message: str) -> None:
        self.heading.setText(self.tr("Tanda terima tidak dapat dibuat"))
        self._show_error(message)
        self.close_button.setFocus()

    def _set_ready(self, ready: bool) -> None:
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)

    @property
    def is_ready(self) -> bool:
        return self.receipt is not None and self.print_button.isEnabled()

    # --- printing --------------------------------------------------------------------------------

    def print_receipt(self) -> None:
        """Ctrl+P: straight to the counter's printer (chosen in Settings), no dialog; the
        printing runs on the printer worker and this returns at once."""
        receipt = self.receipt
        if not self.is_ready or receipt is None or self._asking or self.printing:
            return
        self.print_to(self.make_printer(receipt))

    def make_printer(self, receipt: RenderedReceipt) -> QPrinter:
        """The counter's printer at its own resolution, on the receipt's paper."""
        printer = self.jobs.make_printer()
        printer.setDocName(receipt.title)
        prepare_printer(printer, self.document)
        return printer

    def print_to(self, printer: QPrinter) -> None:
        """Print on `printer` as it is set up, on the printer worker (the window stays in the
        teller's hands); show the outcome, recorded in the print journal either way."""
        receipt = self.receipt
        if receipt is None:
            return
        self._clear_messages()
        self.printing = True
        self.print_button.setEnabled(False)
        self._show_done(self.tr("Mencetak…"))
        self.jobs.print_receipt(self.user, receipt, printer)

    def _job_printed(self, number: str, where: str) -> None:
        if self.receipt is not None and number == self.receipt.receipt_no and self.printing:
            self._printed(where)

    def _job_failed(self, number: str, why: str) -> None:
        if self.receipt is not None and number == self.receipt.receipt_no and self.printing:
            self._not_printed(why)

    def _printed(self, where: str) -> None:
        self.printing = False
        self.went_out = True
        self.print_button.setEnabled(True)
        self._show_done(self.tr("Tanda terima sudah keluar di {0}.").format(where))
        self.recorded.emit("printed")

    def _not_printed(self, why: str) -> None:
        self.printing = False
        self.print_button.setText(self.tr("Cetak ulang (Ctrl+P)"))
        self.print_button.setEnabled(True)
        self.print_button.setFocus()
        self._show_error(why)
        self.recorded.emit("failed")

    def reject(self) -> None:
        """Esc / Tutup: an original that never went out (not printed, not saved) is closed only
        once the teller says so; the participant would have no paper."""
        # A copy closed unprinted leaves the participant with the original they hold.
        original = self.receipt is not None and not self.receipt.copy_mark
        unsent = self.is_ready and original and not self.went_out and not self.printing
        if self._asking:
            return
        if unsent and not self._close_unsent:
            self.ask_close()
            return
        super().reject()

    def ask_close(self) -> QMessageBox:
        """The question, window-modal and not blocking: "Kembali" (Enter, Esc) keeps the receipt,
        "Tutup tanpa cetak" closes it."""
        self._asking = True
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Tanda terima belum dicetak"),
            self.tr(
                "Tanda terima ini belum dicetak atau disimpan. Tutup tanpa mencetak?\n"
                "Transaksi tetap tersimpan; tanda terima asli dapat dicetak dari jurnal."
            ),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        close = box.addButton(self.tr("Tutup tanpa cetak"), QMessageBox.ButtonRole.AcceptRole)
        back = box.addButton(self.tr("Kembali"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)
        box.setEscapeButton(back)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered() -> None:
            self._asking = False
            if box.clickedButton() is close:
                self._close_unsent = True
                self.reject()

        box.finished.connect(answered)
        box.open()
        return box

    # --- saving ----------------------------------------------------------------------------------

    def save_pdf(self) -> None:
        """Ctrl+Shift+S: choose where (the Documents folder by default), then save there."""
        receipt = self.receipt
        if not self.is_ready or receipt is None or self._asking:
            return
        suggested = documents_folder() / receipt.file_name
        self._asking = True
        try:
            chosen = self.ask_save_path(suggested)
        finally:
            self._asking = False
        if chosen is not None:
            self.save_to(chosen)

    def ask_save_path(self, suggested: Path) -> Path | None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Simpan tanda terima sebagai PDF"),
            str(suggested),
            self.tr("Dokumen PDF (*.pdf)"),
        )
        return Path(chosen) if chosen else None

    def save_to(self, path: Path) -> None:
        """Write the receipt's PDF at `path` (".pdf" added when missing) and record it."""
        receipt = self.receipt
        if receipt is None:
            return
        self._clear_messages()
        self.save_button.setEnabled(False)
        (
            save_op(self.ctx, self.user, receipt, path)
            .success(self._saved)
            .failure(self._not_saved)
            .run(self.ctx.tasks, self)
        )

    def _saved(self, path: Path) -> None:
        self.went_out = True
        self.save_button.setEnabled(True)
        self._show_done(self.tr("Tersimpan: {0}").format(path))
        self.recorded.emit("saved")

    def _not_saved(self, error: DomainError) -> None:
        self.save_button.setEnabled(True)
        self._show_error(self.tr("Gagal menyimpan: {0}").format(error.message(self.ctx.lang)))
        self.recorded.emit("failed")

    # --- messages --------------------------------------------------------------------------------

    def _clear_messages(self) -> None:
        for label in (self.error, self.outcome):
            label.clear()
            label.hide()

    def _show_error(self, text: str) -> None:
        self.outcome.hide()
        self.error.setText(text)
        self.error.show()

    def _show_done(self, text: str) -> None:
        self.error.hide()
        self.outcome.setText(text)
        self.outcome.show()
