"""Schema upgrades with Alembic, with a backup of the store taken before any upgrade."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from desktop.store.engine import WRITE_FLAG

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def _config(connection: sa.Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    if head is None:  # pragma: no cover - the package always ships its migrations
        raise RuntimeError("no migrations found")
    return head


def current_revision(connection: sa.Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def backup(db_path: Path, backup_dir: Path, label: str) -> Path:
    """A consistent online copy (sqlite3's backup API), written under a temporary name first."""
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = backup_dir / f"{db_path.stem}-{stamp}-{label}.sqlite"
    partial = target.with_suffix(".partial")
    source = sqlite3.connect(db_path)
    try:
        dest = sqlite3.connect(partial)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    partial.replace(target)
    return target


def upgrade(engine: sa.Engine, db_path: Path, backup_dir: Path) -> Path | None:
    """Bring the schema to head; returns the backup taken first, or None for a new store."""
    with engine.connect() as connection:
        current = current_revision(connection)
    head = head_revision()
    if current == head:
        return None
    taken = backup(db_path, backup_dir, f"before-{head}") if current is not None else None
    with engine.connect() as connection:
        connection.info[WRITE_FLAG] = True
        try:
            with connection.begin():
                command.upgrade(_config(connection), "head")
        finally:
            connection.info[WRITE_FLAG] = False
    return taken
