"""The status bar's figures: who, which business day, what waits for upload."""

from __future__ import annotations

from desktop.counter import Counter
from desktop.services.status import CounterStatus, counter_status
from ui.operations import Op


def status_op(counter: Counter) -> Op[CounterStatus]:
    return Op("counter_status", lambda: counter_status(counter))
