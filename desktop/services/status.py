"""What the status bar shows about a counter: business date, upload backlog, last upload."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa

from desktop.counter import Counter
from desktop.domain.zones import zone_label
from desktop.errors import DomainError
from desktop.services.business_day import closed_refusal
from desktop.store import backlog
from desktop.store.schema import sync_state


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
        # From the index of unsent rows: the bar asks every 30 s, a million rows or none.
        unsent = backlog.unsent(connection)
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
        pending=unsent.pending,
        oldest_pending=_local(counter, unsent.oldest_at),
        last_upload=_local(counter, last),
        day_closed=closed,
    )


def _local(counter: Counter, stamp: str | None) -> datetime | None:
    return counter.local(datetime.fromisoformat(stamp)) if stamp else None
