"""The append-only audit log: each event's hash covers the one before it and what it records.

The chain is keyed: an event's hash is the HMAC-SHA256, under the counter's audit key, of the
previous event's hash followed by the event's canonical JSON. The key lives in the keystore
(desktop/keystore.py `AUDIT_KEY`), never in the database, so whoever holds the database file but
not the key cannot rebuild the chain after editing or adding an event.

Chains begun before the key existed keep their unkeyed events (SHA-256 of the same text): the
first keyed event is the switch-over, action `audit.keyed`, and every event from it on is keyed.
A new chain opens with it. Its details record how many unkeyed events came before, whether the
key already existed when the switch was made (`late`: a chain that should have been keyed all
along, so the unkeyed part may have been rebuilt), and the state of every audited row at that
moment (desktop/store/row_states.py), the baseline `verify` compares later changes against.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

import sqlalchemy as sa

from desktop.store.canonical import canonical_json, digest
from desktop.store.row_states import STATE, all_states
from desktop.store.schema import audit_events
from desktop.store.statements import cursor, insert

__all__ = [
    "GENESIS_HASH",
    "KEYED_ACTION",
    "AuditKey",
    "ChainHead",
    "ChainProblem",
    "append_event",
    "canonical_json",
    "chain_head",
    "digest",
    "event_hash",
    "keyed_hash",
    "switch_over_seq",
    "unvouched_event",
    "verify_chain",
]

GENESIS_HASH: Final = "0" * 64
KEYED_ACTION: Final = "audit.keyed"  # the switch-over: this event and every later one are keyed
SCHEME: Final = "hmac-sha256"
_EVENT_COLUMNS: Final = "seq, at, actor, action, entity_id, record_digest, details, prev_hash, hash"
_KEYED_HEAD: Final = "spo_audit_keyed_head"  # connection.info: the head known to be keyed, by key


def _hashed_text(prev_hash: str, event: Mapping[str, object]) -> bytes:
    body = {key: event[key] for key in sorted(event) if key not in ("hash", "prev_hash")}
    return (prev_hash + canonical_json(body)).encode("utf-8")


def event_hash(prev_hash: str, event: Mapping[str, object]) -> str:
    """An unkeyed event's hash: SHA-256 (events written before the chain's switch-over)."""
    return hashlib.sha256(_hashed_text(prev_hash, event)).hexdigest()


def keyed_hash(key: bytes, prev_hash: str, event: Mapping[str, object]) -> str:
    """A keyed event's hash: HMAC-SHA256 under the counter's audit key."""
    return hmac.digest(key, _hashed_text(prev_hash, event), "sha256").hex()


@dataclass(frozen=True)
class AuditKey:
    """The counter's audit key (256 bits from the keystore).

    `fresh`: made just now, for a data folder that never had one. Only a fresh key switches a
    chain with unkeyed events over quietly; a key kept from before finding such a chain means the
    chain lost its keyed part, and the switch-over it then gets is marked late (a `verify`
    finding).
    """

    secret: bytes = field(repr=False)
    fresh: bool = False


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
    key: AuditKey,
    *,
    at: str,
    actor: str | None,
    action: str,
    entity_id: str | None = None,
    record_digest: str | None = None,
    details: Mapping[str, object] | None = None,
) -> ChainHead:
    """Append one keyed event; call inside the write transaction of the change it records.

    Details must never carry a NIK or KPJ: the audit log is read by bank IT. A chain not keyed
    yet gets its switch-over event first.
    """
    head = chain_head(connection)
    if connection.info.get(_KEYED_HEAD) != (head, key.secret):
        head = _keyed_head(connection, key, head, at)
    event: dict[str, object] = {
        "seq": head.seq + 1,
        "at": at,
        "actor": actor,
        "action": action,
        "entity_id": entity_id,
        "record_digest": record_digest,
        "details": canonical_json(dict(details or {})),
    }
    new_hash = keyed_hash(key.secret, head.hash, event)
    insert(cursor(connection), audit_events, [{**event, "prev_hash": head.hash, "hash": new_hash}])
    appended = ChainHead(head.seq + 1, new_hash)
    # Kept until the head moves otherwise (a rollback, another process): then looked at again.
    connection.info[_KEYED_HEAD] = (appended, key.secret)
    return appended


def _keyed_head(connection: sa.Connection, key: AuditKey, head: ChainHead, at: str) -> ChainHead:
    """The head to append after: `head` once the chain is keyed, else its switch-over event."""
    if head.seq:
        newest = cursor(connection).execute(
            f"SELECT {_EVENT_COLUMNS} FROM audit_events WHERE seq = ?",  # noqa: S608
            (head.seq,),
        )
        row = dict(zip(_EVENT_COLUMNS.split(", "), newest.fetchone(), strict=True))
        if keyed_hash(key.secret, str(row["prev_hash"]), row) == row["hash"]:
            return head
        if switch_over_seq(connection) is not None:
            return head  # keyed before, yet the head is not this key's: `verify` reports it
    details = {
        "scheme": SCHEME,
        "unkeyed_events": head.seq,
        "late": bool(head.seq) and not key.fresh,
        STATE: all_states(connection),
    }
    event: dict[str, object] = {
        "seq": head.seq + 1,
        "at": at,
        "actor": None,
        "action": KEYED_ACTION,
        "entity_id": None,
        "record_digest": None,
        "details": canonical_json(details),
    }
    new_hash = keyed_hash(key.secret, head.hash, event)
    insert(cursor(connection), audit_events, [{**event, "prev_hash": head.hash, "hash": new_hash}])
    return ChainHead(head.seq + 1, new_hash)


def switch_over_seq(connection: sa.Connection) -> int | None:
    """The seq of the chain's switch-over event, None while the chain has none."""
    row = (
        cursor(connection)
        .execute(
            "SELECT seq FROM audit_events WHERE action = ? ORDER BY seq LIMIT 1", (KEYED_ACTION,)
        )
        .fetchone()
    )
    return None if row is None else int(row[0])


def unvouched_event(
    connection: sa.Connection, key: bytes | None, events: Sequence[Mapping[str, object]]
) -> int | None:
    """The seq of the first of these consecutive stored events whose hash this counter cannot
    vouch for (an unkeyed event that does not recompute, a keyed one not made with `key`), or
    None. What goes to the upstream is checked with it first: the upstream cannot check keyed
    hashes itself."""
    if not events:
        return None
    before = int(str(events[0]["seq"])) - 1
    keyed = False
    if before:
        row = (
            cursor(connection)
            .execute(
                f"SELECT {_EVENT_COLUMNS} FROM audit_events WHERE seq = ?",  # noqa: S608
                (before,),
            )
            .fetchone()
        )
        if row is not None:
            previous = dict(zip(_EVENT_COLUMNS.split(", "), row, strict=True))
            keyed = previous["action"] == KEYED_ACTION or event_hash(
                str(previous["prev_hash"]), previous
            ) != str(previous["hash"])
    for event in events:
        keyed = keyed or event["action"] == KEYED_ACTION
        prev = str(event["prev_hash"])
        if keyed:
            if key is None or keyed_hash(key, prev, event) != event["hash"]:
                return int(str(event["seq"]))
        elif event_hash(prev, event) != event["hash"]:
            return int(str(event["seq"]))
    return None


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    message_id: str
    message_en: str


def verify_chain(connection: sa.Connection, key: bytes | None) -> Iterator[ChainProblem]:
    """Walk the chain from the first event; yields every break found.

    `key` is the audit key this PC keeps for the counter, None when it keeps none (then keyed
    events cannot be checked, which is itself a problem).
    """
    expected_prev = GENESIS_HASH
    expected_seq = 1
    keyed_from: int | None = None
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
        if keyed_from is None and row["action"] == KEYED_ACTION:
            keyed_from = seq
            if key is None:
                yield _no_key(seq)
            yield from _late(dict(row))
        if keyed_from is None:
            if event_hash(row["prev_hash"], dict(row)) != row["hash"]:
                yield ChainProblem(
                    seq,
                    f"peristiwa audit #{seq} diubah setelah ditulis",
                    f"audit event #{seq} was changed after it was written",
                )
        elif key is not None and keyed_hash(key, row["prev_hash"], dict(row)) != row["hash"]:
            yield ChainProblem(
                seq,
                f"peristiwa audit #{seq} tidak bertanda kunci audit loket ini: diubah, atau "
                "dibuat oleh yang tidak memegang kunci",
                f"audit event #{seq} does not carry this counter's audit key: it was changed, "
                "or made by someone without the key",
            )
        expected_prev = row["hash"]
        expected_seq = row["seq"] + 1
    if keyed_from is None and expected_seq > 1 and key is not None:
        yield ChainProblem(
            expected_seq - 1,
            "rantai audit tidak berkunci, padahal loket ini sudah memiliki kunci audit: rantai "
            "disusun ulang tanpa kunci",
            "the audit chain is not keyed although this counter has its audit key: the chain "
            "was rebuilt without the key",
        )


def _no_key(seq: int) -> ChainProblem:
    return ChainProblem(
        seq,
        f"kunci audit loket ini tidak ada di PC ini: peristiwa audit sejak #{seq} tidak dapat "
        "diperiksa (pulihkan kunci dari lembar pemulihan)",
        f"this PC does not keep the counter's audit key: audit events from #{seq} on cannot be "
        "checked (restore the key from the recovery sheet)",
    )


def _late(row: Mapping[str, object]) -> Iterator[ChainProblem]:
    try:
        late = json.loads(str(row["details"])).get("late") is True
    except (ValueError, AttributeError):
        late = False
    if late:
        seq = int(str(row["seq"]))
        yield ChainProblem(
            seq,
            f"rantai audit baru berkunci sejak #{seq}, padahal kunci auditnya sudah ada "
            f"sebelumnya: peristiwa sebelum #{seq} mungkin disusun ulang tanpa kunci (bandingkan "
            "dengan server pusat)",
            f"the audit chain is keyed only from #{seq} although its key existed before: the "
            f"events before #{seq} may have been rebuilt without the key (compare with the "
            "upstream)",
        )
