"""The close report on the Day close page, printed (Ctrl+P) and saved (Ctrl+Shift+S): the print
dialog answered from the keyboard with the page's printer pointed at a PDF file, the save dialog
accepted as suggested, and both files read back."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit
from pytestqt.qtbot import QtBot

from desktop.counter import Counter
from desktop.services.auth import User
from desktop.services.business_day import open_day
from desktop.services.day_close import CloseDay, count_and_close
from desktop.services.registration import register_participant
from desktop.store.schema import day_closes
from tests.services.conftest import registration
from tests.ui.conftest import focused, press
from ui.context import Context
from ui.day_close import report as day_close_report
from ui.day_close.page import CLOSED, DayClosePage
from ui.day_close.report import ReportView
from ui.widgets import DONE_STYLE, ERROR_STYLE

REPORT = "BNI-0123-01-TH-20261124-1"
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
# The offscreen platform cannot raise windows or grab the keyboard for Qt's own file dialog.
FILE_DIALOG_NOISE = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)


@pytest.fixture
def stored_pdf(counter: Counter, teller: User) -> bytes:
    """Today closed with its float counted back: the report as the store keeps it."""
    open_day(counter, teller, "100000=2")
    register_participant(counter, teller, registration())
    assert count_and_close(counter, teller, CloseDay("100000=2")).report_no == REPORT
    with counter.store.read() as connection:
        return bytes(connection.execute(sa.select(day_closes.c.pdf)).scalar_one())


@pytest.fixture
def page(qtbot: QtBot, ctx: Context, teller: User, stored_pdf: bytes) -> DayClosePage:
    shown = DayClosePage(ctx, teller)
    qtbot.addWidget(shown)
    shown.resize(800, 560)
    shown.show()
    qtbot.waitExposed(shown)
    shown.activateWindow()
    qtbot.waitUntil(shown.isActiveWindow)
    qtbot.waitUntil(lambda: shown.step == CLOSED and shown.done.report_view.is_ready)
    shown.setFocus()
    assert focused() is shown.done.report_view.print_button  # a teller's first key: print
    return shown


def view_of(page: DayClosePage) -> ReportView:
    return page.done.report_view


def print_into(
    monkeypatch: pytest.MonkeyPatch, output: Path, resolution: int | None = None
) -> None:
    """The report's printer, pointed at a PDF file instead of a device (patched on the class,
    so no closure over a widget outlives the test); at `resolution` dpi when given."""
    make = ReportView.make_printer

    def make_printer(self: ReportView) -> QPrinter:
        printer = make(self)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(output))
        if resolution is not None:
            printer.setResolution(resolution)
        return printer

    monkeypatch.setattr(ReportView, "make_printer", make_printer)


def answer_print_dialog(monkeypatch: pytest.MonkeyPatch, *, accept: bool) -> list[str]:
    """The print dialog answered as a supervisor would, without showing it; returns the output
    file of each printer it was asked about. Windows' print dialog is the system's own: it
    refuses a PDF printer and takes no keys offscreen, so printing is tested apart from it (the
    dialog itself: test_the_print_dialog_*)."""
    asked: list[str] = []

    def ask_printer(_self: ReportView, printer: QPrinter) -> bool:
        asked.append(printer.outputFileName())
        return accept

    monkeypatch.setattr(ReportView, "ask_printer", ask_printer)
    return asked


def answer_modal(qtbot: QtBot, key: Qt.Key) -> list[str]:
    """Press `key` in the next modal dialog once it has the keyboard; returns its title and,
    for a file dialog, the name it suggested."""
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
        press(qtbot, key)

    QTimer.singleShot(0, answer)
    return seen


def page_count(pdf: bytes) -> int:
    return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)


# --- printing -------------------------------------------------------------------------------------


def test_ctrl_p_prints_every_page_of_the_stored_report(
    qtbot: QtBot,
    page: DayClosePage,
    stored_pdf: bytes,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    output = tmp_path / "printed.pdf"
    # An A4 office printer's 600 dpi (a file's own is 1200: four times the pixels to draw and
    # compress, the same code): a page is 7,016 rows, drawn in 7 bands.
    print_into(monkeypatch, output, resolution=600)
    view = view_of(page)
    assert view.pdf == stored_pdf  # what is shown and printed is what the store keeps
    asked = answer_print_dialog(monkeypatch, accept=True)  # the dialog, accepted as it is
    press(qtbot, Qt.Key.Key_P, CTRL)
    assert asked == [str(output)]
    assert view.message.text() == "Mencetak…"  # on the printer worker: the window is free
    qtbot.waitUntil(lambda: view.message.text() != "Mencetak…", timeout=60_000)
    assert view.message.text() == f"Laporan dikirim ke {output}."
    assert view.message.styleSheet() == DONE_STYLE
    printed = pypdf.PdfReader(output)
    assert printed.metadata is not None
    assert printed.metadata.title == f"Laporan tutup hari {REPORT}"
    original = pypdf.PdfReader(io.BytesIO(stored_pdf))
    assert len(printed.pages) == len(original.pages) == view.document.pageCount()
    for paper, report in zip(printed.pages, original.pages, strict=True):
        # Each page drawn at the printer's resolution (600 dpi), in bands, not a screen-sized
        # picture scaled up; Qt's A4 paper may be a few pixels narrower than the report's A4
        # page at that resolution, so the page is shrunk that much to fit.
        width = float(report.mediabox.width) * 600 / 72
        height = float(report.mediabox.height) * 600 / 72
        sizes = [image.image.size for image in paper.images if image.image is not None]
        assert len(sizes) > 1  # in bands
        [drawn] = {w for w, _h in sizes}
        assert width * 0.999 <= drawn <= width
        assert height * 0.999 <= sum(h for _w, h in sizes) <= height
    assert QApplication.overrideCursor() is None  # the wait cursor is gone


def test_cancelling_the_print_dialog_prints_nothing(
    qtbot: QtBot, page: DayClosePage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = tmp_path / "never.pdf"
    print_into(monkeypatch, output)
    asked = answer_print_dialog(monkeypatch, accept=False)
    press(qtbot, Qt.Key.Key_P, CTRL)
    assert asked == [str(output)]
    assert not output.exists()
    assert not view_of(page).message.isVisible()


@pytest.mark.parametrize(
    ("key", "accepted"),
    [(Qt.Key.Key_Return, True), (Qt.Key.Key_Escape, False)],
    ids=["enter-accepts", "escape-cancels"],
)
def test_the_print_dialog_is_titled_for_the_report_and_answers_with_the_key(
    qtbot: QtBot, page: DayClosePage, tmp_path: Path, key: Qt.Key, accepted: bool
) -> None:
    # Qt's own print dialog (Linux); Windows shows the system's (.ci/windows/wine-skips.txt).
    printer = view_of(page).make_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "dialog.pdf"))
    seen = answer_modal(qtbot, key)
    assert view_of(page).ask_printer(printer) is accepted
    assert seen == ["Cetak laporan tutup hari"]


# QPainter says so itself when the printer does not start; the page says it to the teller.
@pytest.mark.qt_log_ignore(r"QPainter::begin\(\): Returned false")
def test_a_printer_that_cannot_start_says_the_report_is_kept(
    qtbot: QtBot, page: DayClosePage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = tmp_path / "no such folder" / "report.pdf"
    print_into(monkeypatch, output)
    # Qt's own print dialog refuses a file in a missing folder; a printer that is off passes it.
    monkeypatch.setattr(ReportView, "ask_printer", lambda _self, _printer: True)
    press(qtbot, Qt.Key.Key_P, CTRL)
    view = view_of(page)
    qtbot.waitUntil(lambda: view.message.text() != "Mencetak…")
    assert view.message.text() == (
        f"Gagal mencetak: Berkas {output} tidak dapat dibuat.\n"
        "Laporan tetap tersimpan; cetak lagi nanti."
    )
    assert view.message.styleSheet() == ERROR_STYLE
    assert view.print_button.isEnabled()  # it can be tried again at once
    assert QApplication.overrideCursor() is None


# --- saving ---------------------------------------------------------------------------------------


@FILE_DIALOG_NOISE
def test_ctrl_shift_s_saves_the_stored_pdf_under_its_number(
    qtbot: QtBot,
    page: DayClosePage,
    stored_pdf: bytes,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setattr(day_close_report, "documents_folder", lambda: documents)
    view = view_of(page)
    seen = answer_modal(qtbot, Qt.Key.Key_Return)  # the suggested name, as it is
    press(qtbot, Qt.Key.Key_S, CTRL_SHIFT)
    assert seen == ["Simpan laporan tutup hari sebagai PDF", f"{REPORT}.pdf"]
    saved = documents / f"{REPORT}.pdf"
    qtbot.waitUntil(view.message.isVisible)  # written on the database worker
    assert view.message.text() == f"Tersimpan: {saved}"
    assert view.message.styleSheet() == DONE_STYLE
    assert saved.read_bytes() == stored_pdf
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(saved).pages)
    assert REPORT in text
    assert [p.name for p in documents.iterdir()] == [saved.name]  # no temporary file left
    assert view.save_button.isEnabled()
    assert not isinstance(QApplication.activeModalWidget(), QFileDialog)


@FILE_DIALOG_NOISE
def test_cancelling_the_save_dialog_writes_nothing(
    qtbot: QtBot, page: DayClosePage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setattr(day_close_report, "documents_folder", lambda: documents)
    seen = answer_modal(qtbot, Qt.Key.Key_Escape)
    press(qtbot, Qt.Key.Key_S, CTRL_SHIFT)
    assert seen[0] == "Simpan laporan tutup hari sebagai PDF"
    assert list(documents.iterdir()) == []
    assert not view_of(page).message.isVisible()
    assert not page.ctx.tasks.busy


def test_a_name_without_the_extension_is_saved_as_pdf_in_a_new_folder(
    qtbot: QtBot, page: DayClosePage, stored_pdf: bytes, tmp_path: Path
) -> None:
    view = view_of(page)
    view.save_to(tmp_path / "arsip" / "november" / "laporan")
    qtbot.waitUntil(view.message.isVisible)
    saved = tmp_path / "arsip" / "november" / "laporan.pdf"
    assert view.message.text() == f"Tersimpan: {saved}"
    assert saved.read_bytes() == stored_pdf
    assert page_count(saved.read_bytes()) == view.document.pageCount()


def test_a_save_that_fails_says_why_and_can_be_tried_again(
    qtbot: QtBot, page: DayClosePage, stored_pdf: bytes, tmp_path: Path
) -> None:
    blocker = tmp_path / "arsip"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    target = blocker / f"{REPORT}.pdf"
    view = view_of(page)
    view.save_to(target)
    assert not view.save_button.isEnabled()  # while the worker writes
    qtbot.waitUntil(view.message.isVisible)
    assert view.message.text().startswith(f"Gagal menyimpan: Berkas {target} tidak dapat ditulis")
    assert view.message.styleSheet() == ERROR_STYLE
    assert view.save_button.isEnabled()
    assert blocker.read_text(encoding="utf-8") == "a file where the folder should be"
    view.save_to(tmp_path / "laporan.pdf")
    qtbot.waitUntil(lambda: view.message.text() == f"Tersimpan: {tmp_path / 'laporan.pdf'}")
    assert (tmp_path / "laporan.pdf").read_bytes() == stored_pdf
