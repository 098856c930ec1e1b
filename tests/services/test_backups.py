"""Backups: written with the backup API, checked, named, rotated, private, copied on."""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop.counter import Counter
from desktop.errors import DomainError
from desktop.services.auth import User
from desktop.services.backups import (
    BackupKind,
    BackupNow,
    automatic_backup,
    backup_due,
    backup_folder,
    keep_backup,
    list_backup_files,
    newest_good_backup,
    take_backup,
    write_backup_file,
)
from desktop.services.contributions import pay_bpu
from desktop.services.preferences import PcSettings, change_settings
from desktop.services.registration import register_participant
from desktop.store import backup as files
from tests.helpers import FakeClock
from tests.services.conftest import bpu_payment, registration
from tests.tamper import open_raw


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _is_private(path: Path, mode: int) -> bool:
    """The folder's or file's mode on POSIX; Windows keeps no modes (a folder reads 0o777, a
    file 0o666): there the data folder's ACL, set by the installer, guards the backups."""
    return os.name != "posix" or _mode(path) == mode


def test_a_backup_holds_the_store_is_checked_and_private(
    counter: Counter, teller: User, supervisor: User
) -> None:
    register_participant(counter, teller, registration())
    pay_bpu(counter, teller, bpu_payment())
    outcome = take_backup(counter, supervisor, BackupNow())
    assert outcome.ok, outcome.check.problems
    assert outcome.path.parent == backup_folder(counter.store.data_dir)
    assert outcome.path.name == "counter-20261124T030000Z-manual.sqlite"
    assert outcome.check.transactions == 2
    assert outcome.check.last_receipt_seq == 2
    assert outcome.check.counter_code == counter.profile.counter_code
    assert _is_private(outcome.path.parent, 0o700)
    assert _is_private(outcome.path, 0o600)
    assert _is_private(outcome.path.with_name(outcome.path.name + files.CHECK_SUFFIX), 0o600)
    raw = open_raw(outcome.path, folder=counter.store.data_dir)
    try:
        receipts = [r[0] for r in raw.execute("SELECT receipt_no FROM transactions ORDER BY seq")]
    finally:
        raw.close()
    assert receipts == ["BNI-0123-01-0000001", "BNI-0123-01-0000002"]
    listed = list_backup_files(counter)
    assert [b.path for b in listed] == [outcome.path]
    assert listed[0].check is not None
    assert listed[0].check.ok
    # No temporary file is left behind.
    assert sorted(p.name for p in outcome.path.parent.iterdir()) == [
        outcome.path.name,
        outcome.path.name + files.CHECK_SUFFIX,
    ]


def test_only_a_supervisor_takes_a_backup(counter: Counter, teller: User) -> None:
    with pytest.raises(DomainError) as refused:
        take_backup(counter, teller, BackupNow())
    assert refused.value.field == "by"
    assert not backup_folder(counter.store.data_dir).exists()


def test_a_damaged_backup_fails_its_check_and_is_not_offered(
    counter: Counter, supervisor: User, teller: User
) -> None:
    register_participant(counter, teller, registration())
    good = take_backup(counter, supervisor, BackupNow())
    path = write_backup_file(counter, BackupKind.HOURLY)
    raw = open_raw(path, folder=counter.store.data_dir)
    try:  # an audit event rewritten in the copy: the chain check finds it
        raw.execute("DROP TRIGGER IF EXISTS audit_events_no_update")
        raw.execute("UPDATE audit_events SET actor = 'someone' WHERE seq = 2")
    finally:
        raw.close()
    outcome = keep_backup(counter, path)
    assert not outcome.ok
    assert any("#2" in problem for problem in outcome.check.problems)
    best = newest_good_backup(counter.store.data_dir)
    assert best is not None
    assert best.path == good.path


def test_a_truncated_backup_fails_its_check(counter: Counter, teller: User) -> None:
    register_participant(counter, teller, registration())
    path = write_backup_file(counter, BackupKind.HOURLY)
    with path.open("r+b") as handle:
        handle.truncate(path.stat().st_size // 3)
    outcome = keep_backup(counter, path)
    assert not outcome.ok
    assert newest_good_backup(counter.store.data_dir) is None


def test_rotation_keeps_48_hourly_and_60_daily(counter: Counter, clock: FakeClock) -> None:
    folder = backup_folder(counter.store.data_dir)
    start = clock.at
    for hour in range(50):
        clock.at = start + timedelta(hours=hour)
        write_backup_file(counter, BackupKind.HOURLY)
    for day in range(62):
        clock.at = start + timedelta(days=day, minutes=30)
        write_backup_file(counter, BackupKind.DAILY)
    upgrade = folder / "counter-20260101T000000000000Z-before-0009.sqlite"
    upgrade.write_bytes(b"")
    removed = files.rotate(folder)
    assert len(removed) == 4
    kinds = [b.kind for b in files.list_backups(folder)]
    assert kinds.count(BackupKind.HOURLY) == 48
    assert kinds.count(BackupKind.DAILY) == 60
    assert kinds.count(BackupKind.UPGRADE) == 1
    oldest_hourly = min(b.taken_at for b in files.list_backups(folder) if b.kind == "hourly")
    assert oldest_hourly == start + timedelta(hours=2)


def test_the_second_folder_gets_a_copy_and_its_failure_keeps_the_primary(
    counter: Counter, supervisor: User, tmp_path: Path
) -> None:
    second = tmp_path / "usb" / "spo"
    change_settings(counter, supervisor, paper="roll80", pc=PcSettings(backup_copy_dir=str(second)))
    outcome = take_backup(counter, supervisor, BackupNow())
    assert outcome.copied_to == second / outcome.path.name
    assert outcome.copied_to.read_bytes() == outcome.path.read_bytes()
    assert _is_private(second, 0o700)
    assert _is_private(outcome.copied_to, 0o600)
    # The second disk is gone: a file stands where its folder was.
    blocked = tmp_path / "gone"
    blocked.write_text("not a folder")
    change_settings(
        counter, supervisor, paper="roll80", pc=PcSettings(backup_copy_dir=str(blocked))
    )
    counter.clock = lambda: datetime(2026, 11, 24, 4, tzinfo=UTC)
    failed = take_backup(counter, supervisor, BackupNow())
    assert failed.ok
    assert failed.path.is_file()
    assert failed.copied_to is None
    assert failed.copy_problem is not None
    assert failed.copy_problem.field == "backup_copy_dir"
    assert "second folder" in failed.copy_problem.message_en


def test_the_second_folder_must_be_a_full_path(counter: Counter, supervisor: User) -> None:
    with pytest.raises(DomainError) as refused:
        change_settings(
            counter, supervisor, paper="roll80", pc=PcSettings(backup_copy_dir="relative/dir")
        )
    assert refused.value.field == "backup_copy_dir"
    for good in ("D:\\Cadangan", "\\\\server\\share\\loket", "//server/share/loket"):
        change_settings(counter, supervisor, paper="roll80", pc=PcSettings(backup_copy_dir=good))
    # "/mnt/usb" is a full path on Linux; on Windows it hangs on the current drive (C: today, D:
    # when started from D:), so there it is refused as "relative/dir" is.
    if os.name == "posix":
        change_settings(
            counter, supervisor, paper="roll80", pc=PcSettings(backup_copy_dir="/mnt/usb")
        )
    else:
        with pytest.raises(DomainError) as rooted:
            change_settings(
                counter, supervisor, paper="roll80", pc=PcSettings(backup_copy_dir="\\Cadangan")
            )
        assert rooted.value.field == "backup_copy_dir"


def test_backup_to_another_folder_is_not_rotated(
    counter: Counter, supervisor: User, tmp_path: Path
) -> None:
    target = tmp_path / "elsewhere"
    outcome = take_backup(counter, supervisor, BackupNow(to=str(target)))
    assert outcome.ok
    assert outcome.path.parent == target
    assert not backup_folder(counter.store.data_dir).exists()


def test_an_unwritable_folder_is_a_message_and_changes_nothing(
    counter: Counter, supervisor: User, tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(DomainError) as refused:
        take_backup(counter, supervisor, BackupNow(to=str(blocker / "sub")))
    assert refused.value.field == "backup"
    assert "unchanged" in refused.value.message_en


def test_hourly_backups_follow_captures_at_most_an_hour_apart(
    counter: Counter, teller: User, clock: FakeClock
) -> None:
    assert not backup_due(counter, BackupKind.HOURLY)  # nothing captured yet
    assert automatic_backup(counter, BackupKind.HOURLY) is None
    register_participant(counter, teller, registration())
    first = automatic_backup(counter, BackupKind.HOURLY)
    assert first is not None
    assert first.ok
    clock.advance(minutes=30)
    pay_bpu(counter, teller, bpu_payment())
    assert automatic_backup(counter, BackupKind.HOURLY) is None  # within the hour
    clock.advance(minutes=30)
    second = automatic_backup(counter, BackupKind.HOURLY)
    assert second is not None
    assert second.check.transactions == 2
    clock.advance(hours=3)
    assert automatic_backup(counter, BackupKind.HOURLY) is None  # nothing captured since
    daily = automatic_backup(counter, BackupKind.DAILY)  # a day close: always
    assert daily is not None
    assert daily.path.name.endswith("-daily.sqlite")


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_an_existing_backup_folder_is_made_private(counter: Counter, supervisor: User) -> None:
    folder = backup_folder(counter.store.data_dir)
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    take_backup(counter, supervisor, BackupNow())
    assert _mode(folder) == 0o700


def test_the_window_asks_what_is_due_daily_after_a_close_hourly_when_quiet(
    counter: Counter, teller: User, clock: FakeClock
) -> None:
    from datetime import timedelta as td

    from desktop.services.backups import due_backup, write_due_backup
    from desktop.services.day_close import CloseDay, count_and_close
    from tests.conftest import PINS

    assert due_backup(counter) is None
    register_participant(counter, teller, registration())
    assert due_backup(counter, quiet=td(seconds=30)) is None  # a customer is being served
    clock.advance(seconds=31)
    assert due_backup(counter, quiet=td(seconds=30)) is BackupKind.HOURLY
    written = write_due_backup(counter)
    assert written is not None
    assert written.name.endswith("-hourly.sqlite")
    assert write_due_backup(counter) is None
    count_and_close(
        counter,
        teller,
        CloseDay(
            counted="10000=1", reason="lebih", supervisor_id="spv01", supervisor_pin=PINS["spv01"]
        ),
    )
    assert due_backup(counter) is BackupKind.DAILY
    daily = write_due_backup(counter)
    assert daily is not None
    assert daily.name.endswith("-daily.sqlite")
    assert due_backup(counter) is None


def test_a_closed_store_says_so_instead_of_failing_deep_inside(counter: Counter) -> None:
    counter.store.close()
    for use in (
        lambda: counter.is_set_up(),
        lambda: write_backup_file(counter, BackupKind.HOURLY),
    ):
        with pytest.raises(DomainError) as closed:
            use()
        assert closed.value.field == "store"
        assert "restored from a backup" in closed.value.message_en
