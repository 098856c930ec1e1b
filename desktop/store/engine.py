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
    """An engine whose every connection is WAL, synchronous=FULL, foreign keys on.

    pysqlite's own transaction handling is turned off (isolation_level=None), so SAVEPOINTs and
    transactional DDL behave (SQLAlchemy's documented recipe). A write transaction starts with
    BEGIN IMMEDIATE, so it takes the lock at its start, never half-way through; a read starts
    with a plain BEGIN and never blocks a writer (WAL).
    """
    engine = sa.create_engine(
        f"sqlite:///{path}",
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
        # One connection per store, whichever thread asks (the UI's database worker, the CLI):
        # a single writer, as the SQLite WAL-reset bug in TECH-NOTES requires.
        poolclass=sa.pool.QueuePool,
        pool_size=1,
        max_overflow=0,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            # Money: a commit must survive a power cut, so FULL, not NORMAL.
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
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
