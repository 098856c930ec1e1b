"""The store's key and the store files made private: a store from before encryption encrypted
in place, its backups too, and the data folder readable by this user alone.

The key is the data folder's STORE_KEY in this PC's key store (desktop/keystore.py), made when
the folder gets its first store. An existing encrypted store without its key on this PC is
never given a new one: the key comes back from the recovery sheet, or the store stays shut.
"""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path
from typing import Final

from sqlcipher3 import dbapi2 as sqlcipher

from desktop.errors import StoreKeyError
from desktop.files import fsync_folder, private_modes
from desktop.keystore import STORE_KEY, KeyStore
from desktop.store.engine import connect, is_plain_store

log = logging.getLogger(__name__)
_ENCRYPTING: Final = ".encrypting"
_SIDE_FILES: Final = ("-wal", "-shm", "-journal")


def store_key(keys: KeyStore, db_path: Path) -> bytes:
    """The store's raw key; made for a folder with no encrypted store yet, else only read."""
    kept = keys.get(STORE_KEY)
    if kept is not None:
        return kept
    if _has_encrypted_data(db_path):
        raise StoreKeyError.missing(db_path)
    return keys.key(STORE_KEY)


def _has_encrypted_data(db_path: Path) -> bool:
    try:
        return db_path.stat().st_size > 0 and not is_plain_store(db_path)
    except FileNotFoundError:
        return False


def opens_with(db_path: Path, key: bytes) -> bool:
    """Whether the store file `db_path` opens with `key` (a key being restored is checked)."""
    try:
        connect(db_path, key, readonly=True).close()
    except StoreKeyError:
        return False
    return True


def encrypt_in_place(db_path: Path, key: bytes) -> None:
    """Replace an unencrypted SQLite file by an encrypted copy of it, checked first.

    The copy (sqlcipher_export) is written beside the file, checked (integrity_check and the
    same rows in every table), then renamed over it; the file's write-ahead log, checkpointed
    into the copy, goes with it, so no unencrypted page is left in the folder. A crash before
    the rename leaves the unencrypted file as it was, to be encrypted at the next start.
    """
    partial = db_path.with_name(db_path.name + _ENCRYPTING)
    partial.unlink(missing_ok=True)
    _create_private(partial)
    source = sqlcipher.connect(str(db_path), isolation_level=None)
    try:
        source.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        tables = [
            str(name)
            for (name,) in source.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        counts = {name: _count(source, name) for name in tables}
        (user_version,) = source.execute("PRAGMA user_version").fetchone()
        source.execute(f"ATTACH DATABASE ? AS encrypted KEY \"x'{key.hex()}'\"", (str(partial),))
        source.execute("SELECT sqlcipher_export('encrypted')")
        source.execute(f"PRAGMA encrypted.user_version = {int(user_version)}")
        source.execute("DETACH DATABASE encrypted")
    finally:
        source.close()
    _check_copy(partial, key, counts)
    _fsync(partial)
    for suffix in _SIDE_FILES:  # checkpointed into the copy: nothing in them is lost
        db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
    os.replace(partial, db_path)
    fsync_folder(db_path.parent)
    log.info("encrypted %s in place", db_path)


def encrypt_plain_backups(backup_dir: Path, key: bytes) -> list[Path]:
    """Every unencrypted store backup in `backup_dir` (a pre-upgrade backup taken by a version
    before encryption) encrypted in place; returns those encrypted."""
    done: list[Path] = []
    if not backup_dir.is_dir():
        return done
    for path in sorted(backup_dir.iterdir()):
        if path.is_file() and not path.name.endswith(_SIDE_FILES) and is_plain_store(path):
            encrypt_in_place(path, key)
            done.append(path)
    return done


def _count(connection: sqlcipher.Connection, table: str) -> int:
    quoted = '"' + table.replace('"', '""') + '"'
    (found,) = connection.execute(f"SELECT count(*) FROM {quoted}").fetchone()  # noqa: S608
    return int(found)


def _check_copy(partial: Path, key: bytes, counts: dict[str, int]) -> None:
    copy = connect(partial, key, readonly=True)
    try:
        (verdict,) = copy.execute("PRAGMA integrity_check").fetchone()
        copied = {name: _count(copy, name) for name in counts}
    finally:
        copy.close()
    if verdict != "ok" or copied != counts:
        partial.unlink(missing_ok=True)
        raise RuntimeError(f"the encrypted copy of {partial} differs: {verdict}")


def _create_private(path: Path) -> None:
    flags, mode = os.O_CREAT | os.O_WRONLY | os.O_EXCL, private_modes(path.parent)[1]
    os.close(os.open(path, flags, mode))
    os.chmod(path, mode)  # whatever the umask


def _fsync(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def make_private(data_dir: Path) -> None:
    """The data folder 0700 and everything in it 0600 (folders 0700), this user alone; in a
    folder shared by a group of teller accounts (setgid: Linux install.sh's /var/lib/spo-counter)
    the group keeps its access, others get none (2770, 0660).

    Only what this user owns can be changed: anything else is left as it is. On Windows the data
    folder's ACLs decide (the user's profile, or the installer's grant); POSIX modes mean nothing
    there.
    """
    if os.name != "posix":  # pragma: no cover - Windows: the folder's ACLs
        return
    folder_mode, file_mode = private_modes(data_dir)
    with contextlib.suppress(OSError):
        data_dir.chmod(folder_mode)
    for folder, subfolders, files in os.walk(data_dir):
        for name in subfolders:
            with contextlib.suppress(OSError):
                os.chmod(os.path.join(folder, name), folder_mode)
        for name in files:
            with contextlib.suppress(OSError):
                os.chmod(os.path.join(folder, name), file_mode)
