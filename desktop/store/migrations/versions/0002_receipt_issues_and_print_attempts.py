"""Receipt issues (original and reprints), print attempts, and the paper a counter prints on.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Issued papers and print attempts are facts: never updated or deleted.
PROTECTION_TRIGGERS = [
    f"CREATE TRIGGER {table}_no_{action} BEFORE {action.upper()} ON {table} "
    f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: {action} refused'); END"
    for table in ("receipt_issues", "print_attempts")
    for action in ("update", "delete")
]
TRIGGER_NAMES = [statement.split()[2] for statement in PROTECTION_TRIGGERS]


def upgrade() -> None:
    op.create_table(
        "receipt_issues",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("copy_number", sa.Integer(), nullable=False),
        sa.Column("issued_at", sa.String(length=40), nullable=False),
        sa.Column("issued_by", sa.String(length=30), nullable=False),
        sa.Column("paper", sa.String(length=10), nullable=False),
        sa.CheckConstraint("copy_number >= 0", name=op.f("ck_receipt_issues_copy_number")),
        sa.ForeignKeyConstraint(
            ["issued_by"], ["users.id"], name=op.f("fk_receipt_issues_issued_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["seq"], ["transactions.seq"], name=op.f("fk_receipt_issues_seq_transactions")
        ),
        sa.PrimaryKeyConstraint("seq", "copy_number", name=op.f("pk_receipt_issues")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "print_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("copy_number", sa.Integer(), nullable=False),
        sa.Column("at", sa.String(length=40), nullable=False),
        sa.Column("actor", sa.String(length=30), nullable=False),
        sa.Column("outcome", sa.String(length=10), nullable=False),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "outcome IN ('printed', 'failed', 'saved')", name=op.f("ck_print_attempts_outcome")
        ),
        sa.ForeignKeyConstraint(
            ["actor"], ["users.id"], name=op.f("fk_print_attempts_actor_users")
        ),
        sa.ForeignKeyConstraint(
            ["seq", "copy_number"],
            ["receipt_issues.seq", "receipt_issues.copy_number"],
            name="fk_print_attempts_receipt_issues",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_print_attempts")),
    )
    with op.batch_alter_table("print_attempts", schema=None) as batch_op:
        batch_op.create_index("ix_print_attempts_seq", ["seq"], unique=False)

    # A plain ADD COLUMN: a batch copy of the table would drop its protection triggers.
    op.add_column(
        "counter_profile",
        sa.Column("paper", sa.String(length=10), server_default="roll80", nullable=False),
    )
    for statement in PROTECTION_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    for name in TRIGGER_NAMES:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    with op.batch_alter_table("counter_profile", schema=None) as batch_op:
        batch_op.drop_column("paper")

    with op.batch_alter_table("print_attempts", schema=None) as batch_op:
        batch_op.drop_index("ix_print_attempts_seq")

    op.drop_table("print_attempts")
    op.drop_table("receipt_issues")
