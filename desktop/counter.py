"""The running counter's identity: its store, reference data, clock, profile and audit key, handed
to every service and to the upload client (below both, so neither imports the other for it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cached_property
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from desktop.clock import Clock, utc_now
from desktop.errors import DomainError
from desktop.keystore import AUDIT_KEY, RECEIPT_KEY, KeyStore
from desktop.keystore import guarded as _keystore
from desktop.paths import RESTORE_MARKER
from desktop.reference import ReferenceData
from desktop.reference_sets import reference_in_force
from desktop.services.upstream_link import UpstreamLink
from desktop.store.audit import AuditKey
from desktop.store.schema import counter_profile
from desktop.store.store import Store

if TYPE_CHECKING:
    from desktop.services.receipt_gaps import ReceiptGap

__all__ = ["Clock", "Counter", "Profile", "utc_now"]


@dataclass(frozen=True)
class Profile:
    counter_code: str
    bank_code: str
    branch_code: str
    branch_name: str
    counter_no: int
    timezone: str

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


class Counter:
    """Composition root of the core: built once by the CLI or the GUI, passed in, never global."""

    def __init__(
        self,
        store: Store,
        reference: ReferenceData | None = None,
        clock: Clock = utc_now,
        keys: KeyStore | None = None,
    ) -> None:
        self.store = store
        self.clock = clock
        self._keys = keys
        # Receipt numbers found lost and written off when the counter opened, to tell the user.
        self.receipt_gap: ReceiptGap | None = None
        # The newest reference set pulled from the upstream that is in force, else the shipped one.
        self.reference = reference or reference_in_force(store.data_dir, self.clock().date())
        # Whether the upstream answered lately: the window's workers and the commands share it.
        self.upstream_link = UpstreamLink(self.clock)

    @cached_property
    def profile(self) -> Profile:
        with self.store.read() as connection:
            row = connection.execute(sa.select(counter_profile)).mappings().first()
        if row is None:
            raise DomainError(
                "counter",
                "Loket belum disiapkan. Jalankan 'spo-counter init' terlebih dahulu.",
                "This counter is not set up yet. Run 'spo-counter init' first.",
            )
        return Profile(
            counter_code=row["counter_code"],
            bank_code=row["bank_code"],
            branch_code=row["branch_code"],
            branch_name=row["branch_name"],
            counter_no=row["counter_no"],
            timezone=row["timezone"],
        )

    @cached_property
    def receipt_secret(self) -> str:
        """The key receipts are signed with: in the key store, never in the database (a store
        from before kept it in `counter_profile`; migration 0005 moved it). Read when a receipt
        is signed or checked, so a copy without it still verifies and reads."""
        kept = _keystore(lambda: self.keys.get(RECEIPT_KEY))
        if kept is None:
            raise DomainError(
                "keystore",
                "Kunci tanda tangan tanda terima loket ini tidak ada di PC ini. Pulihkan "
                "kunci dari lembar pemulihan: 'spo-counter keys restore BERKAS'.",
                "This counter's receipt-signing key is not on this PC. Restore the keys from "
                "the recovery sheet: 'spo-counter keys restore FILE'.",
            )
        return kept.decode("ascii")

    @property
    def keys(self) -> KeyStore:
        """The counter's secrets, outside its data folder (desktop/keystore.py)."""
        if self._keys is None:
            self._keys = self.store.keys
        return self._keys

    @cached_property
    def audit_key(self) -> AuditKey:
        """The key audit events are appended with, made on first use (desktop/store/audit.py)."""
        kept = self.kept_audit_key()
        if kept is not None:
            return AuditKey(kept)
        return AuditKey(_keystore(lambda: self.keys.key(AUDIT_KEY)), fresh=True)

    def kept_audit_key(self) -> bytes | None:
        """The audit key this PC keeps for the counter, never making one (for `verify`)."""
        if "audit_key" in self.__dict__:
            return self.audit_key.secret
        return _keystore(lambda: self.keys.get(AUDIT_KEY))

    @cached_property
    def restore_pending(self) -> bool:
        """Restored from a backup, and the upstream not asked yet for what came after it:
        no receipt number may be handed out (desktop/services/restore.py)."""
        return (self.store.data_dir / RESTORE_MARKER).exists()

    def reload_profile(self) -> None:
        """Read the profile (and the receipt key) again on next use (after it was created)."""
        self.__dict__.pop("profile", None)
        self.__dict__.pop("receipt_secret", None)

    def is_set_up(self) -> bool:
        with self.store.read() as connection:
            return connection.execute(sa.select(counter_profile.c.id)).first() is not None

    def now(self) -> datetime:
        now = self.clock()
        if now.tzinfo is None:
            raise ValueError("the clock must return an aware datetime")
        return now.astimezone(UTC)

    def local(self, instant: datetime) -> datetime:
        return instant.astimezone(self.profile.zone)

    def business_date(self, instant: datetime | None = None) -> date:
        """The counter's business day: the local calendar date in the counter's own zone."""
        return self.local(instant or self.now()).date()
