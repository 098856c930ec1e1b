"""The main window: F2-F6 switch pages, Ctrl+L and idle lock, the status bar's figures."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from pytestqt.qtbot import QtBot

from desktop.counter import Counter
from desktop.services.auth import User
from desktop.services.receipt_output import prepare_receipt
from desktop.services.registration import register_participant
from desktop.store.schema import sync_state
from tests.conftest import PINS, FakeClock
from tests.services.conftest import NIK_MAN, NIK_WOMAN, registration
from tests.ui.conftest import (
    accept_figures,
    close_the_receipt,
    discard_asked,
    focused,
    press,
    type_text,
)
from ui.claim.page import ClaimPage
from ui.context import Context
from ui.contribution.page import ContributionPage
from ui.printing import counter_printer
from ui.registration.page import RegistrationPage
from ui.window.main_window import MainWindow
from ui.window.nav import SHORTCUT_ROLE

MakeWindow = Callable[..., MainWindow]


@pytest.fixture
def make_window(qtbot: QtBot, ctx: Context, teller: User) -> MakeWindow:
    def make(**options: int) -> MainWindow:
        window = MainWindow(ctx, teller, **options)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        qtbot.waitUntil(lambda: "memuat" not in window.status.pending.text())
        return window

    return make


def test_function_keys_switch_pages(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    assert window.current_page == "registration"
    shown = [row for row in range(window.nav.count()) if not window.nav.item(row).isHidden()]
    keys = [window.nav.item(row).data(SHORTCUT_ROLE) for row in shown]
    # every page a teller sees has one; the supervisor's summary (F10) is not among them
    assert keys == ["F2", "F3", "F4", "F5", "F6", "F7", "F8", "F11", "F12"]
    for key, page in (
        (Qt.Key.Key_F3, "contribution"),
        (Qt.Key.Key_F4, "claim"),
        (Qt.Key.Key_F5, "journal"),
        (Qt.Key.Key_F6, "lookup"),
        (Qt.Key.Key_F7, "claims"),
        (Qt.Key.Key_F8, "day_close"),
        (Qt.Key.Key_F11, "quarantine"),
        (Qt.Key.Key_F12, "settings"),
        (Qt.Key.Key_F2, "registration"),
    ):
        press(qtbot, key)
        assert window.current_page == page
        # A form page hands the focus to its first field; a placeholder takes it itself.
        current = window.pages.currentWidget()
        assert focused() is current or current.isAncestorOf(focused())


def test_the_navigation_names_every_page(make_window: MakeWindow) -> None:
    window = make_window()
    titles = [
        window.nav.item(row).text()
        for row in range(window.nav.count())
        if not window.nav.item(row).isHidden()
    ]
    assert titles == [
        "Pendaftaran",
        "Iuran",
        "Klaim",
        "Jurnal",
        "Cek peserta",
        "Status klaim",
        "Tutup hari",
        "Karantina",
        "Pengaturan",
    ]
    assert isinstance(window.pages.widget(0), RegistrationPage)
    assert isinstance(window.pages.widget(1), ContributionPage)
    assert isinstance(window.pages.widget(2), ClaimPage)


def save_a_registration(qtbot: QtBot, window: MainWindow) -> None:
    page = window.registration
    page.nik.setText(NIK_MAN)
    command = registration()
    typed = ("full_name", "birth_place", "mother_maiden_name", "phone", "address", "occupation")
    for name in typed:
        getattr(page, name).setText(str(getattr(command, name)))
    page.monthly_income.setCurrentIndex(page.monthly_income.findData(1_000_000))
    page.nik.setFocus()
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(page.pay_first_button.isVisible)
    close_the_receipt(qtbot, window)


def test_after_a_registration_ctrl_i_takes_its_first_contribution(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    save_a_registration(qtbot, window)
    press(qtbot, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page == "contribution"
    contribution = window.contribution
    assert contribution.bpu.participant.text() == NIK_MAN
    qtbot.waitUntil(lambda: contribution.bpu.participant_name.isVisibleTo(contribution))
    assert registration().full_name in contribution.bpu.participant_name.text()
    assert contribution.bpu.monthly_income.currentData() == 1_000_000


def test_a_capture_is_listed_in_the_journal_on_f5(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    press(qtbot, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.journal.count_label.text() == "Belum ada transaksi")
    press(qtbot, Qt.Key.Key_F2)
    save_a_registration(qtbot, window)
    press(qtbot, Qt.Key.Key_F5)
    model = window.journal.model
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    row = [str(model.index(0, column).data()) for column in range(model.columnCount())]
    assert "BNI-0123-01-0000001" in row


def test_ctrl_l_locks_and_only_the_same_teller_unlocks(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    press(qtbot, Qt.Key.Key_F4)
    with qtbot.waitSignal(window.locked) as locked:
        press(qtbot, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert locked.args == [True]
    assert window.is_locked
    form = window.lock_page.form
    assert focused() is form.pin
    assert form.user_id.text() == "teller01"
    assert not form.user_id.isEnabled()
    press(qtbot, Qt.Key.Key_F2)  # the pages are out of reach while locked
    assert window.current_page == "claim"
    type_text(qtbot, "000000")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(form.pin_error.isVisible)
    assert "Sisa 4 kali" in form.pin_error.text()
    assert window.is_locked
    with qtbot.waitSignal(window.locked) as unlocked:
        type_text(qtbot, PINS["teller01"])
        press(qtbot, Qt.Key.Key_Return)
    assert unlocked.args == [False]
    assert not window.is_locked
    assert window.current_page == "claim"  # the teller is back where they were


def test_the_window_locks_itself_when_idle(qtbot: QtBot, make_window: MakeWindow) -> None:
    # The 200 ms may run out while the window is still being shown on a loaded machine (the
    # fixture waits on events), before a waitSignal could start listening: wait on the state.
    window = make_window(idle_ms=200)
    qtbot.waitUntil(lambda: window.is_locked, timeout=5000)
    assert window.lock_page.isVisible()  # the teller's work is behind the PIN screen


def test_input_restarts_the_idle_clock(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window(idle_ms=60_000)
    idle = window._idle
    for key in (Qt.Key.Key_F3, Qt.Key.Key_Down):  # a shortcut key and a plain one
        idle._timer.stop()  # as if the clock had run down: one key starts it afresh
        press(qtbot, key)
        assert idle.active
    assert not window.is_locked


def test_the_status_bar_shows_teller_and_date_with_nothing_pending(
    make_window: MakeWindow,
) -> None:
    window = make_window()
    assert window.status.teller.text() == "Teller: Dewi Lestari (teller01)"
    assert window.status.business_date.text() == "Tanggal: 24/11/2026 WIB"
    assert window.status.pending.text() == "Menunggu unggah: 0"
    assert window.status.last_upload.text() == "Unggah terakhir: belum pernah"


def test_the_status_bar_counts_pending_records_and_the_last_upload(
    qtbot: QtBot, make_window: MakeWindow, counter: Counter, teller: User, clock: FakeClock
) -> None:
    register_participant(counter, teller, registration())
    clock.advance(hours=1)
    register_participant(
        counter, teller, registration(nik=NIK_WOMAN, sex="P", birth_date="1990-01-05")
    )
    clock.advance(hours=2, minutes=5)
    window = make_window()
    assert window.status.pending.text() == "Menunggu unggah: 2 (tertua 3 jam)"
    with counter.store.write() as connection:
        connection.execute(
            sa.insert(sync_state).values(
                counter_code=counter.profile.counter_code,
                acked_seq=0,
                acked_hash="0" * 64,
                last_success_at="2026-11-24T07:05:00+00:00",
            )
        )
    window.refresh_status()
    qtbot.waitUntil(lambda: window.status.last_upload.text() != "Unggah terakhir: belum pernah")
    assert window.status.last_upload.text() == "Unggah terakhir: 24/11/2026 14:05"


def test_the_status_refreshes_on_its_timer(
    qtbot: QtBot, make_window: MakeWindow, counter: Counter, teller: User
) -> None:
    window = make_window(status_every_ms=50)
    assert window.status.pending.text() == "Menunggu unggah: 0"
    register_participant(counter, teller, registration())
    qtbot.waitUntil(lambda: window.status.pending.text().startswith("Menunggu unggah: 1"))


def test_the_first_capture_of_a_day_not_opened_says_it_opened_the_day(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    save_a_registration(qtbot, window)
    qtbot.waitUntil(lambda: "dibuka otomatis" in window.status.currentMessage())
    assert "modal awal Rp0" in window.status.currentMessage()


@pytest.mark.qt_log_ignore(r"QPainter::begin\(\): Returned false")
def test_a_failed_print_is_said_in_the_status_bar_and_cetak_ulang_prints_the_original(
    qtbot: QtBot,
    make_window: MakeWindow,
    counter: Counter,
    teller: User,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_window()
    captured = register_participant(counter, teller, registration())
    receipt = prepare_receipt(counter, teller, captured.receipt_no)
    broken = counter_printer(str(tmp_path / "no such folder" / "kasir.pdf"))
    with qtbot.waitSignal(window.print_jobs.failed, timeout=60_000):
        window.print_jobs.print_receipt(teller, receipt, broken)
    assert window.status.printing.text().startswith(
        f"Tanda terima {captured.receipt_no} GAGAL dicetak: Gagal mencetak: Berkas"
    )
    assert window.status.reprint_button.isVisible()
    good = tmp_path / "kasir.pdf"
    monkeypatch.setattr("ui.receipt.jobs.PrintJobs.printer_name", lambda _self: str(good))
    qtbot.mouseClick(window.status.reprint_button, Qt.MouseButton.LeftButton)
    expected = f"Tanda terima {captured.receipt_no} sudah keluar di {good}."
    qtbot.waitUntil(lambda: window.status.printing.text() == expected, timeout=60_000)
    assert not window.status.reprint_button.isVisible()
    preview = window.receipt_preview
    assert preview is not None
    assert preview.receipt is not None
    assert preview.receipt.copy_mark == ""  # the original: nothing had gone out
    assert good.stat().st_size > 10_000


def test_quitting_with_a_form_half_filled_asks_first(
    qtbot: QtBot, make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window()
    ended: list[bool] = []
    window.ended.connect(ended.append)
    press(qtbot, Qt.Key.Key_F2)
    type_text(qtbot, NIK_MAN)
    # Keluar (Ctrl+Shift+Q): the typing is named, and Enter keeps it (the safe answer).
    press(
        qtbot, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    box = discard_asked(qtbot)
    assert "Pendaftaran" in box.text()
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: focused() is window.registration.nik)
    assert window.isVisible()
    assert ended == []
    assert window.registration.nik.text() == NIK_MAN
    # The window's close button (or Alt+F4) asks the same; Esc keeps the window too. Their
    # close comes from the window system (a spontaneous event), which offscreen has none of.
    monkeypatch.setattr(QCloseEvent, "spontaneous", lambda _event: True)
    handle = window.windowHandle()
    assert handle is not None
    handle.close()
    discard_asked(qtbot)
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: focused() is window.registration.nik)
    assert window.isVisible()
    assert ended == []
    # "Keluar tanpa menyimpan" (Alt+K) closes.
    handle.close()
    discard_asked(qtbot)
    press(qtbot, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: not window.isVisible())
    assert ended == [False]


def test_quitting_with_nothing_typed_asks_nothing(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    ended: list[bool] = []
    window.ended.connect(ended.append)
    press(
        qtbot, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.waitUntil(lambda: not window.isVisible())
    assert ended == [True]


@pytest.mark.qt_log_ignore(r"QPainter::begin\(\): Returned false")
def test_a_payment_whose_print_fails_keeps_the_form_and_its_change_and_says_so(
    qtbot: QtBot,
    make_window: MakeWindow,
    counter: Counter,
    teller: User,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    register_participant(counter, teller, registration())
    broken = str(tmp_path / "no such folder" / "kasir.pdf")
    monkeypatch.setattr("ui.receipt.jobs.PrintJobs.printer_name", lambda _self: broken)
    window = make_window()
    page = window.contribution
    press(qtbot, Qt.Key.Key_F3)
    type_text(qtbot, NIK_MAN)
    qtbot.waitUntil(lambda: focused() is page.tender.cash_given)
    type_text(qtbot, "20000")
    press(qtbot, Qt.Key.Key_Return)
    accept_figures(qtbot)
    qtbot.waitUntil(lambda: "GAGAL dicetak" in window.status.printing.text(), timeout=60_000)
    assert window.status.reprint_button.isVisible()
    assert window.receipt_preview is None  # nothing in the teller's way
    assert focused() is page.bpu.participant  # the next payment can start at once
    assert page.change_banner.text().startswith("Kembalian Rp3.200")
