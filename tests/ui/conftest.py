"""UI fixtures: the database worker and a screen context on the test counter; typing helpers;
the GUI-thread watchdog around every test, its stalls listed at the end of the run."""

from __future__ import annotations

import gc
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from desktop.counter import Counter
from ui.confirm import FiguresDialog
from ui.context import Context
from ui.tasks import TaskManager
from ui.watchdog import GuiWatchdog
from ui.window.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
# Test, milliseconds held, of which on the CPU, stack (innermost first).
STALLS: list[tuple[str, int, int, list[str]]] = []


class _StallLog(logging.Handler):
    """Keeps the watchdog's warnings of one test for the summary at the end of the run."""

    def __init__(self, test: str) -> None:
        super().__init__(logging.WARNING)
        self.test = test

    def emit(self, record: logging.LogRecord) -> None:
        held, cpu = getattr(record, "stall_ms", 0), getattr(record, "stall_cpu_ms", 0)
        STALLS.append((self.test, held, cpu, getattr(record, "stall_stack", [])))


@pytest.fixture(autouse=True)
def gui_watchdog(qapp: QApplication, request: pytest.FixtureRequest) -> Iterator[GuiWatchdog]:
    """As the app runs it (ui/app.py): a call holding the GUI thread over 100 ms is logged with
    its stack. A stall never fails a test (timing is not deterministic); the run lists them."""
    watchdog_log = logging.getLogger("ui.watchdog")
    handler = _StallLog(request.node.nodeid)
    watchdog_log.addHandler(handler)
    watchdog = GuiWatchdog()
    watchdog.start()
    yield watchdog
    watchdog.stop()
    watchdog_log.removeHandler(handler)


def _where(stack: list[str]) -> tuple[str, str]:
    """Whose code held the thread (ui if the window's code is on the stack at all, else the
    test's own: tests, desktop, tools; qt if no Python of ours), and our innermost frames."""
    ours: list[tuple[str, str]] = []
    for line in stack:  # innermost first: '  File "/…/ui/x.py", line 12 in name'
        path = line.split('"')[1] if line.count('"') >= 2 else ""
        if not path.startswith(f"{ROOT}/"):
            continue
        relative = Path(path).relative_to(ROOT).as_posix()
        owner = relative.split("/", 1)[0]
        if relative == "ui/watchdog.py":
            continue  # stop() joining its watcher, as a teardown's stall is reported
        if owner in ("ui", "tests", "desktop", "tools"):
            line_no, _, name = line.rsplit('", line ', 1)[1].partition(" in ")
            ours.append((owner, f"{relative}:{line_no} {name}"))
    if not ours:
        return "qt", "(no Python frame of ours)"
    owner = "ui" if any(who == "ui" for who, _ in ours) else ours[0][0]
    return owner, " < ".join(frame for _, frame in ours[:3])


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not STALLS:
        return
    terminalreporter.section("GUI thread held over 100 ms (ui/watchdog.py)")
    terminalreporter.write_line(
        "held (on the CPU)  [whose code]: [ui]/[qt] the window's, a freeze a teller would feel; "
        "[tests]/[desktop]/[tools] the test's own, on the main thread. Little CPU: it waited "
        "(a lock, the GIL, the disk, a loaded machine)."
    )
    for test, held, cpu, stack in sorted(STALLS, key=lambda stall: -stall[1]):
        owner, where = _where(stack)
        terminalreporter.write_line(f"{held:6d} ms ({cpu:5d}) [{owner}] {where}  ({test})")


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


def close_the_receipt(qtbot: QtBot, window: MainWindow, receipt_no: str = "BNI-0123-01-") -> None:
    """Every capture prints its receipt at once, no preview in the way: until the paper is out
    (the status bar says so) with the page still in the keys, none pressed. `receipt_no`: (the
    start of) the number whose paper is awaited."""

    def printed() -> bool:
        text = window.status.printing.text()
        return receipt_no in text and "sudah keluar" in text

    qtbot.waitUntil(lambda: printed() and window.receipt_preview is None)
    qtbot.waitUntil(lambda: focused_in(window.pages.currentWidget()))


def figures_asked(qtbot: QtBot, timeout: int = 5000) -> FiguresDialog:
    """The confirmation with the figures of a commit that takes money, up and in the keys."""
    qtbot.waitUntil(
        lambda: isinstance(QApplication.activeModalWidget(), FiguresDialog), timeout=timeout
    )
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, FiguresDialog)
    qtbot.waitUntil(lambda: focused() is dialog.accept_button)
    return dialog


def accept_figures(qtbot: QtBot, timeout: int = 5000) -> dict[str, str]:
    """Enter on the figures (total, received, change...); what they said."""
    dialog = figures_asked(qtbot, timeout)
    figures = dialog.figures()
    press(qtbot, Qt.Key.Key_Return)
    return figures


def discard_asked(qtbot: QtBot) -> QMessageBox:
    """The question before typing is thrown away, up and in the keys."""
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox))
    box = QApplication.activeModalWidget()
    assert isinstance(box, QMessageBox)
    assert box.objectName() == "discard_question"
    qtbot.waitUntil(lambda: box.isAncestorOf(focused()))
    return box


def focused_in(page: QWidget) -> bool:
    widget = QApplication.focusWidget()
    return widget is not None and (widget is page or page.isAncestorOf(widget))


@pytest.fixture(autouse=True)
def counter_printer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The counter's receipt printer: a PDF file in this test's folder (a real QPrinter), never
    the printer of whoever runs the tests."""
    output = tmp_path / "counter-printer.pdf"
    monkeypatch.setattr("ui.receipt.jobs.PrintJobs.printer_name", lambda _self: str(output))
    return output


@pytest.fixture(autouse=True)
def recovery_sheets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the setup wizard writes the keys' recovery sheet: this test's folder, never the
    Documents folder of whoever runs the tests (not named "documents": on Windows that is the
    "Documents" folder some tests make themselves)."""
    folder = tmp_path / "recovery-sheets"
    folder.mkdir()
    monkeypatch.setattr("ui.setup_wizard.documents_folder", lambda: folder)
    return folder
