"""The Day close page's core calls, as `Op`s: each one service call, for the database worker;
the closing upload (the one upload every part of the window runs) for the network worker."""

from __future__ import annotations

from datetime import date
from pathlib import Path

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
    report_pdf,
    save_report_file,
)
from desktop.services.day_overview import DayOverview, day_overview
from desktop.services.upload import Link, RetryPolicy, Upload, UploadOutcome, upload
from ui.operations import Op


def overview_op(counter: Counter, day: date | None = None) -> Op[DayOverview]:
    return Op("day_overview", lambda: day_overview(counter, day))


def count_op(
    counter: Counter, actor: User, count: CashCount, day: date | None
) -> Op[CountRecorded]:
    """Store the blind count; what the drawer should hold comes back with it."""
    return Op("count_cash", lambda: count_cash(counter, actor, count, day))


def close_op(counter: Counter, actor: User, day: date, approval: Approval) -> Op[DayClosed]:
    return Op("close_day", lambda: close_counted_day(counter, actor, day, approval))


def reopen_op(counter: Counter, supervisor: User, reason: str, day: date) -> Op[DayReopened]:
    return Op("reopen_day", lambda: reopen_day(counter, supervisor, reason, day))


def open_day_op(counter: Counter, actor: User, count: CashCount) -> Op[DayOpened]:
    return Op("open_day", lambda: open_day(counter, actor, count))


def day_state_op(counter: Counter) -> Op[DayState]:
    return Op("day_state", lambda: day_state(counter))


def report_op(counter: Counter, report_no: str) -> Op[bytes]:
    return Op("report_pdf", lambda: report_pdf(counter, report_no))


def save_report_op(counter: Counter, report_no: str, path: Path) -> Op[Path]:
    """Write the report's file; a full disk or a read-only folder comes back as a refusal."""
    return Op("save_report", lambda: save_report_file(counter, report_no, path))


def upload_op(counter: Counter, *, policy: RetryPolicy | None = None) -> Op[UploadOutcome]:
    """The closing upload: the records, then the closed days, as every upload does."""
    return Op("close_day_upload", lambda: upload(counter, Upload(), Link(policy=policy)))
