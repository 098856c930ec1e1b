"""What became of each JHT claim handed over here (issue 16): the upstream's latest word per claim,
learned by `sync`; each change is also an audit event. Rewritten by each change, so no triggers.

Also: a claim document may be presented electronically (Permenaker 4/2022), a status of its own.
SQLite cannot change a CHECK constraint, so `claim_documents` is built again with the wider one,
its rows copied as they are, and its append-only triggers made again exactly as 0001 made them.

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

_DOCUMENT_TRIGGERS = [
    "CREATE TRIGGER claim_documents_no_update BEFORE UPDATE ON claim_documents "
    "BEGIN SELECT RAISE(ABORT, 'claim_documents is append-only: update refused'); END",
    "CREATE TRIGGER claim_documents_no_delete BEFORE DELETE ON claim_documents "
    "BEGIN SELECT RAISE(ABORT, 'claim_documents is append-only: delete refused'); END",
]


_WITH_ELECTRONIC = "status IN ('original', 'copy', 'electronic', 'missing')"
_WITHOUT_ELECTRONIC = "status IN ('original', 'copy', 'missing')"
_COPY_AS_IS = (
    "INSERT INTO claim_documents (seq, document, status) "
    "SELECT seq, document, status FROM claim_documents_before_0008 ORDER BY seq"
)
# Down: an electronic document goes back as a copy, the nearest status the old schema knows.
_COPY_ELECTRONIC_AS_COPY = (
    "INSERT INTO claim_documents (seq, document, status) "
    "SELECT seq, document, CASE status WHEN 'electronic' THEN 'copy' ELSE status END "
    "FROM claim_documents_before_0008 ORDER BY seq"
)


def _rebuild_claim_documents(check: str, copy: str) -> None:
    op.execute("DROP TRIGGER IF EXISTS claim_documents_no_update")
    op.execute("DROP TRIGGER IF EXISTS claim_documents_no_delete")
    op.execute("ALTER TABLE claim_documents RENAME TO claim_documents_before_0008")
    op.create_table(
        "claim_documents",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("document", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.CheckConstraint(check, name=op.f("ck_claim_documents_status")),
        sa.ForeignKeyConstraint(
            ["seq"], ["transactions.seq"], name=op.f("fk_claim_documents_seq_transactions")
        ),
        sa.PrimaryKeyConstraint("seq", "document", name=op.f("pk_claim_documents")),
        sqlite_with_rowid=False,
    )
    op.execute(copy)
    op.execute("DROP TABLE claim_documents_before_0008")
    for statement in _DOCUMENT_TRIGGERS:
        op.execute(statement)


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
    _rebuild_claim_documents(_WITH_ELECTRONIC, _COPY_AS_IS)


def downgrade() -> None:
    _rebuild_claim_documents(_WITHOUT_ELECTRONIC, _COPY_ELECTRONIC_AS_COPY)
    op.drop_table("claim_statuses")
