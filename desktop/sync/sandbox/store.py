"""The sandbox's own store (SQLAlchemy Core): SQLite by default, PostgreSQL by URL."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa

from desktop.store.engine import WRITE_FLAG, create_sqlite_engine

BUSY_TIMEOUT_MS = 30_000
# Set in a connection's info for the length of a write: its SQLite transaction locks at BEGIN.

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# Per counter: the last audit event acknowledged. Locked (FOR UPDATE) by every batch of the counter,
# so two batches of one counter never interleave.
chain_heads = sa.Table(
    "chain_heads",
    metadata,
    sa.Column("counter_code", sa.String(40), primary_key=True),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
    sa.Column("updated_at", sa.String(40), nullable=False),
)

# Every audit event received, exactly as the counter stored it. The contract bounds none of its
# strings, so neither does the table: PostgreSQL enforces a VARCHAR's length (SQLite does not).
audit_events = sa.Table(
    "audit_events",
    metadata,
    sa.Column("counter_code", sa.String(40), primary_key=True),
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("at", sa.Text, nullable=False),
    sa.Column("actor", sa.Text),
    sa.Column("action", sa.Text, nullable=False),
    sa.Column("entity_id", sa.Text),
    sa.Column("record_digest", sa.Text),
    sa.Column("details", sa.Text, nullable=False),
    sa.Column("prev_hash", sa.String(64), nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
)
sa.Index(None, audit_events.c.counter_code, audit_events.c.entity_id)

# Accepted records; the id is the record's identity forever, across every counter.
records = sa.Table(
    "records",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("counter_code", sa.String(40), nullable=False),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("receipt_no", sa.String(60), nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("business_date", sa.String(10), nullable=False),
    sa.Column("amount", sa.BigInteger, nullable=False),
    sa.Column("digest", sa.String(64), nullable=False),
    sa.Column("record", sa.Text, nullable=False),
    sa.Column("kpj", sa.String(11), unique=True),
    sa.Column("received_at", sa.String(40), nullable=False),
    sa.UniqueConstraint("counter_code", "seq"),
)
sa.Index(None, records.c.counter_code, records.c.business_date)

# The NIK of every registration not voided: one row per NIK, whichever counter registered it.
active_niks = sa.Table(
    "active_niks",
    metadata,
    sa.Column("nik", sa.String(16), primary_key=True),
    sa.Column("record_id", sa.String(36), nullable=False, unique=True),
)

# KPJ numbers handed out: the autoincrement key makes each one unique without a shared counter row.
kpj_numbers = sa.Table(
    "kpj_numbers",
    metadata,
    sa.Column("number", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("record_id", sa.String(36), nullable=False, unique=True),
)

# The reply to each (counter, Idempotency-Key), kept to answer a retry with the same bytes.
idempotency = sa.Table(
    "idempotency",
    metadata,
    sa.Column("counter_code", sa.String(40), primary_key=True),
    sa.Column("key", sa.String(200), primary_key=True),
    sa.Column("request_digest", sa.String(64), nullable=False),
    sa.Column("response", sa.Text, nullable=False),
    sa.Column("created_at", sa.String(40), nullable=False),
)


# Every day manifest received, per counter and business date: a manifest that differs from the
# last one is a new version; `confirmed_at` is set when the upstream first found a version complete.
day_manifests = sa.Table(
    "day_manifests",
    metadata,
    sa.Column("counter_code", sa.String(40), primary_key=True),
    sa.Column("business_date", sa.String(10), primary_key=True),
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("digest", sa.String(64), nullable=False),
    sa.Column("manifest", sa.Text, nullable=False),
    sa.Column("received_at", sa.String(40), nullable=False),
    sa.Column("confirmed_at", sa.String(40)),
)


class SandboxStore:
    """An engine and its transactions: `write()` is one atomic transaction, `read()` a snapshot."""

    def __init__(self, db_url: str) -> None:
        self.url = sa.make_url(db_url)
        self.is_sqlite = self.url.get_backend_name() == "sqlite"
        self.engine = _sqlite_engine(self.url) if self.is_sqlite else sa.create_engine(self.url)
        self._schema_lock = threading.Lock()
        self._schema_ready = False

    def create_schema(self) -> None:
        with self._schema_lock:
            if not self._schema_ready:
                with self.write() as connection:
                    metadata.create_all(connection)
                self._schema_ready = True

    @contextmanager
    def write(self) -> Iterator[sa.Connection]:
        """One transaction, committed at the end of the block, rolled back on any exception."""
        with self.engine.connect() as connection:
            connection.info[WRITE_FLAG] = True
            try:
                with connection.begin():
                    yield connection
            finally:
                connection.info[WRITE_FLAG] = False

    @contextmanager
    def read(self) -> Iterator[sa.Connection]:
        with self.engine.connect() as connection, connection.begin():
            yield connection

    def close(self) -> None:
        self.engine.dispose()


def sqlstate(error: BaseException) -> str:
    """The SQLSTATE of a PostgreSQL error wrapped by SQLAlchemy; "" for anything else."""
    original = getattr(error, "orig", None)
    # psycopg 3 names it sqlstate, psycopg2 pgcode.
    state = getattr(original, "sqlstate", None) or getattr(original, "pgcode", None)
    return state if isinstance(state, str) else ""


def _sqlite_engine(url: sa.URL) -> sa.Engine:
    """The counter store's recipe (WAL, FULL, BEGIN IMMEDIATE to write), with one connection for
    the whole server, shared by its threads in turn: no busy waits between the server's own
    threads, and batches queue for the connection rather than fail."""
    return create_sqlite_engine(
        url, foreign_keys=False, busy_timeout_ms=BUSY_TIMEOUT_MS, pool_timeout=120
    )
