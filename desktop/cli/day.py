"""`open-day`, `close-day`, `reopen-day`: the business day from its float to its numbered report."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli.context import EXIT_OK, EXIT_REFUSED, Context
from desktop.files import shown_name

if TYPE_CHECKING:
    from desktop.cli.parser import Commands


def register(commands: Commands) -> None:
    p = commands.add(
        "open-day", run_open_day, "open today's business day with the counted float (PIN: SPO_PIN)"
    )
    p.add_argument("--teller", required=True, help="who counts the float (PIN from SPO_PIN)")
    p.add_argument(
        "--counted",
        required=True,
        metavar="DENOMINATION=PIECES,...",
        help="the float by denomination, e.g. 100000=2,50000=4,500=10 (1000c: the Rp1.000 coin)",
    )
    p.add_argument("--json", action="store_true")

    p = commands.add(
        "close-day",
        run_close_day,
        "count the cash (blind) and close the business day into its numbered report",
    )
    p.add_argument("--teller", required=True, help="who counts the cash (PIN from SPO_PIN)")
    p.add_argument(
        "--counted",
        required=True,
        metavar="DENOMINATION=PIECES,...",
        help="the cash in the drawer by denomination, e.g. 100000=5,50000=3,1000c=4,500=10",
    )
    p.add_argument(
        "--supervisor",
        help="supervisor approving a difference (PIN from SPO_SUPERVISOR_PIN); not the teller",
    )
    p.add_argument("--reason", help="why the count differs from the expected cash")
    p.add_argument("--date", help="an earlier business day left open, YYYY-MM-DD (default: today)")
    p.add_argument(
        "--out", help="PDF file for the report (default: reports/NUMBER.pdf in the data folder)"
    )
    p.add_argument("--json", action="store_true")

    p = commands.add(
        "reopen-day",
        run_reopen_day,
        "reopen a closed business day, with a reason (supervisor; PIN from SPO_SUPERVISOR_PIN)",
    )
    p.add_argument("--supervisor", required=True, help="supervisor id")
    p.add_argument("--reason", required=True, help="why the day is reopened")
    p.add_argument("--date", help="business date YYYY-MM-DD (default: today)")
    p.add_argument("--json", action="store_true")


def run_open_day(ctx: Context) -> int:
    """Open today's business day with the opening float counted by denomination."""
    from desktop.domain.money import format_rupiah
    from desktop.services.business_day import open_day

    a = ctx.args
    teller = ctx.login(a.teller)
    opened = open_day(ctx.counter, teller, a.counted)
    unclosed = [d.isoformat() for d in opened.unclosed_days]
    if a.json:
        ctx.emit(
            {
                "business_date": opened.business_date.isoformat(),
                "opening_float": opened.opening_float,
                "counted": opened.count.as_codes(),
                "float_added_later": opened.float_added_later,
                "unclosed_days": unclosed,
            }
        )
        return EXIT_OK
    day = f"{opened.business_date:%d/%m/%Y}"
    amount = format_rupiah(opened.opening_float)
    if opened.float_added_later:
        ctx.say(
            f"Modal awal {amount} dicatat untuk hari kerja {day} (sudah dibuka otomatis).",
            f"Opening float {amount} recorded for business day {day} (already opened "
            "automatically).",
        )
    else:
        ctx.say(
            f"Hari kerja {day} dibuka oleh {teller.id}. Modal awal {amount}.",
            f"Business day {day} opened by {teller.id}. Opening float {amount}.",
        )
    for earlier in unclosed:
        how = f"spo-counter close-day --date {earlier} ..."
        ctx.say(
            f"Perhatian: hari kerja {earlier} belum ditutup ({how}).",
            f"Note: business day {earlier} was never closed ({how}).",
        )
    return EXIT_OK


def run_close_day(ctx: Context) -> int:
    """Blind count, variance approval and the numbered close report (PDF)."""
    from desktop.domain.money import format_rupiah
    from desktop.services.day_close import CloseDay, close_and_keep_report

    a = ctx.args
    teller = ctx.login(a.teller)
    pin = (
        ctx.secret(
            "SPO_SUPERVISOR_PIN", f"PIN {a.supervisor}: ", f"PIN {a.supervisor}: ", "supervisor_pin"
        )
        if a.supervisor
        else ""
    )
    # The close is committed and its PDF kept in the store: a file that cannot be written is
    # reported, and the report goes to the data folder instead, never lost.
    done = close_and_keep_report(
        ctx.counter,
        teller,
        CloseDay(a.counted, a.reason or "", a.supervisor or "", pin, ctx.day()),
        Path(a.out) if a.out else None,
    )
    closed, written = done.closed, done.report.path
    if a.json:
        ctx.emit({**closed.as_dict(), "report": str(written) if written else None})
    else:
        day, report_no = f"{closed.business_date:%d/%m/%Y}", closed.report_no
        ctx.say(
            f"Hari kerja {day} ditutup: laporan {report_no}.",
            f"Business day {day} closed: report {report_no}.",
        )
        for id_label, en_label, amount in (
            ("Kas seharusnya", "Expected cash", closed.expected_cash),
            ("Kas dihitung", "Counted cash", closed.counted_cash),
            ("Selisih", "Difference", closed.variance),
            ("Debit rekening", "Debit payments", closed.debit_total),
        ):
            figure = f"{format_rupiah(amount):>16}"
            ctx.say(f"  {id_label:<16}{figure}", f"  {en_label:<16}{figure}")
        if closed.approved_by:
            by, why = closed.approved_by, closed.variance_reason or "-"
            ctx.say(f"  Disetujui {by}: {why}", f"  Approved by {by}: {why}")
        if written:
            ctx.say(f"Laporan: {shown_name(written)}", f"Report: {shown_name(written)}")
        ctx.say(
            "Kirim data hari ini ke server pusat: spo-counter sync",
            "Send today's data to the upstream: spo-counter sync",
        )
    for failure in done.report.failures:
        ctx.warn(
            "out", f"berkas tidak dapat ditulis: {failure}", f"file cannot be written: {failure}"
        )
    from desktop.cli.backup import automatic_backup_after
    from desktop.services.backups import BackupKind

    automatic_backup_after(ctx, BackupKind.DAILY)
    return EXIT_OK if written else EXIT_REFUSED


def run_reopen_day(ctx: Context) -> int:
    """A supervisor reopens a closed day; the next close makes the report's next version."""
    from desktop.services.business_day import reopen_day

    a = ctx.args
    variable = "SPO_SUPERVISOR_PIN" if "SPO_SUPERVISOR_PIN" in os.environ else "SPO_PIN"
    supervisor = ctx.login(a.supervisor, variable)
    reopened = reopen_day(ctx.counter, supervisor, a.reason, ctx.day())
    if a.json:
        ctx.emit(
            {
                "business_date": reopened.business_date.isoformat(),
                "reopened_report": reopened.report_no,
                "next_version": reopened.next_version,
            }
        )
        return EXIT_OK
    day, report_no, version = (
        f"{reopened.business_date:%d/%m/%Y}",
        reopened.report_no,
        reopened.next_version,
    )
    ctx.say(
        f"Hari kerja {day} dibuka kembali oleh {supervisor.id} (laporan {report_no} tetap "
        f"tersimpan). Penutupan berikutnya membuat versi {version}.",
        f"Business day {day} reopened by {supervisor.id} (report {report_no} stays kept). "
        f"The next close makes version {version}.",
    )
    return EXIT_OK
