"""The one write path of every transaction: receipt number, record, audit event, outbox row."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa

from desktop.counter import Counter
from desktop.domain.receipt_numbers import receipt_number
from desktop.domain.tender import Payment
from desktop.errors import DomainError
from desktop.services.auth import User
from desktop.services.business_day import admit_capture
from desktop.services.receipt_gaps import record_gap
from desktop.store import captures
from desktop.store.audit import append_event, digest
from desktop.store.receipt_mark import ReceiptsLostError
from desktop.store.records import DETAIL_TABLES, build_record, full_row
from desktop.store.row_states import STATE, state_of
from desktop.store.schema import (
    claim_documents,
    contribution_agents,
    contribution_lines,
    debit_references,
    transactions,
    unverified_payers,
)


@dataclass(frozen=True)
class Captured:
    """What a capture hands back: enough to print the receipt and tell the teller."""

    transaction_id: str
    seq: int
    receipt_no: str
    kind: str
    amount: int
    created_at: datetime
    business_date: date
    # This capture was the first of a business day nobody had opened: it opened the day with a
    # zero float, which the teller should be told (and may still record with open-day).
    day_opened_automatically: bool = False


def next_receipt_seq(connection: sa.Connection, counter_code: str) -> int:
    """Gapless: taken inside the transaction that uses it, so a rollback gives it back."""
    return captures.take_receipt_seq(connection, counter_code)


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
    participant_nik: str | None = None,
    lines: Mapping[str, int] | None = None,
    documents: Mapping[str, str] | None = None,
    payer: Mapping[str, str] | None = None,
    agent_code: str | None = None,
) -> Captured:
    """Write one transaction inside the caller's write transaction (all or nothing).

    It goes into the business day of `now`, which must not be closed (desktop/services/
    business_day.py); a day not opened yet is opened here with a zero float.
    `participant_nik` spares a lookup when the caller already has it. `payer` is who the
    teller confirmed pays when nobody could verify it (desktop/services/unverified.py);
    `agent_code` the Perisai agent from the register who brought a payment
    (desktop/services/agents.py checked it).
    """
    if counter.restore_pending:
        raise DomainError(
            "restore",
            "Loket baru dipulihkan dari cadangan: jalankan pemulihan dari server pusat "
            "('spo-counter recover') sebelum transaksi baru, agar nomor tanda terima tidak "
            "terpakai dua kali.",
            "The counter was just restored from a backup: run the recovery from the upstream "
            "('spo-counter recover') before new transactions, so no receipt number is used twice.",
        )
    profile = counter.profile
    business_date = counter.business_date(now)
    day_opened = admit_capture(connection, counter, actor, now, business_date)
    try:
        seq = next_receipt_seq(connection, profile.counter_code)
    except ReceiptsLostError as lost:  # the database lost numbers: they are never handed out again
        record_gap(connection, counter, lost.loss)
        seq = next_receipt_seq(connection, profile.counter_code)
    transaction_id = str(uuid.uuid4())
    receipt_no = receipt_number(profile.counter_code, seq)
    txn = full_row(
        transactions,
        {
            "seq": seq,
            "id": transaction_id,
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
    detail_row = full_row(detail_table, {"seq": seq, **details})
    line_rows = [
        full_row(contribution_lines, {"seq": seq, "program": p, "amount": a})
        for p, a in (lines or {}).items()
    ]
    document_rows = [
        full_row(claim_documents, {"seq": seq, "document": d, "status": s})
        for d, s in (documents or {}).items()
    ]
    # The payment's agent counts in the day's totals (the supervisor's ranking) as it is written.
    captures.insert_transaction(
        connection, txn, detail_table, detail_row, line_rows, document_rows, agent_code
    )
    payer_row = None
    if payer is not None:
        payer_row = full_row(unverified_payers, {"seq": seq, **payer})
        connection.execute(sa.insert(unverified_payers).values(payer_row))
    reference_row = None
    if payment is not None and payment.debit_reference is not None:
        reference_row = full_row(
            debit_references, {"seq": seq, "reference": payment.debit_reference}
        )
        connection.execute(sa.insert(debit_references).values(reference_row))
    agent_row = None
    if agent_code is not None:
        agent_row = full_row(contribution_agents, {"seq": seq, "agent_code": agent_code})
        connection.execute(sa.insert(contribution_agents).values(agent_row))
    if participant_id and participant_nik is None:
        participant_nik = captures.participant_nik(connection, participant_id)
    record = build_record(
        txn,
        detail_row,
        lines=line_rows,
        documents=document_rows,
        participant_nik=participant_nik,
        payer=payer_row,
        debit_reference=reference_row,
        agent=agent_row,
    )
    append_event(
        connection,
        counter.audit_key,
        at=txn["created_at"],
        actor=actor.id,
        action=kind,
        entity_id=transaction_id,
        record_digest=digest(record),
        details=(
            {
                "receipt_no": receipt_no,
                "amount": amount,
                "day_opened": True,
                # The day this capture opened (once a day: off the capture's usual path).
                STATE: state_of(connection, ("business_days", business_date.isoformat())),
            }
            if day_opened
            else {"receipt_no": receipt_no, "amount": amount}
        ),
    )
    captures.queue_for_upload(connection, seq)
    return Captured(transaction_id, seq, receipt_no, kind, amount, now, business_date, day_opened)
