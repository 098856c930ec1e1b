"""The supervisor's summary: figures read from the kept totals (the summary page)."""

from __future__ import annotations

from desktop.counter import Counter
from desktop.services.auth import User
from desktop.services.summary import Summary, counter_summary
from ui.operations import Op


def summary_op(counter: Counter, by: User) -> Op[Summary]:
    """Only reads: nobody is told of a change."""
    return Op("summary", lambda: counter_summary(counter, by))
