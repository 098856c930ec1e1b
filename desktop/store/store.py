"""A counter's store: one SQLite file, opened at the current schema, with write and read scopes."""

from __future__ import annotations

import errno
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa

from desktop.errors import DomainError
from desktop.keystore import KeyStore, guarded, open_keystore
from desktop.paths import DB_FILENAME
from desktop.store.backup import BackupKind, write_backup
from desktop.store.busy import BusyWait, begin_waiting
from desktop.store.captures import last_receipt_seq
from desktop.store.engine import (
    DATABASE_ERRORS,
    WRITE_FLAG,
    create_store_engine,
    driver_connection,
    is_plain_store,
)
from desktop.store.failures import as_store_error, refuse_foreign, store_error
from desktop.store.migrate import upgrade
from desktop.store.protection import (
    encrypt_in_place,
    encrypt_plain_backups,
    make_private,
    store_key,
)
from desktop.store.receipt_mark import MARK_FILENAME, MARK_INFO, TAKEN_INFO, ReceiptMark


class _UndoneError(Exception):
    """Ends a trial's write scope, so that it rolls back."""


class Store:
    """One connection for the store's whole life, used by one thread at a time.

    A single connection is the single writer the SQLite WAL-reset bug needs (TECH-NOTES), and
    keeping it spares every transaction a pool checkout. Scopes nest within a thread: a read or
    write inside a write shares its transaction (a nested write is a savepoint), so a service can
    call another. Another thread waits for the scope to end.
    """

    def __init__(
        self, data_dir: Path, keys: KeyStore | None = None, *, wait: BusyWait | None = None
    ) -> None:
        self.data_dir = data_dir
        self.db_path = data_dir / DB_FILENAME
        self.backup_dir = data_dir / "backups"
        self.wait = wait or BusyWait.from_environment()
        try:
            data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
            # An empty file is a store whose data are gone, never a new counter: SQLite would
            # take it for an empty database and the migrations would set up a new one in it.
            if self.db_path.is_file() and self.db_path.stat().st_size == 0:
                raise store_error("empty", self.db_path)
        except OSError as error:
            raise store_error("unreadable", self.db_path, str(error)) from error
        # Another program's plain SQLite file is neither encrypted in place nor set up.
        refuse_foreign(self.db_path)
        self.keys = keys if keys is not None else guarded(lambda: open_keystore(data_dir))
        # The store's key, from this PC's key store (desktop/store/protection.py).
        self.key = guarded(lambda: store_key(self.keys, self.db_path))
        try:
            if is_plain_store(self.db_path):  # a store from before encryption: encrypted now
                encrypt_in_place(self.db_path, self.key)
            encrypt_plain_backups(self.backup_dir, self.key)
            make_private(data_dir)
        except (*DATABASE_ERRORS, OSError) as error:
            known = as_store_error(error, self.db_path)
            if known is None and isinstance(error, OSError):  # the disk, or the folder's rights
                kind = "io" if error.errno == errno.EIO else "unreadable"
                known = store_error(kind, self.db_path, str(error))
            if known is None:
                raise
            raise known from error
        self.engine = create_store_engine(self.db_path, self.key)
        try:
            self.upgrade_backup = upgrade(
                self.engine, self.db_path, self.backup_dir, key=self.key, keys=self.keys
            )
            self._connection = self.engine.connect()
        except (sa.exc.DBAPIError, *DATABASE_ERRORS) as error:
            self.engine.dispose()
            known = as_store_error(error, self.db_path)
            if known is None:
                raise
            raise known from error
        except BaseException:
            self.engine.dispose()
            raise
        self.receipt_mark = ReceiptMark(data_dir / MARK_FILENAME)
        self._connection.info[MARK_INFO] = self.receipt_mark
        self._lock = threading.RLock()
        self._depth = 0
        self._closed = False

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
                savepoint = connection.begin_nested()
                try:
                    yield connection
                except BaseException:
                    try:
                        savepoint.rollback()
                    except (sa.exc.DBAPIError, *DATABASE_ERRORS):
                        # SQLite rolled the whole transaction back itself (a full disk, an
                        # I/O error): the savepoint is gone; the failure to report is the first.
                        pass
                    raise
                savepoint.commit()
                return
            connection.info[WRITE_FLAG] = True
            noted: tuple[str, int] | None = None
            try:
                transaction = begin_waiting(connection, self.wait)
                with transaction:
                    yield connection
                    noted = self._note_receipts(connection)
            except BaseException:
                if noted is not None:  # the commit failed: the mark goes back to what is there
                    self.receipt_mark.note_used(*noted)
                raise
            finally:
                connection.info[WRITE_FLAG] = False
                connection.info.pop(TAKEN_INFO, None)

    @contextmanager
    def trial(self) -> Iterator[sa.Connection]:
        """A write scope always rolled back at its end: what writes would do, seen and undone
        (an import's check, desktop/services/imports.py). The receipt mark is left alone: a
        number taken here is given back, never reserved in the mark as if it had been used."""
        with self._lock:
            if self._depth:
                raise RuntimeError("a trial cannot run inside another scope: it would undo it")
            mark = self._connection.info.pop(MARK_INFO, None)
            try:
                with self.write() as connection:
                    yield connection
                    raise _UndoneError
            except _UndoneError:
                pass
            finally:
                if mark is not None:
                    self._connection.info[MARK_INFO] = mark

    def _note_receipts(self, connection: sa.Connection) -> tuple[str, int] | None:
        """Just before the commit, under the write lock: the receipt number the commit makes
        the last, in the mark outside the database (desktop/store/receipt_mark.py). Returns
        the counter and the number noted before, should the commit fail."""
        code = connection.info.pop(TAKEN_INFO, None)
        if code is None:
            return None
        last = last_receipt_seq(connection, code)
        if last is None:  # pragma: no cover - a sequence is taken only where one exists
            return None
        before = self.receipt_mark.note_used(code, last)
        return None if before is None else (code, before)

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
            self._still_open()
            self._depth += 1
            try:
                yield self._connection
            except (sa.exc.DBAPIError, *DATABASE_ERRORS) as error:
                known = as_store_error(error, self.db_path)
                if known is None:
                    raise
                raise known from error
            finally:
                self._depth -= 1

    def backup(self, folder: Path, kind: BackupKind, taken_at: datetime) -> Path:
        """A backup file of the store in `folder` (desktop/store/backup.py), copied from this
        store's own connection by SQLite's backup API; the store waits meanwhile."""
        with self._lock:
            self._still_open()
            if self._connection.in_transaction():
                raise RuntimeError("a backup cannot be taken inside a transaction")
            try:
                return write_backup(
                    driver_connection(self._connection), folder, kind, taken_at, self.key
                )
            except DATABASE_ERRORS as error:
                raise as_store_error(error, self.db_path) or error from error

    def _still_open(self) -> None:
        if self._closed:
            # A window whose store was closed under it (a restore from a backup): its timers may
            # still ask until the application closes, and are told, never crashed.
            raise DomainError(
                "store",
                "Data loket sudah ditutup (dipulihkan dari cadangan): tutup aplikasi lalu buka "
                "lagi.",
                "The counter's data was closed (restored from a backup): close the application "
                "and open it again.",
            )

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._connection.close()
            self.engine.dispose()
            self.receipt_mark.close()
