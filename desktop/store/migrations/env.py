"""Alembic environment: migrates the connection that desktop/store/migrate.py hands in."""

from __future__ import annotations

from alembic import context

from desktop.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    # SQLite cannot ALTER most things: batch mode copies the table.
    render_as_batch=True,
)
with context.begin_transaction():
    context.run_migrations()
