"""Records the upstream refused (quarantined in the outbox), with the reason it gave."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from desktop.counter import Counter
from desktop.domain.text import refusal_text
from desktop.store.schema import (
    outbox,
    refunds,
    registrations,
    transactions,
    unverified_payers,
)


@dataclass(frozen=True)
class QuarantinedRecord:
    seq: int
    receipt_no: str
    kind: str
    amount: int
    created_at: datetime  # in the counter's own zone
    reason: str  # the upstream's `code: reason`, as the outbox keeps it
    refunded_by: str | None = None  # the receipt of the refund that gave its money back
    participant: str | None = None  # the name a BPU record's participant registered with

    @property
    def reason_text(self) -> str:
        """The upstream's reason without its code, as the participant is told it."""
        return refusal_text(self.reason)

    @property
    def refundable(self) -> bool:
        """A contribution payment whose money is still to be given back (refunds.py decides)."""
        return self.kind == "contribution" and self.refunded_by is None


def quarantined(counter: Counter) -> list[QuarantinedRecord]:
    """Every quarantined record in capture order, a refunded payment with its refund."""
    refund = transactions.alias("refund")
    registered = (
        sa.select(registrations.c.full_name)
        .where(registrations.c.participant_id == transactions.c.participant_id)
        .order_by(registrations.c.seq.desc())
        .limit(1)
        .scalar_subquery()
    )
    # Taken offline, unverified: the payer the teller confirmed.
    confirmed = (
        sa.select(unverified_payers.c.full_name)
        .where(unverified_payers.c.seq == transactions.c.seq)
        .scalar_subquery()
    )
    name = sa.func.coalesce(registered, confirmed)
    with counter.store.read() as connection:
        rows = connection.execute(
            sa.select(
                transactions.c.seq,
                transactions.c.receipt_no,
                transactions.c.kind,
                transactions.c.amount,
                transactions.c.created_at,
                outbox.c.last_error,
                refund.c.receipt_no.label("refunded_by"),
                name.label("participant"),
            )
            .select_from(outbox)
            .join(transactions, transactions.c.seq == outbox.c.seq)
            .outerjoin(refunds, refunds.c.refunded_seq == outbox.c.seq)
            .outerjoin(refund, refund.c.seq == refunds.c.seq)
            .where(outbox.c.status == "quarantined")
            .order_by(outbox.c.seq)
        ).all()
    return [
        QuarantinedRecord(
            seq=int(row.seq),
            receipt_no=str(row.receipt_no),
            kind=str(row.kind),
            amount=int(row.amount),
            created_at=counter.local(datetime.fromisoformat(str(row.created_at))),
            reason=str(row.last_error or ""),
            refunded_by=str(row.refunded_by) if row.refunded_by else None,
            participant=str(row.participant) if row.participant else None,
        )
        for row in rows
    ]
