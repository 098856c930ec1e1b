"""The one write path of every transaction: receipt number, record, audit event, outbox row."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa

from desktop.domain.receipt_numbers import receipt_number
from desktop.domain.tender import Payment
from desktop.services.auth import User
from desktop.services.counter import Counter
from desktop.store.audit import append_event, canonical_json, digest
from desktop.store.records import DETAIL_TABLES, build_record, full_row
from desktop.store.schema import (
    claim_documents,
    contribution_lines,
    outbox,
    participants,
    receipt_sequence,
    transactions,
)


@dataclass(frozen=True)
class Captured:
    """What a capture hands back: enough to print the receipt and tell the teller."""

    transaction_id: str
    receipt_no: str
    kind: str
    amount: int
    created_at: datetime
    business_date: date


def next_receipt_seq(connection: sa.Connection, counter_code: str) -> int:
    """Gapless: taken inside the transaction that uses it, so a rollback gives it back."""
    return int(
        connection.execute(
            sa.update(receipt_sequence)
            .where(receipt_sequence.c.counter_code == counter_code)
            .values(last_seq=receipt_sequence.c.last_seq + 1)
            .returning(receipt_sequence.c.last_seq)
        ).scalar_one()
    )


def capture(
    connection: sa.Connection,
    counter: Counter,
    *,
    kind: str,
    actor: User,
    now: datetime,
    details: Mapping[str, Any],
    amount: int = 0,
    payment: Payment | None = None,
    participant_id: str | None = None,
    lines: Mapping[str, int] | None = None,
    documents: Mapping[str, str] | None = None,
) -> Captured:
    """Write one transaction inside the caller's write transaction (all or nothing)."""
    profile = counter.profile
    seq = next_receipt_seq(connection, profile.counter_code)
    transaction_id = str(uuid.uuid4())
    receipt_no = receipt_number(profile.counter_code, seq)
    business_date = counter.business_date(now)
    txn = full_row(
        transactions,
        {
            "id": transaction_id,
            "seq": seq,
            "receipt_no": receipt_no,
            "kind": kind,
            "business_date": business_date.isoformat(),
            "created_at": now.isoformat(),
            "timezone": profile.timezone,
            "teller_id": actor.id,
            "participant_id": participant_id,
            "amount": amount,
            "tender": payment.tender.value if payment else None,
            "debit_account": payment.debit_account if payment else None,
            "cash_given": payment.cash_given if payment else None,
        },
    )
    detail_table = DETAIL_TABLES[kind]
    detail_row = full_row(detail_table, {"transaction_id": transaction_id, **details})
    line_rows = _rows(
        contribution_lines,
        (
            {"transaction_id": transaction_id, "program": p, "amount": a}
            for p, a in (lines or {}).items()
        ),
    )
    document_rows = _rows(
        claim_documents,
        (
            {"transaction_id": transaction_id, "document": d, "status": s}
            for d, s in (documents or {}).items()
        ),
    )
    connection.execute(sa.insert(transactions), [txn])
    connection.execute(sa.insert(detail_table), [detail_row])
    if line_rows:
        connection.execute(sa.insert(contribution_lines), line_rows)
    if document_rows:
        connection.execute(sa.insert(claim_documents), document_rows)
    participant_nik = (
        connection.execute(
            sa.select(participants.c.nik).where(participants.c.id == participant_id)
        ).scalar_one()
        if participant_id
        else None
    )
    record = build_record(
        txn, detail_row, lines=line_rows, documents=document_rows, participant_nik=participant_nik
    )
    append_event(
        connection,
        at=txn["created_at"],
        actor=actor.id,
        action=kind,
        entity_id=transaction_id,
        record_digest=digest(record),
        details={"receipt_no": receipt_no, "amount": amount},
    )
    connection.execute(
        sa.insert(outbox),
        [
            {
                "record_id": transaction_id,
                "kind": kind,
                "payload": canonical_json({"counter_code": profile.counter_code, "record": record}),
                "created_at": txn["created_at"],
                "status": "pending",
                "attempts": 0,
            }
        ],
    )
    return Captured(transaction_id, receipt_no, kind, amount, now, business_date)


def _rows(table: sa.Table, values: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    return [full_row(table, v) for v in values]
