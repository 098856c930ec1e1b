"""The append-only audit log: each event hashes the one before it and the record it concerns."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import sqlalchemy as sa

from desktop.store.schema import audit_events
from desktop.store.statements import cursor, insert

GENESIS_HASH = "0" * 64


def canonical_json(value: object) -> str:
    """One spelling per value: sorted keys, no spaces, UTF-8 kept, so hashes are reproducible."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def digest(value: object) -> str:
    return hashlib.sha256(canonical_json(value).encode("utf-8")).hexdigest()


def event_hash(prev_hash: str, event: Mapping[str, object]) -> str:
    body = {key: event[key] for key in sorted(event) if key not in ("hash", "prev_hash")}
    return hashlib.sha256((prev_hash + canonical_json(body)).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainHead:
    seq: int
    hash: str


def chain_head(connection: sa.Connection) -> ChainHead:
    row = (
        cursor(connection)
        .execute("SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1")
        .fetchone()
    )
    return ChainHead(0, GENESIS_HASH) if row is None else ChainHead(row[0], row[1])


def append_event(
    connection: sa.Connection,
    *,
    at: str,
    actor: str | None,
    action: str,
    entity_id: str | None = None,
    record_digest: str | None = None,
    details: Mapping[str, object] | None = None,
) -> ChainHead:
    """Append one event; call inside the write transaction of the change it records.

    Details must never carry a NIK or KPJ: the audit log is read by bank IT.
    """
    head = chain_head(connection)
    event: dict[str, object] = {
        "seq": head.seq + 1,
        "at": at,
        "actor": actor,
        "action": action,
        "entity_id": entity_id,
        "record_digest": record_digest,
        "details": canonical_json(dict(details or {})),
    }
    new_hash = event_hash(head.hash, event)
    insert(cursor(connection), audit_events, [{**event, "prev_hash": head.hash, "hash": new_hash}])
    return ChainHead(head.seq + 1, new_hash)


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    message_id: str
    message_en: str


def verify_chain(connection: sa.Connection) -> Iterator[ChainProblem]:
    """Walk the chain from the first event; yields every break found."""
    expected_prev = GENESIS_HASH
    expected_seq = 1
    rows = connection.execute(sa.select(audit_events).order_by(audit_events.c.seq))
    for row in rows.mappings():
        seq = row["seq"]
        if seq != expected_seq:
            yield ChainProblem(
                seq,
                f"peristiwa audit #{expected_seq} sampai #{seq - 1} hilang",
                f"audit events #{expected_seq} to #{seq - 1} are missing",
            )
        if row["prev_hash"] != expected_prev:
            yield ChainProblem(
                seq,
                f"peristiwa audit #{seq} tidak menyambung dengan peristiwa sebelumnya",
                f"audit event #{seq} does not follow the event before it",
            )
        if event_hash(row["prev_hash"], dict(row)) != row["hash"]:
            yield ChainProblem(
                seq,
                f"peristiwa audit #{seq} diubah setelah ditulis",
                f"audit event #{seq} was changed after it was written",
            )
        expected_prev = row["hash"]
        expected_seq = row["seq"] + 1
