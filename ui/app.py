"""The composition root: opens the counter, starts the database and network workers, shows login
then work."""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from desktop.paths import data_dir as default_data_dir
from desktop.services.auth import User
from desktop.services.counter import Counter
from desktop.services.demo import DEMO_USERS, DemoUser, make_demo
from desktop.store.store import Store
from ui.context import Context
from ui.login import LoginWindow
from ui.main_window import MainWindow
from ui.not_set_up import NotSetUpWindow
from ui.tasks import TaskManager

DEMO_START_TRANSACTIONS = 300


def open_counter(data_dir: str | Path | None, *, demo: bool) -> Counter:
    folder = default_data_dir(data_dir)
    if demo and data_dir is None:
        folder = folder / "demo"  # a demo never mixes with the real counter's data
    store = Store(folder)
    if demo and not Counter(store).is_set_up():
        make_demo(store, transactions=DEMO_START_TRANSACTIONS)
    return Counter(store)


class Shell(QObject):
    """Which window is up: the login first, the main window once someone has logged in."""

    def __init__(self, ctx: Context, *, demo_users: Sequence[DemoUser] = ()) -> None:
        super().__init__()
        self.ctx = ctx
        self.login = LoginWindow(ctx, demo_users=demo_users)
        self.login.logged_in.connect(self._logged_in)
        self.main: MainWindow | None = None

    @property
    def first_window(self) -> QWidget:
        return self.login

    def _logged_in(self, user: User) -> None:
        self.main = MainWindow(self.ctx, user)
        self.main.show()
        self.login.close()


def run(
    *,
    data_dir: str | Path | None,
    demo: bool,
    lang: str,
    exit_after_startup_from: float | None = None,
) -> int:
    """Show the login (or how to set the counter up) and run until the last window closes.

    With `exit_after_startup_from` (a perf_counter reading taken at launch), print how many
    milliseconds it took until the first window was shown, and quit.
    """
    app = QApplication.instance() or QApplication(sys.argv)
    counter = open_counter(data_dir, demo=demo)
    tasks = TaskManager()
    network = TaskManager(name="network", log_slow=False)
    app.aboutToQuit.connect(network.close)
    app.aboutToQuit.connect(tasks.close)
    window: QWidget
    if counter.is_set_up():
        counter.profile  # noqa: B018 - read once here, before the worker shares the counter
        shell = Shell(Context(counter, tasks, network, lang), demo_users=DEMO_USERS if demo else ())
        window = shell.first_window
    else:
        window = NotSetUpWindow(counter)
    window.show()
    if exit_after_startup_from is not None:
        started = exit_after_startup_from

        def report_and_quit() -> None:
            print(f"{(time.perf_counter() - started) * 1000:.0f}", flush=True)
            app.quit()

        QTimer.singleShot(0, report_and_quit)
    try:
        return int(app.exec())
    finally:
        network.close()  # an upload under way was cancelled as its window closed
        tasks.close()
        counter.store.close()
