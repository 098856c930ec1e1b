"""Payments of participants nobody could verify at the counter (issue 15): the upstream could
not be reached and the NIK was unknown here, so the teller confirmed who pays (name, birth
date; the tier is the payment's own). One row per such payment, append-only like the payment.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_APPEND_ONLY = ("unverified_payers",)

PROTECTION_TRIGGERS = [
    f"CREATE TRIGGER {table}_no_{action} BEFORE {action.upper()} ON {table} "
    f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: {action} refused'); END"
    for table in _APPEND_ONLY
    for action in ("update", "delete")
]
TRIGGER_NAMES = [
    f"{table}_no_{action}" for table in _APPEND_ONLY for action in ("update", "delete")
]


def upgrade() -> None:
    op.create_table(
        "unverified_payers",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("nik", sa.String(length=16), nullable=False),
        sa.Column("full_name", sa.String(length=100), nullable=False),
        sa.Column("birth_date", sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(
            ["seq"],
            ["transactions.seq"],
            name=op.f("fk_unverified_payers_seq_transactions"),
        ),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_unverified_payers")),
    )
    for statement in PROTECTION_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    for name in TRIGGER_NAMES:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("unverified_payers")
