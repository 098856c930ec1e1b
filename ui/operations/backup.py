"""Backups: the copy on the database worker, its check on the network worker (it reads the
backup only, so captures go on meanwhile); the list; a restore."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.counter import Counter
from desktop.services.auth import User
from desktop.services.backups import (
    BackupCheck,
    BackupFile,
    BackupNow,
    BackupOutcome,
    keep_backup,
    list_backup_files,
    start_backup,
    write_due_backup,
)
from desktop.services.restore import (
    RecoverAfterRestore,
    RestoreBackup,
    RestoreOutcome,
    TakenBack,
    prepare_restore,
    recover_after_restore,
    restore_backup,
    restore_running_counter,
)
from desktop.services.upload import Link, RetryPolicy
from ui.operations import Changes, Op

if TYPE_CHECKING:
    from ui.context import Context


def start_backup_op(counter: Counter, by: User) -> Op[Path]:
    """ "Cadangkan sekarang": the copy (database worker); `keep_backup_op` next."""
    return Op("start_backup", lambda: start_backup(counter, by, BackupNow()))


def write_due_backup_op(counter: Counter, quiet: timedelta) -> Op[Path | None]:
    """The automatic backup when one is due (database worker); `keep_backup_op` next."""
    return Op("write_due_backup", lambda: write_due_backup(counter, quiet))


def keep_backup_op(ctx: Context, path: Path) -> Op[BackupOutcome]:
    """The check, rotation and second copy of a backup just written (network worker)."""
    return Op(
        "keep_backup",
        lambda: keep_backup(ctx.counter, path),
        changes=Changes(backups=True),
        notifier=ctx.changes,
    )


def list_backups_op(counter: Counter) -> Op[list[BackupFile]]:
    return Op("list_backups", lambda: list_backup_files(counter))


def prepare_restore_op(counter: Counter, command: RestoreBackup) -> Op[BackupCheck]:
    return Op("prepare_restore", lambda: prepare_restore(counter, command))


def restore_running_op(counter: Counter, command: RestoreBackup) -> Op[RestoreOutcome]:
    return Op("restore", lambda: restore_running_counter(counter, command))


def restore_offline_op(data_dir: Path, command: RestoreBackup) -> Op[RestoreOutcome]:
    """A restore with no counter open (its store would not open): the damage dialog's."""
    from desktop.counter import utc_now

    return Op("restore", lambda: restore_backup(data_dir, command, clock=utc_now))


def recover_op(ctx: Context, by: User, policy: RetryPolicy | None = None) -> Op[TakenBack]:
    """After a restore the upstream could not be asked for: ask it again (network worker)."""
    return Op(
        "recover_after_restore",
        lambda: recover_after_restore(ctx.counter, by, RecoverAfterRestore(), Link(policy=policy)),
        changes=Changes(transactions=True),
        notifier=ctx.changes,
    )
