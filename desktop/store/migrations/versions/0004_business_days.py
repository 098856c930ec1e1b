"""Business days: opening float, blind cash counts, numbered close reports, reopenings.

A store made before this revision has captures but no business days: each date it holds
transactions for becomes an open day (opened at its first capture, by nobody, with a zero float,
marked automatic), which the teller closes like any other (`spo-counter close-day --date`).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_APPEND_ONLY = ("cash_counts", "day_reopens")

PROTECTION_TRIGGERS = [
    *(
        f"CREATE TRIGGER {table}_no_{action} BEFORE {action.upper()} ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: {action} refused'); END"
        for table in _APPEND_ONLY
        for action in ("update", "delete")
    ),
    "CREATE TRIGGER day_closes_no_delete BEFORE DELETE ON day_closes "
    "BEGIN SELECT RAISE(ABORT, 'day close reports are never deleted'); END",
    # The report is final; only the upstream's confirmation of the day's manifest is added, once.
    "CREATE TRIGGER day_closes_immutable BEFORE UPDATE ON day_closes "
    "WHEN OLD.manifest_confirmed_at IS NOT NULL OR NEW.manifest_confirmed_at IS NULL "
    "OR NEW.report_no IS NOT OLD.report_no OR NEW.business_date IS NOT OLD.business_date "
    "OR NEW.version IS NOT OLD.version OR NEW.closed_at IS NOT OLD.closed_at "
    "OR NEW.closed_by IS NOT OLD.closed_by OR NEW.count_id IS NOT OLD.count_id "
    "OR NEW.opening_float IS NOT OLD.opening_float OR NEW.cash_received IS NOT OLD.cash_received "
    "OR NEW.cash_voided IS NOT OLD.cash_voided OR NEW.expected_cash IS NOT OLD.expected_cash "
    "OR NEW.counted_cash IS NOT OLD.counted_cash OR NEW.variance IS NOT OLD.variance "
    "OR NEW.debit_total IS NOT OLD.debit_total OR NEW.variance_reason IS NOT OLD.variance_reason "
    "OR NEW.approved_by IS NOT OLD.approved_by OR NEW.summary IS NOT OLD.summary "
    "OR NEW.pdf IS NOT OLD.pdf OR NEW.pdf_sha256 IS NOT OLD.pdf_sha256 "
    "BEGIN SELECT RAISE(ABORT, 'a day close report is immutable: update refused'); END",
    "CREATE TRIGGER business_days_no_delete BEFORE DELETE ON business_days "
    "BEGIN SELECT RAISE(ABORT, 'business days are never deleted'); END",
    "CREATE TRIGGER business_days_open_on_insert BEFORE INSERT ON business_days "
    "WHEN NEW.status IS NOT 'open' OR NEW.closes IS NOT 0 "
    "BEGIN SELECT RAISE(ABORT, 'a business day starts open and never closed'); END",
    "CREATE TRIGGER business_days_fixed_identity BEFORE UPDATE ON business_days "
    "WHEN NEW.business_date IS NOT OLD.business_date OR NEW.opened_at IS NOT OLD.opened_at "
    "OR NEW.opened_by IS NOT OLD.opened_by OR NEW.auto_opened IS NOT OLD.auto_opened "
    "BEGIN SELECT RAISE(ABORT, 'a business day keeps its date and opening'); END",
    # A day opened by its first capture (zero float) may have its counted float recorded once,
    # while it is open; any other day's float never changes.
    "CREATE TRIGGER business_days_float_once BEFORE UPDATE ON business_days "
    "WHEN (NEW.opening_count_id IS NOT OLD.opening_count_id "
    "OR NEW.opening_float IS NOT OLD.opening_float) "
    "AND (OLD.opening_count_id IS NOT NULL OR OLD.status IS NOT 'open' "
    "OR NEW.status IS NOT 'open' OR NEW.opening_count_id IS NULL) "
    "BEGIN SELECT RAISE(ABORT, 'the opening float is recorded once, while the day is open'); END",
    "CREATE TRIGGER business_days_close_with_report BEFORE UPDATE ON business_days "
    "WHEN OLD.status = 'open' AND NEW.status = 'closed' AND (NEW.closes IS NOT OLD.closes + 1 "
    "OR NOT EXISTS (SELECT 1 FROM day_closes WHERE business_date = NEW.business_date "
    "AND version = NEW.closes)) "
    "BEGIN SELECT RAISE(ABORT, 'a business day closes only with its report'); END",
    "CREATE TRIGGER business_days_reopen_recorded BEFORE UPDATE ON business_days "
    "WHEN OLD.status = 'closed' AND NEW.status = 'open' AND (NEW.closes IS NOT OLD.closes "
    "OR NOT EXISTS (SELECT 1 FROM day_reopens WHERE business_date = NEW.business_date "
    "AND version = OLD.closes)) "
    "BEGIN SELECT RAISE(ABORT, 'a business day reopens only with a recorded reason'); END",
    "CREATE TRIGGER business_days_closes_steady BEFORE UPDATE ON business_days "
    "WHEN NEW.status IS OLD.status AND NEW.closes IS NOT OLD.closes "
    "BEGIN SELECT RAISE(ABORT, 'the number of closes changes only by closing'); END",
]
TRIGGER_NAMES = [statement.split()[2] for statement in PROTECTION_TRIGGERS]


def upgrade() -> None:
    op.create_table(
        "cash_counts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("business_date", sa.String(length=10), nullable=False),
        sa.Column("purpose", sa.String(length=10), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("counted_at", sa.String(length=40), nullable=False),
        sa.Column("counted_by", sa.String(length=30), nullable=False),
        sa.Column("pieces", sa.Text(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "purpose IN ('opening', 'closing')", name=op.f("ck_cash_counts_purpose")
        ),
        sa.CheckConstraint("total >= 0", name=op.f("ck_cash_counts_total_not_negative")),
        sa.ForeignKeyConstraint(
            ["counted_by"], ["users.id"], name=op.f("fk_cash_counts_counted_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cash_counts")),
    )
    with op.batch_alter_table("cash_counts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_cash_counts_business_date"), ["business_date"], unique=False
        )

    op.create_table(
        "business_days",
        sa.Column("business_date", sa.String(length=10), nullable=False),
        sa.Column("opened_at", sa.String(length=40), nullable=False),
        sa.Column("opened_by", sa.String(length=30), nullable=True),
        sa.Column("auto_opened", sa.Boolean(), nullable=False),
        sa.Column("opening_count_id", sa.Integer(), nullable=True),
        sa.Column("opening_float", sa.Integer(), server_default="0", nullable=False),
        sa.Column("status", sa.String(length=10), server_default="open", nullable=False),
        sa.Column("closes", sa.Integer(), server_default="0", nullable=False),
        sa.CheckConstraint("status IN ('open', 'closed')", name=op.f("ck_business_days_status")),
        sa.CheckConstraint(
            "opening_float >= 0", name=op.f("ck_business_days_opening_float_not_negative")
        ),
        sa.ForeignKeyConstraint(
            ["opened_by"], ["users.id"], name=op.f("fk_business_days_opened_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["opening_count_id"],
            ["cash_counts.id"],
            name=op.f("fk_business_days_opening_count_id_cash_counts"),
        ),
        sa.PrimaryKeyConstraint("business_date", name=op.f("pk_business_days")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "day_closes",
        sa.Column("report_no", sa.String(length=60), nullable=False),
        sa.Column("business_date", sa.String(length=10), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("closed_at", sa.String(length=40), nullable=False),
        sa.Column("closed_by", sa.String(length=30), nullable=False),
        sa.Column("count_id", sa.Integer(), nullable=False),
        sa.Column("opening_float", sa.Integer(), nullable=False),
        sa.Column("cash_received", sa.Integer(), nullable=False),
        sa.Column("cash_voided", sa.Integer(), nullable=False),
        sa.Column("expected_cash", sa.Integer(), nullable=False),
        sa.Column("counted_cash", sa.Integer(), nullable=False),
        sa.Column("variance", sa.Integer(), nullable=False),
        sa.Column("debit_total", sa.Integer(), nullable=False),
        sa.Column("variance_reason", sa.String(length=200), nullable=True),
        sa.Column("approved_by", sa.String(length=30), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.Column("pdf_sha256", sa.String(length=64), nullable=False),
        sa.Column("manifest_confirmed_at", sa.String(length=40), nullable=True),
        sa.CheckConstraint("version >= 1", name=op.f("ck_day_closes_version")),
        sa.ForeignKeyConstraint(
            ["approved_by"], ["users.id"], name=op.f("fk_day_closes_approved_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["closed_by"], ["users.id"], name=op.f("fk_day_closes_closed_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["count_id"], ["cash_counts.id"], name=op.f("fk_day_closes_count_id_cash_counts")
        ),
        sa.PrimaryKeyConstraint("report_no", name=op.f("pk_day_closes")),
        sa.UniqueConstraint("business_date", "version", name="uq_day_closes_business_date_version"),
    )
    op.create_table(
        "day_reopens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("business_date", sa.String(length=10), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("reopened_at", sa.String(length=40), nullable=False),
        sa.Column("reopened_by", sa.String(length=30), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["reopened_by"], ["users.id"], name=op.f("fk_day_reopens_reopened_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_day_reopens")),
    )
    with op.batch_alter_table("day_reopens", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_day_reopens_business_date"), ["business_date"], unique=False
        )

    # Days captured before this revision: open, from their first capture, with a zero float.
    op.execute(
        "INSERT INTO business_days "
        "(business_date, opened_at, opened_by, auto_opened, opening_count_id, opening_float, "
        "status, closes) "
        "SELECT business_date, MIN(created_at), NULL, 1, NULL, 0, 'open', 0 "
        "FROM transactions GROUP BY business_date"
    )
    for statement in PROTECTION_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    for name in TRIGGER_NAMES:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    with op.batch_alter_table("day_reopens", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_day_reopens_business_date"))

    op.drop_table("day_reopens")
    op.drop_table("day_closes")
    op.drop_table("business_days")
    with op.batch_alter_table("cash_counts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cash_counts_business_date"))

    op.drop_table("cash_counts")
