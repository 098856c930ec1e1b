"""The composition root: opens the counter, installs the language, starts the database,
network and printer workers and the GUI-thread watchdog, shows the setup wizard on a new
counter, then login, then work."""

from __future__ import annotations

import importlib
import logging
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop.errors import DomainError
from desktop.paths import data_dir as default_data_dir
from desktop.services.opening import open_counter as open_store
from desktop.services.opening import peek, saved_language
from ui.collector import GuiThreadCollector
from ui.context import Context, OpeningCounter
from ui.errors import show_problem
from ui.i18n import install_translators
from ui.login import LoginWindow
from ui.operations import ChangeNotifier
from ui.tasks import TaskManager
from ui.watchdog import GuiWatchdog

if TYPE_CHECKING:
    from desktop.counter import Counter, Profile
    from desktop.services.auth import User
    from desktop.services.benefit_payout import ResumedPayouts
    from desktop.services.demo import DemoUser
    from ui.day_close.open_day import OpenDayDialog
    from ui.setup_wizard import SetupWizard
    from ui.window.main_window import MainWindow

# What only the window after the login needs (every page, the upload client) is imported once
# the login is on screen, on the database worker, so the login shows without waiting for it.
AFTER_LOGIN_MODULES = ("ui.window.main_window",)

log = logging.getLogger(__name__)


def counter_folder(data_dir: str | Path | None, *, demo: bool) -> Path:
    folder = default_data_dir(data_dir)
    if demo and data_dir is None:
        folder = folder / "demo"  # a demo never mixes with the real counter's data
    return folder


def open_counter(data_dir: str | Path | None, *, demo: bool) -> Counter:
    """Open (upgrading if need be) the store; with `demo`, fill a new one with demo data."""
    return open_store(counter_folder(data_dir, demo=demo), demo=demo)


def _open_in_background(
    data_dir: str | Path | None, demo: bool, opening: OpeningCounter
) -> Callable[[], Counter]:
    """The worker's first job: open the store while the login is on screen."""

    def job() -> Counter:
        try:
            counter = open_counter(data_dir, demo=demo)
        except BaseException as error:
            opening.failed(error)
            raise
        opening.opened(counter)  # here, on the worker: the jobs after it find it open
        return counter

    return job


def resolve_language(explicit: str | None, data_dir: Path) -> str:
    """`--lang` (or SPO_LANG) when given, else this PC's Settings, else Indonesian."""
    return explicit or saved_language(data_dir)


def _import_after_login_modules() -> None:
    for name in AFTER_LOGIN_MODULES:
        importlib.import_module(name)


class Startup(QObject):
    """The setup wizard first on a counter not set up yet, then the login and work (`Shell`)."""

    def __init__(self, ctx: Context, *, demo_users: Sequence[DemoUser] = ()) -> None:
        super().__init__()
        self.ctx = ctx
        self.demo_users = demo_users
        self.wizard: SetupWizard | None = None
        self.shell: Shell | None = None
        self.sheet_box: QMessageBox | None = None
        if isinstance(ctx.source, OpeningCounter) or ctx.counter.is_set_up():
            self.shell = Shell(ctx, demo_users=demo_users)
            self.first_window: QWidget = self.shell.first_window
        else:
            from ui.setup_wizard import SetupWizard

            self.wizard = SetupWizard(ctx)
            self.wizard.set_up.connect(self._set_up)
            self.wizard.sheet_saved.connect(self._sheet_saved)
            self.first_window = self.wizard

    def _set_up(self, _profile: Profile | None) -> None:
        """The wizard saved the counter: the login comes up before the wizard goes."""
        self.shell = Shell(self.ctx, demo_users=self.demo_users)
        self.shell.login.show()

    def _sheet_saved(self, path: str) -> None:
        """Where the keys' recovery sheet was written, told over the login until read."""
        if self.shell is None:  # pragma: no cover - the login is up before the sheet is told
            return
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Lembar pemulihan kunci"),
            self.tr(
                "Lembar pemulihan kunci loket disimpan di:\n{0}\n\nCetak lembar itu, simpan di "
                "brankas cabang, lalu hapus berkasnya. Tanpa lembar itu data loket tidak dapat "
                "dibuka di PC lain bila PC ini hilang atau rusak."
            ).format(path),
            QMessageBox.StandardButton.Ok,
            self.shell.login,
        )
        box.setObjectName("recovery_sheet_saved")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.sheet_box = box


class Shell(QObject):
    """Which window is up: the login first, then a main window per user who logged in.

    A window is one user's session. Another user who logs in on a locked window's screen
    ("Ganti pengguna") gets their own window, and the locked one is set aside, hidden with its
    forms as they were; when its owner logs in again on any lock screen, it comes back
    unlocked. Keluar (or closing a window) ends a session: the window set aside last comes
    back, still locked; after the last one by Keluar, the login.
    """

    def __init__(self, ctx: Context, *, demo_users: Sequence[DemoUser] = ()) -> None:
        super().__init__()
        self.ctx = ctx
        self.demo_users = demo_users
        self.login = self._login_window()
        self.sessions: list[MainWindow] = []  # the one on screen last
        self.main: MainWindow | None = None
        self.open_day_dialog: OpenDayDialog | None = None

    @property
    def first_window(self) -> QWidget:
        return self.login

    def _login_window(self) -> LoginWindow:
        login = LoginWindow(self.ctx, demo_users=self.demo_users)
        login.logged_in.connect(self._logged_in)
        return login

    def _logged_in(self, user: User) -> None:
        self._start(user)
        self.login.close()

    def _start(self, user: User) -> MainWindow:
        from ui.day_close.open_day import offer_open_day
        from ui.window.main_window import MainWindow

        window = MainWindow(self.ctx, user)
        window.switch_user.connect(lambda other: self._switch(window, other))
        window.ended.connect(lambda by_hand: self._ended(window, by_hand))
        self.sessions.append(window)
        self.main = window
        window.show()
        self._tell_lost_receipts(window)
        self._resume_payouts(window)
        # The float, at the first login of the day; Esc leaves it for later.
        offer_open_day(self.ctx, user, window, shown=self._open_day_shown)
        return window

    def _resume_payouts(self, window: MainWindow) -> None:
        """A payout cut off earlier (a crash, a lost answer) is finished or released now, on
        the network worker (desktop/services/benefit_payout.py resume_payouts)."""
        from ui.operations.payouts import resume_payouts_op

        def said(resumed: ResumedPayouts) -> None:
            if resumed.confirmed or resumed.released:
                window.tell_payouts_resumed((*resumed.confirmed, *resumed.released))

        resume_payouts_op(self.ctx).success(said).failure(lambda _error: None).run(
            self.ctx.network, window
        )

    def _tell_lost_receipts(self, window: QWidget) -> None:
        """Receipt numbers the database lost were written off at open: the first user to log
        in is told, once (docs/store.md)."""
        counter = self.ctx.counter
        gap = counter.receipt_gap
        if gap is not None:
            counter.receipt_gap = None
            show_problem(window, gap.message(self.ctx.lang))

    def _switch(self, locked: MainWindow, user: User) -> None:
        """`user` logged in on `locked`'s screen: their own window comes up (the one they left
        earlier, or a new one), and `locked` is set aside as it is."""
        earlier = next((w for w in self.sessions if w.user.id == user.id), None)
        if earlier is None:
            self._start(user)
        else:
            self.sessions.remove(earlier)
            self.sessions.append(earlier)
            self.main = earlier
            earlier.resume()
        locked.set_aside()  # after the other is shown: never a moment without a window

    def _ended(self, window: MainWindow, by_hand: bool) -> None:
        if window not in self.sessions:
            return
        self.sessions.remove(window)
        window.deleteLater()
        if self.sessions:
            self.main = self.sessions[-1]
            self.main.show_locked()  # shown while the window closes: the application goes on
        elif by_hand:
            self.main = None
            self.login = self._login_window()
            self.login.show()

    def _open_day_shown(self, dialog: OpenDayDialog) -> None:
        self.open_day_dialog = dialog
        if self.main is not None:
            dialog.finished.connect(self.main.regain_focus)


def run(
    *,
    data_dir: str | Path | None,
    demo: bool,
    lang: str | None,
    exit_after_startup_from: float | None = None,
) -> int:
    """Show the setup wizard or the login, and run until the last window closes.

    `lang` None: the language saved in Settings (Indonesian if none). With
    `exit_after_startup_from` (a perf_counter reading taken at launch), print how many
    milliseconds it took until the first window was shown, and quit.
    """
    app = QApplication.instance() or QApplication(sys.argv)
    collector = GuiThreadCollector()  # before the workers start: no collection on their threads
    folder = counter_folder(data_dir, demo=demo)
    language = install_translators(app, resolve_language(lang, folder))
    watchdog = GuiWatchdog()
    # First: the workers' waits below happen once the windows are gone, no freeze is felt.
    app.aboutToQuit.connect(watchdog.stop)
    looked = peek(folder)
    # A store only a proper open can read is opened before any worker starts: when it fails
    # (damaged, locked, an empty or foreign file) nothing is left half-started to abort on.
    direct = open_counter(data_dir, demo=demo) if looked is None else None
    tasks = TaskManager()
    network = TaskManager(name="network", log_slow=False)
    printer = TaskManager(name="printer", log_slow=False)
    inquiries = TaskManager(name="inquiry", log_slow=False)
    for worker in (inquiries, printer, network, tasks):  # the database worker last: the others
        # write too
        app.aboutToQuit.connect(worker.close)
    source: Counter | OpeningCounter
    if looked is None or direct is not None:  # a new counter (the wizard), or one only a
        source = direct or open_counter(data_dir, demo=demo)  # proper open can read
    else:  # the login shows now; the store opens (and upgrades) on the worker meanwhile
        source = OpeningCounter(looked)
        tasks.run(
            _open_in_background(data_dir, demo, source),
            lambda _counter: None,
            lambda error: _could_not_open(
                app, error, language, show=exit_after_startup_from is None
            ),
            label="open the store",
        )
    ctx = Context(source, tasks, network, language, printer, ChangeNotifier(), inquiries)
    demo_users: Sequence[DemoUser] = ()
    if demo:
        from desktop.services.demo import DEMO_USERS

        demo_users = DEMO_USERS
    try:
        startup = Startup(ctx, demo_users=demo_users)
    except BaseException:
        for worker in (inquiries, printer, network, tasks):  # no thread left running to abort on
            worker.close()
        if direct is not None:
            direct.store.close()
        raise
    window = startup.first_window
    window.show()
    if exit_after_startup_from is None:
        tasks.run(_import_after_login_modules, lambda _none: None, label="import after login")
    else:
        started = exit_after_startup_from

        def report_and_quit() -> None:
            print(f"{(time.perf_counter() - started) * 1000:.0f}", flush=True)
            # Quit once the store behind the window is open too (a smoke start proves it
            # opens); the worker takes jobs in order, so this one runs after the opening.
            tasks.run(lambda: None, lambda _none: quit_if_open(), label="started")

        def quit_if_open() -> None:
            if not isinstance(source, OpeningCounter) or source.counter_if_open() is not None:
                app.quit()

        QTimer.singleShot(0, report_and_quit)
    watchdog.start()  # from here on the event loop runs: a call holding it is a freeze felt
    try:
        return int(app.exec())
    finally:
        watchdog.stop()
        inquiries.close()
        network.close()  # an upload under way was cancelled as its window closed
        tasks.close()
        opened = source.counter_if_open() if isinstance(source, OpeningCounter) else source
        if opened is not None:
            opened.store.close()
        collector.stop()


def _could_not_open(app: QCoreApplication, error: BaseException, lang: str, *, show: bool) -> None:
    """The store would not open behind the login (in use, a failed upgrade put back...)."""
    if not isinstance(error, DomainError):
        log.error("opening the store failed", exc_info=error)
        error = DomainError(
            "store",
            f"Data loket tidak dapat dibuka: {error}",
            f"The counter's data could not be opened: {error}",
        )
    from ui.launcher import startup_refused

    app.exit(startup_refused(error, lang, show=show))
