"""`verify`: the database file, the audit chain and the receipt numbers checked."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.cli.context import EXIT_OK, EXIT_REFUSED, Context, counted
from desktop.domain.receipt_numbers import receipt_number

if TYPE_CHECKING:
    from desktop.cli.parser import Commands


def register(commands: Commands) -> None:
    p = commands.add(
        "verify", run_verify, "check the database file, audit chain and receipt numbers"
    )
    p.set_defaults(read_only=True)  # verify changes nothing, lost receipt numbers included
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
                "receipt_gaps": [{"first": first, "last": last} for first, last in report.gaps],
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
            f"{transactions} transaksi cocok, nomor tanda terima tanpa celah.",
            f"OK: the file is intact, {counted(events, 'audit event')} chained, "
            f"{counted(transactions, 'transaction')} matching, receipt numbers without a gap.",
        )
        _say_gaps(ctx, report.gaps)
    else:
        for p in report.problems:
            ctx.say(f"[{p.check}] {p.message_id}", f"[{p.check}] {p.message_en}")
    return EXIT_OK if report.ok else EXIT_REFUSED


def _say_gaps(ctx: Context, gaps: list[tuple[int, int]]) -> None:
    """Numbers written off after a loss: explained in the audit chain, so not a problem."""
    code = ctx.counter.profile.counter_code
    for first, last in gaps:
        a, b = receipt_number(code, first), receipt_number(code, last)
        ctx.say(
            f"Catatan: nomor tanda terima {a} sampai {b} dihapusbukukan (data hilang, tercatat di "
            "log audit).",
            f"Note: receipt numbers {a} to {b} were written off (data lost, recorded in the "
            "audit log).",
        )
