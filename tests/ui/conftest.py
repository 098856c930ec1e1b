"""UI fixtures: the database worker and a screen context on the test counter; typing helpers."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desktop.counter import Counter
from ui.context import Context
from ui.tasks import TaskManager
from ui.window.main_window import MainWindow


@pytest.fixture(autouse=True)
def collect_on_the_gui_thread() -> Iterator[None]:
    """As the app does (ui/collector.py): no automatic cycle collection during a test, where it
    could start on a worker thread and delete Qt objects there; this thread collects after it."""
    gc.collect()
    gc.disable()
    yield
    gc.collect()
    gc.enable()


@pytest.fixture
def tasks(qapp: QApplication, counter: Counter) -> Iterator[TaskManager]:
    """Depends on `counter` so it stops (finishing its jobs) before the store closes."""
    manager = TaskManager()
    yield manager
    manager.close()


@pytest.fixture
def network(qapp: QApplication, counter: Counter) -> Iterator[TaskManager]:
    """The network worker; stops before the store closes, like `tasks`."""
    manager = TaskManager(name="network", log_slow=False)
    yield manager
    manager.close()


@pytest.fixture
def printer(qapp: QApplication, counter: Counter) -> Iterator[TaskManager]:
    """The printer worker; stops before the store closes, like `tasks`."""
    manager = TaskManager(name="printer", log_slow=False)
    yield manager
    manager.close()


@pytest.fixture
def ctx(
    counter: Counter, tasks: TaskManager, network: TaskManager, printer: TaskManager
) -> Context:
    return Context(counter, tasks, network, printer=printer)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def type_text(qtbot: QtBot, text: str) -> None:
    """Type into whatever has the focus, as a teller would."""
    qtbot.keyClicks(focused(), text)


def press(
    qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    qtbot.keyClick(focused(), key, modifier)


def close_the_receipt(qtbot: QtBot, window: MainWindow) -> None:
    """Every capture shows its receipt; Esc closes it and the form has the keys again."""
    qtbot.waitUntil(lambda: window.receipt_preview is not None)
    preview = window.receipt_preview
    assert preview is not None
    qtbot.waitUntil(lambda: preview.isVisible() and preview.is_ready)
    assert "BNI-0123-01-" in preview.windowTitle()
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.receipt_preview is None)
    qtbot.waitUntil(lambda: focused_in(window.pages.currentWidget()))


def focused_in(page: QWidget) -> bool:
    widget = QApplication.focusWidget()
    return widget is not None and (widget is page or page.isAncestorOf(widget))
