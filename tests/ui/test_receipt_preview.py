"""The receipt preview after a capture: shown, printed at the printer's dpi, saved, journaled."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path
from typing import Any

import pypdf
import pytest
import sqlalchemy as sa
from PySide6.QtCore import QElapsedTimer, QRect, QSize, QSizeF, Qt, QTimer
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QLineEdit
from pytestqt.qtbot import QtBot

from desktop.counter import Counter
from desktop.receipts.model import Paper
from desktop.services.auth import User
from desktop.services.capture import Captured
from desktop.services.preferences import receipt_printer
from desktop.services.receipt_output import RenderedReceipt, prepare_receipt
from desktop.services.receipts import record_print
from desktop.services.registration import register_participant
from desktop.settings import PcSettings, save_settings
from desktop.store.schema import print_attempts, receipt_issues
from tests.services.conftest import registration
from tests.ui.conftest import focused, press, type_text
from ui.context import Context
from ui.printing import counter_printer, page_pixel_size, print_pdf, render_bands
from ui.receipt import preview as receipt_preview
from ui.receipt.preview import ReceiptPreview

RECEIPT = "BNI-0123-01-0000001"
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def captured(counter: Counter, teller: User) -> Captured:
    return register_participant(counter, teller, registration())


def preview_pdf(preview: ReceiptPreview) -> bytes:
    assert preview.receipt is not None
    return preview.receipt.pdf


def shown(qtbot: QtBot, preview: ReceiptPreview) -> ReceiptPreview:
    qtbot.addWidget(preview)
    preview.show()
    qtbot.waitExposed(preview)
    preview.activateWindow()
    qtbot.waitUntil(preview.isActiveWindow)
    qtbot.waitUntil(lambda: preview.is_ready)
    return preview


@pytest.fixture
def preview(qtbot: QtBot, ctx: Context, teller: User, captured: Captured) -> ReceiptPreview:
    return shown(qtbot, ReceiptPreview.for_capture(ctx, teller, captured, print_now=False))


def attempts(counter: Counter) -> list[sa.Row[Any]]:
    with counter.store.read() as connection:
        return list(connection.execute(sa.select(print_attempts).order_by(print_attempts.c.id)))


def issues(counter: Counter) -> list[tuple[int, int]]:
    with counter.store.read() as connection:
        rows = connection.execute(sa.select(receipt_issues.c.seq, receipt_issues.c.copy_number))
        return [tuple(row) for row in rows]


def image_sizes(page: pypdf.PageObject) -> list[tuple[int, int]]:
    """The pixel sizes of the images drawn on a PDF page."""
    sizes = []
    for image in page.images:
        assert image.image is not None
        sizes.append(image.image.size)
    return sizes


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def to_file(printer: QPrinter, output: Path, resolution: int | None = None) -> QPrinter:
    """A printer pointed at a PDF file instead of a device."""
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(output))
    if resolution is not None:
        printer.setResolution(resolution)
    return printer


def print_into(monkeypatch: pytest.MonkeyPatch, output: Path) -> None:
    """Every preview's own printer, pointed at a PDF file. Patched on the class: a closure over
    a preview kept on the preview is a reference cycle, which the garbage collector may then
    break on the database worker's thread, where a Qt widget must not be deleted."""
    make = ReceiptPreview.make_printer

    def make_printer(self: ReceiptPreview, receipt: RenderedReceipt) -> QPrinter:
        return to_file(make(self, receipt), output)

    monkeypatch.setattr(ReceiptPreview, "make_printer", make_printer)


def answer_modal(qtbot: QtBot, key: Qt.Key, typed: str = "") -> list[str]:
    """Answer the next modal dialog from the keyboard once it is up; returns what it showed."""
    seen: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        edit = QApplication.focusWidget()
        if dialog is None or edit is None or not dialog.isAncestorOf(edit):
            QTimer.singleShot(20, answer)  # not up, or the keyboard not in it yet
            return
        seen.append(dialog.windowTitle())
        if isinstance(edit, QLineEdit):
            seen.append(edit.text())
        if typed:
            type_text(qtbot, typed)
        press(qtbot, key)

    QTimer.singleShot(0, answer)
    return seen


def ink(image: QImage) -> set[tuple[int, int]]:
    """The dark pixels of an image on white paper."""
    flat = QImage(image.size(), QImage.Format.Format_RGB32)
    flat.fill(Qt.GlobalColor.white)
    painter = QPainter(flat)
    painter.drawImage(0, 0, image)
    painter.end()
    grey = flat.convertToFormat(QImage.Format.Format_Grayscale8)
    return {
        (x, y)
        for y in range(grey.height())
        for x in range(grey.width())
        if grey.pixelColor(x, y).value() < 128
    }


def found_in(dark: set[tuple[int, int]], other: set[tuple[int, int]]) -> float:
    """The share of `dark` pixels with a dark pixel in `other` at most one pixel away (a raster
    and a vector rendering differ in antialiasing; a page off by two pixels scores about 0.85)."""
    near = {(x + i, y + j) for x, y in other for i in (-1, 0, 1) for j in (-1, 0, 1)}
    return len(dark & near) / len(dark)


def placed_on(printed: QPdfDocument, page: int, receipt: QSizeF, size: QSize) -> QImage:
    """The part of a printed page where the receipt's page went, rendered at `size`."""
    paper = printed.pagePointSize(page)
    scale = size.width() / receipt.width()
    left = (paper.width() - receipt.width()) / 2 * scale
    options = QPdfDocumentRenderOptions()
    options.setScaledSize(QSize(round(paper.width() * scale), round(paper.height() * scale)))
    # One pixel larger: QtPdf's clipped render scales by right() - left() (see ui/printing.py).
    options.setScaledClipRect(QRect(round(left), 0, size.width() + 1, size.height() + 1))
    return printed.render(page, size, options)


def test_after_a_capture_the_original_is_shown_named_by_its_number(
    preview: ReceiptPreview, counter: Counter
) -> None:
    assert preview.document.status() == QPdfDocument.Status.Ready
    assert preview.document.pageCount() >= 1
    assert RECEIPT in preview.windowTitle()
    assert "SALINAN" not in preview.windowTitle()
    assert preview.heading.text() == f"Tanda terima {RECEIPT}"
    assert not preview.copy_mark.isVisible()
    assert RECEIPT in pdf_text(preview_pdf(preview))
    assert issues(counter) == [(1, 0)]  # the original, issued once
    assert focused() is preview.print_button
    assert preview.print_button.isDefault()
    assert attempts(counter) == []


def test_ctrl_p_prints_at_the_printers_resolution_and_records_it(
    qtbot: QtBot,
    preview: ReceiptPreview,
    counter: Counter,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    output = tmp_path / "printed.pdf"
    print_into(monkeypatch, output)
    # No dialog: the counter's printer. Drawn at 1200 dpi on the printer worker: seconds on a
    # slow PC (Windows under Wine in CI).
    with qtbot.waitSignal(preview.recorded, timeout=60_000) as recorded:
        press(qtbot, Qt.Key.Key_P, CTRL)
    assert recorded.args == ["printed"]
    assert preview.outcome.text() == f"Tanda terima sudah keluar di {output}."
    assert not preview.error.isVisible()
    ((row,),) = [[r] for r in attempts(counter)]
    assert (row.seq, row.copy_number, row.outcome, row.detail) == (1, 0, "printed", str(output))

    printed = pypdf.PdfReader(output)
    original = pypdf.PdfReader(io.BytesIO(preview_pdf(preview)))
    assert printed.metadata is not None
    assert printed.metadata.title == f"Tanda Terima Pendaftaran {RECEIPT}"
    assert len(printed.pages) == len(original.pages)
    for paper, receipt in zip(printed.pages, original.pages, strict=True):
        # Rendered at 1200 dpi (QPrinter's HighResolution for a file): points x 1200 / 72.
        width = round(float(receipt.mediabox.width) * 1200 / 72)
        height = round(float(receipt.mediabox.height) * 1200 / 72)
        bands = image_sizes(paper)
        assert {w for w, _h in bands} == {width}
        assert sum(h for _w, h in bands) == height
    # What came out is the receipt, dark pixel for dark pixel, at the top of the printer's paper
    # (the print dialog's paper size wins; the receipt is centred across it, never enlarged).
    out = QPdfDocument()
    assert out.load(str(output)) == QPdfDocument.Error.None_
    for page in range(preview.document.pageCount()):
        points = preview.document.pagePointSize(page)
        size = QSize(450, round(450 * points.height() / points.width()))
        expected = ink(preview.document.render(page, size))
        got = ink(placed_on(out, page, points, size))
        assert len(expected) > 10_000  # not a blank page
        assert found_in(expected, got) > 0.97
        assert found_in(got, expected) > 0.97
    out.close()


def test_a_thermal_printers_resolution_is_used_as_it_is(
    preview: ReceiptPreview, tmp_path: Path
) -> None:
    assert preview.receipt is not None
    output = tmp_path / "thermal.pdf"
    printer = to_file(preview.make_printer(preview.receipt), output, resolution=203)
    print_pdf(preview.document, printer)
    points = preview.document.pagePointSize(0)
    expected = QSize(round(points.width() * 203 / 72), round(points.height() * 203 / 72))
    assert expected.width() == 639  # 80 mm at 203 dpi
    assert page_pixel_size(preview.document, 0, 203) == expected
    printed = pypdf.PdfReader(output)
    assert {w for w, _h in image_sizes(printed.pages[0])} == {expected.width()}


def test_copies_asked_for_come_out_when_the_printer_cannot_make_them(
    preview: ReceiptPreview, tmp_path: Path
) -> None:
    assert preview.receipt is not None
    output = tmp_path / "two.pdf"
    printer = to_file(preview.make_printer(preview.receipt), output, resolution=100)
    printer.setCopyCount(2)
    assert not printer.supportsMultipleCopies()
    print_pdf(preview.document, printer)
    assert len(pypdf.PdfReader(output).pages) == 2 * preview.document.pageCount()


def test_bands_put_together_are_the_whole_page_pixel_for_pixel(preview: ReceiptPreview) -> None:
    size = page_pixel_size(preview.document, 0, 150)
    bands = list(render_bands(preview.document, 0, size, band_height=100))
    assert [rect.top() for rect, _image in bands] == list(range(0, size.height(), 100))
    assert all(image.width() == size.width() for _rect, image in bands)
    assert sum(image.height() for _rect, image in bands) == size.height()
    whole = QImage(size, QImage.Format.Format_RGB32)
    whole.fill(Qt.GlobalColor.white)
    painter = QPainter(whole)
    painter.drawImage(0, 0, preview.document.render(0, size))
    painter.end()
    whole = whole.convertToFormat(QImage.Format.Format_Grayscale8)
    for rect, image in bands:
        assert image == whole.copy(rect)


def test_closing_a_receipt_never_printed_asks_and_esc_there_keeps_it(
    qtbot: QtBot, preview: ReceiptPreview, counter: Counter
) -> None:
    seen = answer_modal(qtbot, Qt.Key.Key_Escape)  # "Kembali": the receipt stays
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: bool(seen) and not preview._asking)
    assert seen == ["Tanda terima belum dicetak"]
    assert preview.isVisible()
    qtbot.waitUntil(lambda: not preview._asking)
    box = preview.ask_close()
    qtbot.waitUntil(box.isVisible)
    (close,) = [b for b in box.buttons() if b.text() == "Tutup tanpa cetak"]
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not preview.isVisible())
    assert attempts(counter) == []


def test_after_a_capture_the_original_prints_by_itself_on_the_counters_printer(
    qtbot: QtBot,
    ctx: Context,
    teller: User,
    captured: Captured,
    counter_printer: Path,
    counter: Counter,
) -> None:
    preview = ReceiptPreview.for_capture(ctx, teller, captured)
    with qtbot.waitSignal(preview.recorded, timeout=60_000) as recorded:
        shown(qtbot, preview)
    assert recorded.args == ["printed"]
    printed = pypdf.PdfReader(counter_printer)
    assert printed.metadata is not None
    assert printed.metadata.title == f"Tanda Terima Pendaftaran {RECEIPT}"  # no "SALINAN"
    assert [row.outcome for row in attempts(counter)] == ["printed"]
    press(qtbot, Qt.Key.Key_Escape)  # it went out: no question
    qtbot.waitUntil(lambda: not preview.isVisible())


# QPainter says so itself when the printer does not start; the dialog says it to the teller.
@pytest.mark.qt_log_ignore(r"QPainter::begin\(\): Returned false")
def test_a_printer_that_cannot_start_is_shown_and_recorded_as_failed(
    qtbot: QtBot,
    preview: ReceiptPreview,
    counter: Counter,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    output = tmp_path / "no such folder" / "receipt.pdf"
    print_into(monkeypatch, output)
    with qtbot.waitSignal(preview.recorded) as recorded:
        press(qtbot, Qt.Key.Key_P, CTRL)
    assert recorded.args == ["failed"]
    assert preview.error.isVisible()
    message = preview.error.text()
    assert message.startswith(f"Gagal mencetak: Berkas {output} tidak dapat dibuat.")
    assert "Transaksi SUDAH tersimpan" in message
    assert "dicetak ulang dari jurnal" in message
    assert "#b00020" in preview.error.styleSheet()
    assert not preview.outcome.isVisible()
    ((row,),) = [[r] for r in attempts(counter)]
    assert (row.seq, row.outcome) == (1, "failed")
    assert row.detail == f"Berkas {output} tidak dapat dibuat."
    assert preview.is_ready  # it can be tried again at once


# The offscreen platform cannot raise windows or grab the keyboard for Qt's own file dialog.
@pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)
def test_ctrl_shift_s_saves_the_pdf_under_its_number_and_records_it(
    qtbot: QtBot,
    preview: ReceiptPreview,
    counter: Counter,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setattr(receipt_preview, "documents_folder", lambda: documents)
    seen = answer_modal(qtbot, Qt.Key.Key_Return)  # the suggested name, as it is
    with qtbot.waitSignal(preview.recorded) as recorded:
        press(qtbot, Qt.Key.Key_S, CTRL_SHIFT)
    assert seen == ["Simpan tanda terima sebagai PDF", f"{RECEIPT}.pdf"]
    assert recorded.args == ["saved"]
    saved = documents / f"{RECEIPT}.pdf"
    assert saved.read_bytes() == preview_pdf(preview)
    assert RECEIPT in pdf_text(saved.read_bytes())
    assert [p.name for p in documents.iterdir()] == [saved.name]  # no temporary file left
    assert preview.outcome.text() == f"Tersimpan: {saved}"
    ((row,),) = [[r] for r in attempts(counter)]
    assert (row.outcome, row.detail) == ("saved", str(saved))
    assert not isinstance(QApplication.activeModalWidget(), QFileDialog)


def test_saving_into_a_missing_folder_is_shown_and_recorded(
    qtbot: QtBot, preview: ReceiptPreview, counter: Counter, tmp_path: Path
) -> None:
    target = tmp_path / "gone" / "tanda terima"
    with qtbot.waitSignal(preview.recorded) as recorded:
        preview.save_to(target)
    assert recorded.args == ["failed"]
    assert preview.error.text().startswith(f"Gagal menyimpan: Berkas {target}.pdf tidak dapat ")
    assert preview.error.text().endswith("Transaksi SUDAH tersimpan.")
    assert not (tmp_path / "gone").exists()
    ((row,),) = [[r] for r in attempts(counter)]
    assert row.outcome == "failed"
    assert row.detail.startswith(f"Simpan PDF {target}.pdf: ")


def test_a_reprint_from_the_journal_opens_with_the_copy_mark(
    qtbot: QtBot, ctx: Context, counter: Counter, teller: User, captured: Captured
) -> None:
    original = prepare_receipt(counter, teller, captured.receipt_no)
    record_print(counter, teller, original.issued, "printed", "Kasir-1")  # it went out
    receipt = prepare_receipt(counter, teller, captured.receipt_no, reprint=True)
    preview = shown(qtbot, ReceiptPreview.for_rendered(ctx, teller, receipt))
    assert preview.windowTitle() == f"Tanda terima {RECEIPT} — SALINAN KE-1"
    assert preview.copy_mark.isVisible()
    assert preview.copy_mark.text() == "SALINAN KE-1"
    assert "SALINAN KE-1" in pdf_text(preview_pdf(preview))
    assert issues(counter) == [(1, 0), (1, 1)]  # showing it issued nothing more
    assert preview.document.pageCount() >= 1
    assert preview.make_printer(receipt).docName() == (
        f"Tanda Terima Pendaftaran {RECEIPT} SALINAN KE-1"
    )


def test_for_reprint_issues_the_next_copy(
    qtbot: QtBot, ctx: Context, counter: Counter, teller: User, preview: ReceiptPreview
) -> None:
    assert preview.receipt is not None
    record_print(counter, teller, preview.receipt.issued, "printed", "Kasir-1")
    again = shown(qtbot, ReceiptPreview.for_reprint(ctx, teller, RECEIPT))
    assert again.copy_mark.text() == "SALINAN KE-1"
    assert issues(counter) == [(1, 0), (1, 1)]


def test_an_unknown_receipt_says_so_and_offers_nothing_to_print(
    qtbot: QtBot, ctx: Context, teller: User
) -> None:
    preview = ReceiptPreview.for_reprint(ctx, teller, "BNI-0123-01-0000099")
    qtbot.addWidget(preview)
    preview.show()
    qtbot.waitUntil(preview.error.isVisible)
    assert preview.error.text() == "Tanda terima BNI-0123-01-0000099 tidak ditemukan di loket ini."
    assert preview.heading.text() == "Tanda terima tidak dapat dibuat"
    assert not preview.print_button.isEnabled()
    assert not preview.save_button.isEnabled()


def test_a_receipt_that_cannot_be_made_after_a_capture_says_the_capture_is_saved(
    qtbot: QtBot, ctx: Context, teller: User, captured: Captured
) -> None:
    lost = dataclasses.replace(captured, receipt_no="BNI-0123-01-0000099")
    preview = ReceiptPreview.for_capture(ctx, teller, lost)
    qtbot.addWidget(preview)
    preview.show()
    qtbot.waitUntil(preview.error.isVisible)
    assert preview.error.text() == (
        "Tanda terima BNI-0123-01-0000099 tidak ditemukan di loket ini.\n"
        "Transaksi SUDAH tersimpan; tanda terima dapat dicetak ulang dari jurnal."
    )
    assert not preview.print_button.isEnabled()


def test_escape_closes_and_tab_reaches_every_button(
    qtbot: QtBot, preview: ReceiptPreview, counter: Counter, teller: User
) -> None:
    assert preview.receipt is not None
    # Saved already: closing asks nothing.
    record_print(counter, teller, preview.receipt.issued, "saved", "tanda-terima.pdf")
    preview.went_out = True
    order = []
    for _ in range(4):
        press(qtbot, Qt.Key.Key_Tab)
        order.append(focused())
    assert order == [preview.save_button, preview.close_button, preview.view, preview.print_button]
    press(qtbot, Qt.Key.Key_Escape)
    assert not preview.isVisible()
    assert preview.result() == QDialog.DialogCode.Rejected


@pytest.mark.parametrize("paper", list(Paper))
def test_the_default_size_fits_a_small_screen_and_the_text_is_readable(
    qtbot: QtBot, ctx: Context, counter: Counter, teller: User, captured: Captured, paper: Paper
) -> None:
    receipt = prepare_receipt(counter, teller, captured.receipt_no, paper=paper)
    preview = shown(qtbot, ReceiptPreview.for_rendered(ctx, teller, receipt))
    assert preview.width() <= 1024 - 40
    assert preview.height() <= 680 - 70  # a title bar and a task bar
    # Fit to width: a point of the receipt is at least 1.2 screen pixels (8 pt text >= 10 px).
    points = preview.document.pagePointSize(0)
    assert preview.view.viewport().width() / points.width() >= 1.2


def test_the_window_is_back_within_100_ms_of_ctrl_p_on_a_real_pdf_printer(
    qtbot: QtBot, preview: ReceiptPreview, counter: Counter, counter_printer: Path
) -> None:
    """A real QPrinter into a PDF file (the counter's printer of the tests): the key returns at
    once, the 1200 dpi drawing runs on the printer worker, the paper comes out after."""
    clock = QElapsedTimer()
    clock.start()
    press(qtbot, Qt.Key.Key_P, CTRL)
    back_after = clock.elapsed()
    assert preview.printing  # not printed yet: the worker has it
    assert back_after < 100, f"the window was held {back_after} ms"
    with qtbot.waitSignal(preview.recorded, timeout=60_000) as recorded:
        pass
    assert recorded.args == ["printed"]
    assert counter_printer.stat().st_size > 10_000
    assert [row.outcome for row in attempts(counter)] == ["printed"]


def test_the_printer_chosen_in_settings_is_the_one_printed_on(
    counter: Counter, tmp_path: Path
) -> None:
    assert receipt_printer(counter) == ""  # nothing chosen: the system's default
    chosen = tmp_path / "kasir-1.pdf"
    save_settings(counter.store.data_dir, PcSettings(printer=str(chosen)))
    assert receipt_printer(counter) == str(chosen)
    printer = counter_printer(receipt_printer(counter))
    assert printer.outputFormat() == QPrinter.OutputFormat.PdfFormat
    assert printer.outputFileName() == str(chosen)
