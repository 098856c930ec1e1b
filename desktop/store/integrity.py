"""What SQLite itself says about the file: its integrity check, and the triggers it holds."""

from __future__ import annotations

import sqlalchemy as sa


def integrity_problems(connection: sa.Connection) -> list[str]:
    """`PRAGMA integrity_check`: empty when the file is whole, else what SQLite found (or the
    error that kept it from looking)."""
    try:
        results = [str(row[0]) for row in connection.exec_driver_sql("PRAGMA integrity_check")]
    except sa.exc.DatabaseError as error:
        return [str(error.orig)]
    return [] if results == ["ok"] else results


def trigger_names(connection: sa.Connection) -> set[str]:
    """The names of every trigger in the schema."""
    return set(
        connection.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'"
        ).scalars()
    )
