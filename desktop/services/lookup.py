"""Queries the services share: participants by NIK or KPJ, and the records not voided."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from desktop.store.schema import registrations, transactions, voids
from desktop.store.statements import cursor


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


# On the capture path of every BPU payment: plain SQL on the cursor (desktop/store/statements.py).
_FIND_PARTICIPANT = """
SELECT p.id, p.nik, p.kpj, r.full_name, r.monthly_income, r.programs, t.receipt_no
FROM participants AS p
JOIN registrations AS r ON r.participant_id = p.id
JOIN transactions AS t ON t.seq = r.seq
WHERE p.{key} = ? AND t.seq NOT IN (SELECT voided_seq FROM voids)
LIMIT 1
"""
_BY_NIK = _FIND_PARTICIPANT.format(key="nik")
_BY_KPJ = _FIND_PARTICIPANT.format(key="kpj")


def find_participant(
    connection: sa.Connection, *, nik: str | None = None, kpj: str | None = None
) -> KnownParticipant | None:
    """The participant with this NIK or KPJ, as of their registration that is not voided.

    A NIK has at most one registration not voided (register_participant refuses a second).
    """
    sql, key = (_BY_NIK, nik) if nik is not None else (_BY_KPJ, kpj)
    row = cursor(connection).execute(sql, (key,)).fetchone()
    if row is None:
        return None
    return KnownParticipant(*row)
