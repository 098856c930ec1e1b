"""Queries the services share: participants by NIK or KPJ, the records not voided or refunded."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from desktop.errors import DomainError
from desktop.store.participants import registered_participant, upstream_participant
from desktop.store.schema import participants, refunds, registrations, transactions, voids


def not_voided() -> sa.ColumnElement[bool]:
    return transactions.c.seq.not_in(sa.select(voids.c.voided_seq))


def not_refunded() -> sa.ColumnElement[bool]:
    """Not a payment given back (desktop/services/refunds.py): as if never paid."""
    return transactions.c.seq.not_in(sa.select(refunds.c.refunded_seq))


def refund_of(connection: sa.Connection, seq: int) -> str | None:
    """The receipt of the refund that gave back the payment `seq`, if any."""
    return connection.execute(
        sa.select(transactions.c.receipt_no)
        .join(refunds, refunds.c.seq == transactions.c.seq)
        .where(refunds.c.refunded_seq == seq)
    ).scalar_one_or_none()


def void_of(connection: sa.Connection, seq: int) -> str | None:
    """The receipt of the void of the transaction `seq`, if any."""
    return connection.execute(
        sa.select(transactions.c.receipt_no)
        .join(voids, voids.c.seq == transactions.c.seq)
        .where(voids.c.voided_seq == seq)
    ).scalar_one_or_none()


def receipt_not_found(receipt_no: str) -> DomainError:
    return DomainError(
        "receipt_no",
        f"Tanda terima {receipt_no} tidak ditemukan di loket ini.",
        f"Receipt {receipt_no} is not found at this counter.",
    )


def already_refunded(receipt_no: str, refund: str) -> DomainError:
    return DomainError(
        "receipt_no",
        f"Iuran {receipt_no} sudah dikembalikan dengan {refund}.",
        f"Payment {receipt_no} is already refunded by {refund}.",
    )


@dataclass(frozen=True)
class KnownParticipant:
    id: str
    nik: str
    kpj: str | None
    full_name: str
    monthly_income: int
    programs: str
    registration_receipt: str  # "" for a participant registered elsewhere
    # Registered elsewhere: what the upstream said of them (their reliefs, the month paid through
    # YYYY-MM) and when (ISO). `id` is "" until their first payment here.
    sector: str | None = None
    paid_through: str | None = None
    seen_at: str = ""

    @property
    def registered_here(self) -> bool:
        return bool(self.registration_receipt)


def active_registration_receipt(connection: sa.Connection, nik: str) -> str | None:
    return connection.execute(
        sa.select(transactions.c.receipt_no)
        .join(registrations, registrations.c.seq == transactions.c.seq)
        .where(registrations.c.nik == nik, not_voided())
        .limit(1)
    ).scalar_one_or_none()


def find_participant(
    connection: sa.Connection, *, nik: str | None = None, kpj: str | None = None
) -> KnownParticipant | None:
    """The participant with this NIK or KPJ, as of their registration that is not voided.

    A NIK has at most one registration not voided (register_participant refuses a second).
    """
    row = registered_participant(connection, nik=nik, kpj=kpj)
    if row is None:
        return None
    return KnownParticipant(*row)


def participant_seen_upstream(
    connection: sa.Connection, *, nik: str | None = None, kpj: str | None = None
) -> KnownParticipant | None:
    """The participant as the upstream's last inquiry about them described them, if ever."""
    row = upstream_participant(connection, nik=nik, kpj=kpj)
    if row is None:
        return None
    nik_, kpj_, name, _birth, income, programs, sector, paid_through, seen_at = row
    return KnownParticipant(
        "", nik_, kpj_, name, income, programs, "", sector, paid_through, seen_at
    )


def participant_name(connection: sa.Connection, nik: str) -> tuple[str, str | None] | None:
    """(name, KPJ) of a participant registered here or seen in an inquiry: for their receipts."""
    known = find_participant(connection, nik=nik) or participant_seen_upstream(connection, nik=nik)
    return None if known is None else (known.full_name, known.kpj)


def participant_kpj(connection: sa.Connection, nik: str) -> str | None:
    """The KPJ this counter holds for a NIK, registered here or not (the upstream gave it)."""
    return connection.execute(
        sa.select(participants.c.kpj).where(participants.c.nik == nik)
    ).scalar_one_or_none()
