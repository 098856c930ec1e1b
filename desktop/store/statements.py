"""The driver's cursor and INSERT text written out once from the schema, for the store's fast SQL.

Every capture is one durable transaction of about a dozen statements. Built and executed through
SQLAlchemy, each costs 20-180 µs of Python; as fixed text on the driver's cursor, about 2 µs
(docs/performance.md). The text is derived from the Table objects, so the schema stays the one
definition. Only modules of desktop/store/ use it (captures.py, participants.py, journal_rows.py
...; tests/test_layering.py checks that nothing else does), and only inside a Store scope, whose
transaction it joins.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import cache
from operator import itemgetter
from typing import Any

import sqlalchemy as sa
from sqlcipher3 import dbapi2 as sqlcipher

_CURSOR = "spo_cursor"


def cursor(connection: sa.Connection) -> sqlcipher.Cursor:
    """The driver's cursor, made once per connection (finding it through SQLAlchemy is slow).

    Shared by every statement on the connection: fetch a statement's rows before the next.
    """
    found = connection.info.get(_CURSOR)
    if found is None:
        driver = connection.connection.driver_connection
        if not isinstance(driver, sqlcipher.Connection):  # pragma: no cover - always sqlcipher3
            raise TypeError("the store's driver connection is not sqlcipher3")
        found = connection.info[_CURSOR] = driver.cursor()
    if not isinstance(found, sqlcipher.Cursor):  # pragma: no cover - only this function sets it
        raise TypeError("not a sqlcipher3 cursor")
    return found


@cache
def column_names(table: sa.Table) -> tuple[str, ...]:
    # Plain str, not SQLAlchemy's quoted_name: rows built with these keys are serialised on every
    # upload, and a str subclass sends pydantic-core down a slow path.
    return tuple(str.__str__(column.name) for column in table.columns)


@cache
def insert_sql(table: sa.Table) -> str:
    names = column_names(table)
    # Names come from the schema, never from input; values are bound parameters.
    return (
        f"INSERT INTO {table.name} ({', '.join(names)}) "  # noqa: S608
        f"VALUES ({', '.join('?' for _ in names)})"
    )


@cache
def _row_values(table: sa.Table) -> Callable[[Mapping[str, Any]], tuple[Any, ...]]:
    names = column_names(table)
    pick = itemgetter(*names)
    return (lambda row: (pick(row),)) if len(names) == 1 else pick


def insert(cur: sqlcipher.Cursor, table: sa.Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert full rows (every column present, as records.full_row makes them)."""
    if not rows:
        return
    values = _row_values(table)
    if len(rows) == 1:
        cur.execute(insert_sql(table), values(rows[0]))
    else:
        cur.executemany(insert_sql(table), [values(row) for row in rows])
