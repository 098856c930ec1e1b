"""Refunds: a contribution payment the upstream refused is given back as a transaction of its own.

A `refunds` row per refund (append-only, one per refunded payment: `refunded_seq` is unique but no
foreign key, since a restored store takes a refund back from the upstream without the refused
payment the upstream never held), and 'refund' among the kinds a transaction may be.

SQLite cannot alter a CHECK constraint; widening the list of allowed kinds changes no stored row,
so the table's definition is rewritten in place, as SQLite documents for such changes
(https://www.sqlite.org/lang_altertable.html#otheralter), rather than copying the transactions
table and everything that refers to it.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_KINDS_BEFORE = "kind IN ('registration', 'contribution', 'claim_handover', 'void')"
_KINDS_AFTER = "kind IN ('registration', 'contribution', 'claim_handover', 'void', 'refund')"

PROTECTION_TRIGGERS = [
    f"CREATE TRIGGER refunds_no_{action} BEFORE {action.upper()} ON refunds "
    f"BEGIN SELECT RAISE(ABORT, 'refunds is append-only: {action} refused'); END"
    for action in ("update", "delete")
]
TRIGGER_NAMES = [statement.split()[2] for statement in PROTECTION_TRIGGERS]


def _rewrite_kinds(before: str, after: str) -> None:
    bind = op.get_bind()
    sql = bind.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'transactions'"
    ).scalar_one()
    if str(sql).count(before) != 1:
        raise RuntimeError("the transactions table's kind constraint is not the one expected")
    version = int(bind.exec_driver_sql("PRAGMA schema_version").scalar_one())
    bind.exec_driver_sql("PRAGMA writable_schema=ON")
    try:
        bind.exec_driver_sql(
            "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'transactions'",
            (str(sql).replace(before, after),),
        )
        # Other connections re-read the schema when its version moves.
        bind.exec_driver_sql(f"PRAGMA schema_version={version + 1}")
    finally:
        bind.exec_driver_sql("PRAGMA writable_schema=OFF")


def upgrade() -> None:
    _rewrite_kinds(_KINDS_BEFORE, _KINDS_AFTER)
    op.create_table(
        "refunds",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("refunded_seq", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("approved_by", sa.String(length=30), nullable=False),
        sa.ForeignKeyConstraint(
            ["approved_by"], ["users.id"], name=op.f("fk_refunds_approved_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["seq"], ["transactions.seq"], name=op.f("fk_refunds_seq_transactions")
        ),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_refunds")),
        sa.UniqueConstraint("refunded_seq", name=op.f("uq_refunds_refunded_seq")),
    )
    for statement in PROTECTION_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    for name in TRIGGER_NAMES:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("refunds")
    _rewrite_kinds(_KINDS_AFTER, _KINDS_BEFORE)
