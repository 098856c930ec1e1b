"""Participants registered at another channel, as the upstream's inquiry described them.

A BPU participant registered online, by a Perisai agent or at another bank pays at this counter
(issue 15): the inquiry's answer is kept so they pay offline too when seen lately, and so their
receipts name them. A cache each answer overwrites; the payments themselves are the records.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "upstream_participants",
        sa.Column("nik", sa.String(16), nullable=False),
        sa.Column("kpj", sa.String(20)),
        sa.Column("full_name", sa.String(100), nullable=False),
        sa.Column("birth_date", sa.String(10), nullable=False),
        sa.Column("monthly_income", sa.Integer, nullable=False),
        sa.Column("programs", sa.String(40), nullable=False),
        sa.Column("sector", sa.String(40)),
        sa.Column("paid_through", sa.String(7)),
        sa.Column("seen_at", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint("nik", name=op.f("pk_upstream_participants")),
        sqlite_with_rowid=False,
    )


def downgrade() -> None:
    op.drop_table("upstream_participants")
