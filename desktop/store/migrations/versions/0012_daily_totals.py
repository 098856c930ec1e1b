"""The supervisor's summary reads kept figures: `daily_totals` and an index of unsent outbox rows.

`daily_totals` holds the counter's figures per business day and key (kind, program, tender,
teller, agent), kept from now on in the same transaction as each capture, void and refund
(desktop/store/daily_totals.py). Here it is filled from the transactions already stored, by the
same rules in SQL: a transaction counts on its own day; a voided one's money also goes into its
day's `voided_*`; a refund counts on its own day in `refunded_*`, under its kind, tender and
teller and under the refunded payment's programs and agent.

`ix_outbox_unsent` indexes the outbox rows not acknowledged yet (pending or quarantined), so the
upload backlog and its oldest record are read without scanning every row ever uploaded.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

_UPSERT_TAIL = """
WHERE true
ON CONFLICT (business_date, dimension, key) DO UPDATE SET
    count = count + excluded.count,
    amount = amount + excluded.amount,
    voided_count = voided_count + excluded.voided_count,
    voided_amount = voided_amount + excluded.voided_amount,
    paid_out_count = paid_out_count + excluded.paid_out_count,
    paid_out_amount = paid_out_amount + excluded.paid_out_amount
"""
_COLUMNS = (
    "business_date, dimension, key, count, amount, voided_count, voided_amount, "
    "paid_out_count, paid_out_amount"
)

# Each: (day, dimension, key, count, amount, voided_count, voided_amount, paid_out_count,
# paid_out_amount) grouped; `f` is a transaction's facts, `o` a voided or refunded original's.
_FILLS = (
    # every transaction of money (or none: a claim handover) under its own keys
    "SELECT day, 'kind', kind, COUNT(*), SUM(amount), 0, 0, 0, 0 FROM _facts "
    "WHERE kind NOT IN ('void', 'refund', 'benefit_payment') "
    "GROUP BY day, kind",
    "SELECT day, 'teller', teller, COUNT(*), SUM(amount), 0, 0, 0, 0 FROM _facts "
    "WHERE kind NOT IN ('void', 'refund', 'benefit_payment') "
    "GROUP BY day, teller",
    "SELECT day, 'tender', tender, COUNT(*), SUM(amount), 0, 0, 0, 0 FROM _facts "
    "WHERE kind NOT IN ('void', 'refund', 'benefit_payment') "
    "AND tender IS NOT NULL GROUP BY day, tender",
    "SELECT day, 'agent.' || kind, agent, COUNT(*), SUM(amount), 0, 0, 0, 0 FROM _facts "
    "WHERE kind NOT IN ('void', 'refund', 'benefit_payment') AND agent IS NOT NULL "
    "GROUP BY day, kind, agent",
    "SELECT f.day, 'program', l.program, COUNT(*), SUM(l.amount), 0, 0, 0, 0 FROM _facts AS f "
    "JOIN contribution_lines AS l ON l.seq = f.seq "
    "WHERE f.kind NOT IN ('void', 'refund', 'benefit_payment') GROUP BY f.day, l.program",
    # voids, refunds and benefit payments under their own kind, teller and tender (money out)
    "SELECT day, 'kind', kind, COUNT(*), 0, 0, 0, SUM(kind IN ('refund', 'benefit_payment')), "
    "SUM(CASE WHEN kind IN ('refund', 'benefit_payment') THEN amount ELSE 0 END) FROM _facts "
    "WHERE kind IN ('void', 'refund', 'benefit_payment') GROUP BY day, kind",
    "SELECT day, 'teller', teller, COUNT(*), 0, 0, 0, SUM(kind IN ('refund', 'benefit_payment')), "
    "SUM(CASE WHEN kind IN ('refund', 'benefit_payment') THEN amount ELSE 0 END) FROM _facts "
    "WHERE kind IN ('void', 'refund', 'benefit_payment') GROUP BY day, teller",
    "SELECT day, 'tender', tender, COUNT(*), 0, 0, 0, COUNT(*), SUM(amount) FROM _facts "
    "WHERE kind IN ('refund', 'benefit_payment') AND tender IS NOT NULL GROUP BY day, tender",
    # what was voided, on its own day
    "SELECT o.day, 'kind', o.kind, 0, 0, COUNT(*), SUM(o.amount), 0, 0 FROM voids AS v "
    "JOIN _facts AS o ON o.seq = v.voided_seq GROUP BY o.day, o.kind",
    "SELECT o.day, 'teller', o.teller, 0, 0, COUNT(*), SUM(o.amount), 0, 0 FROM voids AS v "
    "JOIN _facts AS o ON o.seq = v.voided_seq GROUP BY o.day, o.teller",
    "SELECT o.day, 'tender', o.tender, 0, 0, COUNT(*), SUM(o.amount), 0, 0 FROM voids AS v "
    "JOIN _facts AS o ON o.seq = v.voided_seq WHERE o.tender IS NOT NULL "
    "GROUP BY o.day, o.tender",
    "SELECT o.day, 'agent.' || o.kind, o.agent, 0, 0, COUNT(*), SUM(o.amount), 0, 0 "
    "FROM voids AS v JOIN _facts AS o ON o.seq = v.voided_seq WHERE o.agent IS NOT NULL "
    "GROUP BY o.day, o.kind, o.agent",
    "SELECT o.day, 'program', l.program, 0, 0, COUNT(*), SUM(l.amount), 0, 0 FROM voids AS v "
    "JOIN _facts AS o ON o.seq = v.voided_seq JOIN contribution_lines AS l ON l.seq = o.seq "
    "GROUP BY o.day, l.program",
    # what a refund gave back, on the refund's day, under the refunded payment's programs, agent
    "SELECT f.day, 'program', l.program, 0, 0, 0, 0, COUNT(*), SUM(l.amount) FROM refunds AS x "
    "JOIN _facts AS f ON f.seq = x.seq JOIN _facts AS o ON o.seq = x.refunded_seq "
    "JOIN contribution_lines AS l ON l.seq = o.seq GROUP BY f.day, l.program",
    "SELECT f.day, 'agent.' || o.kind, o.agent, 0, 0, 0, 0, COUNT(*), SUM(f.amount) "
    "FROM refunds AS x JOIN _facts AS f ON f.seq = x.seq "
    "JOIN _facts AS o ON o.seq = x.refunded_seq WHERE o.agent IS NOT NULL "
    "GROUP BY f.day, o.kind, o.agent",
)


def _has_table(name: str) -> bool:
    found = op.get_bind().exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
    )
    return found.first() is not None


def backfill() -> None:
    """Fill daily_totals from every stored transaction (the table empty before)."""
    bind = op.get_bind()
    # A payment's agent is in contribution_agents where the store has that table (the register
    # of agents, issue 18, may come before this migration).
    joins = ""
    agent = "r.agent_code"
    if _has_table("contribution_agents"):
        joins = "LEFT JOIN contribution_agents AS ca ON ca.seq = t.seq "
        agent = "COALESCE(r.agent_code, ca.agent_code)"
    bind.exec_driver_sql("DROP TABLE IF EXISTS temp._facts")
    bind.exec_driver_sql(
        "CREATE TEMP TABLE _facts (seq INTEGER PRIMARY KEY, day TEXT, kind TEXT, tender TEXT, "
        "teller TEXT, amount INTEGER, agent TEXT)"
    )
    bind.exec_driver_sql(
        "INSERT INTO _facts SELECT t.seq, t.business_date, "  # noqa: S608 - fixed text
        "CASE WHEN t.kind = 'contribution' THEN "
        "CASE WHEN c.category = 'PU' THEN 'contribution_pu' ELSE 'contribution_bpu' END "
        f"ELSE t.kind END, t.tender, t.teller_id, t.amount, {agent} FROM transactions AS t "
        "LEFT JOIN contributions AS c ON c.seq = t.seq "
        f"LEFT JOIN registrations AS r ON r.seq = t.seq {joins}"
    )
    for select in _FILLS:
        bind.exec_driver_sql(
            f"INSERT INTO daily_totals ({_COLUMNS}) SELECT * FROM ({select}) {_UPSERT_TAIL}"  # noqa: S608
        )
    bind.exec_driver_sql("DROP TABLE temp._facts")


def upgrade() -> None:
    op.create_table(
        "daily_totals",
        sa.Column("business_date", sa.String(length=10), nullable=False),
        sa.Column("dimension", sa.String(length=30), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("count", sa.Integer(), server_default="0", nullable=False),
        sa.Column("amount", sa.Integer(), server_default="0", nullable=False),
        sa.Column("voided_count", sa.Integer(), server_default="0", nullable=False),
        sa.Column("voided_amount", sa.Integer(), server_default="0", nullable=False),
        sa.Column("paid_out_count", sa.Integer(), server_default="0", nullable=False),
        sa.Column("paid_out_amount", sa.Integer(), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint("business_date", "dimension", "key", name=op.f("pk_daily_totals")),
        sqlite_with_rowid=False,
    )
    op.create_index(
        "ix_outbox_unsent",
        "outbox",
        ["status", "seq"],
        unique=False,
        sqlite_where=sa.text("status != 'sent'"),
    )
    backfill()


def downgrade() -> None:
    op.drop_index("ix_outbox_unsent", table_name="outbox")
    op.drop_table("daily_totals")
