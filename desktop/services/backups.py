"""Backups of the counter's store: taken (by a supervisor, after a day close, hourly while
capturing), checked, rotated, copied to the second folder from Settings, and listed.

A backup is two steps, so the window can run them on two workers: `write_backup_file` copies the
store (the store waits meanwhile: the database worker runs it), `keep_backup` checks the copy,
rotates and copies it to the second folder (it never touches the store: another worker runs it,
and captures go on). `take_backup` does both, for the command line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Final

from desktop.counter import Counter
from desktop.errors import DomainError
from desktop.files import shown_name
from desktop.services.auth import User
from desktop.settings import load_settings_or_defaults
from desktop.store import backup as files
from desktop.store.backup import BackupCheck, BackupFile, BackupKind
from desktop.store.captures import last_capture_time
from desktop.store.day_rows import newest_close_time

__all__ = [
    "BackupCheck",
    "BackupFile",
    "BackupKind",
    "BackupNow",
    "BackupOutcome",
    "automatic_backup",
    "backup_due",
    "backup_folder",
    "due_backup",
    "keep_backup",
    "list_backup_files",
    "newest_good_backup",
    "start_backup",
    "take_backup",
    "write_backup_file",
    "write_due_backup",
]

HOURLY: Final = timedelta(hours=1)


@dataclass(frozen=True)
class BackupNow:
    """A supervisor's backup; `to` writes it into that folder instead of the data folder's
    `backups/` (kept there as is: never rotated, never copied on)."""

    to: str | None = None


@dataclass(frozen=True)
class BackupOutcome:
    path: Path
    check: BackupCheck
    copied_to: Path | None = None
    copy_problem: DomainError | None = None  # the second folder failed; the backup is kept
    removed: tuple[Path, ...] = ()

    @property
    def ok(self) -> bool:
        return self.check.ok


def backup_folder(data_dir: Path) -> Path:
    return data_dir / "backups"


def take_backup(counter: Counter, by: User, command: BackupNow) -> BackupOutcome:
    """A backup now, checked (`spo-counter backup`): a supervisor's."""
    path = start_backup(counter, by, command)
    return keep_backup(counter, path, rotate=command.to is None)


def start_backup(counter: Counter, by: User, command: BackupNow) -> Path:
    """The first step of a supervisor's backup ("Cadangkan sekarang"): the copy, unchecked;
    `keep_backup` follows (the window runs it on another worker)."""
    _supervisor(by, "membuat cadangan", "make a backup")
    return write_backup_file(counter, BackupKind.MANUAL, _target_folder(command.to))


def write_backup_file(counter: Counter, kind: BackupKind, folder: Path | None = None) -> Path:
    """Copy the store into a new backup file (the store waits while its pages are copied)."""
    target = folder or backup_folder(counter.store.data_dir)
    try:
        return counter.store.backup(target, kind, counter.now())
    except OSError as error:
        raise DomainError(
            "backup",
            f"Cadangan tidak dapat ditulis ke {shown_name(target)}: {error.strerror or error}. "
            "Data loket tidak berubah.",
            f"The backup could not be written to {shown_name(target)}: "
            f"{error.strerror or error}. The counter's data is unchanged.",
        ) from error


def keep_backup(counter: Counter, path: Path, *, rotate: bool = True) -> BackupOutcome:
    """Check a backup just written and keep its check beside it; then, when it is good, rotate
    the folder and copy it to the second folder from Settings. Reads the backup, never the
    store. A failure of the second folder is reported in the outcome; the backup stays."""
    check = files.check_backup(path, counter.store.key, counter.kept_audit_key(), counter.now())
    files.save_check(path, check)
    if not check.ok:
        return BackupOutcome(path, check)
    removed = tuple(files.rotate(path.parent)) if rotate else ()
    copied_to: Path | None = None
    problem: DomainError | None = None
    second = _second_folder(counter)
    if rotate and second is not None:
        try:
            copied_to = files.copy_backup(path, second)
            files.rotate(second)
        except OSError as error:
            problem = DomainError(
                "backup_copy_dir",
                f"Cadangan tersimpan di PC ini, tetapi tidak dapat disalin ke folder kedua "
                f"{shown_name(second)}: {error.strerror or error}. Periksa disk atau jaringan.",
                f"The backup is kept on this PC but could not be copied to the second folder "
                f"{shown_name(second)}: {error.strerror or error}. Check the disk or network.",
            )
    return BackupOutcome(path, check, copied_to, problem, removed)


def backup_due(counter: Counter, kind: BackupKind) -> bool:
    """A daily backup is always due (it follows a day close); an hourly one when a transaction
    was captured since the newest backup and that backup is an hour old or more."""
    if kind is not BackupKind.HOURLY:
        return True
    with counter.store.read() as connection:
        captured = last_capture_time(connection)
    if captured is None:
        return False
    newest = files.newest(list_backup_files(counter), good=False)
    if newest is None:
        return True
    return (
        datetime.fromisoformat(captured) > newest.taken_at
        and counter.now() - newest.taken_at >= HOURLY
    )


def due_backup(counter: Counter, quiet: timedelta = timedelta(0)) -> BackupKind | None:
    """The automatic backup due now, if any (the window asks every few minutes): daily when a
    day was closed after the newest daily backup, else hourly when due and nothing was
    captured for `quiet` (the teller is between customers: no capture waits for the copy)."""
    with counter.store.read() as connection:
        closed = newest_close_time(connection)
        captured = last_capture_time(connection)
    dailies = [b for b in list_backup_files(counter) if b.kind is BackupKind.DAILY]
    if closed is not None and (not dailies or datetime.fromisoformat(closed) > dailies[0].taken_at):
        return BackupKind.DAILY
    if captured is not None and counter.now() - datetime.fromisoformat(captured) < quiet:
        return None
    return BackupKind.HOURLY if backup_due(counter, BackupKind.HOURLY) else None


def write_due_backup(counter: Counter, quiet: timedelta = timedelta(0)) -> Path | None:
    """Write the automatic backup due now (see `due_backup`), unchecked: `keep_backup` next."""
    kind = due_backup(counter, quiet)
    return None if kind is None else write_backup_file(counter, kind)


def automatic_backup(counter: Counter, kind: BackupKind) -> BackupOutcome | None:
    """The automatic backup (`kind` daily after a day close, hourly while capturing) when due,
    written and kept in one go (the command line); None when none was due."""
    if not backup_due(counter, kind):
        return None
    return keep_backup(counter, write_backup_file(counter, kind))


def list_backup_files(counter: Counter) -> list[BackupFile]:
    """The backups in the data folder, newest first, each with its check."""
    return files.list_backups(backup_folder(counter.store.data_dir))


def newest_good_backup(data_dir: Path) -> BackupFile | None:
    """The newest backup whose check found nothing wrong: what to offer when the store is
    damaged (it reads the backups' folder only, never the store)."""
    return files.newest(files.list_backups(backup_folder(data_dir)), good=True)


def _second_folder(counter: Counter) -> Path | None:
    settings, _problem = load_settings_or_defaults(counter.store.data_dir)
    return Path(settings.backup_copy_dir) if settings.backup_copy_dir else None


def _target_folder(to: str | None) -> Path | None:
    if to is None:
        return None
    text = to.strip()
    if not text or not text.isprintable():
        raise DomainError(
            "to", "Folder tujuan cadangan tidak valid.", "The backup's folder is not valid."
        )
    return Path(text).expanduser()


def _supervisor(by: User, what_id: str, what_en: str) -> None:
    if not by.is_supervisor:
        raise DomainError(
            "by",
            f"Hanya supervisor yang dapat {what_id}.",
            f"Only a supervisor can {what_en}.",
        )
