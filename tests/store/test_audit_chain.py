"""The audit log's hash chain: appended events verify, any edit or removal is found."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa

from desktop.store.audit import GENESIS_HASH, append_event, chain_head, verify_chain
from desktop.store.store import Store


def _store_with_events(tmp_path: Path, count: int) -> Store:
    store = Store(tmp_path)
    with store.write() as connection:
        for i in range(count):
            append_event(
                connection,
                at=f"2026-11-24T03:00:{i:02d}+00:00",
                actor="teller01",
                action="probe",
                details={"n": i},
            )
    return store


def test_an_untouched_chain_verifies(tmp_path: Path) -> None:
    store = _store_with_events(tmp_path, 5)
    with store.read() as connection:
        assert list(verify_chain(connection)) == []
        head = chain_head(connection)
    assert head.seq == 5
    assert head.hash != GENESIS_HASH
    store.close()


def test_an_edited_event_breaks_the_chain(tmp_path: Path) -> None:
    store = _store_with_events(tmp_path, 5)
    store.close()
    raw = sqlite3.connect(tmp_path / "counter.sqlite")
    raw.execute("DROP TRIGGER audit_events_no_update")
    raw.execute("UPDATE audit_events SET details = '{\"n\":99}' WHERE seq = 3")
    raw.commit()
    raw.close()
    store = Store(tmp_path)
    with store.read() as connection:
        problems = list(verify_chain(connection))
    assert [p.seq for p in problems] == [3]
    assert "changed" in problems[0].message_en
    store.close()


def test_a_removed_event_breaks_the_chain(tmp_path: Path) -> None:
    store = _store_with_events(tmp_path, 5)
    store.close()
    raw = sqlite3.connect(tmp_path / "counter.sqlite")
    raw.execute("DROP TRIGGER audit_events_no_delete")
    raw.execute("DELETE FROM audit_events WHERE seq = 2")
    raw.commit()
    raw.close()
    store = Store(tmp_path)
    with store.read() as connection:
        problems = list(verify_chain(connection))
    assert {p.seq for p in problems} == {3}
    assert any("missing" in p.message_en for p in problems)
    store.close()


@pytest.mark.parametrize(
    "statement", ["UPDATE audit_events SET actor = 'x'", "DELETE FROM audit_events"]
)
def test_events_cannot_be_updated_or_deleted_through_sql(tmp_path: Path, statement: str) -> None:
    store = _store_with_events(tmp_path, 2)
    with pytest.raises(sa.exc.IntegrityError, match="append-only"), store.write() as connection:
        connection.execute(sa.text(statement))
    with store.read() as connection:
        assert list(verify_chain(connection)) == []
    store.close()
