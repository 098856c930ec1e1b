"""Taking back, after a restore, what the upstream holds of the counter's own chain and records.

The upstream keeps every audit event the counter uploaded exactly as it was stored, and every
record exactly as uploaded. A store restored from a backup holds a prefix of that chain; the
events after it are appended back verbatim, each checked first to continue the restored head
and to carry this counter's audit key (the upstream never holds the key, so it cannot forge
one), and each record only when its digest is the one its capture event carries. The chain is
then the very chain the upstream anchors, and uploads go on from its head.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from desktop.store.audit import chain_head, digest, unvouched_event
from desktop.store.captures import insert_transaction, retake_receipt_seq
from desktop.store.records import CAPTURE_KINDS, DETAIL_TABLES, Record, full_row
from desktop.store.schema import (
    audit_events,
    claim_documents,
    contribution_agents,
    contribution_lines,
    debit_references,
    outbox,
    participants,
    sync_state,
    transactions,
    unverified_payers,
)
from desktop.store.statements import cursor, insert


class NotOursError(Exception):
    """What the upstream handed back is not this counter's chain: nothing is taken."""


@dataclass(frozen=True)
class Held:
    """One record as the upstream holds it."""

    seq: int
    record: Mapping[str, Any]
    kpj: str | None


@dataclass(frozen=True)
class TakenBack:
    events: int
    records: int
    last_receipt_seq: int


def restored_position(connection: sa.Connection, counter_code: str) -> tuple[int, int]:
    """The restored store's chain head seq and last receipt seq: what to ask the upstream after."""
    head = chain_head(connection)
    row = (
        cursor(connection)
        .execute("SELECT last_seq FROM receipt_sequence WHERE counter_code = ?", (counter_code,))
        .fetchone()
    )
    return head.seq, 0 if row is None else int(row[0])


def take_back(
    connection: sa.Connection,
    key: bytes | None,
    counter_code: str,
    events: Sequence[Mapping[str, Any]],
    held: Sequence[Held],
    upstream_last_seq: int,
    at: str,
) -> TakenBack:
    """Append the upstream's events and records inside the caller's write (all or nothing);
    the receipt sequence moves on to the highest seq the upstream holds, one step at a time."""
    head = chain_head(connection)
    if events:
        first = events[0]
        if int(first["seq"]) != head.seq + 1 or first["prev_hash"] != head.hash:
            raise NotOursError(
                f"the upstream's events do not continue this store's head #{head.seq}"
            )
        rows = [dict(event) for event in events]
        for before, after in itertools.pairwise(rows):
            if int(after["seq"]) != int(before["seq"]) + 1 or after["prev_hash"] != before["hash"]:
                raise NotOursError(f"the upstream's events break at #{after['seq']}")
        bad = unvouched_event(connection, key, rows)
        if bad is not None:
            raise NotOursError(f"audit event #{bad} does not carry this counter's audit key")
        insert(cursor(connection), audit_events, [full_row(audit_events, row) for row in rows])
    captured = _capture_digests(connection)
    _, last_seq = restored_position(connection, counter_code)
    taken = 0
    for item in sorted(held, key=lambda h: h.seq):
        record = _as_record(item.record)
        txn = record["transaction"]
        if digest(record) != captured.get(str(txn["id"])) or int(txn["seq"]) != item.seq:
            raise NotOursError(
                f"record {txn.get('receipt_no')} is not the one its audit event names"
            )
        while last_seq < item.seq:
            last_seq = retake_receipt_seq(connection, counter_code)
        _insert_record(connection, record, item.kpj, at)
        taken += 1
    while last_seq < upstream_last_seq:
        last_seq = retake_receipt_seq(connection, counter_code)
    if events:
        newest = events[-1]
        _save_acked(connection, counter_code, int(newest["seq"]), str(newest["hash"]), at)
    return TakenBack(len(events), taken, last_seq)


def _capture_digests(connection: sa.Connection) -> dict[str, str]:
    rows = connection.execute(
        sa.select(audit_events.c.entity_id, audit_events.c.record_digest).where(
            audit_events.c.action.in_(CAPTURE_KINDS)
        )
    )
    return {str(entity): str(found) for entity, found in rows}


def _as_record(value: Mapping[str, Any]) -> Record:
    record: Record = {
        "transaction": dict(value["transaction"]),
        "details": dict(value["details"]) if value.get("details") is not None else None,
        "lines": [dict(line) for line in value.get("lines", [])],
        "documents": [dict(doc) for doc in value.get("documents", [])],
        "participant_nik": value.get("participant_nik"),
    }
    if value.get("payer") is not None:  # a payment taken unverified: who the teller confirmed
        record["payer"] = dict(value["payer"])
    if value.get("debit_reference") is not None:  # a debit taken since 0013: the bank's reference
        record["debit_reference"] = dict(value["debit_reference"])
    if value.get("agent") is not None:  # a payment a Perisai agent brought
        record["agent"] = dict(value["agent"])
    return record


def _insert_record(connection: sa.Connection, record: Record, kpj: str | None, at: str) -> None:
    txn = record["transaction"]
    participant_id = txn.get("participant_id")
    if participant_id and record["participant_nik"]:
        known = connection.execute(
            sa.select(participants.c.id).where(participants.c.id == participant_id)
        ).first()
        if known is None:
            connection.execute(
                sa.insert(participants).values(
                    id=participant_id,
                    nik=record["participant_nik"],
                    kpj=kpj,
                    created_at=txn["created_at"],
                )
            )
    kind = str(txn["kind"])
    insert_transaction(
        connection,
        full_row(transactions, txn),
        DETAIL_TABLES[kind],
        full_row(DETAIL_TABLES[kind], record["details"] or {}),
        [full_row(contribution_lines, line) for line in record["lines"]],
        [full_row(claim_documents, doc) for doc in record["documents"]],
        str(record["agent"]["agent_code"]) if "agent" in record else None,
    )
    if "payer" in record:
        connection.execute(
            sa.insert(unverified_payers).values(full_row(unverified_payers, record["payer"]))
        )
    if "debit_reference" in record:
        reference = full_row(debit_references, record["debit_reference"])
        connection.execute(sa.insert(debit_references).values(reference))
    if "agent" in record:
        connection.execute(
            sa.insert(contribution_agents).values(full_row(contribution_agents, record["agent"]))
        )
    # Acknowledged already: the upstream holds it.
    connection.execute(
        sa.insert(outbox).values(
            seq=txn["seq"], status="sent", attempts=0, last_error=None, acknowledged_at=at
        )
    )


def _save_acked(connection: sa.Connection, code: str, seq: int, hash_: str, at: str) -> None:
    updated = connection.execute(
        sa.update(sync_state)
        .where(sync_state.c.counter_code == code, sync_state.c.acked_seq < seq)
        .values(acked_seq=seq, acked_hash=hash_, last_success_at=at)
    ).rowcount
    exists = connection.execute(
        sa.select(sync_state.c.counter_code).where(sync_state.c.counter_code == code)
    ).first()
    if not updated and exists is None:
        connection.execute(
            sa.insert(sync_state).values(
                counter_code=code, acked_seq=seq, acked_hash=hash_, last_success_at=at
            )
        )
