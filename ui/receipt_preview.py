"""The receipt preview after every capture (and for a reprint): the PDF, Print and Save PDF.

Issuing, rendering, saving and the print journal run on the database worker; the print dialog and
painting on the printer run on the GUI thread, as Qt requires. A failed print never hides that
the transaction is saved: the teller is told so, and the failure is recorded with its reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.counter import Counter
from desktop.errors import DomainError
from desktop.files import write_atomically
from desktop.receipts.layout import document_title, render_pdf
from desktop.receipts.model import Paper
from desktop.receipts.sections import copy_mark
from desktop.services.auth import User
from desktop.services.capture import Captured
from desktop.services.receipts import IssuedReceipt, issue_receipt, record_print, reprint_receipt
from ui.context import Context
from ui.operations import Op
from ui.printing import (
    PrintError,
    documents_folder,
    load_pdf,
    pdf_view,
    prepare_printer,
    print_pdf,
    printer_label,
)
from ui.widgets import DONE_STYLE, ERROR_STYLE

COPY_STYLE = "color: #b00020; font-weight: bold; font-size: 13pt;"
# Wide enough to read the receipt at fit-to-width, small enough for a 1024x680 screen.
SIZES = {Paper.ROLL_80: (560, 600), Paper.A5: (640, 600), Paper.A4_TWO_COPIES: (960, 600)}


@dataclass(frozen=True)
class Prepared:
    """An issued receipt and its PDF, made on the worker."""

    issued: IssuedReceipt
    pdf: bytes


@dataclass(frozen=True)
class Saved:
    """What saving into a file came to: the path, and the reason when it failed."""

    path: Path
    error: str | None = None


# --- core calls for the database worker --------------------------------------------------------


def prepare_op(counter: Counter, actor: User, receipt_no: str, *, reprint: bool) -> Op[Prepared]:
    def call() -> Prepared:
        issue = reprint_receipt if reprint else issue_receipt
        issued = issue(counter, actor, receipt_no)
        return Prepared(issued, render_pdf(issued.data, issued.paper))

    return Op("reprint_receipt" if reprint else "issue_receipt", call)


def render_op(issued: IssuedReceipt) -> Op[Prepared]:
    return Op("render_receipt", lambda: Prepared(issued, render_pdf(issued.data, issued.paper)))


def record_op(
    counter: Counter, actor: User, issued: IssuedReceipt, outcome: str, detail: str
) -> Op[str]:
    def call() -> str:
        record_print(counter, actor, issued, outcome, detail)
        return outcome

    return Op("record_print", call)


def save_op(
    counter: Counter, actor: User, issued: IssuedReceipt, path: Path, pdf: bytes
) -> Op[Saved]:
    """Write the file atomically and record the attempt, "saved" or "failed", whatever happens:
    a full disk or a folder without write permission is expected trouble, not a bug."""

    def call() -> Saved:
        try:
            write_atomically(path, pdf)
        except OSError as error:
            reason = error.strerror or str(error)
            record_print(counter, actor, issued, "failed", f"Simpan PDF {path}: {reason}")
            return Saved(path, reason)
        record_print(counter, actor, issued, "saved", str(path))
        return Saved(path)

    return Op("save_receipt_pdf", call)


def default_pdf_name(issued: IssuedReceipt) -> str:
    """`BNI-0123-01-0000001.pdf`; a reprint gets its copy number so it never replaces the first."""
    receipt_no = issued.data.receipt_no
    if issued.data.is_copy:
        return f"{receipt_no}-salinan-{issued.copy_number}.pdf"
    return f"{receipt_no}.pdf"


# --- the dialog ----------------------------------------------------------------------------------


class ReceiptPreview(QDialog):
    """The receipt as it will print. Build it with `for_capture`, `for_issued` or `for_reprint`,
    then `open()` it (set WA_DeleteOnClose for a throwaway). `ready()` follows once the receipt
    is shown; `recorded(outcome)` follows each entry stored in the print journal."""

    ready = Signal()
    recorded = Signal(str)

    def __init__(self, ctx: Context, user: User, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.user = user
        self.issued: IssuedReceipt | None = None
        self.pdf = b""
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
        cls, ctx: Context, user: User, captured: Captured, parent: QWidget | None = None
    ) -> ReceiptPreview:
        """Issue the original of a receipt just captured, then show it."""
        return cls._issuing(ctx, user, captured.receipt_no, reprint=False, parent=parent)

    @classmethod
    def for_reprint(
        cls, ctx: Context, user: User, receipt_no: str, parent: QWidget | None = None
    ) -> ReceiptPreview:
        """Issue the next numbered copy ("SALINAN KE-n") of a stored receipt, then show it."""
        return cls._issuing(ctx, user, receipt_no, reprint=True, parent=parent)

    @classmethod
    def _issuing(
        cls, ctx: Context, user: User, receipt_no: str, *, reprint: bool, parent: QWidget | None
    ) -> ReceiptPreview:
        preview = cls(ctx, user, parent)
        preview.heading.setText(preview.tr("Menyiapkan tanda terima {0}…").format(receipt_no))
        op = prepare_op(ctx.counter, user, receipt_no, reprint=reprint)
        failed = preview._reprint_failed if reprint else preview._not_issued
        op.success(preview.show_prepared).failure(failed).run(ctx.tasks, preview)
        return preview

    @classmethod
    def for_issued(
        cls, ctx: Context, user: User, issued: IssuedReceipt, parent: QWidget | None = None
    ) -> ReceiptPreview:
        """Show a receipt already issued (a reprint made elsewhere): render it, then show it."""
        preview = cls(ctx, user, parent)
        preview._show_identity(issued)
        render_op(issued).success(preview.show_prepared).run(ctx.tasks, preview)
        return preview

    # --- showing ---------------------------------------------------------------------------------

    def show_prepared(self, prepared: Prepared) -> None:
        self.issued = prepared.issued
        self.pdf = prepared.pdf
        self._show_identity(prepared.issued)
        if not load_pdf(self.document, prepared.pdf):
            self._show_error(self.tr("Tanda terima tidak dapat ditampilkan."))
            return
        self.resize(*SIZES[prepared.issued.paper])
        self._set_ready(True)
        self.print_button.setFocus()
        self.ready.emit()

    def _show_identity(self, issued: IssuedReceipt) -> None:
        title = self.tr("Tanda terima {0}").format(issued.data.receipt_no)
        self.heading.setText(title)
        if issued.data.is_copy:
            mark = copy_mark(issued.data)
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
        return self.issued is not None and self.print_button.isEnabled()

    # --- printing --------------------------------------------------------------------------------

    def print_receipt(self) -> None:
        """Ctrl+P: the print dialog, then the receipt on the printer chosen. Cancel: nothing."""
        if not self.is_ready or self.issued is None or self._asking:
            return
        printer = self.make_printer(self.issued)
        self._asking = True  # the dialog's own event loop must not open a second one
        try:
            chosen = self.ask_printer(printer)
        finally:
            self._asking = False
        if chosen:
            self.print_to(printer)

    def make_printer(self, issued: IssuedReceipt) -> QPrinter:
        """The default printer at its own resolution, offered the receipt's paper."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self._document_name(issued))
        prepare_printer(printer, self.document)
        return printer

    def ask_printer(self, printer: QPrinter) -> bool:
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Cetak tanda terima"))
        dialog.setMinMax(1, self.document.pageCount())
        return dialog.exec() == QDialog.DialogCode.Accepted

    def print_to(self, printer: QPrinter) -> None:
        """Print on `printer` as it is set up, show the outcome and record it."""
        issued = self.issued
        if issued is None:
            return
        self._clear_messages()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            print_pdf(self.document, printer)
        except PrintError as error:
            reason = str(error)
            self._show_error(
                self.tr(
                    "Gagal mencetak: {0}\nTransaksi SUDAH tersimpan; tanda terima dapat dicetak "
                    "ulang dari jurnal."
                ).format(reason)
            )
            self._record(issued, "failed", reason)
            return
        finally:
            QApplication.restoreOverrideCursor()
        label = printer_label(printer)
        self._show_done(self.tr("Tanda terima dikirim ke {0}.").format(label))
        self._record(issued, "printed", label)

    @staticmethod
    def _document_name(issued: IssuedReceipt) -> str:
        """The print job's name, a PDF's title: "Tanda Terima Pendaftaran BNI-0123-01-0000001"."""
        name = document_title(issued.data)
        return f"{name} {copy_mark(issued.data)}" if issued.data.is_copy else name

    def _record(self, issued: IssuedReceipt, outcome: str, detail: str) -> None:
        (
            record_op(self.ctx.counter, self.user, issued, outcome, detail)
            .success(self.recorded.emit)
            .run(self.ctx.tasks, self)
        )

    # --- saving ----------------------------------------------------------------------------------

    def save_pdf(self) -> None:
        """Ctrl+Shift+S: choose where (the Documents folder by default), then save there."""
        if not self.is_ready or self.issued is None or self._asking:
            return
        suggested = documents_folder() / default_pdf_name(self.issued)
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
        if self.issued is None:
            return
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        self._clear_messages()
        self.save_button.setEnabled(False)
        (
            save_op(self.ctx.counter, self.user, self.issued, path, self.pdf)
            .success(self._saved)
            .run(self.ctx.tasks, self)
        )

    def _saved(self, saved: Saved) -> None:
        self.save_button.setEnabled(True)
        if saved.error is None:
            self._show_done(self.tr("Tersimpan: {0}").format(saved.path))
            self.recorded.emit("saved")
            return
        self._show_error(
            self.tr("Gagal menyimpan {0}: {1}\nTransaksi SUDAH tersimpan.").format(
                saved.path, saved.error
            )
        )
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
