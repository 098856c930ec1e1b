"""Flows through the whole main window, keyboard only, on a real store: a reprint from the
journal (Ctrl+R) and a void (Del) open their receipt in the window's own preview; the day
closed from its page in the window, after which a capture is refused in the form; the window in
English names its new pages in English."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator

import pypdf
import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from desktop.counter import Counter
from desktop.services.auth import User
from desktop.services.business_day import reopen_day
from desktop.services.receipts import issue_receipt, record_print
from desktop.store.schema import day_closes, receipt_issues, registrations, voids
from tests.conftest import PINS, FakeClock
from tests.services.conftest import NIK_MAN, registration
from tests.services.test_journal_query import Day, populate
from tests.ui.conftest import (
    accept_figures,
    close_the_receipt,
    focused,
    focused_in,
    press,
    type_text,
)
from ui.context import Context
from ui.day_close.page import CLOSED, RESULT
from ui.i18n import install_translators, remove_translators
from ui.journal.model import RECEIPT, STATUS
from ui.operations import Changes
from ui.receipt.preview import ReceiptPreview
from ui.tasks import TaskManager
from ui.window.main_window import PAGE_INDEX, MainWindow

MakeWindow = Callable[..., MainWindow]


@pytest.fixture(autouse=True)
def no_upstream(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SPO_UPSTREAM_URL", raising=False)
    monkeypatch.delenv("SPO_UPSTREAM_TOKEN", raising=False)


def preview_pdf(preview: ReceiptPreview) -> bytes:
    assert preview.receipt is not None
    return preview.receipt.pdf


def shown_window(qtbot: QtBot, ctx: Context, user: User) -> MainWindow:
    window = MainWindow(ctx, user)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.waitUntil(lambda: not loading(window.status.pending.text()))
    return window


def loading(text: str) -> bool:
    return "memuat" in text.lower() or "loading" in text.lower()


@pytest.fixture
def day(counter: Counter, clock: FakeClock, teller: User) -> Day:
    return populate(counter, clock, teller)


@pytest.fixture
def window(qtbot: QtBot, ctx: Context, teller: User, day: Day) -> MainWindow:
    return shown_window(qtbot, ctx, teller)


def listed(window: MainWindow) -> list[str]:
    model = window.journal.model
    return [model.data(model.index(row, RECEIPT)) for row in range(model.rowCount())]


def find_in_journal(qtbot: QtBot, window: MainWindow, receipt_no: str) -> None:
    """F5, type the receipt number, Down onto its row."""
    press(qtbot, Qt.Key.Key_F5)
    assert window.current_page == "journal"
    qtbot.waitUntil(lambda: window.journal.model.count_final)
    assert focused() is window.journal.search
    type_text(qtbot, receipt_no)
    qtbot.waitUntil(lambda: listed(window) == [receipt_no] and window.journal.model.count_final)
    press(qtbot, Qt.Key.Key_Down)
    assert focused() is window.journal.table


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def wait_preview(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.receipt_preview is not None)
    preview = window.receipt_preview
    assert preview is not None
    qtbot.waitUntil(lambda: preview.isVisible() and preview.is_ready)


def escape_preview(qtbot: QtBot, window: MainWindow) -> None:
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.receipt_preview is None)
    qtbot.waitUntil(lambda: focused_in(window.journal))


def test_ctrl_r_in_the_window_opens_the_copy_in_its_preview_and_esc_returns(
    qtbot: QtBot, window: MainWindow, day: Day, counter: Counter
) -> None:
    # The original went out: what the journal makes now is a copy.
    original = issue_receipt(counter, window.user, day.claim.receipt_no)
    record_print(counter, window.user, original, "printed", "Kasir-1")
    find_in_journal(qtbot, window, day.claim.receipt_no)
    press(qtbot, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    wait_preview(qtbot, window)
    preview = window.receipt_preview
    assert preview is not None
    assert preview.parent() is window  # the window's own, window-modal
    assert preview.windowTitle() == f"Tanda terima {day.claim.receipt_no} — SALINAN KE-1"
    text = pdf_text(preview_pdf(preview))
    assert "SALINAN KE-1" in text
    assert day.claim.receipt_no in text
    escape_preview(qtbot, window)
    assert window.current_page == "journal"
    # Again from the keyboard: the second copy, counted in the store.
    window.journal.table.setFocus()
    press(qtbot, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    wait_preview(qtbot, window)
    assert window.receipt_preview is not None
    assert window.receipt_preview.windowTitle().endswith("SALINAN KE-2")
    escape_preview(qtbot, window)
    with counter.store.read() as connection:
        copies = connection.scalars(
            sa.select(receipt_issues.c.copy_number).where(receipt_issues.c.seq == day.claim.seq)
        )
        assert sorted(copies) == [0, 1, 2]


def test_del_in_the_window_voids_shows_the_void_receipt_and_counts_it_for_upload(
    qtbot: QtBot, window: MainWindow, day: Day, counter: Counter
) -> None:
    pending_before = window.status.pending.text()
    find_in_journal(qtbot, window, day.employer.receipt_no)
    press(qtbot, Qt.Key.Key_Delete)
    journal = window.journal
    qtbot.waitUntil(lambda: journal.dialog is not None and journal.dialog.isVisible())
    dialog = journal.dialog
    assert dialog is not None
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.reason)
    type_text(qtbot, "Salah input kode iuran")
    press(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, "spv01")
    press(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, PINS["spv01"])
    press(qtbot, Qt.Key.Key_Return)
    # The money handed back is shown before anything is written; Enter accepts.
    figures = accept_figures(qtbot)
    assert figures["Dibatalkan"] == day.employer.receipt_no
    assert figures["Uang dikembalikan"].startswith("Rp")
    # The void is a capture of its own: its receipt prints straight away, no preview in the way.
    void_no = "BNI-0123-01-0000007"
    close_the_receipt(qtbot, window, void_no)
    sent = window.print_jobs.last
    assert sent is not None
    assert sent.receipt_no == void_no
    text = pdf_text(sent.pdf)
    assert day.employer.receipt_no in text  # the void receipt names what it cancels
    # The search still shows the voided row, now marked with the void's number.
    model = window.journal.model
    qtbot.waitUntil(lambda: model.data(model.index(0, STATUS)) == "Dibatalkan (0000007)")
    assert listed(window) == [day.employer.receipt_no]
    with counter.store.read() as connection:
        (stored,) = connection.execute(
            sa.select(voids).where(voids.c.voided_seq == day.employer.seq)
        ).all()
    assert (stored.reason, stored.approved_by) == ("Salah input kode iuran", "spv01")
    qtbot.waitUntil(lambda: window.status.pending.text() != pending_before)
    assert window.status.pending.text().startswith("Menunggu unggah: 7")


def registrations_stored(counter: Counter) -> int:
    with counter.store.read() as connection:
        return int(connection.scalar(sa.select(sa.func.count()).select_from(registrations)) or 0)


def test_the_day_closed_in_the_window_then_the_capture_forms_say_so_and_take_nothing(
    qtbot: QtBot, ctx: Context, counter: Counter, teller: User, supervisor: User
) -> None:
    window = shown_window(qtbot, ctx, teller)
    press(qtbot, Qt.Key.Key_F2)
    form = window.registration
    assert focused() is form.nik
    type_text(qtbot, NIK_MAN)  # begun before the close: kept, to take tomorrow
    command = registration()
    for name in ("full_name", "birth_place", "mother_maiden_name", "phone", "address"):
        getattr(form, name).setText(str(getattr(command, name)))
    form.occupation.setText(command.occupation)
    form.monthly_income.setCurrentIndex(form.monthly_income.findData(1_000_000))
    assert not form.day_gate.banner.isVisible()
    # From the navigation list with the arrow keys, then Tab into the page.
    window.nav.setFocus()
    for _ in range(PAGE_INDEX["day_close"] - PAGE_INDEX["registration"]):
        press(qtbot, Qt.Key.Key_Down)
    assert window.current_page == "day_close"
    page = window.day_close
    qtbot.waitUntil(lambda: page.overview is not None)
    press(qtbot, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: focused() is page.counting.form.first)
    # Nothing taken today: an empty drawer is said twice, then Enter closes.
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert page.counting.error.isVisible()
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.step == RESULT)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.step == CLOSED)
    with counter.store.read() as connection:
        reports = list(connection.scalars(sa.select(day_closes.c.report_no)))
    assert reports == ["BNI-0123-01-TH-20261124-1"]

    # Every capture form says the day is closed, and what to do, before anything is typed.
    for capture_page, key in (
        (window.registration, Qt.Key.Key_F2),
        (window.contribution, Qt.Key.Key_F3),
        (window.claim, Qt.Key.Key_F4),
    ):
        press(qtbot, key)
        banner = capture_page.day_gate.banner
        qtbot.waitUntil(banner.isVisible)
        assert banner.text().startswith("Hari kerja 24/11/2026 sudah ditutup")
        assert "BNI-0123-01-TH-20261124-1" in banner.text()
        assert "supervisor dapat membuka kembali" in banner.text()
        assert not capture_page.save_button.isEnabled()
    press(qtbot, Qt.Key.Key_F2)
    assert focused() is form.day_gate.banner  # what the teller reads first
    assert not form.nik.isEnabled()
    type_text(qtbot, "9")
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert form.nik.text() == NIK_MAN  # nothing typed into it, what was there stays
    assert window.receipt_preview is None
    assert registrations_stored(counter) == 0

    # A supervisor reopens the day: the forms take captures again, as they were.
    reopen_day(counter, supervisor, "Setoran terlambat dicatat")
    ctx.changes.notify(Changes(day=True))
    qtbot.waitUntil(lambda: not form.day_gate.banner.isVisible())
    assert form.nik.isEnabled()
    assert form.save_button.isEnabled()
    assert not form.jkk.isEnabled()  # the mandatory programs stay fixed
    assert form.nik.text() == NIK_MAN
    qtbot.waitUntil(lambda: focused() is form.nik)  # the cursor back in the form


# --- English ------------------------------------------------------------------------------------


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    install_translators(qapp, "en")
    yield
    remove_translators(qapp)


def texts(widget: QWidget) -> set[str]:
    found = {label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget)}
    found |= {b.text() for b in widget.findChildren(QPushButton) if b.isVisibleTo(widget)}
    return found


INDONESIAN_WORDS = ("Simpan", "Batal", "Hitung", "Tutup hari", "Pengaturan", "transaksi", "Cari")


def test_in_english_the_window_and_its_new_pages_speak_english(
    qtbot: QtBot,
    english: None,
    counter: Counter,
    tasks: TaskManager,
    network: TaskManager,
    supervisor: User,
) -> None:
    window = shown_window(qtbot, Context(counter, tasks, network, "en"), supervisor)
    titles = [window.nav.item(row).text() for row in range(window.nav.count())]
    assert titles[PAGE_INDEX["journal"]] != "Jurnal"
    assert titles[PAGE_INDEX["day_close"]] != "Tutup hari"
    assert titles[PAGE_INDEX["settings"]] != "Pengaturan"
    assert window.status.pending.text().startswith("Waiting")
    headings = {
        "journal": "Transaction journal",
        "day_close": "Close the business day",
        "settings": "Settings",
    }
    for key, heading in headings.items():
        window.show_page(PAGE_INDEX[key])
        page = window.pages.currentWidget()
        assert page is not None

        def settled(page: QWidget = page) -> bool:
            return not any(loading(text) for text in texts(page))

        qtbot.waitUntil(settled)
        shown = texts(page)
        assert heading in shown, f"{key}: {sorted(shown)}"
        indonesian = sorted(t for t in shown for w in INDONESIAN_WORDS if w in t)
        assert indonesian == [], f"{key}: {indonesian}"
