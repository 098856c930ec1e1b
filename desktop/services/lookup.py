"""Queries the services share: participants by NIK or KPJ, and the records not voided."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from desktop.store.participants import registered_participant
from desktop.store.schema import participants, registrations, transactions, voids


def not_voided() -> sa.ColumnElement[bool]:
    return transactions.c.seq.not_in(sa.select(voids.c.voided_seq))


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


def participant_kpj(connection: sa.Connection, nik: str) -> str | None:
    """The KPJ this counter holds for a NIK, registered here or not (the upstream gave it)."""
    return connection.execute(
        sa.select(participants.c.kpj).where(participants.c.nik == nik)
    ).scalar_one_or_none()
