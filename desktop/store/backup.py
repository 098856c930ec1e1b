"""Backup files of a counter store: written with SQLite's backup API, checked, named, rotated.

A backup is `counter-<UTC instant>-<kind>.sqlite` in a 0700 folder, itself 0600, written under a
temporary name and renamed whole, so a folder never holds half a backup under a backup's name.
Its check (SQLite's integrity check and the audit chain under the counter's audit key) is kept
beside it as `<name>.check.json`, so a list of backups shows each one's status without opening
every file again. Every file is opened through `engine.connect`, the one way to open a store
file: when the store is encrypted, so is every backup, with the same key.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Final

import sqlalchemy as sa
from sqlcipher3 import dbapi2 as sqlcipher

from desktop.errors import DomainError
from desktop.store.audit import verify_chain
from desktop.store.engine import DATABASE_ERRORS, Connection, connect
from desktop.store.integrity import integrity_problems

FOLDER_MODE: Final = 0o700
FILE_MODE: Final = 0o600
CHECK_SUFFIX: Final = ".check.json"
KEEP: Final = {"hourly": 48, "daily": 60}  # the pools rotation keeps; a manual backup is hourly's
PAGES_PER_STEP: Final = 4096  # 16 MiB at SQLite's 4 KiB pages: progress between steps


class BackupKind(StrEnum):
    HOURLY = "hourly"  # while capturing, at most an hour apart
    DAILY = "daily"  # after every day close
    MANUAL = "manual"  # a supervisor's "Cadangkan sekarang" or `spo-counter backup`
    UPGRADE = "upgrade"  # taken before a schema upgrade (desktop/store/migrate.py): never rotated


_NAME: Final = re.compile(
    r"^counter-(?P<stamp>\d{8}T\d{6})(?P<micro>\d{6})?Z(?:-(?P<n>\d+))?-"
    r"(?P<kind>hourly|daily|manual|before-[A-Za-z0-9_]+)\.sqlite$"
)


@dataclass(frozen=True)
class BackupCheck:
    """What checking a backup file found: `problems` empty when it is whole and its chain holds."""

    checked_at: str
    problems: tuple[str, ...]
    audit_events: int = 0
    transactions: int = 0
    last_receipt_seq: int = 0
    counter_code: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: datetime
    kind: BackupKind
    size: int
    check: BackupCheck | None  # None: never checked (a backup from before checks were kept)


def private_folder(folder: Path) -> Path:
    """`folder`, made if missing, readable by this user alone (0700)."""
    folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    if os.name == "posix":
        folder.chmod(FOLDER_MODE)
    return folder


def backup_name(taken_at: datetime, kind: BackupKind, n: int = 0) -> str:
    stamp = taken_at.astimezone(UTC).strftime("%Y%m%dT%H%M%S")
    return f"counter-{stamp}Z{f'-{n}' if n else ''}-{kind.value}.sqlite"


def write_backup(
    source: Connection, folder: Path, kind: BackupKind, taken_at: datetime, key: bytes
) -> Path:
    """Copy the store behind `source` (the store's own connection, outside a transaction) into a
    new backup file in `folder`, encrypted with the store's `key`: SQLite's online backup API,
    a consistent snapshot."""
    private_folder(folder)
    n = 0
    while (folder / backup_name(taken_at, kind, n)).exists():
        n += 1
    target = folder / backup_name(taken_at, kind, n)
    partial = folder / f".{target.name}.partial"
    # Made 0600 before a byte is written: the data is never readable by others, even briefly.
    os.close(os.open(partial, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, FILE_MODE))
    try:
        dest = connect(partial, key)
        try:
            source.backup(dest, pages=PAGES_PER_STEP)
            # A backup is one file: no log beside it, so it opens read-only anywhere.
            dest.execute("PRAGMA journal_mode=DELETE")
        finally:
            dest.close()
        _fsync(partial)
        os.replace(partial, target)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    _fsync_folder(folder)
    return target


def check_backup(
    path: Path, key: bytes, audit_key: bytes | None, checked_at: datetime
) -> BackupCheck:
    """SQLite's integrity check of the file (opened with the store's `key`), then its audit
    chain under `audit_key`; with what it holds (events, transactions, the last receipt number,
    the counter)."""
    at = checked_at.astimezone(UTC).isoformat()
    if not path.is_file():
        return BackupCheck(at, (f"no such file: {path}",))
    try:
        connect(path, key, readonly=True).close()
    except (DomainError, *DATABASE_ERRORS) as error:
        text = error.message_en if isinstance(error, DomainError) else str(error)
        return BackupCheck(at, (text,))
    engine = _engine(path, key)
    try:
        with engine.connect() as connection:
            problems = integrity_problems(connection)
            if problems:
                return BackupCheck(at, tuple(problems[:5]))
            try:
                chain = [p.message_en for p in verify_chain(connection, audit_key)]
                figures = _figures(connection)
            except sa.exc.DatabaseError as error:
                return BackupCheck(at, (f"not a counter store: {error.orig}",))
            return BackupCheck(at, tuple(chain[:5]), *figures)
    except sa.exc.DatabaseError as error:
        return BackupCheck(at, (str(error.orig),))
    finally:
        engine.dispose()


def _engine(path: Path, key: bytes) -> sa.Engine:
    return sa.create_engine(
        "sqlite://",
        creator=lambda: connect(path, key, readonly=True),
        module=sqlcipher,  # its errors wrapped as SQLAlchemy's, as the store's engine does
        poolclass=sa.pool.NullPool,
    )


def _figures(connection: sa.Connection) -> tuple[int, int, int, str]:
    events = connection.exec_driver_sql("SELECT count(*) FROM audit_events").scalar_one()
    transactions = connection.exec_driver_sql("SELECT count(*) FROM transactions").scalar_one()
    row = connection.exec_driver_sql(
        "SELECT counter_code, last_seq FROM receipt_sequence LIMIT 1"
    ).first()
    code, last = ("", 0) if row is None else (str(row[0]), int(row[1]))
    return int(events), int(transactions), last, code


def save_check(path: Path, check: BackupCheck) -> None:
    """The check kept beside its backup (0600), written whole."""
    sidecar = path.with_name(path.name + CHECK_SUFFIX)
    partial = sidecar.with_name(f".{sidecar.name}.partial")
    fd = os.open(partial, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, FILE_MODE)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(asdict(check), handle, ensure_ascii=False)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, sidecar)


def load_check(path: Path) -> BackupCheck | None:
    sidecar = path.with_name(path.name + CHECK_SUFFIX)
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8"))
        return BackupCheck(
            checked_at=str(data["checked_at"]),
            problems=tuple(str(p) for p in data["problems"]),
            audit_events=int(data.get("audit_events", 0)),
            transactions=int(data.get("transactions", 0)),
            last_receipt_seq=int(data.get("last_receipt_seq", 0)),
            counter_code=str(data.get("counter_code", "")),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def list_backups(folder: Path) -> list[BackupFile]:
    """The backups in `folder`, newest first (files with other names are left out)."""
    found: list[BackupFile] = []
    if not folder.is_dir():
        return found
    for path in folder.iterdir():
        parsed = parse_name(path.name)
        if parsed is None or not path.is_file():
            continue
        taken_at, kind = parsed
        found.append(BackupFile(path, taken_at, kind, path.stat().st_size, load_check(path)))
    found.sort(key=lambda b: (b.taken_at, b.path.name), reverse=True)
    return found


def parse_name(name: str) -> tuple[datetime, BackupKind] | None:
    match = _NAME.match(name)
    if match is None:
        return None
    taken = datetime.strptime(match["stamp"], "%Y%m%dT%H%M%S").replace(tzinfo=UTC)
    if match["micro"]:
        taken = taken.replace(microsecond=int(match["micro"]))
    kind = match["kind"]
    return taken, BackupKind.UPGRADE if kind.startswith("before-") else BackupKind(kind)


def rotate(folder: Path) -> list[Path]:
    """Remove all but the newest 48 hourly (manual ones among them) and 60 daily backups, with
    their checks; upgrade backups stay. Returns what was removed."""
    pools: dict[str, list[BackupFile]] = {"hourly": [], "daily": []}
    for backup in list_backups(folder):
        if backup.kind in (BackupKind.HOURLY, BackupKind.MANUAL):
            pools["hourly"].append(backup)
        elif backup.kind is BackupKind.DAILY:
            pools["daily"].append(backup)
    removed: list[Path] = []
    for pool, backups in pools.items():
        for old in backups[KEEP[pool] :]:
            old.path.unlink(missing_ok=True)
            old.path.with_name(old.path.name + CHECK_SUFFIX).unlink(missing_ok=True)
            removed.append(old.path)
    return removed


def copy_backup(path: Path, folder: Path) -> Path:
    """A copy of a backup and its check in another folder (another disk, a network share),
    written under a temporary name and renamed; 0600 in a 0700 folder where the system allows."""
    private_folder(folder)
    copied = folder / path.name
    for source, target in _with_check(path, copied):
        _copy_whole(source, target, target.with_name(f".{target.name}.partial"))
    return copied


def _copy_whole(source: Path, target: Path, partial: Path) -> None:
    """Copy `source` to `target` through `partial` (0600, fsync'd, renamed): never half."""
    os.close(os.open(partial, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, FILE_MODE))
    try:
        shutil.copyfile(source, partial)
        _fsync(partial)
        os.replace(partial, target)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise


def _with_check(path: Path, copied: Path) -> Iterator[tuple[Path, Path]]:
    yield path, copied
    check = path.with_name(path.name + CHECK_SUFFIX)
    if check.is_file():
        yield check, copied.with_name(copied.name + CHECK_SUFFIX)


def set_aside(db_path: Path, at: datetime) -> list[Path]:
    """Rename the store file and its logs to `<name>.before-restore-<instant>[-wal|-shm]`:
    kept, never overwritten (an instant already taken gets a number). Returns the new names."""
    stamp = at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    n = 0
    while True:
        base = db_path.with_name(f"{db_path.name}.before-restore-{stamp}{f'-{n}' if n else ''}")
        if not any(Path(f"{base}{s}").exists() for s in ("", "-wal", "-shm", "-journal")):
            break
        n += 1
    moved: list[Path] = []
    for suffix in ("", "-wal", "-shm", "-journal"):
        source = Path(f"{db_path}{suffix}")
        if source.exists():
            target = Path(f"{base}{suffix}")
            os.replace(source, target)
            moved.append(target)
    return moved


def put_in_place(backup: Path, db_path: Path) -> None:
    """Copy a backup to the store's name (beside it first, then renamed): 0600, never half."""
    _copy_whole(backup, db_path, db_path.with_name(f".{db_path.name}.restoring"))
    _fsync_folder(db_path.parent)


def _fsync(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def newest(backups: Iterable[BackupFile], *, good: bool) -> BackupFile | None:
    """The newest backup (of a list newest first) whose check found nothing, when `good`."""
    for backup in backups:
        if not good or (backup.check is not None and backup.check.ok):
            return backup
    return None
