"""Initial schema: counter profile, users, participants, transactions, audit log, outbox.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


# Records that carry money or were printed are never updated or deleted: corrections are new
# records. Frozen here as released; later migrations add their own.
APPEND_ONLY = (
    "transactions",
    "registrations",
    "contributions",
    "contribution_lines",
    "claim_handovers",
    "claim_documents",
    "voids",
    "audit_events",
)

PROTECTION_TRIGGERS = [
    *(
        f"CREATE TRIGGER {table}_no_{action} BEFORE {action.upper()} ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: {action} refused'); END"
        for table in APPEND_ONLY
        for action in ("update", "delete")
    ),
    "CREATE TRIGGER participants_no_delete BEFORE DELETE ON participants "
    "BEGIN SELECT RAISE(ABORT, 'participants are never deleted'); END",
    # The upstream assigns the KPJ once; nothing else about a participant row ever changes.
    "CREATE TRIGGER participants_kpj_only BEFORE UPDATE ON participants "
    "WHEN NEW.id IS NOT OLD.id OR NEW.nik IS NOT OLD.nik OR NEW.created_at IS NOT OLD.created_at "
    "OR (OLD.kpj IS NOT NULL AND NEW.kpj IS NOT OLD.kpj) "
    "BEGIN SELECT RAISE(ABORT, 'only a missing KPJ may be filled in'); END",
    "CREATE TRIGGER receipt_sequence_no_delete BEFORE DELETE ON receipt_sequence "
    "BEGIN SELECT RAISE(ABORT, 'the receipt sequence is never deleted'); END",
    # Gapless: the sequence only ever moves up by one.
    "CREATE TRIGGER receipt_sequence_step BEFORE UPDATE ON receipt_sequence "
    "WHEN NEW.last_seq IS NOT OLD.last_seq + 1 OR NEW.counter_code IS NOT OLD.counter_code "
    "BEGIN SELECT RAISE(ABORT, 'receipt numbers only move up by one'); END",
    "CREATE TRIGGER counter_profile_no_delete BEFORE DELETE ON counter_profile "
    "BEGIN SELECT RAISE(ABORT, 'the counter profile is never deleted'); END",
    "CREATE TRIGGER counter_profile_fixed_identity BEFORE UPDATE ON counter_profile "
    "WHEN NEW.counter_code IS NOT OLD.counter_code OR NEW.receipt_secret IS NOT OLD.receipt_secret "
    "BEGIN SELECT RAISE(ABORT, 'a counter keeps its code and receipt key'); END",
]

TRIGGER_NAMES = [statement.split()[2] for statement in PROTECTION_TRIGGERS]


def upgrade() -> None:
    op.create_table(
        "audit_events",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at", sa.String(length=40), nullable=False),
        sa.Column("actor", sa.String(length=30), nullable=True),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.String(length=60), nullable=True),
        sa.Column("record_digest", sa.String(length=64), nullable=True),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_events")),
    )
    op.create_table(
        "counter_profile",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("counter_code", sa.String(length=40), nullable=False),
        sa.Column("bank_code", sa.String(length=10), nullable=False),
        sa.Column("branch_code", sa.String(length=10), nullable=False),
        sa.Column("branch_name", sa.String(length=100), nullable=False),
        sa.Column("counter_no", sa.Integer(), nullable=False),
        sa.Column("timezone", sa.String(length=40), nullable=False),
        sa.Column("receipt_secret", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.String(length=40), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_counter_profile_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_counter_profile")),
        sa.UniqueConstraint("counter_code", name=op.f("uq_counter_profile_counter_code")),
    )
    op.create_table(
        "participants",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("nik", sa.String(length=16), nullable=False),
        sa.Column("kpj", sa.String(length=20), nullable=True),
        sa.Column("created_at", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_participants")),
        sa.UniqueConstraint("kpj", name=op.f("uq_participants_kpj")),
        sa.UniqueConstraint("nik", name=op.f("uq_participants_nik")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "receipt_sequence",
        sa.Column("counter_code", sa.String(length=40), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("counter_code", name=op.f("pk_receipt_sequence")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "users",
        sa.Column("id", sa.String(length=30), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("pin_hash", sa.String(length=200), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("locked_until", sa.String(length=40), nullable=True),
        sa.Column("active", sa.Boolean(), server_default=sa.text("1"), nullable=False),
        sa.Column("created_at", sa.String(length=40), nullable=False),
        sa.Column("created_by", sa.String(length=30), nullable=True),
        sa.CheckConstraint("role IN ('teller', 'supervisor')", name=op.f("ck_users_role")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
    )
    op.create_table(
        "transactions",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("receipt_no", sa.String(length=60), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("business_date", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.String(length=40), nullable=False),
        sa.Column("timezone", sa.String(length=40), nullable=False),
        sa.Column("teller_id", sa.String(length=30), nullable=False),
        sa.Column("participant_id", sa.String(length=36), nullable=True),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("tender", sa.String(length=10), nullable=True),
        sa.Column("debit_account", sa.String(length=30), nullable=True),
        sa.Column("cash_given", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "kind IN ('registration', 'contribution', 'claim_handover', 'void')",
            name=op.f("ck_transactions_kind"),
        ),
        sa.CheckConstraint(
            "tender IS NULL OR tender IN ('cash', 'debit')", name=op.f("ck_transactions_tender")
        ),
        sa.CheckConstraint("amount >= 0", name=op.f("ck_transactions_amount_not_negative")),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_transactions_participant_id_participants"),
        ),
        sa.ForeignKeyConstraint(
            ["teller_id"], ["users.id"], name=op.f("fk_transactions_teller_id_users")
        ),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_transactions")),
    )
    with op.batch_alter_table("transactions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_transactions_business_date"), ["business_date"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_transactions_participant_id"), ["participant_id"], unique=False
        )

    op.create_table(
        "claim_documents",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("document", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.CheckConstraint(
            "status IN ('original', 'copy', 'missing')", name=op.f("ck_claim_documents_status")
        ),
        sa.ForeignKeyConstraint(
            ["seq"], ["transactions.seq"], name=op.f("fk_claim_documents_seq_transactions")
        ),
        sa.PrimaryKeyConstraint("seq", "document", name=op.f("pk_claim_documents")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "claim_handovers",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("reason", sa.String(length=30), nullable=False),
        sa.Column("nik", sa.String(length=16), nullable=False),
        sa.Column("kpj", sa.String(length=20), nullable=True),
        sa.Column("participant_name", sa.String(length=100), nullable=False),
        sa.Column("claimant_name", sa.String(length=100), nullable=False),
        sa.Column("event_date", sa.String(length=10), nullable=True),
        sa.Column("waiting_period_end", sa.String(length=10), nullable=True),
        sa.Column("approved_by", sa.String(length=30), nullable=True),
        sa.Column("npwp_required", sa.Boolean(), nullable=False),
        sa.Column("payout_bank", sa.String(length=60), nullable=False),
        sa.Column("payout_account", sa.String(length=30), nullable=False),
        sa.Column("payout_account_holder", sa.String(length=100), nullable=False),
        sa.Column("missing_count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["approved_by"], ["users.id"], name=op.f("fk_claim_handovers_approved_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["seq"], ["transactions.seq"], name=op.f("fk_claim_handovers_seq_transactions")
        ),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_claim_handovers")),
    )
    with op.batch_alter_table("claim_handovers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_claim_handovers_nik"), ["nik"], unique=False)

    op.create_table(
        "contribution_lines",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("program", sa.String(length=5), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.CheckConstraint("amount >= 0", name=op.f("ck_contribution_lines_amount_not_negative")),
        sa.ForeignKeyConstraint(
            ["seq"], ["transactions.seq"], name=op.f("fk_contribution_lines_seq_transactions")
        ),
        sa.PrimaryKeyConstraint("seq", "program", name=op.f("pk_contribution_lines")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "contributions",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("category", sa.String(length=3), nullable=False),
        sa.Column("identified_by", sa.String(length=20), nullable=True),
        sa.Column("payment_code", sa.String(length=20), nullable=True),
        sa.Column("npp", sa.String(length=20), nullable=True),
        sa.Column("employer_name", sa.String(length=100), nullable=True),
        sa.Column("monthly_income", sa.Integer(), nullable=True),
        sa.Column("months", sa.Integer(), nullable=False),
        sa.Column("period_start", sa.String(length=10), nullable=False),
        sa.Column("period_end", sa.String(length=10), nullable=False),
        sa.CheckConstraint("category IN ('BPU', 'PU')", name=op.f("ck_contributions_category")),
        sa.ForeignKeyConstraint(
            ["seq"], ["transactions.seq"], name=op.f("fk_contributions_seq_transactions")
        ),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_contributions")),
    )
    with op.batch_alter_table("contributions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_contributions_payment_code",
            ["payment_code"],
            unique=False,
            sqlite_where=sa.text("payment_code IS NOT NULL"),
        )

    op.create_table(
        "outbox",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("status", sa.String(length=12), server_default="pending", nullable=False),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("acknowledged_at", sa.String(length=40), nullable=True),
        sa.CheckConstraint(
            "status IN ('pending', 'sent', 'quarantined')", name=op.f("ck_outbox_status")
        ),
        sa.ForeignKeyConstraint(
            ["seq"], ["transactions.seq"], name=op.f("fk_outbox_seq_transactions")
        ),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_outbox")),
    )
    op.create_table(
        "registrations",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("participant_id", sa.String(length=36), nullable=False),
        sa.Column("nik", sa.String(length=16), nullable=False),
        sa.Column("full_name", sa.String(length=100), nullable=False),
        sa.Column("birth_place", sa.String(length=60), nullable=False),
        sa.Column("birth_date", sa.String(length=10), nullable=False),
        sa.Column("sex", sa.String(length=1), nullable=False),
        sa.Column("mother_maiden_name", sa.String(length=100), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("occupation", sa.String(length=60), nullable=False),
        sa.Column("monthly_income", sa.Integer(), nullable=False),
        sa.Column("programs", sa.String(length=40), nullable=False),
        sa.Column("agent_code", sa.String(length=30), nullable=True),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_registrations_participant_id_participants"),
        ),
        sa.ForeignKeyConstraint(
            ["seq"], ["transactions.seq"], name=op.f("fk_registrations_seq_transactions")
        ),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_registrations")),
    )
    with op.batch_alter_table("registrations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_registrations_nik"), ["nik"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_registrations_participant_id"), ["participant_id"], unique=False
        )

    op.create_table(
        "voids",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("voided_seq", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("approved_by", sa.String(length=30), nullable=False),
        sa.ForeignKeyConstraint(
            ["approved_by"], ["users.id"], name=op.f("fk_voids_approved_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["seq"], ["transactions.seq"], name=op.f("fk_voids_seq_transactions")
        ),
        sa.ForeignKeyConstraint(
            ["voided_seq"], ["transactions.seq"], name=op.f("fk_voids_voided_seq_transactions")
        ),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_voids")),
        sa.UniqueConstraint("voided_seq", name=op.f("uq_voids_voided_seq")),
    )
    for statement in PROTECTION_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    for name in TRIGGER_NAMES:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("voids")
    with op.batch_alter_table("registrations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_registrations_participant_id"))
        batch_op.drop_index(batch_op.f("ix_registrations_nik"))

    op.drop_table("registrations")
    op.drop_table("outbox")
    with op.batch_alter_table("contributions", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_contributions_payment_code", sqlite_where=sa.text("payment_code IS NOT NULL")
        )

    op.drop_table("contributions")
    op.drop_table("contribution_lines")
    with op.batch_alter_table("claim_handovers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_claim_handovers_nik"))

    op.drop_table("claim_handovers")
    op.drop_table("claim_documents")
    with op.batch_alter_table("transactions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_transactions_participant_id"))
        batch_op.drop_index(batch_op.f("ix_transactions_business_date"))

    op.drop_table("transactions")
    op.drop_table("users")
    op.drop_table("receipt_sequence")
    op.drop_table("participants")
    op.drop_table("counter_profile")
    op.drop_table("audit_events")
