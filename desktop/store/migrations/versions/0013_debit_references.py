"""Debit references: the bank's reference of an account-debit payment (the approval or reference
number on the EDC slip or the core-banking debit), one row per debit payment, append-only like
the payment. A table of its own, so the transactions table and the digests of every record
written before it stay as they were.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

PROTECTION_TRIGGERS = [
    f"CREATE TRIGGER debit_references_no_{action} BEFORE {action.upper()} ON debit_references "
    f"BEGIN SELECT RAISE(ABORT, 'debit_references is append-only: {action} refused'); END"
    for action in ("update", "delete")
]
TRIGGER_NAMES = [statement.split()[2] for statement in PROTECTION_TRIGGERS]


def upgrade() -> None:
    op.create_table(
        "debit_references",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["seq"],
            ["transactions.seq"],
            name=op.f("fk_debit_references_seq_transactions"),
        ),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_debit_references")),
    )
    for statement in PROTECTION_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    for name in TRIGGER_NAMES:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("debit_references")
