"""The rows whose every change is an audit event, and the digests those events carry.

A transaction's rows never change and its event carries the digest of its record
(desktop/store/records.py). The rows here do change, each change through a service that appends
an event in the same transaction: that event's details carry, under `state`, the SHA-256 of each
row it wrote, as read back (`{"state": {"users": {"teller01": "<sha-256>"}}}`). `verify` reads
every row again and compares it with the state its last event recorded: an edit made behind the
application's back, or a row inserted that way, has no event that matches it.

What a digest covers: every column, except `users.failed_attempts` (wrong PINs are counted
without an event; the lock they end in is one) and `day_closes.pdf` (its `pdf_sha256` stands for
it, and `verify` checks the PDF against it).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

import sqlalchemy as sa

from desktop.store.canonical import digest
from desktop.store.schema import (
    business_days,
    cash_counts,
    counter_profile,
    day_closes,
    day_reopens,
    users,
)

STATE: Final = "state"  # the details key of the row digests an event carries

Row = dict[str, Any]
States = dict[str, dict[str, str]]  # table name -> row key (as text) -> digest


@dataclass(frozen=True)
class Audited:
    table: sa.Table
    key: sa.Column[Any]
    left_out: tuple[str, ...] = ()

    @property
    def columns(self) -> list[sa.Column[Any]]:
        return [column for column in self.table.columns if column.name not in self.left_out]


AUDITED: Final = {
    audited.table.name: audited
    for audited in (
        Audited(counter_profile, counter_profile.c.id),
        Audited(users, users.c.id, ("failed_attempts",)),
        Audited(business_days, business_days.c.business_date),
        Audited(cash_counts, cash_counts.c.id),
        Audited(day_closes, day_closes.c.report_no, ("pdf",)),
        Audited(day_reopens, day_reopens.c.id),
    )
}


def row_digest(row: Mapping[str, Any]) -> str:
    return digest(dict(row))


def read_rows(connection: sa.Connection, table: str, *keys: object) -> dict[str, Row]:
    """The audited columns of `table`'s rows (those with `keys`, else all), by key as text."""
    audited = AUDITED[table]
    query = sa.select(*audited.columns).order_by(audited.key)
    if keys:
        query = query.where(audited.key.in_(keys))
    return {str(row[audited.key.name]): dict(row) for row in connection.execute(query).mappings()}


def state_of(connection: sa.Connection, *rows: tuple[str, object]) -> States:
    """The digests of the rows named (table, key), as an event's `state` carries them."""
    found: States = {}
    for table, key in rows:
        for text, row in read_rows(connection, table, key).items():
            found.setdefault(table, {})[text] = row_digest(row)
    return found


def all_states(connection: sa.Connection) -> States:
    """The digest of every audited row: the baseline the chain's switch-over event records."""
    return {
        table: {key: row_digest(row) for key, row in read_rows(connection, table).items()}
        for table in AUDITED
    }
