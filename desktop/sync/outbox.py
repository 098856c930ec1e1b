"""The outbox side of an upload: which records and audit events go next, and what came back."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import sqlalchemy as sa

from desktop.counter import Counter
from desktop.errors import DomainError
from desktop.store.audit import GENESIS_HASH, unvouched_event
from desktop.store.records import CAPTURE_KINDS, load_records
from desktop.store.schema import audit_events, outbox, refunds, sync_state, transactions
from desktop.store.upload_results import OutboxMark, fill_kpjs, mark_outbox
from desktop.sync.contract import (
    MAX_BATCH,
    AuditEvent,
    BatchResult,
    ItemStatus,
    UploadBatch,
    UploadRecord,
)

MAX_EVENTS = 10 * MAX_BATCH
CAPTURE_ACTIONS = CAPTURE_KINDS


@dataclass(frozen=True)
class Acked:
    seq: int
    hash: str


@dataclass(frozen=True)
class NextBatch:
    batch: UploadBatch
    idempotency_key: str
    seqs: tuple[int, ...]  # the outbox rows it carries
    head_seq: int  # the last audit event it carries (or the acknowledged one if none)


@dataclass
class Applied:
    sent: int = 0
    duplicates: int = 0
    quarantined: list[str] = field(default_factory=list)  # receipt numbers
    kpj_assigned: int = 0


def acknowledged(connection: sa.Connection, counter_code: str) -> Acked:
    row = connection.execute(
        sa.select(sync_state.c.acked_seq, sync_state.c.acked_hash).where(
            sync_state.c.counter_code == counter_code
        )
    ).first()
    return Acked(0, GENESIS_HASH) if row is None else Acked(row.acked_seq, row.acked_hash)


def events_to_send(
    connection: sa.Connection, counter: Counter, after: int, up_to: int
) -> list[AuditEvent]:
    """The audit events after `after` up to `up_to`, once this counter's key vouches for each.

    The upstream cannot check a keyed event's hash (it never holds the key), so the counter
    checks what it sends: an event changed, or added by someone without the key, is never
    uploaded (field "audit_chain").
    """
    rows = [
        dict(row)
        for row in connection.execute(
            sa.select(audit_events)
            .where(audit_events.c.seq > after, audit_events.c.seq <= up_to)
            .order_by(audit_events.c.seq)
        ).mappings()
    ]
    bad = unvouched_event(connection, counter.kept_audit_key(), rows)
    if bad is not None:
        raise DomainError(
            "audit_chain",
            f"Peristiwa audit #{bad} tidak bertanda kunci audit loket ini: tidak diunggah. "
            "Jalankan 'spo-counter verify' dan hubungi IT bank.",
            f"Audit event #{bad} does not carry this counter's audit key: nothing was "
            "uploaded. Run 'spo-counter verify' and call the bank's IT.",
        )
    return [AuditEvent(**row) for row in rows]


def next_batch(counter: Counter, size: int) -> NextBatch | None:
    """The next pending records in capture order with the audit events after the acknowledged
    head that they need; None when nothing, record or event, is left to send."""
    code = counter.profile.counter_code
    with counter.store.read() as connection:
        acked = acknowledged(connection, code)
        seqs = list(
            connection.execute(
                sa.select(outbox.c.seq)
                .where(outbox.c.status == "pending")
                .order_by(outbox.c.seq)
                .limit(min(size, MAX_BATCH))
            ).scalars()
        )
        records = load_records(connection, transactions.c.seq.in_(seqs)) if seqs else {}
        event_of: dict[str, int] = {}
        if records:
            rows = connection.execute(
                sa.select(audit_events.c.entity_id, audit_events.c.seq).where(
                    audit_events.c.entity_id.in_(list(records)),
                    audit_events.c.action.in_(CAPTURE_ACTIONS),
                )
            )
            event_of = {str(entity): int(seq) for entity, seq in rows}
        head = connection.execute(sa.select(sa.func.max(audit_events.c.seq))).scalar() or 0
        # Events are sent in order from the acknowledged head; a batch carries at most
        # MAX_EVENTS of them, and only the records whose event is among what is sent or acked.
        up_to = min(head, acked.seq + MAX_EVENTS)
        if records:
            needed = max(event_of.values(), default=0)
            up_to = min(up_to, needed) if needed > acked.seq else up_to
            # A record with no capture event (a damaged store) still goes: the upstream refuses it.
            records = {rid: r for rid, r in records.items() if event_of.get(rid, 0) <= up_to}
            seqs = [int(r["transaction"]["seq"]) for r in records.values()]
        if not records and up_to <= acked.seq:
            return None
        events = events_to_send(connection, counter, acked.seq, up_to)
    upload = [
        UploadRecord(
            id=str(r["transaction"]["id"]),
            seq=int(r["transaction"]["seq"]),
            receipt_no=str(r["transaction"]["receipt_no"]),
            kind=r["transaction"]["kind"],
            business_date=r["transaction"]["business_date"],
            amount=int(r["transaction"]["amount"]),
            record=dict(r),
        )
        for r in records.values()
    ]
    batch = UploadBatch(counter_code=code, records=upload, events=events)
    key_source = "|".join([code, str(acked.seq), str(up_to), *(u.id for u in upload)])
    key = hashlib.sha256(key_source.encode()).hexdigest()
    return NextBatch(batch, key, tuple(seqs), max(up_to, acked.seq))


def apply_result(counter: Counter, sent: NextBatch, result: BatchResult, at: str) -> Applied:
    """Mark each record as the upstream answered, in one local transaction."""
    applied = Applied()
    by_id = {record.id: record for record in sent.batch.records}
    marks: list[OutboxMark] = []  # status, error, acked at, seq
    kpjs: list[tuple[str, str]] = []  # kpj, participant id
    for item in result.results:
        record = by_id.get(item.id)
        if record is None:
            continue  # not ours to mark: ignore rather than trust it
        if item.status is ItemStatus.REJECTED:
            marks.append(("quarantined", f"{item.code}: {item.reason}", None, record.seq))
            applied.quarantined.append(record.receipt_no)
        else:
            marks.append(("sent", None, at, record.seq))
            applied.sent += item.status is ItemStatus.ACCEPTED
            applied.duplicates += item.status is ItemStatus.DUPLICATE
        txn = record.record.get("transaction")
        participant_id = txn.get("participant_id") if isinstance(txn, dict) else None
        # A registration's new KPJ, or the KPJ of a participant a payment taken offline could
        # not verify (desktop/services/unverified.py): filled in where there is none yet.
        if item.kpj and record.kind in ("registration", "contribution") and participant_id:
            kpjs.append((item.kpj, str(participant_id)))
    with counter.store.write() as connection:
        mark_outbox(connection, marks)
        applied.kpj_assigned += fill_kpjs(connection, kpjs)
        _save_acked(
            connection,
            counter.profile.counter_code,
            result.chain_head.seq,
            result.chain_head.hash,
            at,
        )
    return applied


def _save_acked(connection: sa.Connection, code: str, seq: int, hash_: str, at: str) -> None:
    updated = connection.execute(
        sa.update(sync_state)
        .where(sync_state.c.counter_code == code)
        .values(acked_seq=seq, acked_hash=hash_, last_success_at=at, last_error=None)
    ).rowcount
    if not updated:
        connection.execute(
            sa.insert(sync_state).values(
                counter_code=code, acked_seq=seq, acked_hash=hash_, last_success_at=at
            )
        )


def record_failure(counter: Counter, at: str, error: str) -> None:
    code = counter.profile.counter_code
    with counter.store.write() as connection:
        updated = connection.execute(
            sa.update(sync_state)
            .where(sync_state.c.counter_code == code)
            .values(last_attempt_at=at, last_error=error[:500])
        ).rowcount
        if not updated:
            connection.execute(
                sa.insert(sync_state).values(
                    counter_code=code,
                    acked_seq=0,
                    acked_hash=GENESIS_HASH,
                    last_attempt_at=at,
                    last_error=error[:500],
                )
            )


def requeue_quarantined(counter: Counter) -> int:
    """Send quarantined records again (after the upstream or the data was put right); a payment
    refunded already stays quarantined: its money went back, the upstream must never take it."""
    with counter.store.write() as connection:
        return int(
            connection.execute(
                sa.update(outbox)
                .where(
                    outbox.c.status == "quarantined",
                    outbox.c.seq.not_in(sa.select(refunds.c.refunded_seq)),
                )
                .values(status="pending")
            ).rowcount
        )
