"""What the sandbox hands back to a counter restored from a backup: its own events and records."""

from __future__ import annotations

import json

import sqlalchemy as sa

from desktop.store.audit import GENESIS_HASH
from desktop.sync.contract import (
    MAX_RECOVERY_EVENTS,
    MAX_RECOVERY_RECORDS,
    AuditEvent,
    ChainHead,
    RecoveredRecord,
    Recovery,
)
from desktop.sync.sandbox.store import SandboxStore, audit_events, chain_heads, records


class RecoveryTooLargeError(Exception):
    """More than one answer may carry: the counter's backup is far older than any kept."""


def recovery(store: SandboxStore, counter_code: str, after_event: int, after_seq: int) -> Recovery:
    """The counter's events after `after_event` and records after receipt seq `after_seq`, read
    in one snapshot; never another counter's."""
    with store.read() as connection:
        head_row = connection.execute(
            sa.select(chain_heads.c.seq, chain_heads.c.hash).where(
                chain_heads.c.counter_code == counter_code
            )
        ).first()
        head = ChainHead(seq=0, hash=GENESIS_HASH)
        if head_row is not None:
            head = ChainHead(seq=head_row.seq, hash=head_row.hash)
        events = [
            AuditEvent.model_validate({k: v for k, v in row.items() if k != "counter_code"})
            for row in connection.execute(
                sa.select(audit_events)
                .where(
                    audit_events.c.counter_code == counter_code,
                    audit_events.c.seq > after_event,
                    audit_events.c.seq <= head.seq,
                )
                .order_by(audit_events.c.seq)
                .limit(MAX_RECOVERY_EVENTS + 1)
            ).mappings()
        ]
        rows = connection.execute(
            sa.select(
                records.c.id,
                records.c.seq,
                records.c.receipt_no,
                records.c.kind,
                records.c.business_date,
                records.c.amount,
                records.c.record,
                records.c.kpj,
            )
            .where(records.c.counter_code == counter_code, records.c.seq > after_seq)
            .order_by(records.c.seq)
            .limit(MAX_RECOVERY_RECORDS + 1)
        ).all()
        last = connection.execute(
            sa.select(sa.func.max(records.c.seq)).where(records.c.counter_code == counter_code)
        ).scalar()
    if len(events) > MAX_RECOVERY_EVENTS or len(rows) > MAX_RECOVERY_RECORDS:
        raise RecoveryTooLargeError
    held = [
        RecoveredRecord(
            id=row.id,
            seq=row.seq,
            receipt_no=row.receipt_no,
            kind=row.kind,
            business_date=row.business_date,
            amount=row.amount,
            record=json.loads(row.record),
            kpj=row.kpj,
        )
        for row in rows
    ]
    return Recovery(
        counter_code=counter_code,
        chain_head=head,
        events=events,
        records=held,
        last_receipt_seq=int(last or 0),
    )
