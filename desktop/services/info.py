"""What `spo-counter info` tells bank IT about a counter: profile, store, counts, upload backlog."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from desktop.counter import Counter, Profile
from desktop.store.migrate import current_revision
from desktop.store.records import CAPTURE_KINDS
from desktop.store.schema import outbox, transactions, users


@dataclass(frozen=True)
class CounterInfo:
    profile: Profile
    data_dir: str
    db_path: str
    schema_version: str | None
    reference_version: str
    records: dict[str, int]
    users: int
    pending_upload: int
    oldest_pending: str | None
    quarantined: int

    def as_dict(self) -> dict[str, object]:
        p = self.profile
        return {
            "counter_code": p.counter_code,
            "profile": {
                "bank_code": p.bank_code,
                "branch_code": p.branch_code,
                "branch_name": p.branch_name,
                "counter_no": p.counter_no,
                "timezone": p.timezone,
            },
            "data_dir": self.data_dir,
            "database": self.db_path,
            "schema_version": self.schema_version,
            "reference_version": self.reference_version,
            "records": self.records,
            "users": self.users,
            "pending_upload": self.pending_upload,
            "oldest_pending": self.oldest_pending,
            "quarantined": self.quarantined,
        }


def counter_info(counter: Counter) -> CounterInfo:
    profile = counter.profile
    with counter.store.read() as connection:
        by_kind = {
            kind: count
            for kind, count in connection.execute(
                sa.select(transactions.c.kind, sa.func.count()).group_by(transactions.c.kind)
            )
        }
        pending, oldest = connection.execute(
            sa.select(sa.func.count(), sa.func.min(transactions.c.created_at))
            .select_from(outbox)
            .join(transactions, transactions.c.seq == outbox.c.seq)
            .where(outbox.c.status == "pending")
        ).one()
        quarantined = connection.execute(
            sa.select(sa.func.count()).where(outbox.c.status == "quarantined")
        ).scalar_one()
        user_count = connection.execute(sa.select(sa.func.count()).select_from(users)).scalar_one()
        schema_version = current_revision(connection)
    return CounterInfo(
        profile=profile,
        data_dir=str(counter.store.data_dir),
        db_path=str(counter.store.db_path),
        schema_version=schema_version,
        reference_version=counter.reference.version,
        records={kind: int(by_kind.get(kind, 0)) for kind in CAPTURE_KINDS},
        users=int(user_count),
        pending_upload=int(pending),
        oldest_pending=oldest,
        quarantined=int(quarantined),
    )
