"""Queries the services share: participants by NIK or KPJ, and the records not voided."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from desktop.store.participants import registered_participant
from desktop.store.schema import refunds, registrations, transactions, voids


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


@dataclass(frozen=True)
class KnownParticipant:
    id: str
    nik: str
    kpj: str | None
    full_name: str
    monthly_income: int
    programs: str
    registration_receipt: str


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
