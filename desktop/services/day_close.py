"""Closing a business day: the blind cash count, variance approval, and the numbered report.

The teller's count is stored before the expected figure is shown (blind), and every count stays
on record, recounts too. A difference is never forced to zero: it closes only with a reason and
the approval of a supervisor who did not count. The close itself is local and always completes
(the upload is a separate step that may be retried): in one write transaction it reads the day's
figures, renders the report, and stores the report's PDF, its SHA-256 and its figures, never to
change; reopening and closing again makes the next version.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pydantic
import sqlalchemy as sa

from desktop.counter import Counter
from desktop.domain.cash import CashCount, expected_cash, parse_cash_count
from desktop.domain.money import format_rupiah
from desktop.errors import DomainError
from desktop.files import shown_name, write_atomically
from desktop.receipts.day_report import render_day_report
from desktop.receipts.day_report_model import CountEntry, DayReport, EarlierVersion
from desktop.services.auth import User, approve
from desktop.services.business_day import (
    check_clock,
    day_not_after_today,
    insert_day,
    record_count,
    report_number,
    shown,
    validate_reason,
)
from desktop.services.day_figures import LocalTime, People, count_entry, day_figures
from desktop.store.audit import append_event, canonical_json, digest
from desktop.store.row_states import STATE, state_of
from desktop.store.schema import business_days, cash_counts, day_closes, day_reopens

REPORTS_DIR = "reports"
_WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
_MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip


@dataclass(frozen=True)
class CountRecorded:
    """A closing count, stored; the expected figure (and what makes it) is only shown from here
    on: the float, the cash taken and voided, and the debit payments that never were cash."""

    business_date: date
    count_id: int
    version: int  # the close this count is for
    counted_cash: int
    expected_cash: int
    opening_float: int
    cash_received: int
    cash_voided: int
    debit_total: int  # net debit-account payments: never in the drawer
    cash_refunded: int = 0  # given back for payments the upstream refused
    cash_paid_out: int = 0  # JHT benefits paid in cash

    @property
    def variance(self) -> int:
        return self.counted_cash - self.expected_cash


@dataclass(frozen=True)
class DayClosed:
    """A close as made, or as stored: its report (the figures, as kept in the close's summary),
    its PDF, and when the upstream confirmed the day (None until it has)."""

    business_date: date
    approved_by: str | None  # the approving supervisor's id (the report prints the name)
    pdf: bytes
    pdf_sha256: str
    report: DayReport
    confirmed_at: datetime | None = None

    @property
    def report_no(self) -> str:
        return self.report.report_no

    @property
    def version(self) -> int:
        return self.report.version

    @property
    def opening_float(self) -> int:
        return self.report.opening_float

    @property
    def cash_received(self) -> int:
        return self.report.cash_received

    @property
    def cash_voided(self) -> int:
        return self.report.cash_voided

    @property
    def cash_refunded(self) -> int:
        return self.report.cash_refunded

    @property
    def expected_cash(self) -> int:
        return self.report.expected_cash

    @property
    def counted_cash(self) -> int:
        return self.report.counted_cash

    @property
    def variance(self) -> int:
        return self.report.variance

    @property
    def debit_total(self) -> int:
        return self.report.debit_net

    @property
    def variance_reason(self) -> str | None:
        return self.report.variance_reason

    def as_dict(self) -> dict[str, object]:
        return {
            "business_date": self.business_date.isoformat(),
            "report_no": self.report_no,
            "version": self.version,
            "opening_float": self.opening_float,
            "cash_received": self.cash_received,
            "cash_voided": self.cash_voided,
            "cash_refunded": self.cash_refunded,
            "cash_paid_out": self.report.cash_paid_out,
            "expected_cash": self.expected_cash,
            "counted_cash": self.counted_cash,
            "variance": self.variance,
            "debit_total": self.debit_total,
            "variance_reason": self.variance_reason,
            "approved_by": self.approved_by,
            "pdf_sha256": self.pdf_sha256,
        }


@dataclass(frozen=True)
class Approval:
    """A difference's reason and the approving supervisor, as typed. With `required` (the window
    has shown the difference) both must be there; otherwise each is checked when given."""

    reason: str = ""
    supervisor_id: str = ""
    supervisor_pin: str = ""
    required: bool = False


@dataclass(frozen=True)
class CloseDay:
    """The close as one step (the command line): the count, and the approval when it differs."""

    counted: str | CashCount
    reason: str = ""
    supervisor_id: str = ""
    supervisor_pin: str = ""
    day: date | None = None


def count_and_close(counter: Counter, actor: User, cmd: CloseDay) -> DayClosed:
    """Check the input and the supervisor's PIN, store the count, then close.

    When the count differs and no approval came with it, the count stays recorded and the close
    is refused naming the difference ("variance"): count again, or come back with a supervisor.
    """
    count = parse_cash_count(cmd.counted) if isinstance(cmd.counted, str) else cmd.counted
    approval = Approval(cmd.reason, cmd.supervisor_id, cmd.supervisor_pin)
    reason, supervisor = _approved(counter, actor, approval)
    recorded = count_cash(counter, actor, count, cmd.day)
    return close_day(
        counter, actor, day=recorded.business_date, reason=reason, supervisor=supervisor
    )


def close_counted_day(counter: Counter, actor: User, day: date, approval: Approval) -> DayClosed:
    """Close `day` with its latest count (the window counts first, blind, then closes). A
    difference needs its reason, then a supervisor's approval, the PIN checked before anything
    is written; each refusal names its field."""
    reason, supervisor = _approved(counter, actor, approval)
    return close_day(counter, actor, day=day, reason=reason, supervisor=supervisor)


def _approved(counter: Counter, actor: User, approval: Approval) -> tuple[str, User | None]:
    reason = ""
    if approval.required or approval.reason.strip():
        reason = validate_reason(approval.reason, "selisih kas", "the cash difference")
    supervisor = None
    if approval.required or approval.supervisor_id.strip():
        supervisor = approve(
            counter, approval.supervisor_id, approval.supervisor_pin, requested_by=actor
        )
    return reason, supervisor


def count_cash(
    counter: Counter, actor: User, counted: str | CashCount, day: date | None = None
) -> CountRecorded:
    """Store the teller's count for the day's next close (blind); returns the expected cash too.

    Today's day not opened yet is opened here (zero float), as a capture would.
    """
    count = parse_cash_count(counted) if isinstance(counted, str) else counted
    now = counter.now()
    with counter.store.write() as connection:
        day, version, opening_float = _closable_day(connection, counter, actor, now, day)
        count_id = record_count(
            connection,
            counter,
            actor,
            day.isoformat(),
            now,
            count,
            purpose="closing",
            version=version,
        )
        figures = day_figures(connection, counter, day, People(connection), LocalTime(counter))
    cash, debit = figures.tender("cash"), figures.tender("debit")
    refunded = figures.refunded("cash")
    expected = expected_cash(
        opening_float, cash.amount, cash.voided_amount, refunded, figures.cash_paid_out
    )
    return CountRecorded(
        business_date=day,
        count_id=count_id,
        version=version,
        counted_cash=count.total,
        expected_cash=expected,
        opening_float=opening_float,
        cash_received=cash.amount,
        cash_voided=cash.voided_amount,
        debit_total=debit.net_amount - figures.refunded("debit"),
        cash_refunded=refunded,
        cash_paid_out=figures.cash_paid_out,
    )


def close_day(
    counter: Counter,
    actor: User,
    *,
    day: date | None = None,
    reason: str = "",
    supervisor: User | None = None,
) -> DayClosed:
    """Close the day with its latest count; `supervisor` has approved already (auth.approve)."""
    reason = validate_reason(reason, "selisih kas", "the cash difference") if reason.strip() else ""
    now = counter.now()
    with counter.store.write() as connection:
        day, version, opening_float = _closable_day(connection, counter, actor, now, day)
        iso = day.isoformat()
        count_row = (
            connection.execute(
                sa.select(cash_counts)
                .where(
                    cash_counts.c.business_date == iso,
                    cash_counts.c.purpose == "closing",
                    cash_counts.c.version == version,
                )
                .order_by(cash_counts.c.id.desc())
                .limit(1)
            )
            .mappings()
            .first()
        )
        if count_row is None:
            raise DomainError(
                "counted",
                "Hitung kas di laci per pecahan terlebih dahulu.",
                "Count the cash in the drawer by denomination first.",
            )
        people, local = People(connection), LocalTime(counter)
        figures = day_figures(connection, counter, day, people, local)
        cash, debit = figures.tender("cash"), figures.tender("debit")
        refunded = figures.refunded("cash")
        expected = expected_cash(
            opening_float, cash.amount, cash.voided_amount, refunded, figures.cash_paid_out
        )
        counted = int(count_row["total"])
        variance = counted - expected
        approver = _approval(variance, counted, expected, reason, supervisor, count_row)
        report_no = report_number(counter.profile.counter_code, day, version)
        opened, auto_opened, opening_count = _opening(connection, iso, people, local)
        report = DayReport(
            report_no=report_no,
            version=version,
            bank=counter.profile.bank_code,
            branch=f"{counter.profile.branch_name} ({counter.profile.branch_code})",
            counter_code=counter.profile.counter_code,
            counter_label=f"Loket {counter.profile.counter_no:02d}",
            business_date=iso,
            business_date_text=long_date(day),
            opened=opened,
            auto_opened=auto_opened,
            opening_count=opening_count,
            closed_at=local.stamp(now.isoformat()),
            closed_by=people(actor.id),
            opening_float=opening_float,
            cash_received=cash.amount,
            cash_voided=cash.voided_amount,
            expected_cash=expected,
            counted_cash=counted,
            variance=variance,
            variance_reason=reason if variance else None,
            approved_by=people(approver) if approver else None,
            count=count_entry(count_row, people, local),
            earlier_counts=_earlier_counts(connection, iso, version, count_row, people, local),
            debit_received=debit.amount,
            debit_voided=debit.voided_amount,
            kinds=figures.kinds,
            programs=figures.programs,
            tenders=figures.tenders,
            transaction_count=figures.transaction_count,
            first_receipt=figures.first_receipt,
            last_receipt=figures.last_receipt,
            voids=figures.voids,
            reprints=figures.reprints,
            never_printed=figures.never_printed,
            unacknowledged=figures.unacknowledged,
            earlier_versions=_earlier_versions(connection, iso, people, local),
            cash_refunded=refunded,
            debit_refunded=figures.refunded("debit"),
            refunds=figures.refunds,
            cash_paid_out=figures.cash_paid_out,
            payouts=figures.payouts,
        )
        pdf = render_day_report(report)
        sha = hashlib.sha256(pdf).hexdigest()
        row = {
            "report_no": report_no,
            "business_date": iso,
            "version": version,
            "closed_at": now.isoformat(),
            "closed_by": actor.id,
            "count_id": int(count_row["id"]),
            "opening_float": opening_float,
            "cash_received": cash.amount,
            "cash_voided": cash.voided_amount,
            "expected_cash": expected,
            "counted_cash": counted,
            "variance": variance,
            "debit_total": report.debit_net,
            "variance_reason": report.variance_reason,
            "approved_by": approver,
            "summary": canonical_json(dataclasses.asdict(report)),
            "pdf_sha256": sha,
        }
        connection.execute(sa.insert(day_closes).values(**row, pdf=pdf))
        connection.execute(
            sa.update(business_days)
            .where(business_days.c.business_date == iso)
            .values(status="closed", closes=version)
        )
        append_event(
            connection,
            counter.audit_key,
            at=now.isoformat(),
            actor=actor.id,
            action="day.close",
            entity_id=iso,
            # The close's row without the PDF (its SHA-256 stands for it) and the summary.
            record_digest=digest({k: v for k, v in row.items() if k != "summary"}),
            details={
                "report_no": report_no,
                "expected_cash": expected,
                "counted_cash": counted,
                "variance": variance,
                "approved_by": approver,
                "pdf_sha256": sha,
                STATE: state_of(connection, ("day_closes", report_no), ("business_days", iso)),
            },
        )
    return DayClosed(
        business_date=day, approved_by=approver, pdf=pdf, pdf_sha256=sha, report=report
    )


def _closable_day(
    connection: sa.Connection,
    counter: Counter,
    actor: User,
    now: datetime,
    day: date | None,
) -> tuple[date, int, int]:
    """(day, the version its next close makes, opening float) of an open day, or a refusal."""
    day = day_not_after_today(counter, now, day)
    check_clock(connection, counter, now)
    iso = day.isoformat()
    row = connection.execute(
        sa.select(
            business_days.c.status, business_days.c.closes, business_days.c.opening_float
        ).where(business_days.c.business_date == iso)
    ).first()
    if row is None:
        if day != counter.business_date(now):
            raise DomainError(
                "date",
                f"Hari kerja {shown(day)} tidak pernah dibuka: tidak ada yang ditutup.",
                f"Business day {iso} was never opened: there is nothing to close.",
            )
        insert_day(connection, actor, iso, now, automatic=True)
        return day, 1, 0
    if row.status == "closed":
        report = report_number(counter.profile.counter_code, day, int(row.closes))
        raise DomainError(
            "date",
            f"Hari kerja {shown(day)} sudah ditutup (laporan {report}). Untuk mengubahnya, "
            "supervisor membuka kembali hari kerja dengan alasan.",
            f"Business day {iso} is already closed (report {report}). To change it, a "
            "supervisor reopens the day, giving a reason.",
        )
    return day, int(row.closes) + 1, int(row.opening_float)


def _approval(
    variance: int,
    counted: int,
    expected: int,
    reason: str,
    supervisor: User | None,
    count_row: sa.RowMapping,
) -> str | None:
    """The approving supervisor's id; a difference needs a reason and a supervisor who did not
    count (never the counting teller)."""
    if supervisor is not None and supervisor.id == count_row["counted_by"]:
        raise DomainError(
            "supervisor_id",
            "Selisih harus disetujui supervisor lain, bukan yang menghitung kas.",
            "The difference must be approved by another supervisor, not the one who counted.",
        )
    if variance and (supervisor is None or not reason):
        difference = format_rupiah(variance)
        raise DomainError(
            "variance",
            f"Kas dihitung {format_rupiah(counted)}, kas seharusnya {format_rupiah(expected)}: "
            f"selisih {difference}. Hitungan ini sudah dicatat apa adanya. Untuk menutup hari "
            "kerja, tuliskan alasan selisih dan minta persetujuan supervisor (bukan yang "
            "menghitung); atau hitung ulang (setiap hitungan tercatat).",
            f"Counted {format_rupiah(counted)}, expected {format_rupiah(expected)}: a difference "
            f"of {difference}. This count is recorded as it is. To close the day, give a reason "
            "for the difference and a supervisor's approval (not the one who counted); or count "
            "again (every count is recorded).",
        )
    return supervisor.id if supervisor is not None else None


def _opening(
    connection: sa.Connection, iso: str, people: People, local: LocalTime
) -> tuple[str, bool, CountEntry | None]:
    """When and by whom the day was opened, whether automatically, and its float's count."""
    day = (
        connection.execute(sa.select(business_days).where(business_days.c.business_date == iso))
        .mappings()
        .one()
    )
    opening_count = None
    if day["opening_count_id"] is not None:
        row = (
            connection.execute(
                sa.select(cash_counts).where(cash_counts.c.id == day["opening_count_id"])
            )
            .mappings()
            .one()
        )
        opening_count = count_entry(row, people, local)
    who = people(day["opened_by"]) if day["opened_by"] else "sistem (pembaruan data)"
    opened = f"{local.stamp(str(day['opened_at']))} oleh {who}"
    return opened, bool(day["auto_opened"]), opening_count


def _earlier_counts(
    connection: sa.Connection,
    iso: str,
    version: int,
    final: sa.RowMapping,
    people: People,
    local: LocalTime,
) -> tuple[CountEntry, ...]:
    rows = connection.execute(
        sa.select(cash_counts)
        .where(
            cash_counts.c.business_date == iso,
            cash_counts.c.purpose == "closing",
            cash_counts.c.version == version,
            cash_counts.c.id < final["id"],
        )
        .order_by(cash_counts.c.id)
    ).mappings()
    return tuple(count_entry(row, people, local) for row in rows)


def _earlier_versions(
    connection: sa.Connection, iso: str, people: People, local: LocalTime
) -> tuple[EarlierVersion, ...]:
    query = (
        sa.select(
            day_closes.c.report_no,
            day_closes.c.closed_at,
            day_closes.c.counted_cash,
            day_closes.c.variance,
            day_reopens.c.reopened_at,
            day_reopens.c.reopened_by,
            day_reopens.c.reason,
        )
        .join(
            day_reopens,
            (day_reopens.c.business_date == day_closes.c.business_date)
            & (day_reopens.c.version == day_closes.c.version),
        )
        .where(day_closes.c.business_date == iso)
        .order_by(day_closes.c.version)
    )
    return tuple(
        EarlierVersion(
            report_no=row.report_no,
            closed_at=local.stamp(row.closed_at),
            counted_cash=int(row.counted_cash),
            variance=int(row.variance),
            reopened_at=local.stamp(row.reopened_at),
            reopened_by=people(row.reopened_by),
            reason=str(row.reason),
        )
        for row in connection.execute(query)
    )


def long_date(day: date) -> str:
    """ "Selasa, 24 November 2026"."""
    return f"{_WEEKDAYS[day.weekday()]}, {day.day} {_MONTHS[day.month - 1]} {day.year}"


# --- the stored reports ---------------------------------------------------------------------------

_REPORT = pydantic.TypeAdapter(DayReport)


def stored_close(connection: sa.Connection, day: date) -> DayClosed | None:
    """The newest close of `day` as it was stored: the report rebuilt from its summary."""
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
    return DayClosed(
        business_date=day,
        approved_by=row["approved_by"],
        pdf=bytes(row["pdf"]),
        pdf_sha256=str(row["pdf_sha256"]),
        report=_REPORT.validate_json(row["summary"]),
        confirmed_at=datetime.fromisoformat(confirmed) if confirmed else None,
    )


def report_pdf(counter: Counter, report_no: str) -> bytes:
    """A stored close report's PDF, as it was made (to save or print it again)."""
    with counter.store.read() as connection:
        pdf = connection.execute(
            sa.select(day_closes.c.pdf).where(day_closes.c.report_no == report_no.strip().upper())
        ).scalar_one_or_none()
    if pdf is None:
        raise DomainError(
            "report_no",
            f"Laporan {report_no} tidak ada di loket ini.",
            f"Report {report_no} does not exist at this counter.",
        )
    return bytes(pdf)


def default_report_path(counter: Counter, report_no: str) -> Path:
    """Where a close report is kept in the counter's data folder: reports/NUMBER.pdf."""
    return counter.store.data_dir / REPORTS_DIR / f"{report_no}.pdf"


def save_report(path: Path, pdf: bytes) -> Path:
    """Write a report file atomically (its folder made when missing); OSError when it cannot."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, pdf)
    return path


@dataclass(frozen=True)
class KeptReport:
    """Where a close report's file went (None: nowhere), and each place that refused it."""

    path: Path | None
    failures: tuple[str, ...] = ()


def keep_report(counter: Counter, report_no: str, out: Path | None = None) -> KeptReport:
    """Write a stored report's PDF to `out`, or to reports/ in the data folder (also where it
    goes when `out` cannot be written): the close is committed, its report never lost."""
    return _keep(counter, report_no, report_pdf(counter, report_no), out)


@dataclass(frozen=True)
class ClosedAndKept:
    """The command line's close: the day closed, and where its report's file went."""

    closed: DayClosed
    report: KeptReport


def close_and_keep_report(
    counter: Counter, actor: User, cmd: CloseDay, out: Path | None = None
) -> ClosedAndKept:
    """Count and close in one step (`count_and_close`), then write the report's file to `out`,
    or to reports/ in the data folder (also where it goes when `out` cannot be written)."""
    closed = count_and_close(counter, actor, cmd)
    return ClosedAndKept(closed, _keep(counter, closed.report_no, closed.pdf, out))


def _keep(counter: Counter, report_no: str, pdf: bytes, out: Path | None) -> KeptReport:
    failures: list[str] = []
    for path in ([out] if out else []) + [default_report_path(counter, report_no)]:
        try:
            return KeptReport(save_report(path, pdf), tuple(failures))
        except OSError as error:
            failures.append(f"{shown_name(path)}: {error.strerror or error}")
    return KeptReport(None, tuple(failures))


def save_report_file(counter: Counter, report_no: str, path: Path) -> Path:
    """Write a stored report's PDF at `path`; a full disk or a read-only folder is refused with
    its reason (field "out"), never a crash."""
    pdf = report_pdf(counter, report_no)
    try:
        return save_report(path, pdf)
    except OSError as error:
        reason = error.strerror or str(error)
        raise DomainError(
            "out",
            f"Berkas {shown_name(path)} tidak dapat ditulis ({reason}).",
            f"File {shown_name(path)} cannot be written ({reason}).",
        ) from None
