"""A new counter: its profile, first supervisor and keys' recovery sheet."""

from __future__ import annotations

from pathlib import Path

from desktop.counter import Counter
from desktop.services.recovery import CounterSetUp, set_up_counter
from ui.operations import Op


def init_counter_op(
    counter: Counter,
    *,
    bank_code: str,
    branch_code: str,
    branch_name: str,
    counter_no: int,
    timezone: str,
    paper: str,
    supervisor_id: str,
    supervisor_name: str,
    supervisor_pin: str,
    recovery_sheet: Path,
) -> Op[CounterSetUp]:
    """Refused with the field "counter" when it was set up meanwhile (`spo-counter init`)."""
    return Op(
        "init_counter",
        lambda: set_up_counter(
            counter,
            recovery_sheet=recovery_sheet,
            bank_code=bank_code,
            branch_code=branch_code,
            branch_name=branch_name,
            counter_no=counter_no,
            timezone=timezone,
            supervisor_id=supervisor_id,
            supervisor_name=supervisor_name,
            supervisor_pin=supervisor_pin,
            paper=paper,
        ),
    )
