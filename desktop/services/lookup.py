"""Queries the services share: participants by NIK or KPJ, and the records not voided."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from desktop.store.schema import participants, registrations, transactions, voids


def not_voided() -> sa.ColumnElement[bool]:
    return transactions.c.id.not_in(sa.select(voids.c.voided_id))


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
        .join(registrations, registrations.c.transaction_id == transactions.c.id)
        .where(registrations.c.nik == nik, not_voided())
        .limit(1)
    ).scalar_one_or_none()


def find_participant(
    connection: sa.Connection, *, nik: str | None = None, kpj: str | None = None
) -> KnownParticipant | None:
    """The participant with this NIK or KPJ, as of their registration that is not voided."""
    condition = participants.c.nik == nik if nik is not None else participants.c.kpj == kpj
    row = connection.execute(
        sa.select(
            participants.c.id,
            participants.c.nik,
            participants.c.kpj,
            registrations.c.full_name,
            registrations.c.monthly_income,
            registrations.c.programs,
            transactions.c.receipt_no,
        )
        .join(registrations, registrations.c.participant_id == participants.c.id)
        .join(transactions, transactions.c.id == registrations.c.transaction_id)
        .where(condition, not_voided())
        .order_by(transactions.c.seq.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    return KnownParticipant(
        id=row.id,
        nik=row.nik,
        kpj=row.kpj,
        full_name=row.full_name,
        monthly_income=row.monthly_income,
        programs=row.programs,
        registration_receipt=row.receipt_no,
    )
