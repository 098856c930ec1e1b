"""The Day close page's core calls, as `Op`s: store calls for the database worker, the closing
upload for the network worker. What the page shows is read here, off the GUI thread."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import sqlalchemy as sa

from desktop.counter import Counter
from desktop.domain.cash import CashCount
from desktop.errors import DomainError
from desktop.services.auth import User, approve
from desktop.services.business_day import (
    DayOpened,
    DayReopened,
    DayState,
    day_state,
    open_day,
    reopen_day,
    unclosed_days,
    validate_reason,
)
from desktop.services.day_close import (
    CountRecorded,
    DayClosed,
    close_day,
    count_cash,
    report_pdf,
    save_report,
)
from desktop.services.day_figures import LocalTime, People, day_figures
from desktop.services.day_upload import DayConfirmation, confirm_day
from desktop.settings import TOKEN_VARIABLE, URL_VARIABLE, upstream_setting
from desktop.store.schema import day_closes, transactions
from desktop.sync.client import RetryPolicy
from ui.operations import Op


@dataclass(frozen=True)
class ClosedReport:
    """A stored close report as the page shows it: its figures and its PDF."""

    report_no: str
    business_date: date
    version: int
    closed_at: datetime
    closed_by: str
    opening_float: int
    cash_received: int
    cash_voided: int
    expected_cash: int
    counted_cash: int
    variance: int
    debit_total: int
    variance_reason: str | None
    approved_by: str | None
    confirmed_at: datetime | None  # the upstream's confirmation, as the counter stored it
    pdf: bytes


@dataclass(frozen=True)
class DayOverview:
    """Where the page's day stands, and what else waits."""

    today: date
    state: DayState
    transactions: int
    unclosed: tuple[date, ...]  # earlier days still open (the page's own day left out)
    report: ClosedReport | None  # the newest report, when the day is closed

    @property
    def day(self) -> date:
        return self.state.business_date


@dataclass(frozen=True)
class Counted:
    """A closing count, stored; from here on the expected figure may be shown."""

    recorded: CountRecorded
    opening_float: int
    cash_received: int
    cash_voided: int
    debit_total: int  # net debit-account payments: never in the drawer


def _closed_report(connection: sa.Connection, day: date) -> ClosedReport | None:
    row = (
        connection.execute(
            sa.select(day_closes)
            .where(day_closes.c.business_date == day.isoformat())
            .order_by(day_closes.c.version.desc())
            .limit(1)
        )
        .mappings()
        .first()
    )
    if row is None:
        return None
    confirmed = row["manifest_confirmed_at"]
    people = People(connection)
    return ClosedReport(
        report_no=str(row["report_no"]),
        business_date=day,
        version=int(row["version"]),
        closed_at=datetime.fromisoformat(row["closed_at"]),
        closed_by=people(row["closed_by"]),
        opening_float=int(row["opening_float"]),
        cash_received=int(row["cash_received"]),
        cash_voided=int(row["cash_voided"]),
        expected_cash=int(row["expected_cash"]),
        counted_cash=int(row["counted_cash"]),
        variance=int(row["variance"]),
        debit_total=int(row["debit_total"]),
        variance_reason=row["variance_reason"],
        approved_by=people(row["approved_by"]) if row["approved_by"] else None,
        confirmed_at=datetime.fromisoformat(confirmed) if confirmed else None,
        pdf=bytes(row["pdf"]),
    )


def day_overview(counter: Counter, day: date | None = None) -> DayOverview:
    today = counter.business_date()
    state = day_state(counter, day or today)
    with counter.store.read() as connection:
        count = connection.execute(
            sa.select(sa.func.count())
            .select_from(transactions)
            .where(transactions.c.business_date == state.business_date.isoformat())
        ).scalar_one()
        earlier = unclosed_days(connection, before=today)
        report = (
            _closed_report(connection, state.business_date) if state.status == "closed" else None
        )
    unclosed = tuple(d for d in earlier if d != state.business_date)
    return DayOverview(today, state, int(count), unclosed, report)


def overview_op(counter: Counter, day: date | None = None) -> Op[DayOverview]:
    return Op("day_overview", lambda: day_overview(counter, day))


def count_op(counter: Counter, actor: User, count: CashCount, day: date | None) -> Op[Counted]:
    """Store the blind count; then read what the drawer should hold, and the debit apart."""

    def call() -> Counted:
        recorded = count_cash(counter, actor, count, day)
        with counter.store.read() as connection:
            figures = day_figures(
                connection,
                counter,
                recorded.business_date,
                People(connection),
                LocalTime(counter),
            )
        state = day_state(counter, recorded.business_date)
        cash, debit = figures.tender("cash"), figures.tender("debit")
        return Counted(
            recorded,
            state.opening_float,
            cash.amount,
            cash.voided_amount,
            debit.net_amount,
        )

    return Op("count_cash", call)


@dataclass(frozen=True)
class Approval:
    """A difference's reason and the approving supervisor, as typed (checked by the core)."""

    needed: bool = False  # the count differs from the expected cash
    reason: str = ""
    supervisor_id: str = ""
    supervisor_pin: str = ""


def close_op(counter: Counter, actor: User, day: date, approval: Approval) -> Op[DayClosed]:
    """Close the day with its latest count. A difference needs its reason, then the approval of
    a supervisor (their PIN checked before anything is written); each refusal names its field."""

    def call() -> DayClosed:
        supervisor = None
        if approval.needed:
            validate_reason(approval.reason, "selisih kas", "the cash difference")
            supervisor = approve(
                counter, approval.supervisor_id, approval.supervisor_pin, requested_by=actor
            )
        return close_day(counter, actor, day=day, reason=approval.reason, supervisor=supervisor)

    return Op("close_day", call)


def reopen_op(counter: Counter, supervisor: User, reason: str, day: date) -> Op[DayReopened]:
    return Op("reopen_day", lambda: reopen_day(counter, supervisor, reason, day))


def open_day_op(counter: Counter, actor: User, count: CashCount) -> Op[DayOpened]:
    return Op("open_day", lambda: open_day(counter, actor, count))


def day_state_op(counter: Counter) -> Op[DayState]:
    return Op("day_state", lambda: day_state(counter))


def report_op(counter: Counter, report_no: str) -> Op[bytes]:
    return Op("report_pdf", lambda: report_pdf(counter, report_no))


@dataclass(frozen=True)
class SavedReport:
    path: Path
    error: str | None = None  # why the file could not be written


def save_report_op(path: Path, pdf: bytes) -> Op[SavedReport]:
    """Write the report's file; a full disk or a read-only folder is said, not a bug."""

    def call() -> SavedReport:
        try:
            return SavedReport(save_report(path, pdf))
        except OSError as error:
            return SavedReport(path, error.strerror or str(error))

    return Op("save_report", call)


def confirm_op(
    counter: Counter, day: date, *, policy: RetryPolicy | None = None
) -> Op[DayConfirmation]:
    """The closing upload of `day`, for the network worker (never the database worker)."""

    def call() -> DayConfirmation:
        upstream = upstream_setting(counter.store.data_dir)
        if not upstream.configured:
            raise DomainError(
                "upstream",
                "Hari kerja sudah ditutup di loket, tetapi alamat server pusat belum diatur: "
                f"isi di Pengaturan (atau {URL_VARIABLE} dan {TOKEN_VARIABLE}), lalu coba lagi.",
                "The day is closed at the counter, but no upstream address is set: fill it in "
                f"Settings (or {URL_VARIABLE} and {TOKEN_VARIABLE}), then try again.",
            )
        return confirm_day(counter, day, upstream.url, upstream.token, policy=policy)

    return Op("close_day_upload", call)
