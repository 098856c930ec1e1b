"""Benefit payouts (issue 16): a JHT claim approved upstream is paid out at the counter.

`payouts` holds each reservation, written before the upstream is asked to hold the claim (its
claim handed over here, `claim_seq`, or at another counter, known by its receipt number only);
`payout_ends` how it ended (confirmed, released, refused); `benefit_payments` the details of the
payment transaction, 'benefit_payment' among the kinds a transaction may be (the kind list
rewritten in place as 0009 does). All three append-only.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_KINDS_BEFORE = "kind IN ('registration', 'contribution', 'claim_handover', 'void', 'refund')"
_KINDS_AFTER = (
    "kind IN ('registration', 'contribution', 'claim_handover', 'void', 'refund', "
    "'benefit_payment')"
)
TABLES = ("payouts", "payout_ends", "benefit_payments")
PROTECTION_TRIGGERS = [
    f"CREATE TRIGGER {table}_no_{action} BEFORE {action.upper()} ON {table} "
    f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: {action} refused'); END"
    for table in TABLES
    for action in ("update", "delete")
]
TRIGGER_NAMES = [statement.split()[2] for statement in PROTECTION_TRIGGERS]


def _rewrite_kinds(before: str, after: str) -> None:
    """As 0009: SQLite cannot alter a CHECK; widening it changes no stored row."""
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
        bind.exec_driver_sql(f"PRAGMA schema_version={version + 1}")
    finally:
        bind.exec_driver_sql("PRAGMA writable_schema=OFF")


def upgrade() -> None:
    _rewrite_kinds(_KINDS_BEFORE, _KINDS_AFTER)
    op.create_table(
        "payouts",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("claim_id", sa.String(length=36), nullable=False),
        sa.Column("claim_seq", sa.Integer(), nullable=True),
        sa.Column("claim_receipt_no", sa.String(length=60), nullable=False),
        sa.Column("reserved_at", sa.String(length=40), nullable=False),
        sa.Column("teller_id", sa.String(length=30), nullable=False),
        sa.Column("method", sa.String(length=10), nullable=False),
        sa.Column("reference", sa.String(length=60), nullable=True),
        sa.Column("claimant_nik", sa.String(length=16), nullable=False),
        sa.Column("approved_by", sa.String(length=30), nullable=True),
        sa.CheckConstraint("method IN ('transfer', 'cash')", name=op.f("ck_payouts_method")),
        sa.ForeignKeyConstraint(
            ["approved_by"], ["users.id"], name=op.f("fk_payouts_approved_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["claim_seq"], ["transactions.seq"], name=op.f("fk_payouts_claim_seq_transactions")
        ),
        sa.ForeignKeyConstraint(
            ["teller_id"], ["users.id"], name=op.f("fk_payouts_teller_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payouts")),
        sqlite_with_rowid=False,
    )
    op.create_index(op.f("ix_payouts_claim_id"), "payouts", ["claim_id"], unique=False)
    op.create_table(
        "payout_ends",
        sa.Column("payout_id", sa.String(length=36), nullable=False),
        sa.Column("outcome", sa.String(length=10), nullable=False),
        sa.Column("ended_at", sa.String(length=40), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.CheckConstraint(
            "outcome IN ('confirmed', 'released', 'refused')", name=op.f("ck_payout_ends_outcome")
        ),
        sa.ForeignKeyConstraint(
            ["payout_id"], ["payouts.id"], name=op.f("fk_payout_ends_payout_id_payouts")
        ),
        sa.PrimaryKeyConstraint("payout_id", name=op.f("pk_payout_ends")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "benefit_payments",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("payout_id", sa.String(length=36), nullable=False),
        sa.Column("claim_id", sa.String(length=36), nullable=False),
        sa.Column("claim_receipt_no", sa.String(length=60), nullable=False),
        sa.Column("reason", sa.String(length=30), nullable=False),
        sa.Column("claimant_name", sa.String(length=100), nullable=False),
        sa.Column("claimant_nik", sa.String(length=16), nullable=False),
        sa.Column("nik", sa.String(length=16), nullable=False),
        sa.Column("kpj", sa.String(length=20), nullable=True),
        sa.Column("gross", sa.Integer(), nullable=False),
        sa.Column("tax", sa.Integer(), nullable=False),
        sa.Column("net", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(length=10), nullable=False),
        sa.Column("reference", sa.String(length=60), nullable=True),
        sa.Column("payout_bank", sa.String(length=60), nullable=True),
        sa.Column("payout_account", sa.String(length=30), nullable=True),
        sa.Column("approved_by", sa.String(length=30), nullable=True),
        sa.ForeignKeyConstraint(
            ["approved_by"], ["users.id"], name=op.f("fk_benefit_payments_approved_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["payout_id"], ["payouts.id"], name=op.f("fk_benefit_payments_payout_id_payouts")
        ),
        sa.ForeignKeyConstraint(
            ["seq"], ["transactions.seq"], name=op.f("fk_benefit_payments_seq_transactions")
        ),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_benefit_payments")),
        sa.UniqueConstraint("claim_id", name=op.f("uq_benefit_payments_claim_id")),
        sa.UniqueConstraint("payout_id", name=op.f("uq_benefit_payments_payout_id")),
    )
    for statement in PROTECTION_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    for name in TRIGGER_NAMES:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("benefit_payments")
    op.drop_table("payout_ends")
    op.drop_index(op.f("ix_payouts_claim_id"), table_name="payouts")
    op.drop_table("payouts")
    _rewrite_kinds(_KINDS_AFTER, _KINDS_BEFORE)
