"""Voiding a transaction of the open business day, with a supervisor's approval and a reason."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from desktop.counter import Counter
from desktop.domain.identifiers import validate_text
from desktop.domain.receipt_numbers import receipt_seq, validate_receipt_no
from desktop.errors import DomainError
from desktop.services.auth import User, approve
from desktop.services.capture import Captured, capture
from desktop.services.lookup import (
    already_refunded,
    not_voided,
    receipt_not_found,
    refund_of,
    void_of,
)
from desktop.store.schema import transactions

MIN_REASON_LENGTH = 5


@dataclass(frozen=True)
class VoidTransaction:
    receipt_no: str
    reason: str
    supervisor_id: str
    supervisor_pin: str


def void_transaction(counter: Counter, actor: User, cmd: VoidTransaction) -> Captured:
    """A void is a new record that references what it voids; the original is never touched."""
    reason = _reason(cmd.reason)
    receipt_no = validate_receipt_no(cmd.receipt_no)
    today = counter.business_date().isoformat()
    # Refuse what cannot be voided before asking for the supervisor's PIN.
    with counter.store.read() as connection:
        _voidable(connection, receipt_no, today)
    supervisor = approve(counter, cmd.supervisor_id, cmd.supervisor_pin, requested_by=actor)
    return write_void(counter, actor, supervisor, receipt_no, reason)


def write_void(
    counter: Counter, actor: User, supervisor: User, receipt_no: str, reason: str
) -> Captured:
    """Record a void already approved by `supervisor`."""
    now = counter.now()
    with counter.store.write() as connection:
        # Checked (again) under the write lock: the record may have been voided meanwhile.
        target = _voidable(connection, receipt_no, counter.business_date(now).isoformat())
        return capture(
            connection,
            counter,
            kind="void",
            actor=actor,
            now=now,
            participant_id=target.participant_id,
            details={"voided_seq": target.seq, "reason": reason, "approved_by": supervisor.id},
        )


def _reason(raw: str) -> str:
    reason = validate_text(raw, "reason", max_length=200)
    if len(reason) < MIN_REASON_LENGTH:
        raise DomainError(
            "reason",
            "Tuliskan alasan pembatalan dengan jelas (minimal 5 huruf).",
            "Write a clear reason for the void (at least 5 characters).",
        )
    return reason


def _voidable(connection: sa.Connection, receipt_no: str, today: str) -> sa.Row[Any, Any, Any, Any]:
    target = connection.execute(
        sa.select(
            transactions.c.seq,
            transactions.c.kind,
            transactions.c.business_date,
            transactions.c.participant_id,
        ).where(
            transactions.c.seq == receipt_seq(receipt_no),
            transactions.c.receipt_no == receipt_no,
        )
    ).first()
    if target is None:
        raise receipt_not_found(receipt_no)
    if target.kind == "void":
        raise DomainError(
            "receipt_no",
            "Bukti pembatalan tidak dapat dibatalkan.",
            "A void cannot itself be voided.",
        )
    if target.kind == "benefit_payment":
        raise DomainError(
            "receipt_no",
            "Pembayaran jaminan tidak dapat dibatalkan: uangnya sudah keluar dan klaimnya "
            "tercatat dibayar di server pusat.",
            "A benefit payment cannot be voided: its money went out and the upstream holds the "
            "claim paid.",
        )
    if target.kind == "refund":
        raise DomainError(
            "receipt_no",
            "Bukti pengembalian iuran tidak dapat dibatalkan: uangnya sudah diserahkan.",
            "A refund cannot be voided: its money was handed over.",
        )
    refunded_by = refund_of(connection, target.seq)
    if refunded_by is not None:
        raise already_refunded(receipt_no, refunded_by)
    earlier_void = void_of(connection, target.seq)
    if earlier_void is not None:
        raise DomainError(
            "receipt_no",
            f"Tanda terima {receipt_no} sudah dibatalkan dengan {earlier_void}.",
            f"Receipt {receipt_no} is already voided by {earlier_void}.",
        )
    if target.business_date != today:
        raise DomainError(
            "receipt_no",
            "Hanya transaksi hari kerja yang sedang berjalan yang dapat dibatalkan.",
            "Only transactions of the open business day can be voided.",
        )
    if target.kind == "registration" and target.participant_id is not None:
        paid = connection.execute(
            sa.select(transactions.c.receipt_no)
            .where(
                transactions.c.participant_id == target.participant_id,
                transactions.c.kind == "contribution",
                not_voided(),
            )
            .limit(1)
        ).scalar_one_or_none()
        if paid is not None:
            raise DomainError(
                "receipt_no",
                f"Batalkan dulu pembayaran iuran {paid} milik peserta ini.",
                f"First void this participant's contribution payment {paid}.",
            )
    return target
