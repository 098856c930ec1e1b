"""Opening a counter store file: SQLCipher with the counter's key, durable pragmas, and write
transactions that lock at BEGIN.

`connect` is the one way anything opens a counter store file (the store's engine, the login's
peek, the upgrade's backup, the routine backups, the tests' tampering): a store file is never
opened in plain SQLite, so nothing forgets the key and nothing writes a page unencrypted.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from sqlcipher3 import dbapi2 as sqlcipher

from desktop.errors import StoreKeyError
from desktop.files import private_modes

if TYPE_CHECKING:
    import sqlalchemy as sa

# SQLAlchemy is imported by the functions that make engines, not here: the login's quick read
# (desktop/store/peek.py) opens the store with `connect` alone, before SQLAlchemy has loaded.

BUSY_TIMEOUT_MS = 5000
CACHE_KIB = 32 * 1024  # the page cache of a store connection (PRAGMA cache_size, in KiB)
# Set in a connection's info by Store.write(): its transactions take the write lock at BEGIN.
WRITE_FLAG = "spo_writing"
# The first 16 bytes of every unencrypted SQLite file; an encrypted one starts with its salt.
PLAIN_HEADER: Final = b"SQLite format 3\x00"

# The driver of counter stores, and the errors either driver raises (the sandbox upstream's
# own store is plain sqlite3).
Connection = sqlcipher.Connection
OPERATIONAL_ERRORS: Final = (sqlite3.OperationalError, sqlcipher.OperationalError)
DATABASE_ERRORS: Final = (sqlite3.DatabaseError, sqlcipher.DatabaseError)


def connect(
    path: Path, key: bytes, *, readonly: bool = False, busy_timeout_ms: int = BUSY_TIMEOUT_MS
) -> sqlcipher.Connection:
    """Open the counter store file `path` with its 256-bit `key`; the only way to open one.

    Returns a DB-API connection (sqlcipher3, the sqlite3 module's interface) in autocommit
    mode (isolation_level=None: the caller says BEGIN), usable from any thread, with:
    - the key applied raw (`PRAGMA key = "x'…'"`): no key derivation, so opening costs
      microseconds, not the half second PBKDF2 would;
    - WAL, synchronous=FULL (a commit survives a power cut), foreign keys on, the busy timeout;
    - `readonly`: opened read-only (mode=ro), no pragma that writes; a missing file is an
      error rather than a new store.

    A file that does not open with the key (a wrong key, another program's file, an
    unencrypted store) raises StoreKeyError with a message for the user; a missing file is
    created encrypted and readable by this user only (its -wal and -shm files take its mode).
    """
    if len(key) != 32:
        raise ValueError("a store key is 32 bytes")
    if not readonly and os.name == "posix" and not path.exists():
        # SQLite gives the -wal and -shm files the mode of the database file.
        mode = private_modes(path.parent)[1]
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, mode))
        os.chmod(path, mode)  # whatever the umask
    uri = path.resolve().as_uri() + ("?mode=ro" if readonly else "")
    connection = sqlcipher.connect(
        uri,
        uri=True,
        timeout=busy_timeout_ms / 1000,
        isolation_level=None,
        check_same_thread=False,
    )
    try:
        connection.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        try:
            # The first read decrypts page 1: it fails here for a wrong key or a foreign file.
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher.DatabaseError as error:
            if isinstance(error, sqlcipher.OperationalError) and _busy(error):
                raise
            if getattr(error, "sqlite_errorcode", _NOTADB) & 0xFF != _NOTADB:
                raise  # damaged, unreadable...: a StoreError of its kind (store/failures.py)
            raise StoreKeyError.for_file(path, plain=is_plain_store(path)) from None
        if not readonly:
            connection.execute("PRAGMA journal_mode=WAL")
            # Money: a commit must survive a power cut, so FULL, not NORMAL.
            connection.execute("PRAGMA synchronous=FULL")
            connection.execute("PRAGMA foreign_keys=ON")
        # SQLite's default page cache is 2 MB; past a few hundred thousand transactions the
        # indexes an insert lands in outgrow it and every page read is decrypted again: 32 MB
        # (one connection per store) kept a 200,000-row import steady (docs/performance.md).
        connection.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        connection.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")
    except BaseException:
        connection.close()
        raise
    return connection


def is_plain_store(path: Path) -> bool:
    """Whether `path` is an unencrypted SQLite file (a store from before encryption)."""
    try:
        with path.open("rb") as handle:
            return handle.read(len(PLAIN_HEADER)) == PLAIN_HEADER
    except OSError:
        return False


_NOTADB: Final = 26  # SQLITE_NOTADB: what SQLCipher says for a key that does not open the file


def _busy(error: Exception) -> bool:
    text = str(error).lower()
    return "locked" in text or "busy" in text


def create_store_engine(
    path: Path, key: bytes, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS
) -> sa.Engine:
    """The counter store's engine: every connection made by `connect` (encrypted, durable)."""
    return _engine(
        "sqlite://",
        creator=lambda: connect(path, key, busy_timeout_ms=busy_timeout_ms),
        module=sqlcipher,
    )


def create_sqlite_engine(
    url: str | sa.URL,
    *,
    foreign_keys: bool = True,
    busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    pool_timeout: float = 30.0,
) -> sa.Engine:
    """A plain sqlite3 engine with the store's recipe (the sandbox upstream's own store).

    Every connection is WAL and synchronous=FULL, with one connection in all. pysqlite's own
    transaction handling is turned off (isolation_level=None), so SAVEPOINTs and transactional
    DDL behave (SQLAlchemy's documented recipe).
    """
    from sqlalchemy import event

    engine = _engine(
        url,
        connect_args={"timeout": busy_timeout_ms / 1000, "check_same_thread": False},
        pool_timeout=pool_timeout,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
            cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")
        finally:
            cursor.close()

    return engine


def _engine(url: str | sa.URL, *, pool_timeout: float = 30.0, **options: Any) -> sa.Engine:
    """One connection, whichever thread asks; writes lock at BEGIN.

    A transaction on a connection whose info has WRITE_FLAG set starts with BEGIN IMMEDIATE, so
    it takes the lock at its start, never half-way through; a read starts with a plain BEGIN
    and never blocks a writer (WAL).
    """
    import sqlalchemy as sa

    engine = sa.create_engine(
        url,
        # One connection, whichever thread asks (the UI's database worker, the CLI, the sandbox's
        # request threads in turn): a single writer, as the SQLite WAL-reset bug in TECH-NOTES
        # requires.
        poolclass=sa.pool.QueuePool,
        pool_size=1,
        max_overflow=0,
        pool_timeout=pool_timeout,
        **options,
    )

    # BEGIN in the dialect's do_begin, not in a "begin" listener: SQLAlchemy runs do_begin under
    # its error handling, so a refused lock arrives as an OperationalError like any statement's
    # (mapped by the store, desktop/store/failures.py) and the connection stays usable for the
    # next try; an error raised by a listener bypasses both.
    def _do_begin(dbapi_connection: Any) -> None:
        # Straight to the driver: exec_driver_sql would add 40 µs to every capture.
        driver = dbapi_connection.driver_connection
        if not isinstance(driver, sqlite3.Connection | sqlcipher.Connection):  # pragma: no cover
            raise TypeError("not a sqlite3 connection")
        driver.execute("BEGIN IMMEDIATE" if dbapi_connection.info.get(WRITE_FLAG) else "BEGIN")

    engine.dialect.do_begin = _do_begin  # type: ignore[method-assign]
    return engine


def driver_connection(connection: sa.Connection) -> Connection:
    """The DB-API connection under a store's SQLAlchemy connection (for SQLite's backup API)."""
    driver = connection.connection.driver_connection
    if not isinstance(driver, Connection):  # pragma: no cover - always the store's driver
        raise TypeError("not a store connection")
    return driver
