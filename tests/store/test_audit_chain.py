"""The audit log's keyed hash chain: appended events verify, any edit or removal is found, and a
chain rebuilt by someone without the audit key fails; an unkeyed chain from before the key is
switched over once and stays verifiable."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from desktop.store.audit import (
    GENESIS_HASH,
    KEYED_ACTION,
    AuditKey,
    append_event,
    canonical_json,
    chain_head,
    event_hash,
    keyed_hash,
    switch_over_seq,
    verify_chain,
)
from desktop.store.store import Store
from tests.tamper import open_raw

KEY = AuditKey(b"k" * 32, fresh=True)
OTHER_KEY = b"o" * 32


def _append(store: Store, count: int, key: AuditKey = KEY, start: int = 0) -> None:
    with store.write() as connection:
        for i in range(start, start + count):
            append_event(
                connection,
                key,
                at=f"2026-11-24T03:00:{i:02d}+00:00",
                actor="teller01",
                action="probe",
                details={"n": i},
            )


def _store_with_events(tmp_path: Path, count: int) -> Store:
    store = Store(tmp_path)
    _append(store, count)
    return store


def _problems(store: Store, key: bytes | None = KEY.secret) -> list[Any]:
    with store.read() as connection:
        return list(verify_chain(connection, key))


def _raw(tmp_path: Path) -> sqlite3.Connection:
    return open_raw(tmp_path / "counter.sqlite")


def _actions(tmp_path: Path) -> list[str]:
    raw = _raw(tmp_path)
    try:
        return [row[0] for row in raw.execute("SELECT action FROM audit_events ORDER BY seq")]
    finally:
        raw.close()


def test_an_untouched_chain_verifies_and_opens_with_its_switch_over(tmp_path: Path) -> None:
    store = _store_with_events(tmp_path, 5)
    assert _problems(store) == []
    with store.read() as connection:
        head = chain_head(connection)
        assert switch_over_seq(connection) == 1
    assert head.seq == 6  # the switch-over, then the five
    assert head.hash != GENESIS_HASH
    store.close()
    assert _actions(tmp_path) == [KEYED_ACTION, *["probe"] * 5]


def test_every_event_is_an_hmac_under_the_key(tmp_path: Path) -> None:
    _store_with_events(tmp_path, 2).close()
    raw = _raw(tmp_path)
    rows = [dict(row) for row in raw.execute("SELECT * FROM audit_events ORDER BY seq")]
    raw.close()
    prev = GENESIS_HASH
    for row in rows:
        assert row["prev_hash"] == prev
        assert row["hash"] == keyed_hash(KEY.secret, prev, row)
        assert row["hash"] != event_hash(prev, row)  # not the unkeyed SHA-256
        prev = row["hash"]


def test_an_edited_event_breaks_the_chain(tmp_path: Path) -> None:
    store = _store_with_events(tmp_path, 5)
    store.close()
    raw = _raw(tmp_path)
    raw.execute("DROP TRIGGER audit_events_no_update")
    raw.execute("UPDATE audit_events SET details = '{\"n\":99}' WHERE seq = 3")
    raw.close()
    store = Store(tmp_path)
    problems = _problems(store)
    assert [p.seq for p in problems] == [3]
    assert "was changed" in problems[0].message_en
    store.close()


def test_a_removed_event_breaks_the_chain(tmp_path: Path) -> None:
    store = _store_with_events(tmp_path, 5)
    store.close()
    raw = _raw(tmp_path)
    raw.execute("DROP TRIGGER audit_events_no_delete")
    raw.execute("DELETE FROM audit_events WHERE seq = 2")
    raw.close()
    store = Store(tmp_path)
    problems = _problems(store)
    assert {p.seq for p in problems} == {3}
    assert any("missing" in p.message_en for p in problems)
    store.close()


@pytest.mark.parametrize("forger", ["sha256", "another key"])
def test_an_event_appended_without_the_key_is_found(tmp_path: Path, forger: str) -> None:
    """Whoever holds the file but not the key can only hash the unkeyed way, or with a key of
    their own: both fail."""
    store = _store_with_events(tmp_path, 3)
    store.close()
    raw = _raw(tmp_path)
    head = dict(raw.execute("SELECT * FROM audit_events ORDER BY seq DESC LIMIT 1").fetchone())
    event = {
        "seq": head["seq"] + 1,
        "at": "2026-11-24T03:01:00+00:00",
        "actor": "teller01",
        "action": "probe",
        "entity_id": None,
        "record_digest": None,
        "details": canonical_json({"n": 99}),
    }
    forged = (
        event_hash(head["hash"], event)
        if forger == "sha256"
        else keyed_hash(OTHER_KEY, head["hash"], event)
    )
    raw.execute(
        "INSERT INTO audit_events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (*event.values(), head["hash"], forged),
    )
    raw.close()
    store = Store(tmp_path)
    problems = _problems(store)
    assert [p.seq for p in problems] == [event["seq"]]
    assert "does not carry this counter's audit key" in problems[0].message_en
    store.close()


def test_a_chain_rebuilt_unkeyed_without_its_switch_over_is_found(tmp_path: Path) -> None:
    """Dropping the keyed part and hashing everything the old way: the counter has its key,
    so its chain must be keyed."""
    store = _store_with_events(tmp_path, 3)
    store.close()
    raw = _raw(tmp_path)
    rows = [dict(row) for row in raw.execute("SELECT * FROM audit_events WHERE seq > 1")]
    raw.execute("DROP TRIGGER audit_events_no_delete")
    raw.execute("DROP TRIGGER audit_events_no_update")
    raw.execute("DELETE FROM audit_events")
    prev = GENESIS_HASH
    for seq, row in enumerate(rows, start=1):
        row = {**row, "seq": seq}
        row["prev_hash"], row["hash"] = prev, event_hash(prev, row)
        raw.execute("INSERT INTO audit_events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", (*row.values(),))
        prev = row["hash"]
    raw.close()
    store = Store(tmp_path)
    problems = _problems(store)
    assert [p.seq for p in problems] == [3]
    assert "not keyed although this counter has its audit key" in problems[0].message_en
    assert _problems(store, key=None) == []  # a PC without the key: an old, unkeyed chain
    # The next event switches the chain over, late: the finding stays.
    _append(store, 1, AuditKey(KEY.secret), start=3)
    problems = _problems(store)
    assert [p.seq for p in problems] == [4]
    assert "keyed only from #4 although its key existed before" in problems[0].message_en
    store.close()


def _unkeyed_chain(tmp_path: Path, count: int) -> None:
    """A chain as counters wrote it before the key: SHA-256 events from #1 (no switch-over)."""
    Store(tmp_path).close()
    raw = _raw(tmp_path)
    prev = GENESIS_HASH
    for seq in range(1, count + 1):
        row: dict[str, object] = {
            "seq": seq,
            "at": f"2026-11-24T02:00:{seq:02d}+00:00",
            "actor": "spv01",
            "action": "old",
            "entity_id": None,
            "record_digest": None,
            "details": "{}",
        }
        row["prev_hash"], row["hash"] = prev, event_hash(prev, row)
        raw.execute("INSERT INTO audit_events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", (*row.values(),))
        prev = str(row["hash"])
    raw.close()


def test_an_unkeyed_chain_switches_over_once_and_keeps_verifying(tmp_path: Path) -> None:
    _unkeyed_chain(tmp_path, 3)
    store = Store(tmp_path)
    assert _problems(store, key=None) == []  # before the key: the old chain verifies
    _append(store, 2)
    assert _problems(store) == []
    _append(store, 2, start=2)
    store.close()
    assert _actions(tmp_path) == ["old"] * 3 + [KEYED_ACTION] + ["probe"] * 4
    raw = _raw(tmp_path)
    (details,) = raw.execute("SELECT details FROM audit_events WHERE seq = 4").fetchone()
    raw.close()
    recorded = json.loads(details)
    assert recorded["scheme"] == "hmac-sha256"
    assert recorded["unkeyed_events"] == 3
    assert recorded["late"] is False
    assert set(recorded["state"]) == {
        "counter_profile",
        "users",
        "business_days",
        "cash_counts",
        "day_closes",
        "day_reopens",
    }
    store = Store(tmp_path)
    assert _problems(store, key=None)[0].seq == 4  # keyed events, but no key on this PC
    assert "does not keep the counter's audit key" in _problems(store, key=None)[0].message_en
    # An old event edited after the switch-over breaks the keyed event that follows it.
    store.close()
    raw = _raw(tmp_path)
    raw.execute("DROP TRIGGER audit_events_no_update")
    raw.execute("UPDATE audit_events SET actor = 'x' WHERE seq = 2")
    raw.close()
    store = Store(tmp_path)
    assert [p.seq for p in _problems(store)] == [2]
    store.close()


def test_a_switch_over_rolled_back_is_made_again(tmp_path: Path) -> None:
    """The connection remembers a keyed head only while the chain still ends there."""
    _unkeyed_chain(tmp_path, 2)
    store = Store(tmp_path)

    def cut_after_appending() -> None:
        with store.write() as connection:
            append_event(connection, KEY, at="2026-11-24T03:00:00+00:00", actor=None, action="x")
            raise RuntimeError("power cut")

    with pytest.raises(RuntimeError, match="power cut"):
        cut_after_appending()
    _append(store, 1)
    assert _problems(store) == []
    store.close()
    assert _actions(tmp_path) == ["old", "old", KEYED_ACTION, "probe"]


@pytest.mark.parametrize(
    "statement", ["UPDATE audit_events SET actor = 'x'", "DELETE FROM audit_events"]
)
def test_events_cannot_be_updated_or_deleted_through_sql(tmp_path: Path, statement: str) -> None:
    store = _store_with_events(tmp_path, 2)
    with pytest.raises(sa.exc.IntegrityError, match="append-only"), store.write() as connection:
        connection.execute(sa.text(statement))
    assert _problems(store) == []
    store.close()


def test_a_keyed_chain_is_never_switched_over_again(tmp_path: Path) -> None:
    """A PC that lost the key and made a new one: its events follow the chain, but the chain is
    not started afresh; verify with the new key names every event the old one made."""
    store = _store_with_events(tmp_path, 2)
    new_key = AuditKey(OTHER_KEY, fresh=True)
    _append(store, 1, new_key, start=2)
    with store.read() as connection:
        assert switch_over_seq(connection) == 1
    assert [p.seq for p in _problems(store, key=OTHER_KEY)] == [1, 2, 3]
    assert [p.seq for p in _problems(store)] == [4]
    store.close()
    assert _actions(tmp_path) == [KEYED_ACTION, "probe", "probe", "probe"]
