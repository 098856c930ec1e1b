"""SQL for the capture path, written out once from the schema and run on the DB-API cursor.

Every capture is one durable transaction of about ten statements. Built and executed through
SQLAlchemy, each costs 20-180 µs of Python; as fixed text on the sqlite3 cursor, about 2 µs
(docs/performance.md). The text is derived from the Table objects, so the schema stays the one
definition. Use it only inside a Store scope, whose transaction it joins.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from typing import Any

import sqlalchemy as sa


def cursor(connection: sa.Connection) -> sqlite3.Cursor:
    driver = connection.connection.driver_connection
    if not isinstance(driver, sqlite3.Connection):  # pragma: no cover - the store is SQLite
        raise TypeError("the store's driver connection is not sqlite3")
    return driver.cursor()


@cache
def column_names(table: sa.Table) -> tuple[str, ...]:
    return tuple(column.name for column in table.columns)


@cache
def insert_sql(table: sa.Table) -> str:
    names = column_names(table)
    # Names come from the schema, never from input; values are bound parameters.
    return (
        f"INSERT INTO {table.name} ({', '.join(names)}) "  # noqa: S608
        f"VALUES ({', '.join('?' for _ in names)})"
    )


def insert(cur: sqlite3.Cursor, table: sa.Table, rows: Iterable[Mapping[str, Any]]) -> None:
    """Insert full rows (every column present, as records.full_row makes them)."""
    names = column_names(table)
    values: Sequence[tuple[Any, ...]] = [tuple(row[name] for name in names) for row in rows]
    if len(values) == 1:
        cur.execute(insert_sql(table), values[0])
    elif values:
        cur.executemany(insert_sql(table), values)
