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


# nik, kpj, full_name, birth_date, monthly_income, programs, sector, paid_through, seen_at
UpstreamRow = tuple[str, str | None, str, str, int, str, str | None, str | None, str]

_UPSTREAM = """
SELECT nik, kpj, full_name, birth_date, monthly_income, programs, sector, paid_through, seen_at
FROM upstream_participants WHERE {key} = ?
"""
_UPSTREAM_BY_NIK = _UPSTREAM.format(key="nik")
_UPSTREAM_BY_KPJ = _UPSTREAM.format(key="kpj")
_KEEP_UPSTREAM = """
INSERT INTO upstream_participants
(nik, kpj, full_name, birth_date, monthly_income, programs, sector, paid_through, seen_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (nik) DO UPDATE SET kpj = excluded.kpj, full_name = excluded.full_name,
birth_date = excluded.birth_date, monthly_income = excluded.monthly_income,
programs = excluded.programs, sector = excluded.sector, paid_through = excluded.paid_through,
seen_at = excluded.seen_at
"""
_PARTICIPANT_ID = "SELECT id FROM participants WHERE nik = ?"
_ADD_PARTICIPANT = "INSERT INTO participants (id, nik, kpj, created_at) VALUES (?, ?, ?, ?)"


def upstream_participant(
    connection: sa.Connection, *, nik: str | None = None, kpj: str | None = None
) -> UpstreamRow | None:
    """The participant with this NIK (or else this KPJ) as the upstream last described them."""
    sql, key = (_UPSTREAM_BY_NIK, nik) if nik is not None else (_UPSTREAM_BY_KPJ, kpj)
    row: UpstreamRow | None = cursor(connection).execute(sql, (key,)).fetchone()
    return row


def keep_upstream_participant(connection: sa.Connection, row: UpstreamRow) -> None:
    """The upstream's newest word on a participant, over what it said before."""
    cursor(connection).execute(_KEEP_UPSTREAM, row)


def participant_id_for(
    connection: sa.Connection, nik: str, kpj: str | None, new_id: str, created_at: str
) -> str:
    """The id this counter knows the NIK by, made (as `new_id`) at the first payment here of a
    participant registered elsewhere."""
    found = cursor(connection).execute(_PARTICIPANT_ID, (nik,)).fetchone()
    if found is not None:
        return str(found[0])
    cursor(connection).execute(_ADD_PARTICIPANT, (new_id, nik, kpj, created_at))
    return new_id
