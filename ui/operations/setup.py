"""A new counter: its profile and first supervisor."""

from __future__ import annotations

from desktop.counter import Counter, Profile
from desktop.services.setup import init_counter
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
) -> Op[Profile]:
    """Refused with the field "counter" when it was set up meanwhile (`spo-counter init`)."""
    return Op(
        "init_counter",
        lambda: init_counter(
            counter,
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
