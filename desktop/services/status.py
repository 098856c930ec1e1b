"""What the status bar shows about a counter: business date, upload backlog, last upload."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa

from desktop.counter import Counter
from desktop.domain.zones import zone_label
from desktop.errors import DomainError
from desktop.services.business_day import closed_refusal
from desktop.store.schema import outbox, sync_state, transactions


@dataclass(frozen=True)
class CounterStatus:
    """Teller-independent facts; every instant is in the counter's own zone."""

    at: datetime
    business_date: date
    zone_label: str
    pending: int
    oldest_pending: datetime | None
    last_upload: datetime | None
    # Today's business day is closed: the refusal every capture would meet (the capture forms
    # show it and take nothing); None while captures may go in.
    day_closed: DomainError | None = None


def counter_status(counter: Counter) -> CounterStatus:
    profile = counter.profile
    now = counter.now()
    today = counter.business_date(now)
    with counter.store.read() as connection:
        pending, oldest = connection.execute(
            sa.select(sa.func.count(), sa.func.min(transactions.c.created_at))
            .select_from(outbox)
            .join(transactions, transactions.c.seq == outbox.c.seq)
            .where(outbox.c.status == "pending")
        ).one()
        last = connection.execute(
            sa.select(sync_state.c.last_success_at).where(
                sync_state.c.counter_code == profile.counter_code
            )
        ).scalar()
        closed = closed_refusal(connection, counter, today)
    return CounterStatus(
        at=counter.local(now),
        business_date=today,
        zone_label=zone_label(profile.timezone),
        pending=int(pending),
        oldest_pending=_local(counter, oldest),
        last_upload=_local(counter, last),
        day_closed=closed,
    )


def _local(counter: Counter, stamp: str | None) -> datetime | None:
    return counter.local(datetime.fromisoformat(stamp)) if stamp else None
