"""SQLite engine for a counter store: durable pragmas and write transactions that lock at BEGIN."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event

BUSY_TIMEOUT_MS = 5000
# Set in a connection's info by Store.write(): its transactions take the write lock at BEGIN.
WRITE_FLAG = "spo_writing"


def create_store_engine(path: Path) -> sa.Engine:
    """The counter store's engine: the durable SQLite recipe below, with foreign keys on."""
    return create_sqlite_engine(f"sqlite:///{path}")


def create_sqlite_engine(
    url: str | sa.URL,
    *,
    foreign_keys: bool = True,
    busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    pool_timeout: float = 30.0,
) -> sa.Engine:
    """An engine whose every connection is WAL and synchronous=FULL, with one connection in all.

    pysqlite's own transaction handling is turned off (isolation_level=None), so SAVEPOINTs and
    transactional DDL behave (SQLAlchemy's documented recipe). A transaction on a connection whose
    info has WRITE_FLAG set starts with BEGIN IMMEDIATE, so it takes the lock at its start, never
    half-way through; a read starts with a plain BEGIN and never blocks a writer (WAL). Used by
    the counter store and by the sandbox upstream's SQLite store.
    """
    engine = sa.create_engine(
        url,
        connect_args={"timeout": busy_timeout_ms / 1000, "check_same_thread": False},
        # One connection, whichever thread asks (the UI's database worker, the CLI, the sandbox's
        # request threads in turn): a single writer, as the SQLite WAL-reset bug in TECH-NOTES
        # requires.
        poolclass=sa.pool.QueuePool,
        pool_size=1,
        max_overflow=0,
        pool_timeout=pool_timeout,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            # Money: a commit must survive a power cut, so FULL, not NORMAL.
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
            cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: sa.Connection) -> None:
        # Straight to the driver: exec_driver_sql would add 40 µs to every capture.
        driver = connection.connection.driver_connection
        if not isinstance(driver, sqlite3.Connection):  # pragma: no cover - always sqlite3
            raise TypeError("not a sqlite3 connection")
        driver.execute("BEGIN IMMEDIATE" if connection.info.get(WRITE_FLAG) else "BEGIN")

    return engine


def connect(path: Path, key: bytes | None = None, *, readonly: bool = False) -> sqlite3.Connection:
    """A plain DB-API connection to a store file or a backup of one: the one way to open such a
    file outside the store's engine (backups written, checked, restored).

    `key` is the store's encryption key; this build stores plain SQLite, so it must be None
    (the encryption work replaces this function with SQLCipher's, keyed). `readonly` opens the
    file read-only and never creates it. The connection manages its own transactions off
    (isolation_level None), like the engine's.
    """
    if key is not None:  # pragma: no cover - no key exists until the store is encrypted
        raise ValueError("this build does not encrypt stores")
    if readonly:
        connection = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000
        )
    else:
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
    connection.isolation_level = None
    return connection


def driver_connection(connection: sa.Connection) -> sqlite3.Connection:
    """The DB-API connection under a store's SQLAlchemy connection (for SQLite's backup API)."""
    driver = connection.connection.driver_connection
    if not isinstance(driver, sqlite3.Connection):  # pragma: no cover - always sqlite3
        raise TypeError("not a sqlite3 connection")
    return driver
