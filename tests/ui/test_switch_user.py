"""The lock screen's "Ganti pengguna": another user logs in into their own window while the
locked one waits, hidden, its half-filled form kept for its owner; Keluar brings it back.
Keyboard only."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop.counter import Counter
from desktop.services.auth import User
from desktop.services.business_day import open_day
from tests.conftest import PINS
from tests.ui.conftest import focused, press, type_text
from tests.ui.test_main_window import save_a_registration
from ui.app import Shell
from ui.context import Context
from ui.window.main_window import PAGE_INDEX, MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture(autouse=True)
def no_upstream(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SPO_UPSTREAM_URL", raising=False)
    monkeypatch.delenv("SPO_UPSTREAM_TOKEN", raising=False)


@pytest.fixture
def shell(qtbot: QtBot, ctx: Context, counter: Counter, teller: User) -> Iterator[Shell]:
    open_day(counter, teller, "100000=1")  # no opening-float dialog at each login
    shell = Shell(ctx)
    qtbot.addWidget(shell.login)
    shell.login.show()
    qtbot.waitExposed(shell.login)
    yield shell
    # The sessions still open (the ended ones are deleted by the shell itself).
    for window in list(shell.sessions):
        if shiboken6.isValid(window):
            window.ended.disconnect()
            window.close()
    if shiboken6.isValid(shell.login):
        shell.login.close()


def on_screen(qtbot: QtBot, shell: Shell, user_id: str) -> MainWindow:
    """Wait until `user_id`'s window is the one up and active."""
    qtbot.waitUntil(
        lambda: shell.main is not None and shell.main.user.id == user_id and shell.main.isVisible()
    )
    window = shell.main
    assert window is not None
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def log_in(qtbot: QtBot, user_id: str, pin: str) -> None:
    type_text(qtbot, user_id)
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, pin)
    press(qtbot, Qt.Key.Key_Return)


def switch_user(qtbot: QtBot, window: MainWindow) -> None:
    """Alt+G on the lock screen (a button's mnemonic clicks it a moment later)."""
    press(qtbot, Qt.Key.Key_G, ALT)
    qtbot.waitUntil(lambda: window.lock_page.switching)
    qtbot.waitUntil(lambda: focused() is window.lock_page.other.user_id)


def half_fill(qtbot: QtBot, window: MainWindow) -> None:
    window.registration.full_name.setFocus()
    type_text(qtbot, "Joko Separuh")


def test_a_teller_locked_out_on_the_lock_screen_is_unlocked_by_a_supervisor_switching_in(
    qtbot: QtBot, shell: Shell
) -> None:
    log_in(qtbot, "teller01", PINS["teller01"])
    teller_window = on_screen(qtbot, shell, "teller01")
    half_fill(qtbot, teller_window)
    press(qtbot, Qt.Key.Key_L, CTRL)
    assert teller_window.is_locked
    form = teller_window.lock_page.form
    for _ in range(5):
        qtbot.waitUntil(form.submit_button.isEnabled)
        type_text(qtbot, "000000")
        press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Akun terkunci" in form.pin_error.text())

    # Another user, on the same screen: Alt+G.
    switch_user(qtbot, teller_window)
    lock_page = teller_window.lock_page
    log_in(qtbot, "spv01", PINS["spv01"])
    supervisor_window = on_screen(qtbot, shell, "spv01")
    assert supervisor_window is not teller_window
    assert supervisor_window.status.teller.text() == "Supervisor: Siti Rahmawati (spv01)"
    assert not teller_window.isVisible()
    assert teller_window.is_locked
    assert not teller_window.upload.timer.isActive()  # the window on screen uploads
    assert supervisor_window.registration.full_name.text() == ""  # a fresh window of their own

    # The supervisor lifts the lock in Settings, then leaves with Keluar.
    supervisor_window.show_page(PAGE_INDEX["settings"])
    box = supervisor_window.settings.users_box
    qtbot.waitUntil(lambda: len(box.entries) == 4)
    box.table.setFocus()
    box.select("teller01")
    press(qtbot, Qt.Key.Key_U, ALT)
    qtbot.waitUntil(lambda: focused().objectName() == "supervisor_pin")
    type_text(qtbot, PINS["spv01"])
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "tidak terkunci lagi" in supervisor_window.settings.done.text())
    press(qtbot, Qt.Key.Key_Q, CTRL_SHIFT)

    # Back to the teller's window, still locked, the form as it was.
    qtbot.waitUntil(lambda: teller_window.isVisible() and shell.main is teller_window)
    assert [w.user.id for w in shell.sessions] == ["teller01"]
    assert teller_window.is_locked
    assert not lock_page.switching
    teller_window.activateWindow()
    qtbot.waitUntil(teller_window.isActiveWindow)
    qtbot.waitUntil(lambda: focused() is form.pin)
    with qtbot.waitSignal(teller_window.locked) as unlocked:
        type_text(qtbot, PINS["teller01"])
        press(qtbot, Qt.Key.Key_Return)
    assert unlocked.args == [False]
    assert teller_window.registration.full_name.text() == "Joko Separuh"
    assert teller_window.upload.timer.isActive()


def test_the_owner_comes_back_through_the_other_users_lock_screen(
    qtbot: QtBot, shell: Shell
) -> None:
    log_in(qtbot, "teller01", PINS["teller01"])
    teller_window = on_screen(qtbot, shell, "teller01")
    half_fill(qtbot, teller_window)
    press(qtbot, Qt.Key.Key_L, CTRL)
    switch_user(qtbot, teller_window)
    log_in(qtbot, "teller02", PINS["teller02"])
    other_window = on_screen(qtbot, shell, "teller02")
    press(qtbot, Qt.Key.Key_L, CTRL)  # teller02 steps away too
    assert other_window.is_locked
    switch_user(qtbot, other_window)
    log_in(qtbot, "teller01", PINS["teller01"])
    assert on_screen(qtbot, shell, "teller01") is teller_window
    assert not teller_window.is_locked
    assert teller_window.registration.full_name.text() == "Joko Separuh"
    assert not other_window.isVisible()
    assert other_window.is_locked
    assert [w.user.id for w in shell.sessions] == ["teller02", "teller01"]


def test_esc_goes_back_to_the_owners_pin_and_the_owner_may_use_either_form(
    qtbot: QtBot, shell: Shell
) -> None:
    log_in(qtbot, "teller01", PINS["teller01"])
    window = on_screen(qtbot, shell, "teller01")
    press(qtbot, Qt.Key.Key_L, CTRL)
    page = window.lock_page
    switch_user(qtbot, window)
    note = page.findChild(QLabel, "switch_note")
    assert isinstance(note, QLabel)
    assert note.text() == (
        "Pengguna lain masuk ke jendelanya sendiri. Layar Dewi Lestari tetap terkunci dan "
        "isiannya tersimpan sampai Dewi Lestari masuk lagi."
    )
    press(qtbot, Qt.Key.Key_Escape)
    assert not page.switching
    assert focused() is page.form.pin
    switch_user(qtbot, window)
    log_in(qtbot, "teller01", PINS["teller01"])  # their own id on the other form: unlocks
    qtbot.waitUntil(lambda: not window.is_locked)
    assert len(shell.sessions) == 1


def test_a_wrong_pin_on_the_other_form_is_said_there(qtbot: QtBot, shell: Shell) -> None:
    log_in(qtbot, "teller01", PINS["teller01"])
    window = on_screen(qtbot, shell, "teller01")
    press(qtbot, Qt.Key.Key_L, CTRL)
    switch_user(qtbot, window)
    log_in(qtbot, "spv01", "000000")
    other = window.lock_page.other
    qtbot.waitUntil(other.pin_error.isVisible)
    assert other.pin_error.text().startswith("ID pengguna atau PIN salah.")
    assert focused() is other.pin
    assert len(shell.sessions) == 1
    assert window.is_locked


def test_keluar_from_the_last_window_shows_the_login_and_never_while_locked(
    qtbot: QtBot, shell: Shell
) -> None:
    log_in(qtbot, "teller01", PINS["teller01"])
    window = on_screen(qtbot, shell, "teller01")
    press(qtbot, Qt.Key.Key_L, CTRL)
    press(qtbot, Qt.Key.Key_Q, CTRL_SHIFT)  # a passer-by cannot end the locked session
    assert window.isVisible()
    assert shell.sessions == [window]
    type_text(qtbot, PINS["teller01"])
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.is_locked)
    press(qtbot, Qt.Key.Key_Q, CTRL_SHIFT)
    qtbot.waitUntil(lambda: shell.login.isVisible())
    qtbot.addWidget(shell.login)
    assert shell.sessions == []
    assert shell.main is None


def test_a_receipt_comes_up_only_in_the_window_that_captured_it(qtbot: QtBot, shell: Shell) -> None:
    log_in(qtbot, "teller01", PINS["teller01"])
    teller_window = on_screen(qtbot, shell, "teller01")
    press(qtbot, Qt.Key.Key_L, CTRL)
    switch_user(qtbot, teller_window)
    log_in(qtbot, "teller02", PINS["teller02"])
    other_window = on_screen(qtbot, shell, "teller02")
    save_a_registration(qtbot, other_window)  # waits for its receipt to be printed
    assert "sudah keluar" in other_window.status.printing.text()
    assert teller_window.print_jobs.last is None
    assert not teller_window.status.printing.text()


def test_closing_a_window_brings_back_the_one_set_aside(qtbot: QtBot, shell: Shell) -> None:
    log_in(qtbot, "teller01", PINS["teller01"])
    teller_window = on_screen(qtbot, shell, "teller01")
    half_fill(qtbot, teller_window)
    press(qtbot, Qt.Key.Key_L, CTRL)
    switch_user(qtbot, teller_window)
    log_in(qtbot, "spv01", PINS["spv01"])
    supervisor_window = on_screen(qtbot, shell, "spv01")
    supervisor_window.close()  # the window's own close button
    assert teller_window.isVisible()  # shown as the other closed: the application goes on
    assert teller_window.is_locked
    assert shell.sessions == [teller_window]
    assert teller_window.registration.full_name.text() == "Joko Separuh"
