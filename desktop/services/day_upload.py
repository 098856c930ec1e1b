"""The closing upload, after the local close: which closed days the upstream has yet to confirm,
and confirming them (`close_day_upload`), the confirmation stored on the day's newest report.

Closing a day is local and always completes; this step is separate and may be run again and again
(`spo-counter sync`, the window's upload, the Day close page's Retry). A close report is immutable
except for `manifest_confirmed_at`, which a trigger lets be filled once: it is written here, with
the counter's own clock, when the upstream answers that the day's manifest is complete, and an
audit event (`day.confirm`) records the upstream's own time and version of the check.

A day reopened and closed again makes a new report, unconfirmed until its own upload: only the
newest report of a day that is closed now awaits confirmation.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa

from desktop.counter import Counter
from desktop.errors import DomainError
from desktop.services.business_day import shown
from desktop.store.audit import append_event
from desktop.store.row_states import STATE, state_of
from desktop.store.schema import business_days, day_closes
from desktop.sync.client import RetryPolicy
from desktop.sync.manifest import DayUploadResult, close_day_upload, failed_day_upload

# A failure of these kinds would be the same for every other day: stop after the first.
_SHARED_PROBLEMS = frozenset({"upstream", "token", "audit_chain"})


@dataclass(frozen=True)
class DayReportState:
    """The newest close report of a business day and whether the upstream has confirmed it."""

    business_date: date
    report_no: str
    version: int
    closed_at: datetime
    day_closed: bool  # False: the day was reopened after this report
    confirmed_at: datetime | None  # the counter's time the upstream's confirmation came in

    @property
    def awaiting(self) -> bool:
        return self.day_closed and self.confirmed_at is None


@dataclass(frozen=True)
class DayConfirmation:
    """One closed day's upload: the upstream's answer and the confirmation as stored."""

    report_no: str
    result: DayUploadResult
    confirmed_at: datetime | None  # as stored; None while the day is not confirmed

    @property
    def business_date(self) -> date:
        return self.result.business_date

    @property
    def confirmed(self) -> bool:
        return self.confirmed_at is not None

    @property
    def retryable(self) -> bool:
        return self.result.retryable

    def message(self, lang: str = "id") -> str:
        return self.result.message(lang)


_NEWEST = (
    sa.select(
        day_closes.c.business_date,
        day_closes.c.report_no,
        day_closes.c.version,
        day_closes.c.closed_at,
        day_closes.c.manifest_confirmed_at,
        business_days.c.status,
    )
    .join(
        business_days,
        (business_days.c.business_date == day_closes.c.business_date)
        & (business_days.c.closes == day_closes.c.version),
    )
    .order_by(day_closes.c.business_date)
)


def _state(row: sa.Row[Any, Any, Any, Any, Any, Any]) -> DayReportState:
    confirmed = row.manifest_confirmed_at
    return DayReportState(
        business_date=date.fromisoformat(row.business_date),
        report_no=str(row.report_no),
        version=int(row.version),
        closed_at=datetime.fromisoformat(row.closed_at),
        day_closed=row.status == "closed",
        confirmed_at=datetime.fromisoformat(confirmed) if confirmed else None,
    )


def newest_report(counter: Counter, day: date) -> DayReportState | None:
    """The newest close report of `day` (None when it was never closed)."""
    with counter.store.read() as connection:
        row = connection.execute(
            _NEWEST.where(day_closes.c.business_date == day.isoformat())
        ).first()
    return _state(row) if row is not None else None


def awaiting_confirmation(counter: Counter) -> tuple[DayReportState, ...]:
    """Closed days whose newest report the upstream has not confirmed yet, oldest first."""
    with counter.store.read() as connection:
        rows = connection.execute(
            _NEWEST.where(
                business_days.c.status == "closed", day_closes.c.manifest_confirmed_at.is_(None)
            )
        ).all()
    return tuple(_state(row) for row in rows)


def confirm_day(
    counter: Counter,
    day: date,
    upstream: str,
    token: str,
    *,
    policy: RetryPolicy | None = None,
    sleep: Callable[[float], None] | None = None,  # None: time.sleep, as it is at the call
    rng: random.Random | None = None,
    transport: httpx.BaseTransport | None = None,
    ca_bundle: Path | None = None,
) -> DayConfirmation:
    """The closing upload of one closed day (records first, then its manifest, then whatever the
    upstream says it lacks); a confirmation is stored on the day's newest report.

    Never raises for the network: the result says why the day is not confirmed and whether the
    same call later may confirm it. A day that is not closed is refused (field "date").
    """
    report = newest_report(counter, day)
    if report is None or not report.day_closed:
        raise DomainError(
            "date",
            f"Hari kerja {shown(day)} belum ditutup: tutup dahulu, lalu unggah penutupannya.",
            f"Business day {day.isoformat()} is not closed: close it first, then upload its close.",
        )
    result = close_day_upload(
        counter,
        day,
        upstream,
        token,
        policy=policy,
        sleep=sleep,
        rng=rng,
        transport=transport,
        ca_bundle=ca_bundle,
    )
    confirmed_at = report.confirmed_at
    if result.confirmed:
        confirmed_at = _store_confirmation(counter, report, result)
    return DayConfirmation(report.report_no, result, confirmed_at)


def _store_confirmation(
    counter: Counter, report: DayReportState, result: DayUploadResult
) -> datetime:
    """Fill the report's manifest_confirmed_at, once; an earlier confirmation stays as it was."""
    now = counter.now()
    with counter.store.write() as connection:
        stored = connection.execute(
            sa.select(day_closes.c.manifest_confirmed_at).where(
                day_closes.c.report_no == report.report_no
            )
        ).scalar_one()
        if stored is not None:
            return datetime.fromisoformat(stored)
        connection.execute(
            sa.update(day_closes)
            .where(day_closes.c.report_no == report.report_no)
            .values(manifest_confirmed_at=now.isoformat())
        )
        append_event(
            connection,
            counter.audit_key,
            at=now.isoformat(),
            actor=None,
            action="day.confirm",
            entity_id=report.business_date.isoformat(),
            details={
                "report_no": report.report_no,
                "upstream_confirmed_at": (
                    result.confirmed_at.isoformat() if result.confirmed_at else None
                ),
                "upstream_version": result.version,
                "records": result.records,
                STATE: state_of(connection, ("day_closes", report.report_no)),
            },
        )
    return now


def confirm_closed_days(
    counter: Counter,
    upstream: str,
    token: str,
    *,
    skip: frozenset[str] = frozenset(),
    policy: RetryPolicy | None = None,
    sleep: Callable[[float], None] | None = None,  # None: time.sleep, as it is at the call
    rng: random.Random | None = None,
    transport: httpx.BaseTransport | None = None,
    ca_bundle: Path | None = None,
) -> list[DayConfirmation]:
    """Confirm every closed day awaiting it, oldest first (reports in `skip` left out).

    Stops after a day the upstream could not be reached for (or refused the token or chain):
    every other day would fail the same way, each after its own retries.
    """
    done: list[DayConfirmation] = []
    for report in awaiting_confirmation(counter):
        if report.report_no in skip:
            continue
        confirmation = confirm_day(
            counter,
            report.business_date,
            upstream,
            token,
            policy=policy,
            sleep=sleep,
            rng=rng,
            transport=transport,
            ca_bundle=ca_bundle,
        )
        done.append(confirmation)
        if not confirmation.confirmed and confirmation.result.problem in _SHARED_PROBLEMS:
            break
    return done


def not_confirmed(report: DayReportState, error: DomainError) -> DayConfirmation:
    """A closed day left unconfirmed because the upload could not reach the upstream."""
    return DayConfirmation(
        report.report_no, failed_day_upload(report.business_date, error), report.confirmed_at
    )
