"""Which counter a store file belongs to, read with the standard library before the store opens.

The window shows its login with the branch and counter number at once and opens the store
(SQLAlchemy, migrations) on the database worker meanwhile; this read costs a few milliseconds
where importing and opening the store costs a few hundred.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class CounterPeek:
    counter_code: str
    branch_name: str
    counter_no: int


def peek_counter(db_path: Path) -> CounterPeek | None:
    """The counter a store file is set up for; None when there is no such file or no counter
    in it yet, or when it cannot be read without opening it properly (the caller then does)."""
    if not db_path.is_file():
        return None
    try:
        connection = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        row = connection.execute(
            "SELECT counter_code, branch_name, counter_no FROM counter_profile LIMIT 1"
        ).fetchone()
    except sqlite3.Error:
        return None
    finally:
        connection.close()
    if row is None:
        return None
    return CounterPeek(str(row[0]), str(row[1]), int(row[2]))
