"""The opening float after the first login of the day: counted by denomination from the keyboard,
Enter records it, Esc is "later" (the first capture then opens the day with a zero float and the
teller is told so), and the float of a day opened that way is still recorded, once."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from desktop.counter import Counter
from desktop.services.auth import User
from desktop.services.business_day import day_state, open_day
from desktop.services.registration import register_participant
from desktop.store.schema import cash_counts
from tests.services.conftest import NIK_WOMAN, registration
from tests.ui.conftest import accept_figures, figures_asked, focused, press, type_text
from ui.context import Context
from ui.day_close.open_day import OpenDayDialog, auto_open_note, offer_open_day


@pytest.fixture
def window(qtbot: QtBot) -> QWidget:
    """Stands in for the main window the dialog comes up over."""
    widget = QWidget()
    widget.resize(1024, 680)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def offered(qtbot: QtBot, ctx: Context, teller: User, window: QWidget) -> OpenDayDialog:
    shown: list[OpenDayDialog] = []
    offer_open_day(ctx, teller, window, shown.append)
    qtbot.waitUntil(lambda: bool(shown) and shown[0].isVisible())
    dialog = shown[0]
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.count_form.first)
    return dialog


def opening_counts(counter: Counter) -> list[dict[str, int]]:
    with counter.store.read() as connection:
        rows = connection.execute(
            sa.select(cash_counts.c.pieces).where(cash_counts.c.purpose == "opening")
        ).scalars()
        return [json.loads(pieces) for pieces in rows]


def test_the_float_is_counted_and_enter_opens_the_day(
    qtbot: QtBot, ctx: Context, counter: Counter, teller: User, window: QWidget
) -> None:
    dialog = offered(qtbot, ctx, teller, window)
    assert dialog.windowTitle() == "Buka hari kerja"
    assert dialog.isModal()
    type_text(qtbot, "2")  # Rp100.000
    press(qtbot, Qt.Key.Key_Return)  # Enter moves on, as Tab does: nothing is recorded yet
    assert focused() is dialog.count_form.boxes["50000"]
    assert day_state(counter).status == "not_opened"
    type_text(qtbot, "4")  # Rp50.000
    for _ in range(7):  # down to the Rp500 coin
        press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.count_form.boxes["500c"]
    type_text(qtbot, "10")
    assert dialog.count_form.total.text() == "Rp405.000"
    # Ctrl+Enter (or Enter on the last coin): the float shown whole; Esc goes back to the count.
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert figures_asked(qtbot).figures() == {
        "Rp100.000 × 2": "Rp200.000",
        "Rp50.000 × 4": "Rp200.000",
        "Rp500 × 10": "Rp5.000",
        "Modal awal": "Rp405.000",
    }
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: focused() is dialog.count_form.boxes["500c"])
    assert dialog.isVisible()
    assert opening_counts(counter) == []
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(dialog.opened) as opened:
        accept_figures(qtbot)
    assert opened.args[0].opening_float == 405_000
    qtbot.waitUntil(lambda: not dialog.isVisible())
    state = day_state(counter)
    assert (state.status, state.opening_float, state.auto_opened, state.float_recorded) == (
        "open",
        405_000,
        False,
        True,
    )
    assert state.opened_by == "teller01"
    assert opening_counts(counter) == [{"100000": 2, "50000": 4, "500c": 10}]
    # The next capture goes into the open day and says nothing more.
    captured = register_participant(counter, teller, registration())
    assert auto_open_note(captured) is None


def test_esc_is_later_and_the_first_capture_opens_the_day_with_a_zero_float(
    qtbot: QtBot, ctx: Context, counter: Counter, teller: User, window: QWidget
) -> None:
    dialog = offered(qtbot, ctx, teller, window)
    type_text(qtbot, "3")
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert day_state(counter).status == "not_opened"  # nothing recorded
    assert opening_counts(counter) == []

    first = register_participant(counter, teller, registration())
    note = auto_open_note(first)
    assert note is not None
    assert note.startswith("Hari kerja 24/11/2026 dibuka otomatis oleh transaksi ini")
    assert "modal awal Rp0" in note
    second = register_participant(
        counter, teller, registration(nik=NIK_WOMAN, full_name="Ratna Sari", sex="", birth_date="")
    )
    assert auto_open_note(second) is None

    # At the next login the float of the day opened that way is asked for, and recorded once.
    again = offered(qtbot, ctx, teller, window)
    assert again.windowTitle() == "Modal awal"
    assert again.confirm.text() == "Catat modal awal (Ctrl+Enter)"
    type_text(qtbot, "5")
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(again.opened) as opened:
        accept_figures(qtbot)
    assert opened.args[0].float_added_later is True
    state = day_state(counter)
    assert (state.opening_float, state.auto_opened, state.float_recorded) == (500_000, True, True)


def test_nothing_is_offered_once_the_float_is_recorded(
    qtbot: QtBot, ctx: Context, counter: Counter, teller: User, window: QWidget
) -> None:
    open_day(counter, teller, "100000=1")
    shown: list[OpenDayDialog] = []
    offer_open_day(ctx, teller, window, shown.append)
    qtbot.waitUntil(lambda: not ctx.tasks.busy)
    assert shown == []
    assert window.findChildren(OpenDayDialog) == []


def test_an_empty_float_is_said_before_it_is_recorded_and_a_refusal_keeps_the_dialog(
    qtbot: QtBot, ctx: Context, counter: Counter, teller: User, window: QWidget
) -> None:
    dialog = offered(qtbot, ctx, teller, window)
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    asked = figures_asked(qtbot)
    assert asked.figures() == {"Modal awal": "Rp0"}
    assert any("Semua pecahan 0" in label.text() for label in asked.findChildren(QLabel))
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: focused() is dialog.count_form.first)
    assert dialog.isVisible()
    assert day_state(counter).status == "not_opened"
    # Another window opened the day meanwhile: the refusal is shown, the dialog stays.
    open_day(counter, teller, "100000=1")
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    accept_figures(qtbot)
    qtbot.waitUntil(lambda: dialog.error.isVisible() and "sudah dibuka" in dialog.error.text())
    assert dialog.isVisible()
    assert focused() is dialog.count_form.first
    assert opening_counts(counter) == [{"100000": 1}]


def test_the_dialog_fits_a_small_screen(
    qtbot: QtBot, ctx: Context, counter: Counter, teller: User, window: QWidget
) -> None:
    dialog = offered(qtbot, ctx, teller, window)
    hint = dialog.sizeHint()
    assert hint.width() <= 800
    assert hint.height() <= 560
