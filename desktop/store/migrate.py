"""Schema upgrades with Alembic, with a backup of the store taken before any upgrade.

A failed upgrade puts the backup back, byte for byte, and says so (a DomainError): the counter's
data are then exactly as the previous version left them, to be opened by that version again.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa

from desktop.errors import DomainError
from desktop.store.engine import OPERATIONAL_ERRORS, WRITE_FLAG, connect

if TYPE_CHECKING:
    from alembic.config import Config

    from desktop.keystore import KeyStore

log = logging.getLogger(__name__)
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


# Alembic is imported only when a store needs upgrading: opening an up-to-date store (every start
# but the first after an update) reads the revisions with the two functions below instead, which
# saves the window about a tenth of a second. tests/store/test_migrations.py checks both agree
# with Alembic's own answers.
_REVISION_LINE = re.compile(r'^(revision|down_revision)\s*(?::[^=]*)?=\s*(?:"([^"]+)"|None)', re.M)


def _config(connection: sa.Connection | None = None, keys: KeyStore | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    # The counter's key store: a migration moving a secret out of the database puts it there.
    config.attributes["keys"] = keys
    return config


def head_revision() -> str:
    """The newest revision: the one no migration file names as its `down_revision`."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in (MIGRATIONS_DIR / "versions").glob("*.py"):
        fields = dict(
            (name, value) for name, value in _REVISION_LINE.findall(script.read_text("utf-8"))
        )
        if fields.get("revision"):
            revisions.add(fields["revision"])
        if fields.get("down_revision"):
            parents.add(fields["down_revision"])
    heads = revisions - parents
    if len(heads) != 1:  # pragma: no cover - the package always ships one line of migrations
        raise RuntimeError(f"expected one head revision, found {sorted(heads)}")
    return heads.pop()


def expected_triggers() -> dict[str, str]:
    """The protection triggers as the migrations create them: name -> SQL, the newest wins.

    Each migration that creates triggers lists their statements in `PROTECTION_TRIGGERS` (frozen
    with the migration, as released); `verify` compares the store's triggers with these texts.
    """
    found: dict[str, str] = {}
    for script in sorted((MIGRATIONS_DIR / "versions").glob("[0-9]*.py")):
        spec = importlib.util.spec_from_file_location(f"_spo_migration_{script.stem}", script)
        if spec is None or spec.loader is None:  # pragma: no cover - a .py file always loads
            raise RuntimeError(f"cannot load {script}")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        for statement in getattr(module, "PROTECTION_TRIGGERS", ()):
            found[str(statement).split()[2]] = str(statement)
    return found


def current_revision(connection: sa.Connection) -> str | None:
    """The store's revision as Alembic records it, or None for a new store."""
    has_table = connection.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
    ).first()
    if has_table is None:
        return None
    row = connection.exec_driver_sql("SELECT version_num FROM alembic_version").first()
    return None if row is None else str(row[0])


def backup(db_path: Path, backup_dir: Path, label: str, key: bytes) -> Path:
    """A consistent online copy (SQLite's backup API), encrypted with the store's key, written
    under a temporary name first, readable by this user alone."""
    backup_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = backup_dir / f"{db_path.stem}-{stamp}-{label}.sqlite"
    partial = target.with_suffix(".partial")
    source = connect(db_path, key)
    try:
        dest = connect(partial, key)
        try:
            # Same key on both sides: SQLCipher copies the pages as they are.
            source.backup(dest)
            # One file, no -wal or -shm beside it whoever opens it (the copied header says WAL).
            dest.execute("PRAGMA journal_mode=DELETE")
        finally:
            dest.close()
    finally:
        source.close()
    partial.replace(target)
    return target


def upgrade(
    engine: sa.Engine,
    db_path: Path,
    backup_dir: Path,
    *,
    key: bytes,
    keys: KeyStore | None = None,
) -> Path | None:
    """Bring the schema to head; returns the backup taken first, or None for a new store.

    When an existing store fails to upgrade, the engine is disposed, the store file is replaced
    by the backup and a DomainError says so (or, if even that failed, where the backup is).
    """
    with engine.connect() as connection:
        current = current_revision(connection)
    head = head_revision()
    if current == head:
        return None
    taken = backup(db_path, backup_dir, f"before-{head}", key) if current is not None else None
    try:
        with engine.connect() as connection:
            connection.info[WRITE_FLAG] = True
            try:
                with connection.begin():
                    from alembic import command

                    command.upgrade(_config(connection, keys), "head")
            finally:
                connection.info[WRITE_FLAG] = False
    except Exception as error:
        if taken is None:
            raise  # a new store: nothing to restore
        if _lock_refused(error):
            # Another program holds the store: the upgrade never began and nothing changed.
            # (Raised by the BEGIN IMMEDIATE listener, unwrapped: wrapped, the store says so.)
            if isinstance(error, sa.exc.OperationalError):
                raise
            raise sa.exc.OperationalError("BEGIN IMMEDIATE", None, error) from error
        log.exception("upgrading %s from %s to %s failed", db_path, current, head)
        engine.dispose()
        try:
            restore(taken, db_path)
        except OSError as restore_error:
            log.exception("restoring %s from %s failed", db_path, taken)
            raise _not_restored(db_path, taken, current, head, error) from restore_error
        raise _restored(taken, current, head, error) from error
    return taken


def restore(backup_file: Path, db_path: Path) -> None:
    """Replace the store file with a backup, byte for byte; no connection may be open on it.

    The copy is written beside the store and renamed over it, so the store is never half
    written. The write-ahead log and its index go first: a stale log next to the restored file
    would be replayed into it.
    """
    partial = db_path.with_name(f"{db_path.name}.restoring")
    shutil.copyfile(backup_file, partial)
    with partial.open("rb+") as copy:
        os.fsync(copy.fileno())
    for suffix in ("-wal", "-shm", "-journal"):
        db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
    partial.replace(db_path)


def _lock_refused(error: Exception) -> bool:
    """The write lock was refused at BEGIN: the upgrade never started, the file is untouched."""
    original = error.orig if isinstance(error, sa.exc.OperationalError) else error
    if not isinstance(original, OPERATIONAL_ERRORS):
        return False
    text = str(original).lower()
    return "locked" in text or "busy" in text


def _cause(error: Exception) -> str:
    text = str(error).strip().splitlines()
    first = text[0] if text else ""
    return f"{type(error).__name__}: {first}"[:200]


def _restored(taken: Path, current: str | None, head: str, error: Exception) -> DomainError:
    return DomainError(
        "store",
        f"Pembaruan basis data dari skema {current} ke {head} gagal, dan data loket sudah "
        f"dikembalikan dari cadangan yang dibuat sebelum pembaruan ({taken}): tidak ada data "
        "yang hilang. Versi aplikasi ini belum dapat dipakai: pasang kembali versi sebelumnya "
        f"dan hubungi IT bank. Penyebab: {_cause(error)}",
        f"Upgrading the database from schema {current} to {head} failed, and the counter's data "
        f"were restored from the backup taken before the upgrade ({taken}): nothing was lost. "
        "This version of the application cannot be used yet: reinstall the previous version "
        f"and call the bank's IT. Cause: {_cause(error)}",
    )


def _not_restored(
    db_path: Path, taken: Path, current: str | None, head: str, error: Exception
) -> DomainError:
    return DomainError(
        "store",
        f"Pembaruan basis data dari skema {current} ke {head} gagal, dan cadangan tidak dapat "
        f"dikembalikan otomatis. Jangan pakai loket ini: hubungi IT bank untuk menyalin cadangan "
        f"{taken} menjadi {db_path}. Penyebab: {_cause(error)}",
        f"Upgrading the database from schema {current} to {head} failed, and the backup could "
        f"not be put back automatically. Do not use this counter: call the bank's IT to copy the "
        f"backup {taken} over {db_path}. Cause: {_cause(error)}",
    )
