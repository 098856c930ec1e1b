"""Calendar-month arithmetic and choosing the reference entry in force on a date."""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable
from datetime import date
from typing import TypeVar

T = TypeVar("T")


def add_months(day: date, months: int) -> date:
    """Same day `months` later (or earlier), clamped to the month's end: Jan 31 + 1 -> Feb 28/29."""
    year, month0 = divmod(month_index(day) + months, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(day.day, last))


def month_index(day: date) -> int:
    """Months since year 0, so that month distances are plain subtraction."""
    return day.year * 12 + day.month - 1


def pick_effective(entries: Iterable[T], on: date, effective_from: Callable[[T], date]) -> T:
    """The entry with the latest effective_from on or before `on`."""
    best: T | None = None
    best_from: date | None = None
    for entry in entries:
        start = effective_from(entry)
        if start <= on and (best_from is None or start > best_from):
            best, best_from = entry, start
    if best is None:
        # Reference data that does not reach back to `on` is a deployment problem, not bad input.
        raise LookupError(f"no reference entry is effective on {on.isoformat()}")
    return best
