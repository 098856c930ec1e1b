"""One-line UI actions: success, a DomainError to the screen, a bug to the report dialog."""

from __future__ import annotations

import threading

import pytest
import shiboken6
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop.counter import Counter
from desktop.errors import DomainError
from desktop.services.auth import User
from desktop.services.status import CounterStatus
from tests.conftest import PINS
from ui.context import Context
from ui.errors import BugReport
from ui.operations import Op
from ui.operations.auth import login_op
from ui.operations.status import status_op
from ui.tasks import TaskManager


@pytest.fixture
def screen(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def test_login_op_hands_back_the_user(
    qtbot: QtBot, ctx: Context, tasks: TaskManager, screen: QWidget
) -> None:
    users: list[User] = []
    login_op(ctx, "teller01", PINS["teller01"]).success(users.append).run(tasks, screen)
    qtbot.waitUntil(lambda: bool(users))
    assert users[0].name == "Dewi Lestari"


def test_a_domain_error_goes_to_the_failure_handler(
    qtbot: QtBot, ctx: Context, tasks: TaskManager, screen: QWidget
) -> None:
    errors: list[DomainError] = []
    login_op(ctx, "teller01", "000000").failure(errors.append).run(tasks, screen)
    qtbot.waitUntil(lambda: bool(errors))
    assert errors[0].field == "pin"
    assert screen.findChild(BugReport) is None


def test_status_op_hands_back_the_counters_figures(
    qtbot: QtBot, counter: Counter, tasks: TaskManager, screen: QWidget
) -> None:
    got: list[CounterStatus] = []
    status_op(counter).success(got.append).run(tasks, screen)
    qtbot.waitUntil(lambda: bool(got))
    assert got[0].pending == 0


def test_any_other_exception_is_a_bug_with_a_report(
    qtbot: QtBot, tasks: TaskManager, screen: QWidget, caplog: pytest.LogCaptureFixture
) -> None:
    called: list[object] = []

    def broken() -> int:
        raise KeyError("no such column")

    Op("broken", broken).success(called.append).failure(called.append).run(tasks, screen)
    qtbot.waitUntil(lambda: screen.findChild(BugReport) is not None)
    report = screen.findChild(BugReport)
    assert "KeyError" in report.details.toPlainText()
    assert called == []
    assert "bug reported" in caplog.text
    report.close()


def test_a_screen_closed_meanwhile_gets_nothing(
    qtbot: QtBot, counter: Counter, tasks: TaskManager
) -> None:
    widget = QWidget()
    called: list[object] = []
    finished: list[bool] = []
    release = threading.Event()
    Op("status", lambda: release.wait(10)).success(called.append).run(tasks, widget)
    widget.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(widget))
    release.set()
    tasks.run(lambda: True, finished.append)  # queued after the op: it is done when this is
    qtbot.waitUntil(lambda: bool(finished))
    assert called == []
