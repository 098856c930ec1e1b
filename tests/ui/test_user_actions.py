"""The users on the Settings page: a supervisor resets a PIN, unlocks and deactivates, signing
each with their PIN, from their window or a teller's; everyone changes their own PIN from the
main window (Ctrl+Shift+P). Keyboard only; refusals under the field they name."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

import ui.settings.page
from desktop.counter import Counter
from desktop.errors import DomainError
from desktop.services.auth import User, login
from tests.conftest import PINS
from tests.ui.conftest import focused, press, type_text
from tests.ui.test_settings_page import open_page, table
from ui.context import Context
from ui.settings.change_pin import ChangePinDialog
from ui.settings.page import SettingsPage
from ui.settings.user_actions import UserAction, UserActionDialog
from ui.window.main_window import MainWindow

ALT = Qt.KeyboardModifier.AltModifier
NEW_PIN = "975310"


@pytest.fixture(autouse=True)
def printers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ui.settings.page, "available_printers", lambda: ([], ""))
    monkeypatch.delenv("SPO_UPSTREAM_URL", raising=False)
    monkeypatch.delenv("SPO_UPSTREAM_TOKEN", raising=False)


def lock_out(counter: Counter, user_id: str) -> None:
    for _ in range(5):
        with pytest.raises(DomainError):
            login(counter, user_id, "999999")


def status_of(page: SettingsPage, user_id: str) -> str:
    return next(row[3] for row in table(page) if row[0] == user_id)


def open_dialog(qtbot: QtBot, page: SettingsPage, user_id: str, key: Qt.Key) -> UserActionDialog:
    """Choose `user_id` in the list with the arrows, then the button's Alt key."""
    box = page.users_box
    box.table.setFocus()
    press(qtbot, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    for _ in range([entry.id for entry in box.entries].index(user_id)):
        press(qtbot, Qt.Key.Key_Down)
    chosen = box.selected()
    assert chosen is not None
    assert chosen.id == user_id
    press(qtbot, key, ALT)
    qtbot.waitUntil(lambda: page.findChild(UserActionDialog) is not None)
    dialog = page.findChild(UserActionDialog)
    assert isinstance(dialog, UserActionDialog)
    qtbot.waitUntil(dialog.isVisible)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_a_supervisor_resets_a_pin_typed_twice_and_signs_with_their_pin(
    qtbot: QtBot, ctx: Context, counter: Counter, supervisor: User
) -> None:
    lock_out(counter, "teller01")
    page = open_page(qtbot, ctx, supervisor)
    assert status_of(page, "teller01").startswith("Terkunci sampai 10:30")
    dialog = open_dialog(qtbot, page, "teller01", Qt.Key.Key_I)
    qtbot.waitUntil(lambda: focused() is dialog.pin)
    assert dialog.pin.echoMode() is QLineEdit.EchoMode.Password
    type_text(qtbot, NEW_PIN)
    press(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, "975311")
    press(qtbot, Qt.Key.Key_Return)  # on to the approval: the supervisor's id is filled in
    assert dialog.approval.supervisor_id.text() == "spv01"
    assert focused() is dialog.approval.supervisor_pin
    type_text(qtbot, PINS["spv01"])
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.errors["pin_again"].text() == "PIN yang diulang tidak sama. Ketik lagi."
    assert focused() is dialog.pin_again
    type_text(qtbot, NEW_PIN)
    press(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, PINS["spv01"])
    with qtbot.waitSignal(dialog.changed):
        press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: status_of(page, "teller01") == "Aktif")
    assert page.done.text() == (
        "PIN Dewi Lestari (teller01) sudah diganti. Beri tahu PIN baru secara langsung."
    )
    qtbot.waitUntil(lambda: focused() is page.users)  # the keys go on in the list
    assert login(counter, "teller01", NEW_PIN).id == "teller01"


def test_in_a_tellers_window_a_supervisor_unlocks_with_id_and_pin(
    qtbot: QtBot, ctx: Context, counter: Counter, teller: User
) -> None:
    lock_out(counter, "teller02")
    page = open_page(qtbot, ctx, teller)
    assert not page.add_user_button.isVisible()
    dialog = open_dialog(qtbot, page, "teller02", Qt.Key.Key_U)
    approval = dialog.approval
    assert approval.supervisor_id.text() == ""
    assert focused() is approval.supervisor_id
    type_text(qtbot, "spv02")
    press(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, "000000")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(approval.errors["supervisor_pin"].isVisible)
    assert approval.errors["supervisor_pin"].text().startswith("ID pengguna atau PIN salah.")
    assert focused() is approval.supervisor_pin
    type_text(qtbot, PINS["spv02"])
    with qtbot.waitSignal(dialog.changed):
        press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: status_of(page, "teller02") == "Aktif")
    assert page.done.text() == "Agus Setiawan (teller02) tidak terkunci lagi."
    assert login(counter, "teller02", PINS["teller02"]).id == "teller02"


def test_a_teller_cannot_sign_for_a_supervisor(
    qtbot: QtBot, ctx: Context, counter: Counter, teller: User
) -> None:
    page = open_page(qtbot, ctx, teller)
    dialog = open_dialog(qtbot, page, "teller02", Qt.Key.Key_O)
    type_text(qtbot, "teller01")
    press(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, PINS["teller01"])
    press(qtbot, Qt.Key.Key_Return)
    errors = dialog.approval.errors
    qtbot.waitUntil(errors["supervisor_id"].isVisible)
    assert errors["supervisor_id"].text() == "Persetujuan harus diberikan oleh supervisor."
    assert status_of(page, "teller02") == "Aktif"


def test_deactivating_then_the_buttons_for_that_user_are_off(
    qtbot: QtBot, ctx: Context, counter: Counter, supervisor: User
) -> None:
    page = open_page(qtbot, ctx, supervisor)
    box = page.users_box
    assert box.selected() == box.entries[0]  # the first is chosen to start with
    assert not box.unlock_button.isEnabled()  # spv01 is not locked
    dialog = open_dialog(qtbot, page, "teller02", Qt.Key.Key_O)
    assert "tidak dapat masuk lagi" in " ".join(
        label.text() for label in dialog.findChildren(type(dialog.form_error))
    )
    type_text(qtbot, PINS["spv01"])
    with qtbot.waitSignal(dialog.changed):
        press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: status_of(page, "teller02") == "Nonaktif")
    assert page.done.text() == "Agus Setiawan (teller02) dinonaktifkan."
    chosen = box.selected()
    assert chosen is not None
    assert chosen.id == "teller02"
    assert not box.reset_button.isEnabled()
    assert not box.deactivate_button.isEnabled()
    assert box.act(UserAction.DEACTIVATE) is None


def test_a_supervisor_deactivating_themselves_is_told_in_the_dialog(
    qtbot: QtBot, ctx: Context, counter: Counter, supervisor: User
) -> None:
    page = open_page(qtbot, ctx, supervisor)
    dialog = open_dialog(qtbot, page, "spv01", Qt.Key.Key_O)
    type_text(qtbot, PINS["spv01"])
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.form_error.isVisible)
    assert dialog.form_error.text() == "Supervisor tidak dapat menonaktifkan dirinya sendiri."
    assert dialog.isVisible()
    assert status_of(page, "spv01") == "Aktif"


# --- Ganti PIN ------------------------------------------------------------------------------------


def test_everyone_changes_their_own_pin_with_ctrl_shift_p(
    qtbot: QtBot, ctx: Context, counter: Counter, teller: User
) -> None:
    window = MainWindow(ctx, teller)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert window.account_button.text() == "Akun: teller01"
    press(
        qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    dialog = window.findChild(ChangePinDialog)
    assert isinstance(dialog, ChangePinDialog)
    qtbot.waitUntil(dialog.isVisible)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: focused() is dialog.old_pin)
    type_text(qtbot, "000000")
    press(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, NEW_PIN)
    press(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, NEW_PIN)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.errors["old_pin"].isVisible)
    assert dialog.errors["old_pin"].text() == (
        "ID pengguna atau PIN salah. Sisa 4 kali percobaan sebelum akun terkunci."
    )
    assert focused() is dialog.old_pin
    assert dialog.new_pin.text() == ""
    type_text(qtbot, PINS["teller01"])
    press(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, "123456")
    press(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, "123456")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.errors["new_pin"].isVisible)
    assert "terlalu mudah ditebak" in dialog.errors["new_pin"].text()
    assert focused() is dialog.new_pin
    assert dialog.old_pin.text() == PINS["teller01"]  # only the refused PIN is typed again
    assert dialog.new_pin_again.text() == ""
    type_text(qtbot, NEW_PIN)
    press(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, NEW_PIN)
    with qtbot.waitSignal(dialog.changed):
        press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.status.currentMessage() == "PIN Anda sudah diganti.")
    assert login(counter, "teller01", NEW_PIN).id == "teller01"


def test_no_pin_change_while_locked(qtbot: QtBot, ctx: Context, teller: User) -> None:
    window = MainWindow(ctx, teller)
    qtbot.addWidget(window)
    window.show()
    window.lock()
    assert window.change_pin() is None
    assert window.findChild(ChangePinDialog) is None
