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

    # BEGIN in the dialect's do_begin, not in a "begin" listener: SQLAlchemy runs do_begin under
    # its error handling, so a refused lock arrives as an OperationalError like any statement's
    # (mapped by the store, desktop/store/failures.py) and the connection stays usable for the
    # next try; an error raised by a listener bypasses both.
    def _do_begin(dbapi_connection: Any) -> None:
        # Straight to the driver: exec_driver_sql would add 40 µs to every capture.
        writing = dbapi_connection.info.get(WRITE_FLAG)
        dbapi_connection.driver_connection.execute("BEGIN IMMEDIATE" if writing else "BEGIN")

    engine.dialect.do_begin = _do_begin  # type: ignore[method-assign]

    return engine
