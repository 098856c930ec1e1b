"""The database worker: one call at a time off the GUI thread, results back on the GUI thread."""

from __future__ import annotations

import logging
import threading

import pytest
from PySide6.QtCore import QThread, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ui import tasks as tasks_module
from ui.tasks import TaskManager


def test_the_result_comes_back_on_the_gui_thread(qtbot: QtBot, tasks: TaskManager) -> None:
    ran_on: list[QThread] = []
    back_on: list[QThread] = []
    results: list[int] = []

    def call() -> int:
        ran_on.append(QThread.currentThread())
        return 42

    def done(value: int) -> None:
        back_on.append(QThread.currentThread())
        results.append(value)

    tasks.run(call, done)
    qtbot.waitUntil(lambda: results == [42])
    gui = QApplication.instance().thread()
    assert back_on == [gui]
    assert ran_on[0] is not gui


def test_an_exception_reaches_on_error(qtbot: QtBot, tasks: TaskManager) -> None:
    errors: list[BaseException] = []

    def call() -> int:
        raise ValueError("boom")

    tasks.run(call, lambda _v: pytest.fail("no result expected"), errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], ValueError)
    assert not tasks.busy


def test_the_gui_stays_responsive_while_a_slow_call_runs(qtbot: QtBot, tasks: TaskManager) -> None:
    release = threading.Event()
    finished: list[bool] = []
    ticks: list[int] = []
    tasks.run(lambda: release.wait(10), finished.append)
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(5)
    qtbot.waitUntil(lambda: len(ticks) >= 3)  # the event loop ran timers while the call waited
    assert finished == []
    timer.stop()
    release.set()
    qtbot.waitUntil(lambda: finished == [True])


def test_calls_run_one_at_a_time_in_order(qtbot: QtBot, tasks: TaskManager) -> None:
    started: list[int] = []
    inside = threading.Lock()
    overlaps: list[int] = []

    def call(n: int) -> int:
        if not inside.acquire(blocking=False):
            overlaps.append(n)
            return n
        try:
            started.append(n)
            return n
        finally:
            inside.release()

    results: list[int] = []
    for n in range(20):
        tasks.run(lambda n=n: call(n), results.append)
    qtbot.waitUntil(lambda: len(results) == 20)
    assert results == list(range(20)) == started
    assert overlaps == []


def test_a_slow_call_is_logged(
    qtbot: QtBot,
    tasks: TaskManager,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(tasks_module, "SLOW_CALL_MS", -1)
    done: list[object] = []
    with caplog.at_level(logging.WARNING, logger="ui.tasks"):
        tasks.run(lambda: None, done.append, label="counter_status")
        qtbot.waitUntil(lambda: done == [None])
    assert "slow core call counter_status" in caplog.text


def test_close_finishes_the_jobs_already_sent(qapp: QApplication) -> None:
    manager = TaskManager()
    ran: list[int] = []
    release = threading.Event()
    manager.run(lambda: release.wait(10), lambda _v: None)
    for n in range(3):
        manager.run(lambda n=n: ran.append(n), lambda _v: None)
    release.set()
    manager.close()
    assert ran == [0, 1, 2]
    with pytest.raises(RuntimeError, match="closed"):
        manager.run(lambda: None, lambda _v: None)
