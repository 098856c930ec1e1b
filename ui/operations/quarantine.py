"""The records the upstream refused, with its reasons."""

from __future__ import annotations

from desktop.counter import Counter
from desktop.services.quarantine import QuarantinedRecord, quarantined
from ui.operations import Op


def quarantined_op(counter: Counter) -> Op[list[QuarantinedRecord]]:
    return Op("quarantined", lambda: quarantined(counter))
