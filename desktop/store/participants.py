"""A registered participant found by NIK or KPJ: read on the capture path of every BPU payment,
so plain SQL on the driver's cursor (desktop/store/statements.py)."""

from __future__ import annotations

import sqlalchemy as sa

from desktop.store.statements import cursor

# id, nik, kpj, full_name, monthly_income, programs, the registration's receipt_no
ParticipantRow = tuple[str, str, str | None, str, int, str, str]

_FIND = """
SELECT p.id, p.nik, p.kpj, r.full_name, r.monthly_income, r.programs, t.receipt_no
FROM participants AS p
JOIN registrations AS r ON r.participant_id = p.id
JOIN transactions AS t ON t.seq = r.seq
WHERE p.{key} = ? AND t.seq NOT IN (SELECT voided_seq FROM voids)
LIMIT 1
"""
_BY_NIK = _FIND.format(key="nik")
_BY_KPJ = _FIND.format(key="kpj")


def registered_participant(
    connection: sa.Connection, *, nik: str | None = None, kpj: str | None = None
) -> ParticipantRow | None:
    """The participant with this NIK (or else this KPJ) and a registration not voided, with it."""
    sql, key = (_BY_NIK, nik) if nik is not None else (_BY_KPJ, kpj)
    row: ParticipantRow | None = cursor(connection).execute(sql, (key,)).fetchone()
    return row
