"""The GUI-thread watchdog: a slot that holds the GUI thread is logged with how long and where;
an event loop left idle logs nothing."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from ui.watchdog import LIMIT_MS, GuiWatchdog


@pytest.fixture
def gui_watchdog() -> None:
    """Not the one around every test (tests/ui/conftest.py): these tests run their own."""


def stall_records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == "ui.watchdog"]


def test_a_slot_holding_the_gui_thread_is_logged_with_how_long_and_its_stack(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    watchdog = GuiWatchdog()
    held: list[bool] = []

    def deliberately_hold_the_gui_thread() -> None:
        # A deliberate block of the GUI thread, for as long as it takes the watchdog to see it.
        held.append(watchdog.stall_seen.wait(timeout=30))

    with caplog.at_level(logging.WARNING, logger="ui.watchdog"):
        watchdog.start()
        qtbot.waitUntil(lambda: watchdog.beats >= 2)
        QTimer.singleShot(0, deliberately_hold_the_gui_thread)
        qtbot.waitUntil(lambda: bool(stall_records(caplog)), timeout=30_000)
        watchdog.stop()
    assert held == [True]
    [record] = stall_records(caplog)
    assert record.levelno == logging.WARNING
    assert record.stall_ms > LIMIT_MS  # type: ignore[attr-defined]
    assert 0 <= record.stall_cpu_ms <= record.stall_ms  # type: ignore[attr-defined]
    message = record.getMessage()
    assert f"held for {record.stall_ms} ms" in message  # type: ignore[attr-defined]
    innermost = record.stall_stack[0]  # type: ignore[attr-defined]
    assert "threading.py" in innermost  # the Event's wait, called by
    assert any(
        "test_watchdog.py" in line and "deliberately_hold_the_gui_thread" in line
        for line in record.stall_stack[:3]  # type: ignore[attr-defined]
    )
    assert "deliberately_hold_the_gui_thread" in message


def test_an_idle_event_loop_logs_nothing(qtbot: QtBot, caplog: pytest.LogCaptureFixture) -> None:
    watchdog = GuiWatchdog()
    with caplog.at_level(logging.WARNING, logger="ui.watchdog"):
        watchdog.start()
        qtbot.waitUntil(lambda: watchdog.beats >= 10)
        watchdog.stop()
    assert stall_records(caplog) == []
    assert not watchdog.running


def test_a_stall_under_way_when_it_stops_is_reported_and_it_starts_again(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    """Stopping on a held GUI thread (the test itself holds it here) still says the stall."""
    watchdog = GuiWatchdog()
    with caplog.at_level(logging.WARNING, logger="ui.watchdog"):
        watchdog.start()
        assert watchdog.stall_seen.wait(timeout=30)  # no event loop runs: nothing beats
        watchdog.stop()
        assert len(stall_records(caplog)) == 1
        watchdog.start()
        qtbot.waitUntil(lambda: watchdog.beats >= 2)
        watchdog.stop()
    assert len(stall_records(caplog)) == 1
    assert "test_a_stall_under_way_when_it_stops" in stall_records(caplog)[0].getMessage()
