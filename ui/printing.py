"""Showing a PDF (`pdf_view`, `load_pdf`) and printing it on a QPrinter: each page rendered by
QtPdf at the printer's own resolution.

A page rendered at screen size and scaled up prints blurry, so every page is rendered at
(size in points / 72 x printer dpi) pixels, in horizontal bands to bound the memory a 1200 dpi
page would take whole. The print dialog belongs on the GUI thread; the painting may run on a
worker (`QtPdfPrinter`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QMarginsF,
    QPoint,
    QRect,
    QSize,
    QStandardPaths,
    Qt,
)
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget

from desktop.services.receipt_output import PrintFailedError

# Rows of printer pixels rendered at once: a 1200 dpi A4 band is 9,921 x 1,024 px (about 40 MB
# while it is composited), where the whole page at once would be over half a gigabyte.
BAND_HEIGHT = 1024


# The core's name for it: a print that failed, said in the teller's words.
PrintError = PrintFailedError


def _tr(text: str) -> str:
    return QCoreApplication.translate("printing", text)


def pdf_view(parent: QWidget, name: str, *, spacing: int) -> tuple[QPdfView, QPdfDocument]:
    """A view of a PDF's pages, fit to width on a grey desk, and the (empty) document it draws.

    Both are children of `parent`, the view made first so that it is deleted first: the view
    (and its renderer thread) must be gone before the document it draws, whose closing signals
    the view. A document deleted under a live view, or one that is the view's own child (it
    would signal a view half destroyed), was seen to crash QtPdf.
    """
    view = QPdfView(parent)
    document = QPdfDocument(parent)
    view.setObjectName(name)
    view.setDocument(document)
    view.setPageMode(QPdfView.PageMode.MultiPage)
    view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
    view.setPageSpacing(spacing)
    view.setStyleSheet("QPdfView { background: #7a7a7a; }")
    return view, document


def load_pdf(document: QPdfDocument, pdf: bytes) -> bool:
    """Show `pdf` in `document` (in place of what it showed); True if QtPdf could read it.

    The bytes are read from a buffer of the document's own, so it lives as long as the
    document; the one a previous load read goes once the document has let go of it.
    """
    document.close()
    for old in document.findChildren(QBuffer):
        old.deleteLater()
    buffer = QBuffer(document)
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    return document.status() == QPdfDocument.Status.Ready


def documents_folder() -> Path:
    """Where Save PDF starts: the user's Documents folder, else their home folder."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder else Path.home()


def printer_label(printer: QPrinter) -> str:
    """What the teller knows the printer as: its name, or the file it prints into."""
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
        return printer.outputFileName()
    return printer.printerName() or _tr("printer bawaan")


def page_pixel_size(document: QPdfDocument, page: int, dpi: int) -> QSize:
    """The page's size in device pixels at `dpi`: its size in points x dpi / 72."""
    points = document.pagePointSize(page)
    return QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))


def prepare_printer(printer: QPrinter, document: QPdfDocument) -> None:
    """Offer the receipt's own paper (the first page's size, no margins) as the default; the
    PDF already carries its margins. The print dialog may still change it."""
    printer.setFullPage(True)
    if document.pageCount() < 1:
        return
    size = QPageSize(
        document.pagePointSize(0),
        QPageSize.Unit.Point,
        "",
        QPageSize.SizeMatchPolicy.FuzzyMatch,
    )
    printer.setPageLayout(
        QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))
    )


def page_target(document: QPdfDocument, page: int, printer: QPrinter) -> QRect:
    """Where the page goes on the paper, in printer pixels: full size at the printer's dpi,
    shrunk (never enlarged) to fit the paper, centred across and at the top."""
    wanted = page_pixel_size(document, page, printer.resolution())
    paper = printer.paperRect(QPrinter.Unit.DevicePixel).toRect()
    size = wanted
    if wanted.width() > paper.width() or wanted.height() > paper.height():
        size = wanted.scaled(paper.size(), Qt.AspectRatioMode.KeepAspectRatio)
    left = paper.left() + max(0, (paper.width() - size.width()) // 2)
    return QRect(QPoint(left, paper.top()), size)


def render_bands(
    document: QPdfDocument, page: int, size: QSize, band_height: int = BAND_HEIGHT
) -> Iterator[tuple[QRect, QImage]]:
    """The page rendered at `size` pixels, top to bottom, as (rectangle within the page, image)
    bands: opaque, on white paper, in grey levels (receipts are black and white)."""
    for top in range(0, size.height(), band_height):
        clip = QRect(0, top, size.width(), min(band_height, size.height() - top))
        options = QPdfDocumentRenderOptions()
        options.setScaledSize(size)
        # QtPdf scales a clipped render by (right - left) / width, and QRect's right() is its
        # last pixel: a clip one pixel larger than the image renders the band at exactly `size`
        # (pixel-identical to the whole page rendered at once; the tests check it).
        options.setScaledClipRect(clip.adjusted(0, 0, 1, 1))
        rendered = document.render(page, clip.size(), options)
        if rendered.isNull():
            raise PrintError(_tr("Halaman {0} tidak dapat digambar.").format(page + 1))
        # QtPdf leaves the paper transparent; a printer needs it white.
        paper = QImage(clip.size(), QImage.Format.Format_RGB32)
        paper.fill(Qt.GlobalColor.white)
        painter = QPainter(paper)
        painter.drawImage(0, 0, rendered)
        painter.end()
        yield clip, paper.convertToFormat(QImage.Format.Format_Grayscale8)


def print_pdf(document: QPdfDocument, printer: QPrinter) -> None:
    """Print every page of `document` on `printer`; raise PrintError saying what failed."""
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
        raise PrintError(_tr("Dokumen tanda terima belum siap."))
    name = printer_label(printer)
    painter = QPainter()
    if not painter.begin(printer):
        if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
            raise PrintError(_tr("Berkas {0} tidak dapat dibuat.").format(name))
        raise PrintError(
            _tr(
                "Printer {0} tidak dapat mulai mencetak. "
                "Periksa apakah printer menyala, terhubung dan berkertas."
            ).format(name)
        )
    # Most printers make the copies asked for in the dialog themselves; for one that cannot
    # (a PDF file, say) the pages are sent that many times.
    copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
    pages = [page for _copy in range(copies) for page in range(document.pageCount())]
    try:
        for index, page in enumerate(pages):
            if index and not printer.newPage():
                raise PrintError(_tr("Printer {0} menolak halaman berikutnya.").format(name))
            target = page_target(document, page, printer)
            for clip, band in render_bands(document, page, target.size()):
                painter.drawImage(target.topLeft() + clip.topLeft(), band)
            if printer.printerState() == QPrinter.PrinterState.Error:
                raise PrintError(_tr("Printer {0} melaporkan kesalahan.").format(name))
    except BaseException:
        painter.end()
        printer.abort()
        raise
    if not painter.end() or printer.printerState() == QPrinter.PrinterState.Error:
        raise PrintError(_tr("Printer {0} melaporkan kesalahan.").format(name))


class QtPdfPrinter:
    """A QPrinter set up on the GUI thread (by the print dialog), printed on from the printer
    worker: a QPainter may paint on a QPrinter off the GUI thread (Qt's "Threads and QObjects"),
    and the PDF is opened anew in the thread that prints. It is the receipts' printer for
    desktop.services.receipt_output, and prints the close report the same way."""

    def __init__(self, printer: QPrinter) -> None:
        self.printer = printer

    def print_pdf(self, pdf: bytes, title: str) -> str:
        document = QPdfDocument()
        try:
            if not load_pdf(document, pdf):
                raise PrintError(_tr("Dokumen belum siap."))
            self.printer.setDocName(title)
            print_pdf(document, self.printer)
        finally:
            document.close()
        return printer_label(self.printer)


def counter_printer(name: str) -> QPrinter:
    """The counter's receipt printer as chosen in Settings: the system's default when `name` is
    empty; a name ending in ".pdf" is a PDF file taken as the printer (a counter without one,
    and the tests). Made on the GUI thread; printed on from the printer worker."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if name.lower().endswith(".pdf"):
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(name)
    elif name:
        printer.setPrinterName(name)
    return printer
