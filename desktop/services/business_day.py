"""The counter's business day: opened with a counted float (or by its first capture), the gate
every capture passes, and a supervisor's reopening of a closed day.

One counter has one cash drawer, so one business day at a time: the local calendar date in the
counter's zone (`Counter.business_date`). A capture belongs to the day of its own time; it is
refused when that day is closed, when the counter's clock reads earlier than the last capture
(beyond CLOCK_TOLERANCE), or when it falls on a date before a day already opened.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa

from desktop.counter import Counter
from desktop.domain.cash import CashCount, parse_cash_count
from desktop.domain.money import format_rupiah
from desktop.domain.text import has_forbidden_char
from desktop.domain.zones import zone_label
from desktop.errors import DomainError
from desktop.services.auth import User
from desktop.store.audit import append_event, canonical_json
from desktop.store.business_days import insert_open_day, newest_day
from desktop.store.captures import last_capture_time
from desktop.store.row_states import STATE, state_of
from desktop.store.schema import business_days, cash_counts, day_reopens

# How far the clock may read behind the last capture before captures are refused. A writer reads
# the clock before it waits for the store's write lock, so two writers at once (the window's
# worker and an import from the command line) can commit a little out of clock order; and small
# NTP corrections step a clock back by a second or two. Anything larger is a clock set back (by
# hand, a dead CMOS battery, a wrong time zone) and would date captures before records already
# made: refused until the clock is right again.
CLOCK_TOLERANCE = timedelta(seconds=5)
MIN_REASON_LENGTH = 5
MAX_REASON_LENGTH = 200


def report_number(counter_code: str, day: date, version: int) -> str:
    """A close report's number: counter, "TH" (tutup hari), date, version.

    BNI-0123-01-TH-20261124-1; reopening and closing again makes -2, and so on.
    """
    return f"{counter_code}-TH-{day:%Y%m%d}-{version}"


def shown(day: date | str) -> str:
    """A business date as tellers write it: 24/11/2026."""
    value = date.fromisoformat(day) if isinstance(day, str) else day
    return f"{value:%d/%m/%Y}"


def validate_reason(raw: str, what_id: str, what_en: str) -> str:
    """A reason a supervisor approves: 5-200 characters of printable text, spaces collapsed."""
    if not isinstance(raw, str) or has_forbidden_char(raw):
        raise DomainError(
            "reason",
            "Alasan berisi karakter yang tidak diperbolehkan.",
            "The reason contains characters that are not allowed.",
        )
    text = " ".join(unicodedata.normalize("NFC", raw[: 4 * MAX_REASON_LENGTH + 100]).split())
    if len(text) < MIN_REASON_LENGTH:
        raise DomainError(
            "reason",
            f"Tuliskan alasan {what_id} dengan jelas (minimal {MIN_REASON_LENGTH} huruf).",
            f"Write a clear reason for {what_en} (at least {MIN_REASON_LENGTH} characters).",
        )
    if len(raw) > 4 * MAX_REASON_LENGTH + 100 or len(text) > MAX_REASON_LENGTH:
        raise DomainError(
            "reason",
            f"Alasan maksimal {MAX_REASON_LENGTH} karakter.",
            f"The reason must have at most {MAX_REASON_LENGTH} characters.",
        )
    return text


# --- the gate of every capture --------------------------------------------------------------------


def check_clock(connection: sa.Connection, counter: Counter, now: datetime) -> None:
    """Refuse a time earlier than the last capture (beyond the tolerance): field "clock"."""
    last_at = last_capture_time(connection)
    if last_at is None:
        return
    last = datetime.fromisoformat(last_at)
    if now >= last - CLOCK_TOLERANCE:
        return
    zone = zone_label(counter.profile.timezone)
    was = counter.local(last)
    is_ = counter.local(now)
    raise DomainError(
        "clock",
        f"Jam komputer mundur: sekarang {is_:%d/%m/%Y %H:%M:%S} {zone}, padahal transaksi "
        f"terakhir tercatat {was:%d/%m/%Y %H:%M:%S} {zone}. Perbaiki jam komputer (atau "
        "hubungi IT bank), lalu coba lagi. Tidak ada yang disimpan.",
        f"The computer's clock went backwards: it reads {is_:%d/%m/%Y %H:%M:%S} {zone}, but the "
        f"last transaction was recorded at {was:%d/%m/%Y %H:%M:%S} {zone}. Correct the clock "
        "(or call the bank's IT) and try again. Nothing was saved.",
    )


def admit_capture(
    connection: sa.Connection, counter: Counter, actor: User, now: datetime, day: date
) -> bool:
    """Check that a capture at `now` may go into business day `day`, inside its write.

    Opens the day with a zero float when it is not open yet; returns True when it did, so the
    teller can be told. Raises DomainError ("clock" or "business_date") when the capture must
    not be recorded.
    """
    check_clock(connection, counter, now)
    newest = newest_day(connection)
    refused = _closed(counter, day, newest)
    if refused is not None:
        raise refused
    iso = day.isoformat()
    if newest is not None:
        newest_date, _status, _closes = newest
        if newest_date == iso:
            return False
        if newest_date > iso:
            raise _before_open_day(day, date.fromisoformat(newest_date))
    insert_day(connection, actor, iso, now, automatic=True)
    return True


def closed_refusal(connection: sa.Connection, counter: Counter, day: date) -> DomainError | None:
    """Why no capture may go into business day `day`: it is closed (field "business_date"), or
    None. The gate every capture passes, and what the status tells the capture forms before they
    are filled (desktop/services/status.py)."""
    return _closed(counter, day, newest_day(connection))


def _closed(counter: Counter, day: date, newest: tuple[str, str, int] | None) -> DomainError | None:
    if newest is None:
        return None
    newest_date, status, closes = newest
    if newest_date == day.isoformat() and status == "closed":
        return closed_error(counter, day, closes)
    return None


def day_not_after_today(counter: Counter, now: datetime, day: date | None) -> date:
    """`day`, by default today's business date; a date still to come is refused (field "date")."""
    today = counter.business_date(now)
    if day is not None and day > today:
        raise DomainError(
            "date", f"Tanggal {shown(day)} belum tiba.", f"{day.isoformat()} has not come yet."
        )
    return day or today


def closed_error(counter: Counter, day: date, closes: int) -> DomainError:
    report = report_number(counter.profile.counter_code, day, closes)
    return DomainError(
        "business_date",
        f"Hari kerja {shown(day)} sudah ditutup (laporan {report}): transaksi tidak dapat "
        "dicatat lagi pada hari itu. Transaksi baru dicatat mulai hari kerja berikutnya; bila "
        "masih harus dicatat hari ini, supervisor dapat membuka kembali hari kerja dengan alasan "
        "(F8 Tutup hari, atau 'spo-counter reopen-day').",
        f"Business day {day.isoformat()} is closed (report {report}): nothing more can be "
        "recorded on it. New transactions are recorded from the next business day; if one must "
        "still be recorded today, a supervisor can reopen the day, giving a reason (F8 Day "
        "close, or 'spo-counter reopen-day').",
    )


def _before_open_day(day: date, newest: date) -> DomainError:
    return DomainError(
        "clock",
        f"Jam komputer menunjukkan tanggal {shown(day)}, padahal hari kerja {shown(newest)} "
        "sudah dibuka. Perbaiki tanggal dan jam komputer, lalu coba lagi.",
        f"The computer's clock reads {day.isoformat()}, but business day {newest.isoformat()} "
        "is already open. Correct the computer's date and time and try again.",
    )


def insert_day(
    connection: sa.Connection,
    actor: User,
    iso: str,
    now: datetime,
    *,
    automatic: bool,
    count_id: int | None = None,
    opening_float: int = 0,
) -> None:
    insert_open_day(
        connection,
        iso,
        now.isoformat(),
        actor.id,
        automatic=automatic,
        opening_count_id=count_id,
        opening_float=opening_float,
    )


# --- opening with a counted float ----------------------------------------------------------------


@dataclass(frozen=True)
class DayOpened:
    business_date: date
    opening_float: int
    count: CashCount
    # The day had been opened by its first capture (zero float): this records its float now.
    float_added_later: bool
    unclosed_days: tuple[date, ...]  # earlier days still open: close them (close-day --date)


def open_day(counter: Counter, actor: User, counted: str | CashCount) -> DayOpened:
    """Open today's business day with the opening float counted by denomination.

    A day already opened by its first capture gets its float recorded (once); a day opened with a
    float, or closed, is refused.
    """
    count = parse_cash_count(counted) if isinstance(counted, str) else counted
    now = counter.now()
    day = counter.business_date(now)
    iso = day.isoformat()
    with counter.store.write() as connection:
        check_clock(connection, counter, now)
        newest = newest_day(connection)
        if newest is not None and newest[0] > iso:
            raise _before_open_day(day, date.fromisoformat(newest[0]))
        existing = (
            connection.execute(sa.select(business_days).where(business_days.c.business_date == iso))
            .mappings()
            .first()
        )
        if existing is not None:
            _refuse_reopening(counter, day, existing)
        count_id = record_count(
            connection, counter, actor, iso, now, count, purpose="opening", version=0
        )
        if existing is None:
            insert_day(
                connection,
                actor,
                iso,
                now,
                automatic=False,
                count_id=count_id,
                opening_float=count.total,
            )
        else:
            connection.execute(
                sa.update(business_days)
                .where(business_days.c.business_date == iso)
                .values(opening_count_id=count_id, opening_float=count.total)
            )
        append_event(
            connection,
            counter.audit_key,
            at=now.isoformat(),
            actor=actor.id,
            action="day.open" if existing is None else "day.float",
            entity_id=iso,
            details={
                "business_date": iso,
                "opening_float": count.total,
                "count_id": count_id,
                STATE: state_of(connection, ("business_days", iso)),
            },
        )
        unclosed = unclosed_days(connection, before=day)
    return DayOpened(day, count.total, count, existing is not None, unclosed)


def _refuse_reopening(counter: Counter, day: date, existing: sa.RowMapping) -> None:
    if existing["status"] == "closed":
        raise closed_error(counter, day, int(existing["closes"]))
    if existing["opening_count_id"] is not None or not existing["auto_opened"]:
        at = counter.local(datetime.fromisoformat(existing["opened_at"]))
        zone = zone_label(counter.profile.timezone)
        amount = format_rupiah(int(existing["opening_float"]))
        raise DomainError(
            "business_date",
            f"Hari kerja {shown(day)} sudah dibuka pukul {at:%H:%M} {zone} dengan modal awal "
            f"{amount}.",
            f"Business day {day.isoformat()} was already opened at {at:%H:%M} {zone} with a "
            f"float of {amount}.",
        )


def record_count(
    connection: sa.Connection,
    counter: Counter,
    actor: User,
    iso: str,
    now: datetime,
    count: CashCount,
    *,
    purpose: str,
    version: int,
) -> int:
    """Store one cash count as typed, with its audit event; returns its id.

    The event carries the state of the count and of its day (which a closing count of a day not
    opened yet has just opened).
    """
    result = connection.execute(
        sa.insert(cash_counts).values(
            business_date=iso,
            purpose=purpose,
            version=version,
            counted_at=now.isoformat(),
            counted_by=actor.id,
            pieces=canonical_json(count.as_codes()),
            total=count.total,
        )
    )
    key = result.inserted_primary_key
    if key is None:  # pragma: no cover - an INSERT always has one
        raise RuntimeError("no id for the cash count")
    count_id = int(key[0])
    append_event(
        connection,
        counter.audit_key,
        at=now.isoformat(),
        actor=actor.id,
        action="cash.count",
        entity_id=iso,
        details={
            "count_id": count_id,
            "purpose": purpose,
            "version": version,
            "total": count.total,
            STATE: state_of(connection, ("cash_counts", count_id), ("business_days", iso)),
        },
    )
    return count_id


def unclosed_days(connection: sa.Connection, *, before: date) -> tuple[date, ...]:
    """Business days before `before` that were never closed (or reopened and not closed again)."""
    rows = connection.execute(
        sa.select(business_days.c.business_date)
        .where(business_days.c.status == "open", business_days.c.business_date < before.isoformat())
        .order_by(business_days.c.business_date)
    ).scalars()
    return tuple(date.fromisoformat(value) for value in rows)


# --- state, for the window and the commands ------------------------------------------------------


@dataclass(frozen=True)
class DayState:
    business_date: date
    status: str  # "not_opened", "open" or "closed"
    opened_at: datetime | None = None
    opened_by: str | None = None
    auto_opened: bool = False
    opening_float: int = 0
    float_recorded: bool = False  # counted at opening (or recorded later for an automatic day)
    closes: int = 0  # how many times closed: the version of the newest report


def day_state(counter: Counter, day: date | None = None) -> DayState:
    """Where a business day stands (default: today's)."""
    day = day or counter.business_date()
    with counter.store.read() as connection:
        row = (
            connection.execute(
                sa.select(business_days).where(business_days.c.business_date == day.isoformat())
            )
            .mappings()
            .first()
        )
    if row is None:
        return DayState(day, "not_opened")
    return DayState(
        business_date=day,
        status=str(row["status"]),
        opened_at=datetime.fromisoformat(row["opened_at"]),
        opened_by=row["opened_by"],
        auto_opened=bool(row["auto_opened"]),
        opening_float=int(row["opening_float"]),
        float_recorded=row["opening_count_id"] is not None,
        closes=int(row["closes"]),
    )


# --- reopening ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DayReopened:
    business_date: date
    reopened_version: int  # the report this reopening supersedes
    next_version: int  # the version the next close will make
    report_no: str  # of the superseded report


def reopen_day(
    counter: Counter, supervisor: User, reason: str, day: date | None = None
) -> DayReopened:
    """A supervisor reopens a closed day, with a reason; its next close makes a new report version.

    The reports already made stay as they are. Captures go into a reopened day only while it is
    still today (the clock never runs back to an earlier date).
    """
    if not supervisor.is_supervisor:
        raise DomainError(
            "supervisor_id",
            "Hanya supervisor yang dapat membuka kembali hari kerja.",
            "Only a supervisor can reopen a business day.",
        )
    text = validate_reason(reason, "membuka kembali hari kerja", "reopening the day")
    now = counter.now()
    day = day_not_after_today(counter, now, day)
    iso = day.isoformat()
    with counter.store.write() as connection:
        row = connection.execute(
            sa.select(business_days.c.status, business_days.c.closes).where(
                business_days.c.business_date == iso
            )
        ).first()
        if row is None or row.status != "closed":
            raise DomainError(
                "date",
                f"Hari kerja {shown(day)} tidak sedang ditutup: tidak ada yang dibuka kembali.",
                f"Business day {iso} is not closed: there is nothing to reopen.",
            )
        version = int(row.closes)
        reopened = connection.execute(
            sa.insert(day_reopens).values(
                business_date=iso,
                version=version,
                reopened_at=now.isoformat(),
                reopened_by=supervisor.id,
                reason=text,
            )
        )
        connection.execute(
            sa.update(business_days)
            .where(business_days.c.business_date == iso)
            .values(status="open")
        )
        report = report_number(counter.profile.counter_code, day, version)
        reopen_key = reopened.inserted_primary_key
        if reopen_key is None:  # pragma: no cover - an INSERT always has one
            raise RuntimeError("no id for the reopening")
        append_event(
            connection,
            counter.audit_key,
            at=now.isoformat(),
            actor=supervisor.id,
            action="day.reopen",
            entity_id=iso,
            details={
                "business_date": iso,
                "report_no": report,
                "reason": text,
                STATE: state_of(
                    connection,
                    ("day_reopens", int(reopen_key[0])),
                    ("business_days", iso),
                ),
            },
        )
    return DayReopened(day, version, version + 1, report)
