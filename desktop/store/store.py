"""A counter's store: one SQLite file, opened at the current schema, with write and read scopes."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa

from desktop.errors import DomainError
from desktop.keystore import KeyStore, guarded, open_keystore
from desktop.paths import DB_FILENAME
from desktop.store.engine import OPERATIONAL_ERRORS, WRITE_FLAG, create_store_engine, is_plain_store
from desktop.store.migrate import upgrade
from desktop.store.protection import (
    encrypt_in_place,
    encrypt_plain_backups,
    make_private,
    store_key,
)


class Store:
    """One connection for the store's whole life, used by one thread at a time.

    A single connection is the single writer the SQLite WAL-reset bug needs (TECH-NOTES), and
    keeping it spares every transaction a pool checkout. Scopes nest within a thread: a read or
    write inside a write shares its transaction (a nested write is a savepoint), so a service can
    call another. Another thread waits for the scope to end.
    """

    def __init__(self, data_dir: Path, keys: KeyStore | None = None) -> None:
        self.data_dir = data_dir
        self.db_path = data_dir / DB_FILENAME
        self.backup_dir = data_dir / "backups"
        data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.keys = keys if keys is not None else guarded(lambda: open_keystore(data_dir))
        # The store's key, from this PC's key store (desktop/store/protection.py).
        self.key = guarded(lambda: store_key(self.keys, self.db_path))
        try:
            if is_plain_store(self.db_path):  # a store from before encryption: encrypted now
                encrypt_in_place(self.db_path, self.key)
            encrypt_plain_backups(self.backup_dir, self.key)
        except OPERATIONAL_ERRORS as error:
            raise _known_store_error(sa.exc.OperationalError("encrypt", None, error)) from error
        make_private(data_dir)
        self.engine = create_store_engine(self.db_path, self.key)
        try:
            self.upgrade_backup = upgrade(
                self.engine, self.db_path, self.backup_dir, key=self.key, keys=self.keys
            )
            self._connection = self.engine.connect()
        except sa.exc.OperationalError as error:
            self.engine.dispose()
            raise _known_store_error(error) from error
        self._lock = threading.RLock()
        self._depth = 0

    @contextmanager
    def write(self) -> Iterator[sa.Connection]:
        """One durable transaction (BEGIN IMMEDIATE ... COMMIT); rolled back on any exception.

        Inside another write it is a savepoint: it rolls back alone but becomes durable only when
        the outer write commits (how bulk demo data is made quickly).
        """
        with self._scope() as connection:
            if self._depth > 1:
                if not connection.info.get(WRITE_FLAG):
                    raise RuntimeError("a write cannot start inside a read: its commit is lost")
                with connection.begin_nested():
                    yield connection
                return
            connection.info[WRITE_FLAG] = True
            try:
                with connection.begin():
                    yield connection
            finally:
                connection.info[WRITE_FLAG] = False

    @contextmanager
    def read(self) -> Iterator[sa.Connection]:
        """A consistent snapshot; ended (rolled back) with the scope, since reads never write."""
        with self._scope() as connection:
            try:
                yield connection
            finally:
                if self._depth == 1 and connection.in_transaction():
                    connection.rollback()

    @contextmanager
    def _scope(self) -> Iterator[sa.Connection]:
        with self._lock:
            self._depth += 1
            try:
                yield self._connection
            except sa.exc.OperationalError as error:
                raise _known_store_error(error) from error
            finally:
                self._depth -= 1

    def close(self) -> None:
        with self._lock:
            self._connection.close()
            self.engine.dispose()


def _known_store_error(error: sa.exc.OperationalError) -> Exception:
    """Expected trouble with the file becomes a message for the user; anything else stays a bug."""
    original = error.orig
    text = str(original).lower()
    if isinstance(original, OPERATIONAL_ERRORS):
        if "locked" in text or "busy" in text:
            return DomainError(
                "store",
                "Basis data sedang dipakai program lain. Tutup program itu lalu coba lagi.",
                "The database is in use by another program. Close it and try again.",
            )
        if "disk is full" in text or "disk i/o" in text:
            return DomainError(
                "store",
                "Penyimpanan penuh atau rusak: data tidak disimpan. Hubungi IT bank.",
                "The disk is full or failing: nothing was saved. Call the bank's IT.",
            )
        if "readonly" in text or "unable to open" in text:
            return DomainError(
                "store",
                "Berkas data tidak dapat ditulis. Periksa folder data atau hubungi IT bank.",
                "The data file cannot be written. Check the data folder or call the bank's IT.",
            )
    return error
