"""UI fixtures: the database worker and a screen context on the test counter; typing helpers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desktop.services.counter import Counter
from ui.context import Context
from ui.tasks import TaskManager


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
def ctx(counter: Counter, tasks: TaskManager, network: TaskManager) -> Context:
    return Context(counter, tasks, network)


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
