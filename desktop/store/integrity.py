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
    return set(triggers(connection))


def triggers(connection: sa.Connection) -> dict[str, str]:
    """Every trigger in the schema: its name and its SQL as SQLite keeps it."""
    rows = connection.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
    )
    return {str(name): str(sql or "") for name, sql in rows}


def normalised_sql(sql: str) -> str:
    """A statement with its whitespace collapsed and no final semicolon, for comparing texts."""
    return " ".join(sql.split()).rstrip(";").rstrip()
