"""What an inquiry's months mean to a teller: how long the participant is protected, and when
the next contribution falls due (by the 15th of its own month; DOMAIN.md)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from typing import Final

DUE_DAY: Final = 15  # a BPU month is due by the 15th of that month itself


@dataclass(frozen=True)
class Coverage:
    protected_through: date | None  # the last day of the month paid through; None: never paid
    protected: bool  # on the day asked: active and within the months paid
    next_month: date  # the first month that may be paid now (its 1st)
    next_due: date  # the day it falls due
    overdue: bool  # that day has passed: the next payment is in arrears


def _month(text: str) -> date:
    year, month = text.split("-")
    return date(int(year), int(month), 1)


def coverage(*, status: str, paid_through: str | None, payable_from: str, on: date) -> Coverage:
    """The protection and the next due date of a BPU participant the upstream described on `on`
    (months as the contract writes them, YYYY-MM)."""
    through: date | None = None
    if paid_through:
        first = _month(paid_through)
        through = date(first.year, first.month, calendar.monthrange(first.year, first.month)[1])
    next_month = _month(payable_from)
    due = date(next_month.year, next_month.month, DUE_DAY)
    return Coverage(
        protected_through=through,
        protected=status == "active" and through is not None and on <= through,
        next_month=next_month,
        next_due=due,
        overdue=due < on,
    )
