"""Whatever stops an import (Ctrl+C, a bug, the store failing) it reports the rows it committed
before, and the row it stopped at."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.counter import Counter
from desktop.errors import DomainError
from desktop.services import imports
from desktop.services.auth import User
from desktop.services.journal import journal
from desktop.store.failures import store_error
from tests.helpers import registration_rows


def _file(tmp_path: Path, count: int) -> Path:
    path = tmp_path / "agents.csv"
    path.write_text(registration_rows(count), encoding="utf-8", newline="")
    return path


def _stop_at_third(monkeypatch: pytest.MonkeyPatch, error: BaseException) -> None:
    real = imports.register_participant
    calls = {"n": 0}

    def register(*args: object, **kwargs: object) -> object:
        calls["n"] += 1
        if calls["n"] == 3:
            raise error
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(imports, "register_participant", register)


@pytest.mark.parametrize(
    ("error", "field", "words"),
    [
        (KeyboardInterrupt(), "interrupted", "Ctrl+C"),
        (KeyError("no such column"), "bug", "KeyError"),
    ],
)
def test_the_rows_before_the_stop_are_reported_and_kept(
    counter: Counter,
    teller: User,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    error: BaseException,
    field: str,
    words: str,
) -> None:
    _stop_at_third(monkeypatch, error)
    result = imports.import_registrations(counter, teller, _file(tmp_path, 6), lang="en")
    assert [a.row for a in result.accepted] == [2, 3]
    assert result.stopped is not None
    assert (result.stopped.row, result.stopped.field) == (4, field)
    assert words in result.stopped.message
    assert result.as_dict()["stopped"] == {
        "row": 4,
        "field": field,
        "message": result.stopped.message,
    }
    assert len(journal(counter)) == 2  # committed, one transaction a row


def test_a_store_failure_in_a_row_stops_the_file_from_its_groups_first_row(
    counter: Counter, teller: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk may have made SQLite roll the whole group back with the row: none of the
    group is reported as imported, and none of it is in the store (import it again later)."""
    _stop_at_third(monkeypatch, store_error("full", Path("counter.sqlite")))
    result = imports.import_registrations(counter, teller, _file(tmp_path, 6), lang="en")
    assert result.accepted == []
    assert result.stopped is not None
    assert (result.stopped.row, result.stopped.field) == (2, "store")
    assert "full" in result.stopped.message
    assert journal(counter) == []


def test_a_refused_row_does_not_stop_the_file(
    counter: Counter, teller: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _stop_at_third(monkeypatch, DomainError("nik", "NIK sudah terdaftar.", "Already registered."))
    result = imports.import_registrations(counter, teller, _file(tmp_path, 4), lang="id")
    assert result.stopped is None
    assert [a.row for a in result.accepted] == [2, 3, 5]
    assert "stopped" not in result.as_dict()
