"""Refunding a contribution payment the upstream refused (quarantined), a supervisor approving.

The refund is a new transaction with its own receipt number ("Bukti Pengembalian Iuran"): the
money goes back the way it came (cash from the drawer, or back to the debited account), and the
refused payment stays as it was, quarantined, now marked refunded by the refund that names it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from desktop.counter import Counter
from desktop.domain.receipt_numbers import receipt_seq, validate_receipt_no
from desktop.domain.tender import Payment, Tender
from desktop.errors import DomainError
from desktop.services.auth import User, approve
from desktop.services.capture import Captured, capture
from desktop.services.lookup import already_refunded, receipt_not_found, refund_of, void_of
from desktop.store.schema import outbox, transactions


@dataclass(frozen=True)
class RefundPayment:
    receipt_no: str  # the quarantined contribution payment
    supervisor_id: str
    supervisor_pin: str


def refund_payment(counter: Counter, actor: User, cmd: RefundPayment) -> Captured:
    """Give back a quarantined contribution payment; the supervisor approves with their PIN."""
    receipt_no = validate_receipt_no(cmd.receipt_no)
    # Refuse what cannot be refunded before asking for the supervisor's PIN.
    with counter.store.read() as connection:
        _refundable(connection, receipt_no)
    supervisor = approve(counter, cmd.supervisor_id, cmd.supervisor_pin, requested_by=actor)
    now = counter.now()
    with counter.store.write() as connection:
        # Checked again under the write lock: another teller may have refunded it meanwhile.
        target = _refundable(connection, receipt_no)
        tender = Tender(target.tender) if target.tender else Tender.CASH
        return capture(
            connection,
            counter,
            kind="refund",
            actor=actor,
            now=now,
            amount=int(target.amount),
            payment=Payment(tender, target.debit_account, None),
            participant_id=target.participant_id,
            details={
                "refunded_seq": target.seq,
                "reason": str(target.last_error or ""),
                "approved_by": supervisor.id,
            },
        )


def _refundable(
    connection: sa.Connection, receipt_no: str
) -> sa.Row[Any, Any, Any, Any, Any, Any, Any, Any]:
    target = connection.execute(
        sa.select(
            transactions.c.seq,
            transactions.c.kind,
            transactions.c.amount,
            transactions.c.tender,
            transactions.c.debit_account,
            transactions.c.participant_id,
            outbox.c.status,
            outbox.c.last_error,
        )
        .select_from(transactions)
        .outerjoin(outbox, outbox.c.seq == transactions.c.seq)
        .where(
            transactions.c.seq == receipt_seq(receipt_no),
            transactions.c.receipt_no == receipt_no,
        )
    ).first()
    if target is None:
        raise receipt_not_found(receipt_no)
    if target.kind != "contribution":
        raise DomainError(
            "receipt_no",
            "Hanya pembayaran iuran yang dapat dikembalikan.",
            "Only a contribution payment can be refunded.",
        )
    earlier = refund_of(connection, target.seq)
    if earlier is not None:
        raise already_refunded(receipt_no, earlier)
    voided_by = void_of(connection, target.seq)
    if voided_by is not None:
        raise DomainError(
            "receipt_no",
            f"Tanda terima {receipt_no} sudah dibatalkan dengan {voided_by}: "
            "uangnya sudah kembali.",
            f"Receipt {receipt_no} is already voided by {voided_by}: its money went back then.",
        )
    if target.status != "quarantined":
        raise DomainError(
            "receipt_no",
            f"Iuran {receipt_no} tidak ditolak server pusat: hanya pembayaran yang ditolak "
            "(dikarantina) yang dapat dikembalikan.",
            f"Payment {receipt_no} was not refused by the upstream: only a refused "
            "(quarantined) payment can be refunded.",
        )
    return target
