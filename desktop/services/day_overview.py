"""Where a business day stands, as the Day close page shows it: its state, how many
transactions, the earlier days still open, and its newest close when it is closed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from desktop.counter import Counter
from desktop.services.business_day import DayState, day_state, unclosed_days
from desktop.services.day_close import DayClosed, stored_close
from desktop.store.schema import transactions


@dataclass(frozen=True)
class DayOverview:
    today: date
    state: DayState
    transactions: int
    unclosed: tuple[date, ...]  # earlier days still open (the day shown left out)
    report: DayClosed | None  # the newest close, when the day is closed

    @property
    def day(self) -> date:
        return self.state.business_date


def day_overview(counter: Counter, day: date | None = None) -> DayOverview:
    """The overview of `day` (default: today)."""
    today = counter.business_date()
    state = day_state(counter, day or today)
    with counter.store.read() as connection:
        count = connection.execute(
            sa.select(sa.func.count())
            .select_from(transactions)
            .where(transactions.c.business_date == state.business_date.isoformat())
        ).scalar_one()
        earlier = unclosed_days(connection, before=today)
        report = stored_close(connection, state.business_date) if state.status == "closed" else None
    unclosed = tuple(d for d in earlier if d != state.business_date)
    return DayOverview(today, state, int(count), unclosed, report)
