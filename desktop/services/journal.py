"""The transactions of a business day, as the journal and `spo-counter journal` list them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa

from desktop.counter import Counter
from desktop.store.schema import debit_references, outbox, refunds, transactions, voids


@dataclass(frozen=True)
class JournalEntry:
    id: str
    receipt_no: str
    kind: str
    amount: int
    status: str  # "valid", "voided", or "refunded" (a refused payment given back)
    created_at: str  # local time with offset
    teller_id: str
    tender: str | None
    voided_by: str | None  # receipt number of the void
    upload: str  # outbox status: pending, sent or quarantined
    refunded_by: str | None = None  # receipt number of the refund
    debit_reference: str | None = None  # the bank's reference of a debit payment


def journal(counter: Counter, day: date | None = None) -> list[JournalEntry]:
    business_date = (day or counter.business_date()).isoformat()
    void_txn = transactions.alias("void_txn")
    refund_txn = transactions.alias("refund_txn")
    query = (
        sa.select(
            transactions.c.id,
            transactions.c.receipt_no,
            transactions.c.kind,
            transactions.c.amount,
            transactions.c.created_at,
            transactions.c.teller_id,
            transactions.c.tender,
            void_txn.c.receipt_no.label("voided_by"),
            outbox.c.status.label("upload"),
            refund_txn.c.receipt_no.label("refunded_by"),
            debit_references.c.reference.label("debit_reference"),
        )
        .outerjoin(voids, voids.c.voided_seq == transactions.c.seq)
        .outerjoin(void_txn, void_txn.c.seq == voids.c.seq)
        .outerjoin(refunds, refunds.c.refunded_seq == transactions.c.seq)
        .outerjoin(refund_txn, refund_txn.c.seq == refunds.c.seq)
        .outerjoin(outbox, outbox.c.seq == transactions.c.seq)
        .outerjoin(debit_references, debit_references.c.seq == transactions.c.seq)
        .where(transactions.c.business_date == business_date)
        .order_by(transactions.c.seq)
    )
    with counter.store.read() as connection:
        rows = connection.execute(query).all()
    zone = counter.profile.zone
    return [
        JournalEntry(
            id=row.id,
            receipt_no=row.receipt_no,
            kind=row.kind,
            amount=row.amount,
            status="voided" if row.voided_by else "refunded" if row.refunded_by else "valid",
            created_at=datetime.fromisoformat(row.created_at).astimezone(zone).isoformat(),
            teller_id=row.teller_id,
            tender=row.tender,
            voided_by=row.voided_by,
            upload=row.upload or "pending",
            refunded_by=row.refunded_by,
            debit_reference=row.debit_reference,
        )
        for row in rows
    ]
