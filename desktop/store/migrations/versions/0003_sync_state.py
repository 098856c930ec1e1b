"""Sync state: how far the upstream has acknowledged the audit chain, and the last uploads.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_state",
        sa.Column("counter_code", sa.String(length=40), nullable=False),
        sa.Column("acked_seq", sa.Integer(), server_default="0", nullable=False),
        sa.Column("acked_hash", sa.String(length=64), nullable=False),
        sa.Column("last_attempt_at", sa.String(length=40), nullable=True),
        sa.Column("last_success_at", sa.String(length=40), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("counter_code", name=op.f("pk_sync_state")),
        sqlite_with_rowid=False,
    )


def downgrade() -> None:
    op.drop_table("sync_state")
