"""Each SQLite failure is one StoreError kind with its message naming the file; other errors
are left as they are; the wait for a busy store is configured from the environment."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa

from desktop.errors import StoreError
from desktop.store.busy import DEFAULT_LIMIT_S, BusyWait
from desktop.store.failures import STORE_FAILURES, as_store_error, failure_kind, store_error


def _sqlite_error(sql: str, db: Path) -> sqlite3.Error:
    connection = sqlite3.connect(db)
    try:
        connection.execute(sql)
    except sqlite3.Error as error:
        return error
    finally:
        connection.close()
    raise AssertionError("no error")


@pytest.mark.parametrize("kind", STORE_FAILURES)
def test_every_kind_names_the_file_in_both_languages(kind: str, tmp_path: Path) -> None:
    error = store_error(kind, tmp_path / "counter.sqlite", "SQLite's words")
    assert isinstance(error, StoreError)
    assert error.field == "store"
    assert error.kind == kind
    assert str(tmp_path / "counter.sqlite") in error.message("id")
    assert str(tmp_path / "counter.sqlite") in error.message("en")
    assert error.message("id") != error.message("en")
    assert repr(error) == f"StoreError(kind={kind!r}, path={str(tmp_path / 'counter.sqlite')!r})"


def test_an_unknown_kind_is_a_bug(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown store failure"):
        store_error("haunted", tmp_path / "counter.sqlite")


def test_codes_decide_wrapped_or_not(tmp_path: Path) -> None:
    (tmp_path / "picture.sqlite").write_bytes(b"\x89PNG\r\n\x1a\n" + b"x" * 2000)
    not_a_db = _sqlite_error("SELECT * FROM sqlite_master", tmp_path / "picture.sqlite")
    assert failure_kind(not_a_db) == "not_a_database"
    wrapped = sa.exc.DatabaseError("SELECT", None, not_a_db)
    assert failure_kind(wrapped) == "not_a_database"
    known = as_store_error(wrapped, tmp_path / "picture.sqlite")
    assert known is not None
    assert "is not an SPO Counter database" in known.message("en")
    missing_table = _sqlite_error("SELECT * FROM nothing", tmp_path / "ok.sqlite")
    assert failure_kind(missing_table) is None  # a bug in a statement stays a bug
    assert as_store_error(missing_table, tmp_path / "ok.sqlite") is None
    assert failure_kind(ValueError("database is locked")) is None  # not a driver's error


class _Driver:
    """Another DB-API driver's error class, as SQLCipher's module names it, without codes."""

    class DatabaseError(Exception):
        pass


_Driver.DatabaseError.__module__ = "sqlcipher3.dbapi2"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("database is locked", "locked"),
        ("database or disk is full", "full"),
        ("disk I/O error", "io"),
        ("attempt to write a readonly database", "read_only"),
        ("file is not a database", "not_a_database"),
        ("something else", None),
    ],
)
def test_a_driver_without_codes_is_judged_by_its_words(text: str, kind: str | None) -> None:
    assert failure_kind(_Driver.DatabaseError(text)) == kind


def test_the_wait_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SPO_STORE_WAIT", raising=False)
    assert BusyWait.from_environment() == BusyWait(DEFAULT_LIMIT_S, 5000)
    monkeypatch.setenv("SPO_STORE_WAIT", "3")
    assert BusyWait.from_environment() == BusyWait(3.0, 1000)
    monkeypatch.setenv("SPO_STORE_WAIT", "soon")
    assert BusyWait.from_environment().limit_s == DEFAULT_LIMIT_S
    monkeypatch.setenv("SPO_STORE_WAIT", "-5")
    assert BusyWait.from_environment() == BusyWait(0.0, 0)
