"""The one Enter rule (ui/enter.py), on a form of every kind of field: Enter moves to the next
field that takes keys (shown, enabled, not read-only, the chosen radio button), commits on the
last, and leaves an open list's Enter to the list; Ctrl+Enter is not the rule's."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.ui.conftest import focused, press, type_text
from ui.enter import EnterChain


class Form(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.name = QLineEdit()
        self.kind = QComboBox()
        self.kind.addItems(["satu", "dua", "tiga"])
        self.hidden = QLineEdit()
        self.filled = QLineEdit("dari server")
        self.filled.setReadOnly(True)
        self.cash = QRadioButton("Tunai")
        self.debit = QRadioButton("Debit")
        self.cash.setChecked(True)
        self.tick = QCheckBox("JHT")
        self.off = QLineEdit()
        self.off.setEnabled(False)
        self.pieces = QSpinBox()
        self.fields: list[QWidget] = [
            self.name,
            self.kind,
            self.hidden,
            self.filled,
            self.cash,
            self.debit,
            self.tick,
            self.off,
            self.pieces,
        ]
        column = QVBoxLayout(self)
        for field in self.fields:
            column.addWidget(field)
        self.hidden.hide()
        self.commits: list[int] = []
        self.chain = EnterChain(self, lambda: self.fields, self._commit)

    def _commit(self) -> None:
        self.commits.append(self.pieces.value())


@pytest.fixture
def form(qtbot: QtBot) -> Form:
    form = Form()
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    form.name.setFocus()
    return form


def test_enter_moves_to_each_field_that_takes_keys_and_commits_on_the_last(
    qtbot: QtBot, form: Form
) -> None:
    type_text(qtbot, "Joko")
    press(qtbot, Qt.Key.Key_Return)
    assert focused() is form.kind
    press(qtbot, Qt.Key.Key_Enter)  # the keypad's Enter is the same key
    # Past the hidden field, the one filled from elsewhere, to the radio button chosen.
    assert focused() is form.cash
    press(qtbot, Qt.Key.Key_Return)
    assert focused() is form.tick  # not the other radio button
    press(qtbot, Qt.Key.Key_Return)
    assert focused() is form.pieces  # past the disabled field
    assert form.commits == []
    type_text(qtbot, "7")
    press(qtbot, Qt.Key.Key_Return)
    assert form.commits == [7]  # the number typed counts, as typed
    assert focused() is form.pieces


def test_the_debit_radio_chosen_is_the_one_enter_stops_at(qtbot: QtBot, form: Form) -> None:
    form.debit.setChecked(True)
    form.kind.setFocus()
    press(qtbot, Qt.Key.Key_Return)
    assert focused() is form.debit


def test_a_field_shown_later_takes_its_turn(qtbot: QtBot, form: Form) -> None:
    form.hidden.show()
    form.kind.setFocus()
    press(qtbot, Qt.Key.Key_Return)
    assert focused() is form.hidden


def test_enter_with_ctrl_is_left_to_the_form(qtbot: QtBot, form: Form) -> None:
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert focused() is form.name
    assert form.commits == []


# The offscreen platform has no window manager to raise the list or grab the keyboard for it.
@pytest.mark.qt_log_ignore(r"This plugin does not support (raise|grabbing the keyboard)")
def test_an_open_list_takes_its_own_enter(qtbot: QtBot, form: Form) -> None:
    form.kind.setFocus()
    form.kind.showPopup()
    view = form.kind.view()
    qtbot.waitUntil(view.isVisible)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not view.isVisible())
    assert form.kind.currentText() == "dua"
    assert focused() is form.kind  # picked, not moved on
