"""The login screen, driven by the keyboard: id, Tab, PIN, Enter; errors next to their field."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from desktop.counter import Counter
from desktop.services.demo import DEMO_USERS
from tests.conftest import PINS
from tests.ui.conftest import focused, press, type_text
from ui.app import Shell
from ui.context import Context
from ui.login import LoginWindow


@pytest.fixture
def shell(qtbot: QtBot, ctx: Context) -> Shell:
    shell = Shell(ctx)
    qtbot.addWidget(shell.login)
    shell.login.show()
    qtbot.waitExposed(shell.login)
    return shell


def _log_in(qtbot: QtBot, user_id: str, pin: str) -> None:
    type_text(qtbot, user_id)
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, pin)
    press(qtbot, Qt.Key.Key_Return)


def test_log_in_with_the_keyboard_alone(qtbot: QtBot, shell: Shell) -> None:
    form = shell.login.form
    assert focused() is form.user_id
    assert form.pin.echoMode() is QLineEdit.EchoMode.Password
    type_text(qtbot, "teller01")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is form.pin
    type_text(qtbot, PINS["teller01"])
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shell.main is not None and shell.main.isVisible())
    assert shell.main is not None
    qtbot.addWidget(shell.main)
    assert shell.main.status.teller.text() == "Teller: Dewi Lestari (teller01)"
    assert not shell.login.isVisible()


def test_tab_goes_from_the_pin_to_the_button(qtbot: QtBot, shell: Shell) -> None:
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is shell.login.form.submit_button


def test_the_title_names_the_branch_and_counter(shell: Shell) -> None:
    assert shell.login.windowTitle() == "SPO Counter — KC Jakarta Kota · Loket 01"


def test_a_wrong_pin_is_told_next_to_the_pin_with_the_tries_left(
    qtbot: QtBot, shell: Shell
) -> None:
    form = shell.login.form
    _log_in(qtbot, "teller01", "000000")
    qtbot.waitUntil(form.pin_error.isVisible)
    assert form.pin_error.text() == (
        "ID pengguna atau PIN salah. Sisa 4 kali percobaan sebelum akun terkunci."
    )
    assert not form.user_id_error.isVisible()
    assert form.pin.text() == ""
    assert focused() is form.pin
    assert form.user_id.text() == "teller01"
    assert shell.main is None


def test_five_wrong_pins_lock_the_account_and_nothing_else_changes(
    qtbot: QtBot, shell: Shell, counter: Counter
) -> None:
    form = shell.login.form
    _log_in(qtbot, "teller01", "000000")
    for left in (3, 2, 1):
        qtbot.waitUntil(form.submit_button.isEnabled)
        type_text(qtbot, "000000")
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda left=left: f"Sisa {left} kali" in form.pin_error.text())
    qtbot.waitUntil(form.submit_button.isEnabled)
    type_text(qtbot, "000000")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Akun terkunci" in form.pin_error.text())
    assert "sampai pukul 10:30 WIB" in form.pin_error.text()
    # The right PIN now is refused too: the lock holds.
    type_text(qtbot, PINS["teller01"])
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: form.submit_button.isEnabled() and form.pin_error.isVisible())
    assert "Akun terkunci" in form.pin_error.text()
    assert shell.main is None
    assert shell.login.isVisible()


def test_a_malformed_id_is_told_next_to_the_id(qtbot: QtBot, shell: Shell) -> None:
    form = shell.login.form
    _log_in(qtbot, "a", "123456")
    qtbot.waitUntil(form.user_id_error.isVisible)
    assert form.user_id_error.text().startswith("ID pengguna harus 3-30")
    assert not form.pin_error.isVisible()
    assert focused() is form.user_id


def test_a_demo_counter_lists_its_users_and_pins(qtbot: QtBot, ctx: Context) -> None:
    window = LoginWindow(ctx, demo_users=DEMO_USERS)
    qtbot.addWidget(window)
    window.show()
    assert window.demo_users is not None
    table = window.demo_users.table
    pins = {table.item(row, 0).text(): table.item(row, 1).text() for row in range(table.rowCount())}
    assert pins == {user.id: user.pin for user in DEMO_USERS}
    assert table.focusPolicy() is Qt.FocusPolicy.NoFocus


def test_a_real_counter_lists_no_users(qtbot: QtBot, shell: Shell) -> None:
    assert shell.login.demo_users is None
