"""The business day: its state and overview, opening it with the float, the blind count, the
close with its approval, reopening, and the close report's file."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.counter import Counter
from desktop.domain.cash import CashCount
from desktop.services.auth import User
from desktop.services.business_day import (
    DayOpened,
    DayReopened,
    DayState,
    day_state,
    open_day,
    reopen_day,
)
from desktop.services.day_close import (
    Approval,
    CountRecorded,
    DayClosed,
    close_counted_day,
    count_cash,
    save_report_file,
)
from desktop.services.day_overview import DayOverview, day_overview
from ui.operations import Changes, Op

if TYPE_CHECKING:
    from ui.context import Context

DAY = Changes(day=True)


def overview_op(counter: Counter, day: date | None = None) -> Op[DayOverview]:
    return Op("day_overview", lambda: day_overview(counter, day))


def day_state_op(counter: Counter) -> Op[DayState]:
    return Op("day_state", lambda: day_state(counter))


def open_day_op(ctx: Context, actor: User, count: CashCount) -> Op[DayOpened]:
    return Op(
        "open_day", lambda: open_day(ctx.counter, actor, count), changes=DAY, notifier=ctx.changes
    )


def count_op(ctx: Context, actor: User, count: CashCount, day: date | None) -> Op[CountRecorded]:
    """Store the blind count; what the drawer should hold comes back with it."""
    return Op(
        "count_cash",
        lambda: count_cash(ctx.counter, actor, count, day),
        changes=DAY,
        notifier=ctx.changes,
    )


def close_op(ctx: Context, actor: User, day: date, approval: Approval) -> Op[DayClosed]:
    return Op(
        "close_day",
        lambda: close_counted_day(ctx.counter, actor, day, approval),
        changes=DAY,
        notifier=ctx.changes,
    )


def reopen_op(ctx: Context, supervisor: User, reason: str, day: date) -> Op[DayReopened]:
    return Op(
        "reopen_day",
        lambda: reopen_day(ctx.counter, supervisor, reason, day),
        changes=DAY,
        notifier=ctx.changes,
    )


def save_report_op(counter: Counter, report_no: str, path: Path) -> Op[Path]:
    """Write the report's file; a full disk or a read-only folder comes back as a refusal."""
    return Op("save_report", lambda: save_report_file(counter, report_no, path))
