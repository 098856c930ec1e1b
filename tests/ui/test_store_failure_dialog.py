"""A failing store in the window: a dialog naming the file and what to do, with the newest good
backup offered, at start and during work; never an abort, never a bug report."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from desktop.counter import Counter
from desktop.errors import StoreError
from desktop.paths import DB_FILENAME
from desktop.resources import resource_path
from desktop.services.auth import User
from desktop.services.backups import BackupNow, take_backup
from desktop.services.registration import register_participant
from desktop.store.failures import store_error
from tests.conftest import PINS
from tests.services.conftest import registration
from tests.tamper import query
from ui.errors import BugReport
from ui.launcher import startup_refused
from ui.operations import Op
from ui.settings.restore import RestoreDialog
from ui.store_failure import BackupOffer, StoreFailureDialog
from ui.tasks import TaskManager

SCRIPT = Path(sys.executable).with_name("spo-counter")
WAIT_MS = 20_000  # the worker's answer, on a machine other runs may keep busy


def _start(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(folder.parent)}
    env.pop("SPO_DATA_DIR", None)
    return subprocess.run(
        [str(SCRIPT), "--data-dir", str(folder), *args, "--exit-after-startup"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def _truncate(folder: Path) -> None:
    db = folder / DB_FILENAME
    with db.open("r+b") as file:
        file.truncate(db.stat().st_size // 3)


def _empty(folder: Path) -> None:
    (folder / DB_FILENAME).write_bytes(b"")


def _png(folder: Path) -> None:
    shutil.copy(resource_path("icons", "spo-counter.png"), folder / DB_FILENAME)


@pytest.mark.parametrize(
    ("spoil", "words"),
    [(_truncate, "rusak"), (_empty, "kosong (0 byte)"), (_png, "bukan data SPO Counter")],
)
def test_the_window_refuses_a_broken_store_without_aborting(
    data_dir: Path, spoil: object, words: str
) -> None:
    spoil(data_dir)  # type: ignore[operator]
    started = _start(data_dir)
    assert started.returncode == 1, started.stderr  # not 134: nothing aborted
    assert "Traceback" not in started.stderr
    # (SQLCipher itself may log its failed page check on stderr first.)
    assert "spo-counter: store: " in started.stderr
    assert words in started.stderr
    if spoil is _empty:
        assert (data_dir / DB_FILENAME).stat().st_size == 0  # no setup wizard, no new counter


def _answer_modal(qtbot: QtBot, seen: list[StoreFailureDialog]) -> None:
    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, StoreFailureDialog):
            seen.append(dialog)
            dialog.reject()
        else:
            QTimer.singleShot(20, answer)

    QTimer.singleShot(0, answer)


def test_at_start_the_dialog_says_what_failed(qtbot: QtBot, tmp_path: Path) -> None:
    seen: list[StoreFailureDialog] = []
    _answer_modal(qtbot, seen)
    error = store_error("damaged", tmp_path / DB_FILENAME, "database disk image is malformed")
    assert startup_refused(error, "en", show=True) == 1
    assert len(seen) == 1
    text = seen[0].message.text()
    assert str(tmp_path / DB_FILENAME) in text
    assert "is damaged" in text
    assert "restore the newest good backup" in text
    assert not seen[0].restore_button.isEnabled()  # no backup to offer yet


@pytest.fixture
def screen(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def test_during_work_a_store_failure_is_a_dialog_not_a_bug(
    qtbot: QtBot, tasks: TaskManager, screen: QWidget, tmp_path: Path
) -> None:
    from ui.i18n import install_translators

    install_translators(QApplication.instance(), "id")  # whatever an earlier test left
    failures: list[object] = []

    def full() -> int:
        raise store_error("full", tmp_path / DB_FILENAME)

    Op("capture", full).failure(failures.append).run(tasks, screen)
    qtbot.waitUntil(lambda: screen.findChild(StoreFailureDialog) is not None, timeout=WAIT_MS)
    dialog = screen.findChild(StoreFailureDialog)
    assert dialog.isVisible()
    assert "penuh" in dialog.message.text()  # the window's language: Indonesian by default
    assert screen.findChild(BugReport) is None
    qtbot.waitUntil(
        lambda: len(failures) == 1, timeout=WAIT_MS
    )  # the screen's handler runs too: not left busy
    dialog.close()


def test_the_offered_backup_is_restored_through_its_hook(qtbot: QtBot, tmp_path: Path) -> None:
    restored: list[QWidget] = []
    offer = BackupOffer(
        "counter-20261124T030000Z-hourly.sqlite (24/11/2026 10:00)", restored.append
    )
    error = store_error("damaged", tmp_path / DB_FILENAME, "malformed")
    dialog = StoreFailureDialog(None, error, lang="id", offer=offer)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "hourly.sqlite" in dialog.backup.text()
    copy = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Salin pesan")
    copy.click()
    assert QApplication.clipboard().text().startswith(str(tmp_path / DB_FILENAME))
    with qtbot.waitSignal(dialog.restore_requested):
        dialog.restore_button.click()
    assert restored == [dialog]
    assert isinstance(error, StoreError)


def _read_only(folder: Path) -> None:
    """Read-only for real: file modes, and for root (whom modes do not stop) the immutable flag."""
    db = folder / DB_FILENAME
    db.chmod(0o444)
    folder.chmod(0o555)
    if os.geteuid() == 0 and subprocess.run(["chattr", "+i", str(db)], check=False).returncode:
        pytest.skip("running as root without chattr: nothing makes the file read-only")


def _writable_again(folder: Path) -> None:
    db = folder / DB_FILENAME
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", str(db)], check=False)
    folder.chmod(0o755)
    db.chmod(0o644)


@pytest.mark.parametrize(
    ("spoil", "words"),
    [
        (_truncate, "rusak"),
        (_empty, "kosong (0 byte)"),
        (_png, "bukan data SPO Counter"),
    ],
)
def test_the_window_started_on_a_broken_store_shows_the_dialog(
    qtbot: QtBot, data_dir: Path, spoil: object, words: str
) -> None:
    """The window's own start (the launcher), in this process: the dialog, then exit 1."""
    import argparse

    from ui.launcher import start_gui

    spoil(data_dir)  # type: ignore[operator]
    seen: list[StoreFailureDialog] = []
    _answer_modal(qtbot, seen)
    args = argparse.Namespace(
        data_dir=str(data_dir), demo=False, lang=None, exit_after_startup=False
    )
    try:
        assert start_gui(args) == 1
    finally:
        _writable_again(data_dir)
    assert len(seen) == 1
    assert words in seen[0].message.text()
    assert str(data_dir / DB_FILENAME) in seen[0].message.text()


def test_a_read_only_store_shows_the_dialog_at_the_first_write(
    qtbot: QtBot, data_dir: Path
) -> None:
    """Read-only opens (reading needs no more); the login's write (its try counted) fails."""
    from desktop.counter import Counter
    from desktop.store.store import Store
    from tests.conftest import PINS
    from ui.context import Context
    from ui.login import LoginWindow

    _read_only(data_dir)
    try:
        store = Store(data_dir)
        tasks = TaskManager()
        try:
            login = LoginWindow(Context(Counter(store), tasks, tasks))
            qtbot.addWidget(login)
            login.show()
            login.form.user_id.setText("teller01")
            login.form.pin.setText(PINS["teller01"])
            login.form.submit()
            qtbot.waitUntil(
                lambda: login.findChild(StoreFailureDialog) is not None, timeout=WAIT_MS
            )
            dialog = login.findChild(StoreFailureDialog)
            assert "hanya dapat dibaca" in dialog.message.text()
            qtbot.waitUntil(
                login.form.submit_button.isEnabled, timeout=WAIT_MS
            )  # ready for another try
            dialog.close()
        finally:
            tasks.close()
            store.close()
    finally:
        _writable_again(data_dir)


def test_a_store_locked_by_another_process_during_work_shows_the_dialog(
    qtbot: QtBot, data_dir: Path
) -> None:
    """Another real process holds BEGIN IMMEDIATE: the login's write waits, then the dialog."""
    from desktop.counter import Counter
    from desktop.store.busy import BusyWait
    from desktop.store.store import Store
    from tests.conftest import PINS
    from ui.context import Context
    from ui.login import LoginWindow

    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from tests.tamper import open_raw; "
            "c = open_raw(Path(sys.argv[1])); "
            "c.execute('BEGIN IMMEDIATE'); print('held', flush=True); sys.stdin.read()",
            str(data_dir / DB_FILENAME),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    store = Store(data_dir, wait=BusyWait(limit_s=0.6, attempt_ms=200))
    tasks = TaskManager()
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline() == "held\n"
        login = LoginWindow(Context(Counter(store), tasks, tasks))
        qtbot.addWidget(login)
        login.show()
        login.form.user_id.setText("teller01")
        login.form.pin.setText(PINS["teller01"])
        login.form.submit()
        qtbot.waitUntil(lambda: login.findChild(StoreFailureDialog) is not None, timeout=WAIT_MS)
        dialog = login.findChild(StoreFailureDialog)
        assert "sedang dipakai proses lain" in dialog.message.text()
        dialog.close()
    finally:
        holder.communicate("", timeout=30)
        tasks.close()
        store.close()


def test_lost_receipt_numbers_are_told_at_the_first_login(
    qtbot: QtBot, ctx: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.services.receipt_gaps import ReceiptGap
    from tests.conftest import PINS
    from ui.app import Shell

    shown: list[str] = []
    monkeypatch.setattr("ui.app.show_problem", lambda _parent, text: shown.append(text))
    counter = ctx.counter  # type: ignore[attr-defined]
    counter.receipt_gap = ReceiptGap("BNI-0123-01", 2, 100, 4)
    shell = Shell(ctx)  # type: ignore[arg-type]
    qtbot.addWidget(shell.login)
    shell.login.form.user_id.setText("teller01")
    shell.login.form.pin.setText(PINS["teller01"])
    shell.login.form.submit()
    qtbot.waitUntil(lambda: shell.main is not None, timeout=WAIT_MS)
    assert len(shown) == 1
    assert "penomoran berlanjut di BNI-0123-01-0000101" in shown[0]
    assert counter.receipt_gap is None  # told once
    shell.main.close()  # type: ignore[union-attr]


def test_a_full_disk_during_work_shows_the_dialog(qtbot: QtBot, data_dir: Path) -> None:
    """SQLITE_FULL for real: the store's connection may not grow the file; the teller's
    registrations go on until one does not fit, and that one shows the dialog."""
    from desktop.counter import Counter
    from desktop.domain.users import Role
    from desktop.services.auth import User
    from desktop.services.registration import register_participant
    from desktop.store.store import Store
    from tests.services.conftest import registration

    store = Store(data_dir)
    with store.read() as connection:
        pages = connection.exec_driver_sql("PRAGMA page_count").scalar_one()
        connection.exec_driver_sql(f"PRAGMA max_page_count={pages + 2}")
    counter = Counter(store)
    teller = User("teller01", "Dewi Lestari", Role.TELLER)
    tasks = TaskManager()
    screen = QWidget()
    qtbot.addWidget(screen)
    saved: list[int] = []

    def register_until_full() -> None:
        for serial in range(2, 400):
            register_participant(counter, teller, registration(nik=f"317101170885{serial:04d}"))
            saved.append(serial)

    try:
        Op("register", register_until_full).run(tasks, screen)
        qtbot.waitUntil(lambda: screen.findChild(StoreFailureDialog) is not None, timeout=WAIT_MS)
        dialog = screen.findChild(StoreFailureDialog)
        assert "penuh" in dialog.message.text()
        assert 0 < len(saved) < 398
        dialog.close()
    finally:
        tasks.close()
        store.close()


def test_at_start_the_newest_good_backup_is_restored_from_the_dialog(
    qtbot: QtBot, counter: Counter, teller: User, supervisor: User
) -> None:
    data_dir = counter.store.data_dir
    register_participant(counter, teller, registration())
    good = take_backup(counter, supervisor, BackupNow())
    counter.store.close()
    (data_dir / DB_FILENAME).write_bytes(b"garbage" * 100)
    done: list[RestoreDialog] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, StoreFailureDialog):
            assert good.path.name in dialog.backup.text()
            QTimer.singleShot(20, answer)  # before the click: the restore dialog blocks in it
            dialog.restore_button.click()
            return
        elif isinstance(dialog, RestoreDialog) and not done:
            done.append(dialog)
            dialog.approval.supervisor_id.setText("spv01")
            dialog.approval.supervisor_pin.setText(PINS["spv01"])
            dialog.restored.connect(lambda _outcome: dialog.reject())
            dialog.submit()
            return
        QTimer.singleShot(20, answer)

    QTimer.singleShot(0, answer)
    error = store_error("damaged", data_dir / DB_FILENAME, "file is not a database")
    assert startup_refused(error, "id", show=True) == 1
    assert len(done) == 1
    assert done[0].outcome is not None
    assert done[0].outcome.restored_from == good.path
    assert query(data_dir, "SELECT count(*) FROM transactions")[0][0] == 1
    aside = list(data_dir.glob("counter.sqlite.before-restore-*"))
    assert [p.read_bytes() for p in aside] == [b"garbage" * 100]  # kept, never overwritten
