"""The store's SQLite connections are durable and lock at BEGIN, as ARCHITECTURE.md requires."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlcipher3 import dbapi2 as sqlcipher

from desktop.store.migrate import current_revision, head_revision
from desktop.store.store import Store
from tests.tamper import open_raw


def test_every_connection_is_wal_full_sync_with_foreign_keys(tmp_path: Path) -> None:
    store = Store(tmp_path)
    with store.read() as connection:
        pragma = {
            name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in (
                "journal_mode",
                "synchronous",
                "foreign_keys",
                "busy_timeout",
                "cache_size",
            )
        }
    store.close()
    assert pragma == {
        "journal_mode": "wal",
        "synchronous": 2,
        "foreign_keys": 1,
        "busy_timeout": 5000,
        "cache_size": -32768,  # 32 MB: a long import keeps its pace (docs/performance.md)
    }


def test_a_new_store_is_at_the_newest_schema_without_a_backup(tmp_path: Path) -> None:
    store = Store(tmp_path)
    with store.read() as connection:
        assert current_revision(connection) == head_revision()
    assert store.upgrade_backup is None
    store.close()
    reopened = Store(tmp_path)
    assert reopened.upgrade_backup is None
    reopened.close()


def test_a_write_takes_the_lock_at_begin(tmp_path: Path) -> None:
    """BEGIN IMMEDIATE: a second writer waits at its start instead of failing half-way."""
    store = Store(tmp_path)
    with store.write() as connection:
        connection.exec_driver_sql("CREATE TABLE probe (x INTEGER)")
    other = open_raw(tmp_path / "counter.sqlite", timeout=0)
    entered = threading.Event()
    release = threading.Event()

    def hold_write() -> None:
        with store.write() as connection:
            connection.exec_driver_sql("SELECT 1")  # no write yet: the lock is already ours
            entered.set()
            release.wait(10)

    holder = threading.Thread(target=hold_write)
    holder.start()
    assert entered.wait(10)
    with pytest.raises(sqlcipher.OperationalError, match="locked"):
        other.execute("BEGIN IMMEDIATE")
    release.set()
    holder.join(10)
    other.execute("BEGIN IMMEDIATE")
    other.execute("ROLLBACK")
    other.close()
    store.close()


def test_a_failed_write_leaves_nothing(tmp_path: Path) -> None:
    store = Store(tmp_path)
    with store.write() as connection:
        connection.exec_driver_sql("CREATE TABLE probe (x INTEGER)")

    def crash_mid_write() -> None:
        with store.write() as connection:
            connection.exec_driver_sql("INSERT INTO probe VALUES (1)")
            raise RuntimeError("crash in the middle")

    with pytest.raises(RuntimeError):
        crash_mid_write()
    with store.read() as connection:
        assert connection.execute(sa.text("SELECT count(*) FROM probe")).scalar() == 0
    store.close()
