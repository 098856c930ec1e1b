"""The receipt-signing key moves out of the database into the counter's key store.

Whoever copies `counter.sqlite` (a stolen disk, a backup on a share) must not be able to sign
receipts. The key kept in `counter_profile.receipt_secret` is put in this PC's key store
(desktop/keystore.py RECEIPT_KEY) as the same text, so every receipt signed before still
verifies, then the column is blanked. The trigger that keeps the column fixed is set aside for
the one update and made again as it was.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""

from __future__ import annotations

from alembic import context, op

from desktop.keystore import RECEIPT_KEY, KeyStore

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# As 0001 made it (its text is what verify expects; unchanged here).
_FIXED_IDENTITY = (
    "CREATE TRIGGER counter_profile_fixed_identity BEFORE UPDATE ON counter_profile "
    "WHEN NEW.counter_code IS NOT OLD.counter_code OR NEW.receipt_secret IS NOT OLD.receipt_secret "
    "BEGIN SELECT RAISE(ABORT, 'a counter keeps its code and receipt key'); END"
)


def upgrade() -> None:
    row = op.get_bind().exec_driver_sql("SELECT receipt_secret FROM counter_profile").first()
    if row is None or not row[0]:
        return  # a new store, or nothing left to move
    keys = context.config.attributes.get("keys")
    if not isinstance(keys, KeyStore):
        raise RuntimeError("the counter's key store is needed to move its receipt key")
    secret = str(row[0]).encode("ascii")
    keys.put(RECEIPT_KEY, secret)
    if keys.get(RECEIPT_KEY) != secret:
        raise RuntimeError("the key store did not keep the receipt key")
    op.execute("DROP TRIGGER counter_profile_fixed_identity")
    op.execute("UPDATE counter_profile SET receipt_secret = ''")
    op.execute(_FIXED_IDENTITY)


def downgrade() -> None:
    raise NotImplementedError("the receipt key stays in the key store")
