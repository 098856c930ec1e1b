"""`verify`: the database file, the audit chain and the receipt numbers checked."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.cli.context import EXIT_OK, EXIT_REFUSED, Context, counted

if TYPE_CHECKING:
    from desktop.cli.parser import Commands


def register(commands: Commands) -> None:
    p = commands.add(
        "verify", run_verify, "check the database file, audit chain and receipt numbers"
    )
    p.add_argument("--json", action="store_true")


def run_verify(ctx: Context) -> int:
    from desktop.services.verify import verify_store

    report = verify_store(ctx.counter)
    if ctx.args.json:
        ctx.emit(
            {
                "ok": report.ok,
                "audit_events": report.audit_events,
                "transactions": report.transactions,
                "problems": [
                    {"check": p.check, "message": ctx.text(p.message_id, p.message_en)}
                    for p in report.problems
                ],
            }
        )
    elif report.ok:
        events, transactions = report.audit_events, report.transactions
        ctx.say(
            f"OK: berkas utuh, {events} peristiwa audit berantai, "
            f"{transactions} transaksi cocok, nomor kuitansi tanpa celah.",
            f"OK: the file is intact, {counted(events, 'audit event')} chained, "
            f"{counted(transactions, 'transaction')} matching, receipt numbers without a gap.",
        )
    else:
        for p in report.problems:
            ctx.say(f"[{p.check}] {p.message_id}", f"[{p.check}] {p.message_en}")
    return EXIT_OK if report.ok else EXIT_REFUSED
