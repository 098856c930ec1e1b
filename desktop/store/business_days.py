"""The business days the capture gate reads and opens, in SQL on the driver's cursor: every
capture reads the newest day, and the first capture of a day opens it."""

from __future__ import annotations

import sqlalchemy as sa

from desktop.store.statements import cursor

_NEWEST_DAY = (
    "SELECT business_date, status, closes FROM business_days ORDER BY business_date DESC LIMIT 1"
)
_INSERT_DAY = (
    "INSERT INTO business_days (business_date, opened_at, opened_by, auto_opened, "
    "opening_count_id, opening_float, status, closes) VALUES (?, ?, ?, ?, ?, ?, 'open', 0)"
)


def newest_day(connection: sa.Connection) -> tuple[str, str, int] | None:
    """(business date, status, times closed) of the newest business day opened, if any."""
    row = cursor(connection).execute(_NEWEST_DAY).fetchone()
    return None if row is None else (str(row[0]), str(row[1]), int(row[2]))


def insert_open_day(
    connection: sa.Connection,
    business_date: str,
    opened_at: str,
    opened_by: str | None,
    *,
    automatic: bool,
    opening_count_id: int | None,
    opening_float: int,
) -> None:
    """A business day, open and never closed yet."""
    cursor(connection).execute(
        _INSERT_DAY,
        (business_date, opened_at, opened_by, int(automatic), opening_count_id, opening_float),
    )
