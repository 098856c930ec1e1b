"""Tampering with a counter's files as someone who holds them and the store's key (but not the
audit key) would: the driver on `counter.sqlite`, a text editor on `settings.json`.

Every test that edits a store behind the application's back opens it here (`open_raw`): the
store's one opening function (desktop/store/engine.py `connect`) with the key this run's key
store keeps for the data folder.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

from sqlcipher3 import dbapi2 as sqlcipher

from desktop.keystore import STORE_KEY, open_keystore
from desktop.paths import DB_FILENAME
from desktop.settings import settings_file
from desktop.store.audit import canonical_json, digest, event_hash
from desktop.store.engine import connect
from desktop.store.records import load_records
from desktop.store.schema import transactions
from desktop.store.store import Store


def store_key(folder: Path) -> bytes:
    """The store key this run's key store keeps for the data folder `folder`."""
    key = open_keystore(folder).get(STORE_KEY)
    assert key is not None, f"no store key for {folder}"
    return key


def open_raw(db: Path, *, folder: Path | None = None, timeout: float = 5.0) -> sqlcipher.Connection:
    """The store file `db` (or a backup of the data folder `folder`'s store) through the driver,
    with its key: autocommit, rows as Row objects."""
    key = store_key(folder or db.parent)
    raw = connect(db, key, busy_timeout_ms=int(timeout * 1000))
    raw.execute("PRAGMA foreign_keys=OFF")  # as a plain connection is: off unless asked for
    raw.row_factory = sqlcipher.Row
    return raw


def tamper(folder: Path, sql: str) -> None:
    """Run a script of statements on the data folder's store."""
    raw = open_raw(folder / DB_FILENAME)
    try:
        raw.executescript(sql)
    finally:
        raw.close()


def query(folder: Path, sql: str, *params: object) -> list[Any]:
    raw = open_raw(folder / DB_FILENAME)
    try:
        return [tuple(row) for row in raw.execute(sql, params).fetchall()]
    finally:
        raw.close()


def trigger_sql(folder: Path, name: str) -> str:
    """A trigger's SQL as the store keeps it, to put it back after an edit."""
    ((sql,),) = query(folder, "SELECT sql FROM sqlite_master WHERE name = ?", name)
    return str(sql)


def edit_settings(folder: Path, **values: str) -> None:
    """settings.json edited by hand."""
    path = settings_file(folder)
    saved = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"version": 1}
    path.write_text(json.dumps({**saved, **values}), encoding="utf-8")


def append_fake_contribution(folder: Path) -> tuple[str, int]:
    """A contribution that never happened, appended as a careful forger without the audit key
    would: a copy of the last cash contribution under the next receipt number, its outbox row,
    the receipt sequence moved on by one, and its audit event hashed the only way they can, as
    the unkeyed chain was. Every check but the chain's key passes. Returns (receipt, event seq).
    """
    raw = open_raw(folder / DB_FILENAME)
    try:
        (code,) = raw.execute("SELECT counter_code FROM counter_profile").fetchone()
        (last_seq,) = raw.execute("SELECT last_seq FROM receipt_sequence").fetchone()
        (model,) = raw.execute(
            "SELECT seq FROM transactions WHERE kind = 'contribution' AND tender = 'cash' "
            "ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        seq, txn_id = last_seq + 1, str(uuid.uuid4())
        receipt = f"{code}-{seq:07d}"
        raw.execute("BEGIN")
        raw.execute(
            "INSERT INTO transactions SELECT ?, ?, ?, kind, business_date, created_at, timezone, "
            "teller_id, participant_id, amount, tender, debit_account, cash_given "
            "FROM transactions WHERE seq = ?",
            (seq, txn_id, receipt, model),
        )
        for table in ("contributions", "contribution_lines"):
            columns = [row[1] for row in raw.execute(f"PRAGMA table_info({table})")]
            rest = ", ".join(c for c in columns if c != "seq")
            raw.execute(
                f"INSERT INTO {table} (seq, {rest}) SELECT ?, {rest} FROM {table} WHERE seq = ?",
                (seq, model),
            )
        raw.execute("INSERT INTO outbox (seq, status, attempts) VALUES (?, 'pending', 0)", (seq,))
        raw.execute("UPDATE receipt_sequence SET last_seq = ?", (seq,))
        raw.execute("COMMIT")
    finally:
        raw.close()
    store = Store(folder)  # the forger reads the record back by the published rules
    try:
        with store.read() as connection:
            record = load_records(connection, transactions.c.seq == seq)[txn_id]
    finally:
        store.close()
    raw = open_raw(folder / DB_FILENAME)
    try:
        head = dict(raw.execute("SELECT * FROM audit_events ORDER BY seq DESC LIMIT 1").fetchone())
        (amount,) = raw.execute("SELECT amount FROM transactions WHERE seq = ?", (seq,)).fetchone()
        event: dict[str, object] = {
            "seq": head["seq"] + 1,
            "at": head["at"],
            "actor": head["actor"],
            "action": "contribution",
            "entity_id": txn_id,
            "record_digest": digest(record),
            "details": canonical_json({"receipt_no": receipt, "amount": amount}),
        }
        event["prev_hash"] = head["hash"]
        event["hash"] = event_hash(head["hash"], event)
        raw.execute(
            "INSERT INTO audit_events (seq, at, actor, action, entity_id, record_digest, details, "
            "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            tuple(event.values()),
        )
    finally:
        raw.close()
    return receipt, int(str(event["seq"]))
