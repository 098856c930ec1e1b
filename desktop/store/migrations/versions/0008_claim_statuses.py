"""What became of each JHT claim handed over here (issue 16): the upstream's latest word per claim,
learned by `sync`; each change is also an audit event. Rewritten by each change, so no triggers.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "claim_statuses",
        sa.Column("claim_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("change_no", sa.Integer(), nullable=False),
        sa.Column("changed_at", sa.String(length=40), nullable=False),
        sa.Column("learned_at", sa.String(length=40), nullable=False),
        sa.Column("gross", sa.Integer(), nullable=True),
        sa.Column("tax", sa.Integer(), nullable=True),
        sa.Column("net", sa.Integer(), nullable=True),
        sa.Column("payout_method", sa.String(length=20), nullable=True),
        sa.Column("rejection_reason", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "status IN ('uploaded', 'verifying', 'approved', 'rejected', 'paid')",
            name=op.f("ck_claim_statuses_status"),
        ),
        sa.ForeignKeyConstraint(
            ["seq"], ["transactions.seq"], name=op.f("fk_claim_statuses_seq_transactions")
        ),
        sa.PrimaryKeyConstraint("claim_id", name=op.f("pk_claim_statuses")),
        sa.UniqueConstraint("seq", name=op.f("uq_claim_statuses_seq")),
        sqlite_with_rowid=False,
    )


def downgrade() -> None:
    op.drop_table("claim_statuses")
