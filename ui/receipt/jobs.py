"""Receipts put on paper in the background: the teller has the window back at once, and hears
when the paper is out or why it is not (with "Cetak ulang"). After a capture the original is
issued and printed with no preview in the way (`print_capture`): the form, and the change to
hand back on it, stay in front of the teller.

One `PrintJobs` belongs to the main window, so a print outlives the preview that asked for it:
the outcome reaches the status bar even when the preview was closed meanwhile.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget

from desktop.errors import DomainError
from desktop.services.auth import User
from desktop.services.preferences import receipt_printer
from desktop.services.receipt_output import RenderedReceipt
from ui.context import Context
from ui.operations.receipt import issue_op, print_op
from ui.printing import QtPdfPrinter, counter_printer, load_pdf, prepare_printer


class PrintJobs(QObject):
    """`started(receipt_no)`, then `printed(receipt_no, where)` or `failed(receipt_no, why)`."""

    started = Signal(str)
    printed = Signal(str, str)
    failed = Signal(str, str)

    def __init__(self, ctx: Context, owner: QWidget) -> None:
        super().__init__(owner)
        self.ctx = ctx
        self.owner = owner  # the outcome is heard while it lives
        self.last: RenderedReceipt | None = None  # the receipt last sent to the printer

    def printer_name(self) -> str:
        """The printer chosen in Settings for this PC ("" : the system's default)."""
        return receipt_printer(self.ctx.counter)

    def make_printer(self) -> QPrinter:
        return counter_printer(self.printer_name())

    def print_capture(self, user: User, receipt_no: str) -> None:
        """The original of a receipt just captured: issued on the database worker, then printed
        on the counter's printer on the printer worker; this returns at once."""
        self.started.emit(receipt_no)
        (
            issue_op(self.ctx, user, receipt_no, reprint=False)
            .success(lambda receipt: self._issued(user, receipt))
            .failure(lambda error: self._failed(receipt_no, error))
            .run(self.ctx.tasks, self.owner)
        )

    def _issued(self, user: User, receipt: RenderedReceipt) -> None:
        printer = self.make_printer()
        printer.setDocName(receipt.title)
        document = QPdfDocument()  # no parent: gone once its page size is read
        try:
            if load_pdf(document, receipt.pdf):
                prepare_printer(printer, document)  # the receipt's own paper
        finally:
            document.close()
        self.print_receipt(user, receipt, printer)

    def print_receipt(self, user: User, receipt: RenderedReceipt, printer: QPrinter) -> None:
        """Start printing on the printer worker and return at once (no dialog)."""
        number = receipt.receipt_no
        self.last = receipt
        self.started.emit(number)
        (
            print_op(self.ctx, user, receipt, QtPdfPrinter(printer))
            .success(lambda where: self.printed.emit(number, where))
            .failure(lambda error: self._failed(number, error))
            .run(self.ctx.printing, self.owner)
        )

    def _failed(self, number: str, error: DomainError) -> None:
        self.failed.emit(number, error.message(self.ctx.lang))
