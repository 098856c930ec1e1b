"""Which counter a store file belongs to, read with the driver alone before the store opens.

The window shows its login with the branch and counter number at once and opens the store
(SQLAlchemy, migrations) on the database worker meanwhile; this read (the key fetched from
this PC's key store, the file opened read-only with it) costs a few milliseconds where
importing and opening the store costs a few hundred.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.errors import StoreKeyError
from desktop.keystore import STORE_KEY, KeyStoreError, open_keystore
from desktop.store.engine import DATABASE_ERRORS, connect


@dataclass(frozen=True)
class CounterPeek:
    counter_code: str
    branch_name: str
    counter_no: int


def peek_counter(db_path: Path) -> CounterPeek | None:
    """The counter a store file is set up for; None when there is no such file or no counter
    in it yet, or when it cannot be read without opening it properly (no key on this PC, a
    store from before encryption: the caller then opens it, and says why it cannot)."""
    if not db_path.is_file():
        return None
    try:
        key = open_keystore(db_path.parent).get(STORE_KEY)
        if key is None:
            return None
        connection = connect(db_path, key, readonly=True)
    except (KeyStoreError, StoreKeyError, *DATABASE_ERRORS):
        return None
    try:
        row = connection.execute(
            "SELECT counter_code, branch_name, counter_no FROM counter_profile LIMIT 1"
        ).fetchone()
    except DATABASE_ERRORS:
        return None
    finally:
        connection.close()
    if row is None:
        return None
    return CounterPeek(str(row[0]), str(row[1]), int(row[2]))
