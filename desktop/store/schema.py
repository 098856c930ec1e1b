"""The counter store's tables (SQLAlchemy Core): the definition the migrations are made from."""

from __future__ import annotations

import sqlalchemy as sa

# Named constraints: Alembic's batch mode on SQLite can only drop what has a name.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)

# Dates are ISO text (YYYY-MM-DD), instants ISO-8601 UTC text with offset: they read back exactly as
# written, which the audit digests (desktop/store/records.py) depend on.
#
# Every capture writes one row into several tables in one durable commit, and each b-tree it
# touches is a page more to fsync. So the capture path touches as few as it can, at the end of
# each: every table of a transaction is keyed by its receipt sequence `seq` (an integer row key,
# always appended), tables with a composite key are WITHOUT ROWID, and no index exists that a
# query does not need (docs/performance.md has the figures).

counter_profile = sa.Table(
    "counter_profile",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("counter_code", sa.String(40), nullable=False, unique=True),
    sa.Column("bank_code", sa.String(10), nullable=False),
    sa.Column("branch_code", sa.String(10), nullable=False),
    sa.Column("branch_name", sa.String(100), nullable=False),
    sa.Column("counter_no", sa.Integer, nullable=False),
    sa.Column("timezone", sa.String(40), nullable=False),
    # Blank since migration 0005: the receipts' signing key is in the key store (RECEIPT_KEY).
    sa.Column("receipt_secret", sa.String(64), nullable=False),
    sa.Column("created_at", sa.String(40), nullable=False),
    # Paper the receipts print on: roll80, a5 or a4 (desktop/receipts/model.py Paper).
    sa.Column("paper", sa.String(10), nullable=False, server_default="roll80"),
    sa.CheckConstraint("id = 1", name="single_row"),
)

users = sa.Table(
    "users",
    metadata,
    sa.Column("id", sa.String(30), primary_key=True),
    sa.Column("name", sa.String(100), nullable=False),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("pin_hash", sa.String(200), nullable=False),
    sa.Column("failed_attempts", sa.Integer, nullable=False, server_default="0"),
    sa.Column("locked_until", sa.String(40)),
    sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.Column("created_at", sa.String(40), nullable=False),
    sa.Column("created_by", sa.String(30)),
    sa.CheckConstraint("role IN ('teller', 'supervisor')", name="role"),
)

participants = sa.Table(
    "participants",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("nik", sa.String(16), nullable=False, unique=True),
    # Assigned by the upstream at sync; the only column that may ever change (see triggers).
    sa.Column("kpj", sa.String(20), unique=True),
    sa.Column("created_at", sa.String(40), nullable=False),
    sqlite_with_rowid=False,
)

transactions = sa.Table(
    "transactions",
    metadata,
    # The receipt sequence is the row key: gapless, in capture order.
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    # The capture UUID: the record's identity upstream, forever. Not indexed: a random key would
    # cost every capture a random page write; the store finds records by seq.
    sa.Column("id", sa.String(36), nullable=False),
    # Derived from seq (looked up through it), stored for people and for `verify`.
    sa.Column("receipt_no", sa.String(60), nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("business_date", sa.String(10), nullable=False, index=True),
    sa.Column("created_at", sa.String(40), nullable=False),
    sa.Column("timezone", sa.String(40), nullable=False),
    sa.Column("teller_id", sa.String(30), sa.ForeignKey("users.id"), nullable=False),
    sa.Column("participant_id", sa.String(36), sa.ForeignKey("participants.id"), index=True),
    sa.Column("amount", sa.Integer, nullable=False),
    sa.Column("tender", sa.String(10)),
    sa.Column("debit_account", sa.String(30)),
    sa.Column("cash_given", sa.Integer),
    sa.CheckConstraint(
        "kind IN ('registration', 'contribution', 'claim_handover', 'void', 'refund', "
        "'benefit_payment')",
        name="kind",
    ),
    sa.CheckConstraint("amount >= 0", name="amount_not_negative"),
    sa.CheckConstraint("tender IS NULL OR tender IN ('cash', 'debit')", name="tender"),
)

registrations = sa.Table(
    "registrations",
    metadata,
    sa.Column(
        "seq", sa.Integer, sa.ForeignKey("transactions.seq"), primary_key=True, autoincrement=False
    ),
    sa.Column(
        "participant_id",
        sa.String(36),
        sa.ForeignKey("participants.id"),
        nullable=False,
        index=True,
    ),
    sa.Column("nik", sa.String(16), nullable=False, index=True),
    sa.Column("full_name", sa.String(100), nullable=False),
    sa.Column("birth_place", sa.String(60), nullable=False),
    sa.Column("birth_date", sa.String(10), nullable=False),
    sa.Column("sex", sa.String(1), nullable=False),
    sa.Column("mother_maiden_name", sa.String(100), nullable=False),
    sa.Column("phone", sa.String(20), nullable=False),
    sa.Column("email", sa.String(254)),
    sa.Column("address", sa.String(200), nullable=False),
    sa.Column("occupation", sa.String(60), nullable=False),
    sa.Column("monthly_income", sa.Integer, nullable=False),
    sa.Column("programs", sa.String(40), nullable=False),
    sa.Column("agent_code", sa.String(30)),
)

contributions = sa.Table(
    "contributions",
    metadata,
    sa.Column(
        "seq", sa.Integer, sa.ForeignKey("transactions.seq"), primary_key=True, autoincrement=False
    ),
    sa.Column("category", sa.String(3), nullable=False),
    sa.Column("identified_by", sa.String(20)),
    sa.Column("payment_code", sa.String(20)),
    sa.Column("npp", sa.String(20)),
    sa.Column("employer_name", sa.String(100)),
    sa.Column("monthly_income", sa.Integer),
    sa.Column("months", sa.Integer, nullable=False),
    sa.Column("period_start", sa.String(10), nullable=False),
    sa.Column("period_end", sa.String(10), nullable=False),
    sa.CheckConstraint("category IN ('BPU', 'PU')", name="category"),
)
# Only PU payments carry a payment code: BPU payments skip this index entirely.
sa.Index(
    "ix_contributions_payment_code",
    contributions.c.payment_code,
    sqlite_where=contributions.c.payment_code.is_not(None),
)

contribution_lines = sa.Table(
    "contribution_lines",
    metadata,
    sa.Column(
        "seq", sa.Integer, sa.ForeignKey("transactions.seq"), primary_key=True, autoincrement=False
    ),
    sa.Column("program", sa.String(5), primary_key=True),
    sa.Column("amount", sa.Integer, nullable=False),
    sa.CheckConstraint("amount >= 0", name="amount_not_negative"),
    sqlite_with_rowid=False,
)

# A BPU payment taken offline for a NIK neither registered here nor seen in an inquiry
# (desktop/services/unverified.py): who the teller confirmed pays. Part of the payment's record,
# so the upstream checks it; its state (awaiting verification, verified, refused) is the
# outbox's, never written here.
unverified_payers = sa.Table(
    "unverified_payers",
    metadata,
    sa.Column(
        "seq", sa.Integer, sa.ForeignKey("transactions.seq"), primary_key=True, autoincrement=False
    ),
    sa.Column("nik", sa.String(16), nullable=False),
    sa.Column("full_name", sa.String(100), nullable=False),
    sa.Column("birth_date", sa.String(10), nullable=False),
)

# The bank's reference of an account-debit payment (migration 0013): the approval or reference
# number the teller copies from the EDC slip or the core-banking debit. Part of the payment's
# record (so uploaded and checked); a record without one (cash, or a debit from before 0013)
# keeps the digest it was written with.
debit_references = sa.Table(
    "debit_references",
    metadata,
    sa.Column(
        "seq", sa.Integer, sa.ForeignKey("transactions.seq"), primary_key=True, autoincrement=False
    ),
    sa.Column("reference", sa.String(20), nullable=False),
)

# The Perisai agent who brought a BPU contribution payment (issue 18): part of the payment's
# record (its digest and its upload), a table of its own so every record captured before it keeps
# its digest. Append-only like the payment; a registration names its agent in `registrations`.
contribution_agents = sa.Table(
    "contribution_agents",
    metadata,
    sa.Column(
        "seq", sa.Integer, sa.ForeignKey("transactions.seq"), primary_key=True, autoincrement=False
    ),
    sa.Column("agent_code", sa.String(30), nullable=False, index=True),
)

claim_handovers = sa.Table(
    "claim_handovers",
    metadata,
    sa.Column(
        "seq", sa.Integer, sa.ForeignKey("transactions.seq"), primary_key=True, autoincrement=False
    ),
    sa.Column("reason", sa.String(30), nullable=False),
    # JHT claimants are mostly wage earners never registered at this counter: who they are is
    # captured with the handover itself.
    sa.Column("nik", sa.String(16), nullable=False, index=True),
    sa.Column("kpj", sa.String(20)),
    sa.Column("participant_name", sa.String(100), nullable=False),
    sa.Column("claimant_name", sa.String(100), nullable=False),
    sa.Column("event_date", sa.String(10)),
    sa.Column("waiting_period_end", sa.String(10)),
    sa.Column("approved_by", sa.String(30), sa.ForeignKey("users.id")),
    sa.Column("npwp_required", sa.Boolean, nullable=False),
    sa.Column("payout_bank", sa.String(60), nullable=False),
    sa.Column("payout_account", sa.String(30), nullable=False),
    sa.Column("payout_account_holder", sa.String(100), nullable=False),
    sa.Column("missing_count", sa.Integer, nullable=False),
)

claim_documents = sa.Table(
    "claim_documents",
    metadata,
    sa.Column(
        "seq", sa.Integer, sa.ForeignKey("transactions.seq"), primary_key=True, autoincrement=False
    ),
    sa.Column("document", sa.String(40), primary_key=True),
    sa.Column("status", sa.String(10), nullable=False),
    # 'electronic' since migration 0008 (documents presented electronically, Permenaker 4/2022).
    sa.CheckConstraint("status IN ('original', 'copy', 'electronic', 'missing')", name="status"),
    sqlite_with_rowid=False,
)

voids = sa.Table(
    "voids",
    metadata,
    sa.Column(
        "seq", sa.Integer, sa.ForeignKey("transactions.seq"), primary_key=True, autoincrement=False
    ),
    sa.Column(
        "voided_seq", sa.Integer, sa.ForeignKey("transactions.seq"), nullable=False, unique=True
    ),
    sa.Column("reason", sa.String(200), nullable=False),
    sa.Column("approved_by", sa.String(30), sa.ForeignKey("users.id"), nullable=False),
)

# The cash given back for a contribution payment the upstream refused (quarantined): a new
# transaction with its own receipt; the payment it refunds stays as it was, once refunded only.
refunds = sa.Table(
    "refunds",
    metadata,
    sa.Column(
        "seq", sa.Integer, sa.ForeignKey("transactions.seq"), primary_key=True, autoincrement=False
    ),
    # No foreign key: a store restored from a backup takes a refund back from the upstream, which
    # never held the refused payment; that payment is gone with the lost store (number written off).
    sa.Column("refunded_seq", sa.Integer, nullable=False, unique=True),
    # The upstream's `code: reason` for refusing the payment, as the outbox kept it.
    sa.Column("reason", sa.String(500), nullable=False),
    sa.Column("approved_by", sa.String(30), sa.ForeignKey("users.id"), nullable=False),
)

# A JHT benefit paid out here (issue 16). The reservation is written first (`payouts`), before
# the upstream is asked to hold the claim; the payment is a transaction of its own with its
# receipt (`benefit_payments` its details); `payout_ends` says how each reservation ended:
# confirmed upstream after the money moved, released (the money never moved), or refused by
# the upstream. A reservation without an end is resumed at the next start
# (desktop/services/benefit_payout.py resume_payouts).
payouts = sa.Table(
    "payouts",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),  # the reservation id sent upstream
    sa.Column("claim_id", sa.String(36), nullable=False, index=True),  # the handover's id
    # The handover's transaction here; none for a claim handed over at another counter.
    sa.Column("claim_seq", sa.Integer, sa.ForeignKey("transactions.seq")),
    sa.Column("claim_receipt_no", sa.String(60), nullable=False),  # the handover receipt
    sa.Column("reserved_at", sa.String(40), nullable=False),
    sa.Column("teller_id", sa.String(30), sa.ForeignKey("users.id"), nullable=False),
    sa.Column("method", sa.String(10), nullable=False),
    sa.Column("reference", sa.String(60)),
    sa.Column("claimant_nik", sa.String(16), nullable=False),
    sa.Column("approved_by", sa.String(30), sa.ForeignKey("users.id")),
    sa.CheckConstraint("method IN ('transfer', 'cash')", name="method"),
    sqlite_with_rowid=False,
)

payout_ends = sa.Table(
    "payout_ends",
    metadata,
    sa.Column("payout_id", sa.String(36), sa.ForeignKey("payouts.id"), primary_key=True),
    sa.Column("outcome", sa.String(10), nullable=False),
    sa.Column("ended_at", sa.String(40), nullable=False),
    sa.Column("note", sa.String(500), nullable=False),
    sa.CheckConstraint("outcome IN ('confirmed', 'released', 'refused')", name="outcome"),
    sqlite_with_rowid=False,
)

benefit_payments = sa.Table(
    "benefit_payments",
    metadata,
    sa.Column(
        "seq", sa.Integer, sa.ForeignKey("transactions.seq"), primary_key=True, autoincrement=False
    ),
    sa.Column("payout_id", sa.String(36), sa.ForeignKey("payouts.id"), nullable=False, unique=True),
    sa.Column("claim_id", sa.String(36), nullable=False, unique=True),  # paid once
    sa.Column("claim_receipt_no", sa.String(60), nullable=False),
    sa.Column("reason", sa.String(30), nullable=False),
    sa.Column("claimant_name", sa.String(100), nullable=False),
    sa.Column("claimant_nik", sa.String(16), nullable=False),
    sa.Column("nik", sa.String(16), nullable=False),  # the participant's
    sa.Column("kpj", sa.String(20)),
    sa.Column("gross", sa.Integer, nullable=False),
    sa.Column("tax", sa.Integer, nullable=False),
    sa.Column("net", sa.Integer, nullable=False),
    sa.Column("method", sa.String(10), nullable=False),
    sa.Column("reference", sa.String(60)),
    sa.Column("payout_bank", sa.String(60)),
    sa.Column("payout_account", sa.String(30)),
    sa.Column("approved_by", sa.String(30), sa.ForeignKey("users.id")),
)

receipt_sequence = sa.Table(
    "receipt_sequence",
    metadata,
    sa.Column("counter_code", sa.String(40), primary_key=True),
    sa.Column("last_seq", sa.Integer, nullable=False),
    sqlite_with_rowid=False,
)

audit_events = sa.Table(
    "audit_events",
    metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("at", sa.String(40), nullable=False),
    sa.Column("actor", sa.String(30)),
    sa.Column("action", sa.String(40), nullable=False),
    sa.Column("entity_id", sa.String(60)),
    # SHA-256 of the record the event concerns, as stored (desktop/store/records.py).
    sa.Column("record_digest", sa.String(64)),
    sa.Column("details", sa.Text, nullable=False),
    sa.Column("prev_hash", sa.String(64), nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
)

# What still has to reach the upstream, one row per transaction, in capture order. The payload
# is the transaction's record itself (desktop/store/records.py): immutable, so not copied here.
outbox = sa.Table(
    "outbox",
    metadata,
    sa.Column(
        "seq", sa.Integer, sa.ForeignKey("transactions.seq"), primary_key=True, autoincrement=False
    ),
    sa.Column("status", sa.String(12), nullable=False, server_default="pending"),
    sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    sa.Column("last_error", sa.Text),
    sa.Column("acknowledged_at", sa.String(40)),
    sa.CheckConstraint("status IN ('pending', 'sent', 'quarantined')", name="status"),
)

# Records not yet acknowledged (pending or quarantined): few, however many the store holds, so the
# upload backlog and its oldest record are read from this small index (migration 0012), never
# from a scan of the outbox. Queries use it by saying `status != 'sent'`.
sa.Index(
    "ix_outbox_unsent",
    outbox.c.status,
    outbox.c.seq,
    sqlite_where=outbox.c.status != "sent",
)

# How far the upstream has acknowledged this counter's audit chain, and the last upload attempts.
sync_state = sa.Table(
    "sync_state",
    metadata,
    sa.Column("counter_code", sa.String(40), primary_key=True),
    sa.Column("acked_seq", sa.Integer, nullable=False, server_default="0"),
    sa.Column("acked_hash", sa.String(64), nullable=False),
    sa.Column("last_attempt_at", sa.String(40)),
    sa.Column("last_success_at", sa.String(40)),
    sa.Column("last_error", sa.Text),
    sqlite_with_rowid=False,
)

# Every paper a receipt was issued as: copy 0 is the original, n the n-th reprint ("SALINAN KE-n").
# The original is issued once; every later issue is a reprint.
receipt_issues = sa.Table(
    "receipt_issues",
    metadata,
    sa.Column("seq", sa.Integer, sa.ForeignKey("transactions.seq"), primary_key=True),
    sa.Column("copy_number", sa.Integer, primary_key=True),
    sa.Column("issued_at", sa.String(40), nullable=False),
    sa.Column("issued_by", sa.String(30), sa.ForeignKey("users.id"), nullable=False),
    sa.Column("paper", sa.String(10), nullable=False),
    sa.CheckConstraint("copy_number >= 0", name="copy_number"),
    sqlite_with_rowid=False,
)

# Every attempt to put a receipt on paper or into a file, apart from the transaction: a jammed
# printer never hides or duplicates a transaction, and a receipt never printed can be found.
print_attempts = sa.Table(
    "print_attempts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("copy_number", sa.Integer, nullable=False),
    sa.Column("at", sa.String(40), nullable=False),
    sa.Column("actor", sa.String(30), sa.ForeignKey("users.id"), nullable=False),
    sa.Column("outcome", sa.String(10), nullable=False),
    sa.Column("detail", sa.Text),
    sa.ForeignKeyConstraint(
        ["seq", "copy_number"],
        ["receipt_issues.seq", "receipt_issues.copy_number"],
        name="fk_print_attempts_receipt_issues",
    ),
    sa.CheckConstraint("outcome IN ('printed', 'failed', 'saved')", name="outcome"),
)
sa.Index("ix_print_attempts_seq", print_attempts.c.seq)

# The counter's business days (one cash drawer a counter): opened with a counted float, or
# automatically by the day's first capture with a zero float; closed into a numbered report;
# reopened only by a supervisor with a reason. `closes` is how many times the day was closed, so
# the version of its newest report. Triggers (migration 0004) keep a day's identity fixed, let
# the float of an automatically opened day be recorded once, and let the status change only
# together with its report or its recorded reopening.
business_days = sa.Table(
    "business_days",
    metadata,
    sa.Column("business_date", sa.String(10), primary_key=True),
    sa.Column("opened_at", sa.String(40), nullable=False),
    # NULL only for days captured before migration 0004, which opened them.
    sa.Column("opened_by", sa.String(30), sa.ForeignKey("users.id")),
    sa.Column("auto_opened", sa.Boolean, nullable=False),
    sa.Column("opening_count_id", sa.Integer, sa.ForeignKey("cash_counts.id")),
    sa.Column("opening_float", sa.Integer, nullable=False, server_default="0"),
    sa.Column("status", sa.String(10), nullable=False, server_default="open"),
    sa.Column("closes", sa.Integer, nullable=False, server_default="0"),
    sa.CheckConstraint("status IN ('open', 'closed')", name="status"),
    sa.CheckConstraint("opening_float >= 0", name="opening_float_not_negative"),
    sqlite_with_rowid=False,
)

# Every cash count, as typed (blind: recorded before the expected figure is shown), never changed:
# the opening float (version 0) and each count towards a close (version = that close's number).
cash_counts = sa.Table(
    "cash_counts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("business_date", sa.String(10), nullable=False, index=True),
    sa.Column("purpose", sa.String(10), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("counted_at", sa.String(40), nullable=False),
    sa.Column("counted_by", sa.String(30), sa.ForeignKey("users.id"), nullable=False),
    # Canonical JSON {"100000": 2, "1000c": 3} (desktop/domain/cash.py codes).
    sa.Column("pieces", sa.Text, nullable=False),
    sa.Column("total", sa.Integer, nullable=False),
    sa.CheckConstraint("purpose IN ('opening', 'closing')", name="purpose"),
    sa.CheckConstraint("total >= 0", name="total_not_negative"),
)

# Each close of a business day: its numbered, immutable report (the PDF and its SHA-256), the cash
# figures, and the summary the report was drawn from (JSON). Only `manifest_confirmed_at` may be
# filled in, once, when the upstream confirms the day's manifest.
day_closes = sa.Table(
    "day_closes",
    metadata,
    sa.Column("report_no", sa.String(60), primary_key=True),
    sa.Column("business_date", sa.String(10), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("closed_at", sa.String(40), nullable=False),
    sa.Column("closed_by", sa.String(30), sa.ForeignKey("users.id"), nullable=False),
    sa.Column("count_id", sa.Integer, sa.ForeignKey("cash_counts.id"), nullable=False),
    sa.Column("opening_float", sa.Integer, nullable=False),
    sa.Column("cash_received", sa.Integer, nullable=False),
    sa.Column("cash_voided", sa.Integer, nullable=False),
    sa.Column("expected_cash", sa.Integer, nullable=False),
    sa.Column("counted_cash", sa.Integer, nullable=False),
    sa.Column("variance", sa.Integer, nullable=False),
    sa.Column("debit_total", sa.Integer, nullable=False),
    sa.Column("variance_reason", sa.String(200)),
    sa.Column("approved_by", sa.String(30), sa.ForeignKey("users.id")),
    sa.Column("summary", sa.Text, nullable=False),
    sa.Column("pdf", sa.LargeBinary, nullable=False),
    sa.Column("pdf_sha256", sa.String(64), nullable=False),
    sa.Column("manifest_confirmed_at", sa.String(40)),
    sa.UniqueConstraint("business_date", "version", name="uq_day_closes_business_date_version"),
    sa.CheckConstraint("version >= 1", name="version"),
)

# A supervisor's reopening of a closed day (the version it reopened), with the reason.
day_reopens = sa.Table(
    "day_reopens",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("business_date", sa.String(10), nullable=False, index=True),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("reopened_at", sa.String(40), nullable=False),
    sa.Column("reopened_by", sa.String(30), sa.ForeignKey("users.id"), nullable=False),
    sa.Column("reason", sa.String(200), nullable=False),
)

# Tables whose rows carry money or were printed: never updated or deleted (triggers in migrations).
# Participants registered at another channel, as the upstream last described them in an
# inquiry: they pay here online and, seen lately, offline too; their receipts name them. A cache
# the next answer overwrites, not a record (the payments are the records).
upstream_participants = sa.Table(
    "upstream_participants",
    metadata,
    sa.Column("nik", sa.String(16), primary_key=True),
    sa.Column("kpj", sa.String(20)),
    sa.Column("full_name", sa.String(100), nullable=False),
    sa.Column("birth_date", sa.String(10), nullable=False),
    sa.Column("monthly_income", sa.Integer, nullable=False),
    sa.Column("programs", sa.String(40), nullable=False),
    sa.Column("sector", sa.String(40)),
    sa.Column("paid_through", sa.String(7)),  # YYYY-MM
    sa.Column("seen_at", sa.String(40), nullable=False),
    sqlite_with_rowid=False,
)

# What became of each claim handed over here, as the upstream last said (issue 16): one row a
# claim, rewritten by each change `sync` learns; every change is also an audit event (claim_status),
# so the table is the latest word and the audit log its history. `change_no` is the upstream's
# number of the change for this counter: the next sync asks for the changes after the highest.
claim_statuses = sa.Table(
    "claim_statuses",
    metadata,
    sa.Column("claim_id", sa.String(36), primary_key=True),  # the handover's transaction id
    sa.Column("seq", sa.Integer, sa.ForeignKey("transactions.seq"), nullable=False, unique=True),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("change_no", sa.Integer, nullable=False),
    sa.Column("changed_at", sa.String(40), nullable=False),  # the upstream's time of the change
    sa.Column("learned_at", sa.String(40), nullable=False),  # when this counter learned it
    sa.Column("gross", sa.Integer),
    sa.Column("tax", sa.Integer),
    sa.Column("net", sa.Integer),
    sa.Column("payout_method", sa.String(20)),
    sa.Column("rejection_reason", sa.Text),
    sa.CheckConstraint(
        "status IN ('uploaded', 'verifying', 'approved', 'rejected', 'paid')", name="status"
    ),
    sqlite_with_rowid=False,
)

# The register of Perisai agents and their institutions, as the upstream last listed them
# (`sync` fetches it, desktop/sync/agents_pull.py): a cache each list rewrites, not a record. An
# agent the upstream no longer lists stays, inactive, so the records naming them still read.
agents = sa.Table(
    "agents",
    metadata,
    sa.Column("code", sa.String(30), primary_key=True),
    sa.Column("name", sa.String(100), nullable=False),
    sa.Column("institution_code", sa.String(30), nullable=False),
    sa.Column("institution_name", sa.String(100), nullable=False),
    sa.Column("institution_kind", sa.String(20), nullable=False),
    sa.Column("status", sa.String(10), nullable=False),
    sa.Column("listed_at", sa.String(40), nullable=False),  # when this row last changed here
    sa.CheckConstraint("status IN ('active', 'inactive')", name="status"),
    sqlite_with_rowid=False,
)

# The counter's figures by business day (migration 0012), kept in the same transaction as every
# capture, void and refund (desktop/store/daily_totals.py) so the supervisor's summary reads a few
# hundred rows, never the transactions. Derived data, not a record: `dimension` is kind, program,
# tender, teller or agent.<kind>; `key` the value (a kind key, program code, tender, user id or
# agent code). A transaction counts on its own day in `count`/`amount`; when voided, its own day
# also gets `voided_*`; money out (a refund, a benefit payment) counts on its own day in
# `paid_out_*`, under its kind, tender and teller, and a refund also under the refunded payment's
# programs and agent.
daily_totals = sa.Table(
    "daily_totals",
    metadata,
    sa.Column("business_date", sa.String(10), primary_key=True),
    sa.Column("dimension", sa.String(30), primary_key=True),
    sa.Column("key", sa.String(40), primary_key=True),
    sa.Column("count", sa.Integer, nullable=False, server_default="0"),
    sa.Column("amount", sa.Integer, nullable=False, server_default="0"),
    sa.Column("voided_count", sa.Integer, nullable=False, server_default="0"),
    sa.Column("voided_amount", sa.Integer, nullable=False, server_default="0"),
    sa.Column("paid_out_count", sa.Integer, nullable=False, server_default="0"),
    sa.Column("paid_out_amount", sa.Integer, nullable=False, server_default="0"),
    sqlite_with_rowid=False,
)

APPEND_ONLY_TABLES = (
    "transactions",
    "registrations",
    "contributions",
    "contribution_lines",
    "claim_handovers",
    "claim_documents",
    "voids",
    "audit_events",
    "receipt_issues",
    "print_attempts",
    "unverified_payers",
    "refunds",
    "payouts",
    "payout_ends",
    "benefit_payments",
    "contribution_agents",
    "debit_references",
)

# Business-day records (migration 0004): counts and reopenings are append-only; a close report and
# a business day change only as the triggers there allow.
DAY_APPEND_ONLY_TABLES = ("cash_counts", "day_reopens")
DAY_PROTECTION_TRIGGERS = (
    *(
        f"{table}_no_{action}"
        for table in DAY_APPEND_ONLY_TABLES
        for action in ("update", "delete")
    ),
    "day_closes_no_delete",
    "day_closes_immutable",
    "business_days_no_delete",
    "business_days_open_on_insert",
    "business_days_fixed_identity",
    "business_days_float_once",
    "business_days_close_with_report",
    "business_days_reopen_recorded",
    "business_days_closes_steady",
)

# Every trigger the migrations create to protect the store; `verify` reports any that is gone.
PROTECTION_TRIGGERS = (
    *(f"{table}_no_{action}" for table in APPEND_ONLY_TABLES for action in ("update", "delete")),
    "participants_no_delete",
    "participants_kpj_only",
    "receipt_sequence_no_delete",
    "receipt_sequence_step",
    "counter_profile_no_delete",
    "counter_profile_fixed_identity",
    *DAY_PROTECTION_TRIGGERS,
)
