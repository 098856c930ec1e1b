"""Perisai agents (issue 18): the register the upstream lists, and the agent of a payment.

`agents` is the register as `sync` last fetched it (a cache: each list rewrites it).
`contribution_agents` names the agent who brought a BPU contribution payment: part of the
payment's record, append-only like it, in a table of its own so that every record captured
before keeps its digest (a new column would change what each of them reads back as).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

_APPEND_ONLY = ("contribution_agents",)

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
        "agents",
        sa.Column("code", sa.String(length=30), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("institution_code", sa.String(length=30), nullable=False),
        sa.Column("institution_name", sa.String(length=100), nullable=False),
        sa.Column("institution_kind", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("listed_at", sa.String(length=40), nullable=False),
        sa.CheckConstraint("status IN ('active', 'inactive')", name=op.f("ck_agents_status")),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_agents")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "contribution_agents",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("agent_code", sa.String(length=30), nullable=False),
        sa.ForeignKeyConstraint(
            ["seq"], ["transactions.seq"], name=op.f("fk_contribution_agents_seq_transactions")
        ),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_contribution_agents")),
    )
    op.create_index(
        op.f("ix_contribution_agents_agent_code"),
        "contribution_agents",
        ["agent_code"],
        unique=False,
    )
    for statement in PROTECTION_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    for name in TRIGGER_NAMES:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_index(op.f("ix_contribution_agents_agent_code"), table_name="contribution_agents")
    op.drop_table("contribution_agents")
    op.drop_table("agents")
