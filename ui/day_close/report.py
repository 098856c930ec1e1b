"""A close report on screen: the stored PDF, with Print and Save PDF (the page gives the keys).

The PDF is the one kept in the store, byte for byte; printing paints it page by page on the GUI
thread (`ui.printing`), saving writes its file on the database worker, atomically.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import DomainError
from ui.context import Context
from ui.operations import Op
from ui.operations.day import save_report_op
from ui.printing import (
    PrintError,
    QtPdfPrinter,
    documents_folder,
    load_pdf,
    pdf_view,
    prepare_printer,
)
from ui.widgets import DONE_STYLE, ERROR_STYLE


class ReportView(QWidget):
    """The report's pages, fit to width, and what was done with them (printed, saved)."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.report_no = ""
        self.pdf = b""
        self.setObjectName("report_view")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.view, self.document = pdf_view(self, "report_pdf", spacing=10)
        layout.addWidget(self.view, 1)
        self.message = QLabel()
        self.message.setObjectName("report_message")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.print_button = QPushButton(self.tr("Cetak (Ctrl+P)"))
        self.print_button.setObjectName("report_print")
        self.save_button = QPushButton(self.tr("Simpan PDF (Ctrl+Shift+S)"))
        self.save_button.setObjectName("report_save")
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.print_button.clicked.connect(self.print_report)
        self.save_button.clicked.connect(self.save_pdf)
        self._set_ready(False)

    @property
    def is_ready(self) -> bool:
        return bool(self.pdf) and self.document.status() == QPdfDocument.Status.Ready

    def show_pdf(self, report_no: str, pdf: bytes) -> None:
        self.report_no = report_no
        self.pdf = pdf
        self.message.hide()
        ready = load_pdf(self.document, pdf)
        if not ready:
            self._say(self.tr("Laporan tidak dapat ditampilkan."), problem=True)
        self._set_ready(ready)

    def clear(self) -> None:
        self.report_no = ""
        self.pdf = b""
        self.document.close()
        self.message.hide()
        self._set_ready(False)

    def _set_ready(self, ready: bool) -> None:
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)

    # --- printing --------------------------------------------------------------------------------

    def print_report(self) -> None:
        """Ctrl+P: the print dialog (A4 offered), then the report on the printer chosen."""
        if not self.is_ready or not self.isVisible():
            return
        printer = self.make_printer()
        if self.ask_printer(printer):
            self.print_to(printer)

    def make_printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.tr("Laporan tutup hari {0}").format(self.report_no))
        prepare_printer(printer, self.document)
        return printer

    def ask_printer(self, printer: QPrinter) -> bool:
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Cetak laporan tutup hari"))
        dialog.setMinMax(1, self.document.pageCount())
        return dialog.exec() == QDialog.DialogCode.Accepted

    def print_to(self, printer: QPrinter) -> None:
        """Print on `printer` as it is set up, on the printer worker: a report at the printer's
        resolution takes seconds to draw, and the window stays in the teller's hands."""
        port, pdf, title = QtPdfPrinter(printer), self.pdf, printer.docName()

        def print_report() -> str | PrintError:
            try:
                return port.print_pdf(pdf, title)
            except PrintError as error:  # expected trouble: said on the page, not a bug
                return error

        self.print_button.setEnabled(False)
        self._say(self.tr("Mencetak…"))
        Op("print_report", print_report).success(self._printed).run(self.ctx.printing, self)

    def _printed(self, outcome: str | PrintError) -> None:
        self.print_button.setEnabled(self.is_ready)
        if isinstance(outcome, PrintError):
            self._say(
                self.tr("Gagal mencetak: {0}\nLaporan tetap tersimpan; cetak lagi nanti.").format(
                    outcome
                ),
                problem=True,
            )
        else:
            self._say(self.tr("Laporan dikirim ke {0}.").format(outcome))

    # --- saving ----------------------------------------------------------------------------------

    def save_pdf(self) -> None:
        """Ctrl+Shift+S: choose where (the Documents folder by default), then save there."""
        if not self.is_ready or not self.isVisible():
            return
        chosen = self.ask_save_path(documents_folder() / f"{self.report_no}.pdf")
        if chosen is not None:
            self.save_to(chosen)

    def ask_save_path(self, suggested: Path) -> Path | None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Simpan laporan tutup hari sebagai PDF"),
            str(suggested),
            self.tr("Dokumen PDF (*.pdf)"),
        )
        return Path(chosen) if chosen else None

    def save_to(self, path: Path) -> None:
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        self.save_button.setEnabled(False)
        (
            save_report_op(self.ctx.counter, self.report_no, path)
            .success(self._saved)
            .failure(self._not_saved)
            .run(self.ctx.tasks, self)
        )

    def _saved(self, path: Path) -> None:
        self.save_button.setEnabled(self.is_ready)
        self._say(self.tr("Tersimpan: {0}").format(path))

    def _not_saved(self, error: DomainError) -> None:
        self.save_button.setEnabled(self.is_ready)
        self._say(
            self.tr("Gagal menyimpan: {0}").format(error.message(self.ctx.lang)), problem=True
        )

    def _say(self, text: str, *, problem: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if problem else DONE_STYLE)
        self.message.show()
