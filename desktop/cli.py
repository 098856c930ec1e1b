"""The `spo-counter` command: the GUI by default, the counter's services for scripts and bank IT."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.domain.dates import parse_date
from desktop.errors import DomainError
from desktop.paths import DB_FILENAME, data_dir

# The store's modules (SQLAlchemy among them) load when a command first needs the counter, and
# the window's on its database worker: `spo-counter` shows its login before they are loaded.
if TYPE_CHECKING:
    from desktop.clock import Clock
    from desktop.counter import Counter
    from desktop.services.auth import User
    from desktop.services.upload import DayConfirmation

EXIT_OK = 0
EXIT_REFUSED = 1  # a domain error, a failed check, or rejected rows
EXIT_USAGE = 2  # argparse's own code for bad arguments


class _VersionAction(argparse.Action):
    """`--version`, looking the version up only when asked (the metadata read costs a start)."""

    def __call__(self, parser: argparse.ArgumentParser, *_args: object, **_kwargs: object) -> None:
        print(f"{parser.prog} {package_version()}")
        parser.exit()


def package_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("spo-counter")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "0+unknown"


def _secret(variable: str, prompt: str, field: str) -> str:
    """PINs come from the environment or a hidden prompt, never from arguments (ps shows those)."""
    value = os.environ.get(variable)
    if value is not None:
        return value
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(prompt)
    raise DomainError(
        field,
        f"PIN tidak diberikan: isi variabel {variable} atau jalankan di terminal.",
        f"No PIN given: set {variable} or run in a terminal.",
    )


class Context:
    """What every subcommand gets: parsed arguments and a lazily opened counter."""

    def __init__(self, args: argparse.Namespace, clock: Clock | None = None) -> None:
        self.args = args
        self.lang: str = args.lang
        self.clock = clock  # None: the real clock (tests pass a fixed one)
        self._counter: Counter | None = None

    @property
    def counter(self) -> Counter:
        if self._counter is None:
            folder = data_dir(self.args.data_dir)
            # Only init and demo make a new store: any other command pointed at a mistyped
            # folder would otherwise leave an empty database there and say "not set up".
            if (
                not getattr(self.args, "creates_store", False)
                and not (folder / DB_FILENAME).exists()
            ):
                raise DomainError(
                    "data_dir",
                    f"Tidak ada data loket di {folder}. Periksa --data-dir atau SPO_DATA_DIR, "
                    "atau jalankan 'spo-counter init'.",
                    f"No counter data in {folder}. Check --data-dir or SPO_DATA_DIR, "
                    "or run 'spo-counter init'.",
                )
            from desktop.clock import utc_now
            from desktop.counter import Counter
            from desktop.store.store import Store

            self._counter = Counter(Store(folder), clock=self.clock or utc_now)
        return self._counter

    def login(self, user_id: str, variable: str = "SPO_PIN") -> User:
        pin = _secret(variable, f"PIN {user_id}: ", "pin")
        from desktop.services.auth import login

        return login(self.counter, user_id, pin)

    def emit(self, value: object) -> None:
        print(json.dumps(value, ensure_ascii=False, indent=2))

    def close(self) -> None:
        if self._counter is not None:
            self._counter.store.close()


# --- subcommands -------------------------------------------------------------------------------


def cmd_init(ctx: Context) -> int:
    from desktop.services.setup import init_counter

    a = ctx.args
    pin = _secret("SPO_PIN", f"PIN baru untuk {a.supervisor_id}: ", "pin")
    profile = init_counter(
        ctx.counter,
        bank_code=a.bank,
        branch_code=a.branch_code,
        branch_name=a.branch_name,
        counter_no=a.counter,
        timezone=a.timezone,
        supervisor_id=a.supervisor_id,
        supervisor_name=a.supervisor_name,
        supervisor_pin=pin,
        paper=a.paper,
    )
    print(f"Loket {profile.counter_code} siap. Supervisor: {a.supervisor_id}.")
    return EXIT_OK


def cmd_user_add(ctx: Context) -> int:
    from desktop.services.setup import add_user

    a = ctx.args
    supervisor = ctx.login(a.by, "SPO_SUPERVISOR_PIN")
    pin = _secret("SPO_PIN", f"PIN baru untuk {a.id}: ", "pin")
    user = add_user(ctx.counter, by=supervisor, user_id=a.id, name=a.name, role=a.role, pin=pin)
    print(f"Pengguna {user.id} ({user.role.value}) ditambahkan.")
    return EXIT_OK


def cmd_demo(ctx: Context) -> int:
    from desktop.services.demo import make_demo

    summary = make_demo(
        ctx.counter.store,
        transactions=ctx.args.transactions,
        seed=ctx.args.seed,
        clock=ctx.counter.clock,
    )
    if ctx.args.json:
        ctx.emit(
            {
                "counter_code": summary.counter_code,
                "created": summary.created,
                "days": [d.isoformat() for d in summary.days],
                "counts": summary.counts,
                "users": [
                    {"id": u.id, "name": u.name, "role": u.role.value, "pin": u.pin}
                    for u in summary.users
                ],
            }
        )
        return EXIT_OK
    verb = "dibuat" if summary.created else "ditambah"
    print(f"Loket demo {summary.counter_code} {verb}: {sum(summary.counts.values())} transaksi.")
    print(f"Data: {ctx.counter.store.data_dir}")
    print("Pengguna demo (ID / PIN / peran):")
    for user in summary.users:
        print(f"  {user.id:<10} {user.pin}  {user.role.value:<10} {user.name}")
    return EXIT_OK


def cmd_import(ctx: Context) -> int:
    from desktop.services.imports import import_contributions, import_registrations

    a = ctx.args
    teller = ctx.login(a.teller)
    run = import_registrations if a.what == "registrations" else import_contributions
    result = run(ctx.counter, teller, Path(a.file), lang=ctx.lang)
    if a.json:
        ctx.emit(result.as_dict())
    else:
        for accepted in result.accepted:
            print(f"baris {accepted.row}: diterima, {accepted.receipt_no}")
        for rejected in result.rejected:
            print(f"baris {rejected.row}: DITOLAK [{rejected.field}] {rejected.message}")
        print(f"{len(result.accepted)} diterima, {len(result.rejected)} ditolak.")
    return EXIT_REFUSED if result.rejected else EXIT_OK


def cmd_journal(ctx: Context) -> int:
    from desktop.services.journal import journal

    day: date | None = None
    if ctx.args.date:
        day = parse_date(ctx.args.date, "date", "Tanggal", "Date")
    entries = journal(ctx.counter, day)
    if ctx.args.json:
        ctx.emit(
            [
                {
                    "id": e.id,
                    "receipt_no": e.receipt_no,
                    "kind": e.kind,
                    "amount": e.amount,
                    "status": e.status,
                    "created_at": e.created_at,
                    "teller_id": e.teller_id,
                    "tender": e.tender,
                    "voided_by": e.voided_by,
                    "upload": e.upload,
                }
                for e in entries
            ]
        )
        return EXIT_OK
    from desktop.domain.money import format_rupiah

    for e in entries:
        mark = f"  DIBATALKAN {e.voided_by}" if e.voided_by else ""
        print(
            f"{e.created_at[11:16]}  {e.receipt_no}  {e.kind:<15} "
            f"{format_rupiah(e.amount):>14}  {e.teller_id}{mark}"
        )
    print(f"{len(entries)} transaksi.")
    return EXIT_OK


def cmd_info(ctx: Context) -> int:
    from desktop.services.info import counter_info

    info = counter_info(ctx.counter).as_dict()
    if ctx.args.json:
        ctx.emit(info)
        return EXIT_OK
    for key, value in info.items():
        print(
            f"{key}: {json.dumps(value, ensure_ascii=False) if isinstance(value, dict) else value}"
        )
    return EXIT_OK


def cmd_receipt_save(ctx: Context) -> int:
    """Issue a receipt into a PDF file: the original the first time, a numbered copy after."""
    from desktop.services.receipt_output import Paper, SaveReceipt, save_receipt_file

    a = ctx.args
    teller = ctx.login(a.teller)
    saved = save_receipt_file(
        ctx.counter,
        teller,
        SaveReceipt(
            a.receipt_no,
            Path(a.out) if a.out else None,
            Paper(a.paper) if a.paper else None,
            reprint=a.reprint,
        ),
    )
    issued = saved.receipt.issued
    label = f"salinan ke-{issued.copy_number}" if issued.copy_number else "asli"
    print(f"Kuitansi {saved.receipt.receipt_no} ({label}) disimpan: {saved.path}")
    return EXIT_OK


def cmd_receipt_check(ctx: Context) -> int:
    from desktop.services.receipts import check_receipt

    check = check_receipt(ctx.counter, ctx.args.text)
    if ctx.args.json:
        ctx.emit(
            {
                "genuine": check.genuine,
                "receipt_no": check.receipt_no,
                "voided_by": check.voided_by,
                "problems": [en if ctx.lang == "en" else id_ for id_, en in check.problems],
            }
        )
    elif check.genuine:
        voided = f" — DIBATALKAN dengan {check.voided_by}" if check.voided_by else ""
        print(f"ASLI: kuitansi {check.receipt_no} cocok dengan catatan loket{voided}.")
    else:
        for id_, en in check.problems:
            print(f"TIDAK SAH: {en if ctx.lang == 'en' else id_}")
    return EXIT_OK if check.genuine else EXIT_REFUSED


def cmd_receipt_unprinted(ctx: Context) -> int:
    from desktop.services.receipts import never_printed

    day = parse_date(ctx.args.date, "date", "Tanggal", "Date") if ctx.args.date else None
    receipts = never_printed(ctx.counter, day)
    if ctx.args.json:
        ctx.emit(receipts)
    else:
        for receipt in receipts:
            print(receipt)
        print(f"{len(receipts)} kuitansi belum pernah tercetak.")
    return EXIT_OK


def _day_option(ctx: Context) -> date | None:
    return parse_date(ctx.args.date, "date", "Tanggal", "Date") if ctx.args.date else None


def cmd_open_day(ctx: Context) -> int:
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
        print(f"Modal awal {amount} dicatat untuk hari kerja {day} (sudah dibuka otomatis).")
    else:
        print(f"Hari kerja {day} dibuka oleh {teller.id}. Modal awal {amount}.")
    for earlier in unclosed:
        print(
            f"Perhatian: hari kerja {earlier} belum ditutup "
            f"(spo-counter close-day --date {earlier} ...)."
        )
    return EXIT_OK


def cmd_close_day(ctx: Context) -> int:
    """Blind count, variance approval and the numbered close report (PDF)."""
    from desktop.domain.money import format_rupiah
    from desktop.services.day_close import (
        CloseDay,
        count_and_close,
        default_report_path,
        save_report,
    )

    a = ctx.args
    teller = ctx.login(a.teller)
    pin = (
        _secret("SPO_SUPERVISOR_PIN", f"PIN {a.supervisor}: ", "supervisor_pin")
        if a.supervisor
        else ""
    )
    closed = count_and_close(
        ctx.counter,
        teller,
        CloseDay(a.counted, a.reason or "", a.supervisor or "", pin, _day_option(ctx)),
    )
    # The close is committed and its PDF kept in the store: a file that cannot be written is
    # reported, and the report goes to the data folder instead, never lost.
    wanted = [Path(a.out)] if a.out else []
    wanted.append(default_report_path(ctx.counter, closed.report_no))
    written: Path | None = None
    failures: list[str] = []
    for path in wanted:
        try:
            written = save_report(path, closed.pdf)
            break
        except OSError as error:
            failures.append(f"{path}: {error.strerror or error}")
    if a.json:
        ctx.emit({**closed.as_dict(), "report": str(written) if written else None})
    else:
        print(f"Hari kerja {closed.business_date:%d/%m/%Y} ditutup: laporan {closed.report_no}.")
        print(f"  Kas seharusnya  {format_rupiah(closed.expected_cash):>16}")
        print(f"  Kas dihitung    {format_rupiah(closed.counted_cash):>16}")
        print(f"  Selisih         {format_rupiah(closed.variance):>16}")
        print(f"  Debit rekening  {format_rupiah(closed.debit_total):>16}")
        if closed.approved_by:
            print(f"  Disetujui {closed.approved_by}: {closed.variance_reason or '-'}")
        if written:
            print(f"Laporan: {written}")
        print("Kirim data hari ini ke server pusat: spo-counter sync")
    for failure in failures:
        print(f"spo-counter: out: berkas tidak dapat ditulis: {failure}", file=sys.stderr)
    return EXIT_OK if written else EXIT_REFUSED


def cmd_reopen_day(ctx: Context) -> int:
    """A supervisor reopens a closed day; the next close makes the report's next version."""
    from desktop.services.business_day import reopen_day

    a = ctx.args
    variable = "SPO_SUPERVISOR_PIN" if "SPO_SUPERVISOR_PIN" in os.environ else "SPO_PIN"
    supervisor = ctx.login(a.supervisor, variable)
    reopened = reopen_day(ctx.counter, supervisor, a.reason, _day_option(ctx))
    if a.json:
        ctx.emit(
            {
                "business_date": reopened.business_date.isoformat(),
                "reopened_report": reopened.report_no,
                "next_version": reopened.next_version,
            }
        )
        return EXIT_OK
    print(
        f"Hari kerja {reopened.business_date:%d/%m/%Y} dibuka kembali oleh {supervisor.id} "
        f"(laporan {reopened.report_no} tetap tersimpan). Penutupan berikutnya membuat "
        f"versi {reopened.next_version}."
    )
    return EXIT_OK


EXIT_QUARANTINED = 3  # sync: everything answered, but the upstream refused some records


def cmd_sync(ctx: Context) -> int:
    """Upload the waiting records, confirm the closed days, pull the reference data."""
    from desktop.services.upload import Upload, upload

    outcome = upload(
        ctx.counter,
        Upload(
            upstream_url=ctx.args.upstream,
            requeue_quarantined=ctx.args.requeue_quarantined,
        ),
    )
    if outcome.problem is not None:  # nothing was lost; the next sync goes on
        raise outcome.problem
    report = outcome.report
    if outcome.reference_problem is not None:
        print(
            f"spo-counter: reference: {outcome.reference_problem.message(ctx.lang)}",
            file=sys.stderr,
        )
    if ctx.args.json:
        ctx.emit(
            {
                "sent": report.sent,
                "duplicates": report.duplicates,
                "quarantined": report.quarantined,
                "kpj_assigned": report.kpj_assigned,
                "batches": report.batches,
                "retries": report.retries,
                "pending": report.pending,
                "quarantined_total": report.quarantined_total,
                "reference_version": outcome.reference_version,
                "days": [_day_json(day, ctx.lang) for day in outcome.days],
            }
        )
    else:
        print(
            f"Terkirim {report.sent}, sudah ada {report.duplicates}, "
            f"ditolak {len(report.quarantined)}"
            f" ({report.batches} kiriman). Menunggu: {report.pending}, "
            f"dikarantina: {report.quarantined_total}."
        )
        for receipt in report.quarantined:
            print(f"  DITOLAK server pusat: {receipt}")
        for day in outcome.days:
            print(f"Tutup hari {day.report_no}: {day.message(ctx.lang)}")
    if not outcome.complete:
        return EXIT_REFUSED
    return EXIT_QUARANTINED if report.quarantined_total else EXIT_OK


def _day_json(day: DayConfirmation, lang: str) -> dict[str, object]:
    return {
        "business_date": day.business_date.isoformat(),
        "report_no": day.report_no,
        "confirmed": day.confirmed,
        "confirmed_at": day.confirmed_at.isoformat() if day.confirmed_at else None,
        "problem": day.result.problem,
        "retryable": day.retryable,
        "message": day.message(lang),
    }


def cmd_reconcile(ctx: Context) -> int:
    from desktop.services.reconcile import ReconcileDay, reconcile_day

    day = parse_date(ctx.args.date, "date", "Tanggal", "Date") if ctx.args.date else None
    result = reconcile_day(ctx.counter, ReconcileDay(day, ctx.args.upstream))
    found, day = result.differences, result.business_date
    if ctx.args.json:
        ctx.emit(
            {
                "business_date": day.isoformat(),
                "agree": not found,
                "differences": [
                    {
                        "receipt_no": d.receipt_no,
                        "id": d.id,
                        "problem": d.problem,
                        "detail": d.detail,
                    }
                    for d in found
                ],
            }
        )
    elif not found:
        print(f"Cocok: loket dan server pusat sama untuk {day:%d/%m/%Y}.")
    else:
        for d in found:
            print(f"{d.receipt_no}  {d.problem}  {d.detail}")
        print(f"{len(found)} perbedaan untuk {day:%d/%m/%Y}.")
    return EXIT_OK if not found else EXIT_REFUSED


def cmd_sandbox(ctx: Context) -> int:
    from desktop.sync.sandbox.server import serve

    tokens: dict[str, str] = {}
    for pair in ctx.args.token or []:
        code, sep, token = pair.partition("=")
        if not sep or not code or not token:
            raise DomainError(
                "token",
                "Tulis token sebagai KODE_LOKET=TOKEN.",
                "Write a token as COUNTER_CODE=TOKEN.",
            )
        tokens[code.strip().upper()] = token.strip()
    db = ctx.args.db or f"sqlite:///{data_dir(ctx.args.data_dir) / 'sandbox' / 'sandbox.sqlite'}"
    if db.startswith("sqlite:///"):
        Path(db.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    print(f"Sandbox upstream on http://{ctx.args.host}:{ctx.args.port} ({len(tokens)} counters)")
    reference = Path(ctx.args.reference) if ctx.args.reference else None
    serve(ctx.args.host, ctx.args.port, db, tokens, reference_dir=reference)
    return EXIT_OK


def cmd_verify(ctx: Context) -> int:
    from desktop.services.verify import verify_store

    report = verify_store(ctx.counter)
    if ctx.args.json:
        ctx.emit(
            {
                "ok": report.ok,
                "audit_events": report.audit_events,
                "transactions": report.transactions,
                "problems": [
                    {
                        "check": p.check,
                        "message": p.message_en if ctx.lang == "en" else p.message_id,
                    }
                    for p in report.problems
                ],
            }
        )
    elif report.ok:
        print(
            f"OK: berkas utuh, {report.audit_events} peristiwa audit berantai, "
            f"{report.transactions} transaksi cocok, nomor kuitansi tanpa celah."
        )
    else:
        for p in report.problems:
            print(f"[{p.check}] {p.message_en if ctx.lang == 'en' else p.message_id}")
    return EXIT_OK if report.ok else EXIT_REFUSED


# --- parser ------------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    # Options accepted both before and after the subcommand: defaults only on the main parser.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        default=argparse.SUPPRESS,
        help="folder of the counter's data (default: $SPO_DATA_DIR or the user data folder)",
    )
    common.add_argument(
        "--lang",
        choices=("id", "en"),
        default=argparse.SUPPRESS,
        help="language of messages (default: $SPO_LANG or id)",
    )
    parser = argparse.ArgumentParser(
        prog="spo-counter",
        description="SPO Counter: BPJS Ketenagakerjaan service point at the bank counter. "
        "Without a command it starts the application window.",
        parents=[common],
    )
    # Not `set_defaults(data_dir=..., lang=...)`: the parents' actions are shared objects, so that
    # would also replace SUPPRESS on every subcommand, whose own (default) value would then
    # overwrite `--data-dir X` given before the subcommand. main() fills these in after parsing.
    parser.set_defaults(handler=None)
    parser.add_argument("--version", action=_VersionAction, nargs=0, help="show the version")
    parser.add_argument(
        "--demo", action="store_true", help="open a demo counter with demo users (a first look)"
    )
    parser.add_argument(
        "--exit-after-startup",
        action="store_true",
        help="show the window, print the milliseconds it took, and exit (smoke tests, benchmarks)",
    )
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    def command(
        name: str, handler: Callable[[Context], int], help_text: str
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text, parents=[common])
        p.set_defaults(handler=handler)
        return p

    p = command("init", cmd_init, "set up this counter and its first supervisor (PIN from SPO_PIN)")
    p.set_defaults(creates_store=True)
    p.add_argument("--bank", required=True, help="bank code, e.g. BNI")
    p.add_argument("--branch-code", required=True, help="branch code, e.g. 0123")
    p.add_argument("--branch-name", required=True, help="branch name as printed on receipts")
    p.add_argument("--counter", required=True, help="counter number 1-99")
    p.add_argument(
        "--timezone",
        required=True,
        help="Asia/Jakarta (WIB), Asia/Makassar (WITA) or Asia/Jayapura (WIT)",
    )
    p.add_argument("--supervisor-id", required=True)
    p.add_argument("--supervisor-name", required=True)
    p.add_argument(
        "--paper",
        default="roll80",
        choices=("roll80", "a5", "a4"),
        help="receipt paper: 80 mm roll, A5, or A4 with both copies (default roll80)",
    )

    user = sub.add_parser("user", help="manage users", parents=[common])
    user_sub = user.add_subparsers(title="user commands", metavar="ACTION", required=True)
    p = user_sub.add_parser(
        "add",
        help="add a teller or supervisor "
        "(new PIN from SPO_PIN, the approver's from SPO_SUPERVISOR_PIN)",
        parents=[common],
    )
    p.set_defaults(handler=cmd_user_add)
    p.add_argument("--id", required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--role", required=True, choices=("teller", "supervisor"))
    p.add_argument("--by", required=True, help="id of the supervisor who approves")

    p = command("demo", cmd_demo, "create or fill a demo counter with realistic data")
    p.set_defaults(creates_store=True)
    p.add_argument("--transactions", type=int, default=300, help="how many (default 300)")
    p.add_argument("--seed", type=int, default=1, help="random seed (same seed, same people)")
    p.add_argument("--json", action="store_true")

    imp = sub.add_parser("import", help="import a Perisai agent's CSV file", parents=[common])
    imp_sub = imp.add_subparsers(title="what to import", metavar="KIND", required=True)
    for what, text in (
        ("registrations", "BPU registrations, one a row"),
        ("contributions", "cash BPU contributions for known participants, one a row"),
    ):
        p = imp_sub.add_parser(what, help=text, description=text, parents=[common])
        p.set_defaults(handler=cmd_import, what=what)
        p.add_argument("file", help="CSV file (UTF-8, comma or semicolon separated)")
        p.add_argument("--teller", required=True, help="teller id (PIN from SPO_PIN)")
        p.add_argument("--json", action="store_true")

    p = command(
        "open-day", cmd_open_day, "open today's business day with the counted float (PIN: SPO_PIN)"
    )
    p.add_argument("--teller", required=True, help="who counts the float (PIN from SPO_PIN)")
    p.add_argument(
        "--counted",
        required=True,
        metavar="DENOMINATION=PIECES,...",
        help="the float by denomination, e.g. 100000=2,50000=4,500=10 (1000c: the Rp1.000 coin)",
    )
    p.add_argument("--json", action="store_true")

    p = command(
        "close-day",
        cmd_close_day,
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

    p = command(
        "reopen-day",
        cmd_reopen_day,
        "reopen a closed business day, with a reason (supervisor; PIN from SPO_SUPERVISOR_PIN)",
    )
    p.add_argument("--supervisor", required=True, help="supervisor id")
    p.add_argument("--reason", required=True, help="why the day is reopened")
    p.add_argument("--date", help="business date YYYY-MM-DD (default: today)")
    p.add_argument("--json", action="store_true")

    p = command("journal", cmd_journal, "the transactions of a business day")
    p.add_argument("--date", help="business date YYYY-MM-DD (default: today)")
    p.add_argument("--json", action="store_true")

    p = command("info", cmd_info, "counter profile, store, record counts and upload backlog")
    p.add_argument("--json", action="store_true")

    p = command("verify", cmd_verify, "check the database file, audit chain and receipt numbers")
    p.add_argument("--json", action="store_true")

    p = command(
        "sync",
        cmd_sync,
        "upload what is waiting, then confirm closed days with the upstream "
        "(token: SPO_UPSTREAM_TOKEN or Settings)",
    )
    p.add_argument(
        "--upstream", help="upstream address (default: $SPO_UPSTREAM_URL, else Settings)"
    )
    p.add_argument(
        "--requeue-quarantined",
        action="store_true",
        help="send again the records the upstream refused before",
    )
    p.add_argument("--json", action="store_true")

    p = command("reconcile", cmd_reconcile, "compare a business day with the upstream's statement")
    p.add_argument(
        "--upstream", help="upstream address (default: $SPO_UPSTREAM_URL, else Settings)"
    )
    p.add_argument("--date", help="business date YYYY-MM-DD (default: today)")
    p.add_argument("--json", action="store_true")

    p = command("sandbox", cmd_sandbox, "run the sandbox upstream (development, pilots, tests)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8080)
    p.add_argument("--db", help="SQLAlchemy URL (default: SQLite in the data folder)")
    p.add_argument(
        "--token", action="append", metavar="CODE=TOKEN", help="a counter's token (repeatable)"
    )
    p.add_argument(
        "--reference",
        metavar="DIR",
        help="folder of reference data to publish (default: the set shipped with the app)",
    )

    receipt = sub.add_parser("receipt", help="receipts: save, reprint, check", parents=[common])
    receipt_sub = receipt.add_subparsers(title="receipt commands", metavar="ACTION", required=True)
    for name, reprint, text in (
        (
            "save",
            False,
            "write a receipt as PDF: the original the first time, a numbered copy after",
        ),
        ("reprint", True, "write a copy marked SALINAN KE-n (audited); never a second original"),
    ):
        p = receipt_sub.add_parser(name, help=text, description=text, parents=[common])
        p.set_defaults(handler=cmd_receipt_save, reprint=reprint)
        p.add_argument(
            "receipt_no", metavar="NUMBER", help="receipt number, e.g. BNI-0123-01-0000042"
        )
        p.add_argument("--out", help="PDF file to write (default: NUMBER.pdf here)")
        p.add_argument("--paper", choices=("roll80", "a5", "a4"), help="default: the counter's")
        p.add_argument("--teller", required=True, help="who issues it (PIN from SPO_PIN)")
    p = receipt_sub.add_parser(
        "check", help="verify a scanned receipt QR text against this counter", parents=[common]
    )
    p.set_defaults(handler=cmd_receipt_check)
    p.add_argument("text", help="the text the QR code carries")
    p.add_argument("--json", action="store_true")
    p = receipt_sub.add_parser(
        "unprinted", help="receipts of a day never printed or saved", parents=[common]
    )
    p.set_defaults(handler=cmd_receipt_unprinted)
    p.add_argument("--date", help="business date YYYY-MM-DD (default: today)")
    p.add_argument("--json", action="store_true")
    return parser


# Starts the window from parsed arguments. The core never imports the GUI: the `spo-counter`
# launcher (ui/launcher.py) hands this in, so a subcommand never loads Qt.
StartGui = Callable[[argparse.Namespace], int]


def main(
    argv: Sequence[str] | None = None,
    *,
    start_gui: StartGui | None = None,
    clock: Clock | None = None,
) -> int:
    """Run the command in `argv`; `clock` stands in for the real one (tests fix the instant)."""
    args = build_parser().parse_args(argv)
    args.data_dir = getattr(args, "data_dir", None)
    # None for the window when neither --lang nor SPO_LANG says: it uses the saved setting.
    args.lang = getattr(args, "lang", None) or os.environ.get("SPO_LANG")
    if args.handler is None:
        if start_gui is None:
            build_parser().print_help()
            return EXIT_USAGE
        return start_gui(args)
    args.lang = args.lang or "id"
    ctx = Context(args, clock)
    try:
        return int(args.handler(ctx))
    except DomainError as error:
        print(f"spo-counter: {error.field}: {error.message(ctx.lang)}", file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        return 130
    finally:
        ctx.close()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
