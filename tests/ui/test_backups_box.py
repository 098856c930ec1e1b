"""Backups in the window: "Cadangkan sekarang", the list with each check, "Pulihkan" signed by a
supervisor, the damage dialog's way back, and the automatic backups' timer."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

import ui.settings.page
from desktop.counter import Counter
from desktop.paths import DB_FILENAME
from desktop.services.auth import User
from desktop.services.backups import BackupNow, BackupOutcome, take_backup
from desktop.services.registration import register_participant
from desktop.services.restore import RestoreOutcome
from tests.conftest import PINS
from tests.helpers import FAST_RETRY, FakeClock
from tests.services.conftest import registration
from tests.tamper import query
from tests.ui.conftest import press, type_text
from ui.backup_timer import BackupTimer
from ui.context import Context
from ui.settings.page import SettingsPage
from ui.settings.restore import offer_newest_backup
from ui.tasks import TaskManager


@pytest.fixture(autouse=True)
def printers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ui.settings.page, "available_printers", lambda: ([], ""))
    for name in ("SPO_UPSTREAM_URL", "SPO_UPSTREAM_TOKEN", "SPO_UPSTREAM_CA"):
        monkeypatch.delenv(name, raising=False)


def open_page(qtbot: QtBot, ctx: Context, user: User) -> SettingsPage:
    page = SettingsPage(ctx, user)
    qtbot.addWidget(page)
    page.resize(860, 1400)
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: page.loaded is not None)
    return page


def rows(page: SettingsPage) -> list[tuple[str, ...]]:
    table = page.backups_box.table
    found = []
    for r in range(table.rowCount()):
        cells = [table.item(r, c) for c in range(table.columnCount())]
        found.append(tuple(cell.text() if cell is not None else "" for cell in cells))
    return found


def test_a_supervisor_backs_up_now_and_sees_it_checked(
    qtbot: QtBot, ctx: Context, supervisor: User, counter: Counter, teller: User, tmp_path: Path
) -> None:
    register_participant(counter, teller, registration())
    page = open_page(qtbot, ctx, supervisor)
    box = page.backups_box
    assert rows(page) == []
    assert box.backup_button.isVisible()
    assert not box.restore_button.isEnabled()  # nothing chosen
    box.backup_button.setFocus()
    press(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: "diperiksa: utuh" in box.done.text())
    qtbot.waitUntil(lambda: len(rows(page)) == 1)
    assert rows(page)[0] == ("24/11/2026 10:00:00", "manual", rows(page)[0][2], "utuh, 1 transaksi")
    assert list((counter.store.data_dir / "backups").glob("counter-*-manual.sqlite"))
    page.grab().save(str(tmp_path / "settings-backups.png"))
    assert (tmp_path / "settings-backups.png").stat().st_size > 0
    # The second folder is saved with the other settings, and a wrong one is said at its field.
    box.copy_dir.setText("relatif/folder")
    page.save()
    qtbot.waitUntil(lambda: box.copy_error.isVisible())
    assert "jalur lengkap" in box.copy_error.text()
    box.copy_dir.setText(str(tmp_path / "usb"))
    page.save()
    qtbot.waitUntil(page.done.isVisible)
    assert page.loaded is not None
    assert page.loaded.pc.backup_copy_dir == str(tmp_path / "usb")


def test_a_teller_only_looks(qtbot: QtBot, ctx: Context, teller: User) -> None:
    page = open_page(qtbot, ctx, teller)
    box = page.backups_box
    assert not box.backup_button.isVisible()
    assert not box.restore_button.isVisible()
    assert not box.copy_dir.isEnabled()
    box.back_up_now()  # not even by a call
    assert box.restore_selected() is None
    assert not (ctx.counter.store.data_dir / "backups").exists()


def test_pulihkan_asks_a_supervisor_then_puts_the_backup_in_place(
    qtbot: QtBot, ctx: Context, supervisor: User, counter: Counter, teller: User
) -> None:
    register_participant(counter, teller, registration())
    backup = take_backup(counter, supervisor, BackupNow())
    page = open_page(qtbot, ctx, supervisor)
    box = page.backups_box
    qtbot.waitUntil(lambda: len(rows(page)) == 1)
    box.table.selectRow(0)
    assert box.restore_button.isEnabled()
    dialog = box.restore_selected()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert backup.path.name in dialog.findChild(type(dialog.outcome_note), "backup").text()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.approval.supervisor_id.setFocus()
    type_text(qtbot, "spv01")
    press(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, "000000")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.approval.errors["supervisor_pin"].isVisible())
    assert dialog.ok_button.isEnabled()
    assert not list(counter.store.data_dir.glob("*.before-restore-*"))
    with qtbot.waitSignal(box.restored, timeout=10_000) as restored:
        dialog.approval.supervisor_pin.setFocus()
        type_text(qtbot, PINS["spv01"])
        press(qtbot, Qt.Key.Key_Return)
    outcome = restored.args[0]
    assert isinstance(outcome, RestoreOutcome)
    assert outcome.restored_from == backup.path
    assert [p.name for p in outcome.set_aside] == ["counter.sqlite.before-restore-20261124T030000Z"]
    assert "Tutup aplikasi" in dialog.outcome_note.text()
    assert dialog.cancel_button.text() == "Tutup aplikasi"
    assert not dialog.ok_button.isVisible()
    assert query(counter.store.data_dir, "SELECT count(*) FROM transactions")[0][0] == 1


def test_the_damage_dialog_offers_the_newest_good_backup(
    qtbot: QtBot, qapp: object, counter: Counter, supervisor: User, teller: User, tmp_path: Path
) -> None:
    data_dir = counter.store.data_dir
    register_participant(counter, teller, registration())
    good = take_backup(counter, supervisor, BackupNow())
    counter.store.close()
    (data_dir / DB_FILENAME).write_bytes(b"garbage" * 100)
    tasks = TaskManager()
    try:
        assert offer_newest_backup(tasks, tmp_path / "empty") is None
        dialog = offer_newest_backup(tasks, data_dir)
        assert dialog is not None
        qtbot.waitExposed(dialog)
        assert dialog.backup.path == good.path
        dialog.approval.supervisor_id.setText("spv01")
        dialog.approval.supervisor_pin.setText(PINS["spv01"])
        with qtbot.waitSignal(dialog.restored, timeout=10_000):
            dialog.submit()
        assert query(data_dir, "SELECT count(*) FROM transactions")[0][0] == 1
        aside = list(data_dir.glob("counter.sqlite.before-restore-*"))
        assert [p.read_bytes() for p in aside] == [b"garbage" * 100]
        dialog.close()
    finally:
        tasks.close()


def test_the_timer_backs_up_when_due_and_checks_off_the_database_worker(
    qtbot: QtBot, ctx: Context, counter: Counter, teller: User, clock: FakeClock
) -> None:
    page = open_page(qtbot, ctx, teller)
    timer = BackupTimer(ctx, page, every_ms=60_000)
    timer.start()
    with qtbot.assertNotEmitted(timer.kept, wait=200):
        timer.ask()  # nothing captured: nothing due
    qtbot.waitUntil(lambda: not timer.running)
    register_participant(counter, teller, registration())
    clock.advance(seconds=31)
    with qtbot.waitSignal(timer.kept, timeout=10_000) as kept:
        timer.ask()
        timer.ask()  # one at a time: the second ask does nothing
    outcome = kept.args[0]
    assert isinstance(outcome, BackupOutcome)
    assert outcome.ok
    assert outcome.path.name.endswith("-hourly.sqlite")
    qtbot.waitUntil(lambda: len(rows(page)) == 1)  # the Settings list heard of it
    assert len(list(outcome.path.parent.glob("counter-*.sqlite"))) == 1
    timer.stop()


def test_after_a_restore_the_supervisor_asks_the_upstream_again(
    qtbot: QtBot,
    qapp: object,
    monkeypatch: pytest.MonkeyPatch,
    data_dir: Path,
    clock: FakeClock,
    supervisor: User,
    teller: User,
    tmp_path: Path,
) -> None:
    from desktop.services.restore import RestoreBackup, restore_backup
    from desktop.store.store import Store
    from desktop.sync.sandbox.server import RunningSandbox
    from tests.helpers import closed_port_url
    from tests.sync.sandbox_support import CODE_A, TOKENS

    monkeypatch.setenv("SPO_UPSTREAM_TOKEN", TOKENS[CODE_A])
    monkeypatch.setenv("SPO_UPSTREAM_URL", closed_port_url())
    store = Store(data_dir)
    counter = Counter(store, clock=clock)
    register_participant(counter, teller, registration())
    backup = take_backup(counter, supervisor, BackupNow())
    store.close()
    pending = restore_backup(
        data_dir, RestoreBackup(str(backup.path), "spv01", PINS["spv01"]), clock=clock
    )
    assert pending.recovery_pending
    restored = Counter(Store(data_dir), clock=clock)
    tasks, network = TaskManager(), TaskManager(name="network", log_slow=False)
    try:
        page = open_page(qtbot, Context(restored, tasks, network), supervisor)
        box = page.backups_box
        assert box.recover_button.isVisible()
        box.recover_policy = FAST_RETRY
        box.recover()
        qtbot.waitUntil(box.message.isVisible, timeout=10_000)
        assert "Server pusat tidak dapat dihubungi" in box.message.text()
        with RunningSandbox(f"sqlite:///{tmp_path / 'up.sqlite'}", TOKENS, clock=clock) as up:
            monkeypatch.setenv("SPO_UPSTREAM_URL", up.url)
            box.recover()
            qtbot.waitUntil(lambda: "Diambil kembali" in box.done.text(), timeout=10_000)
        assert not box.recover_button.isVisible()
        assert not restored.restore_pending
    finally:
        tasks.close()
        network.close()
        restored.store.close()
