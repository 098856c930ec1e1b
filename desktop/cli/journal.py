"""`journal` and `info`: what the counter holds, a day's transactions and the counter's facts."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from desktop.cli.context import EXIT_OK, Context, counted

if TYPE_CHECKING:
    from desktop.cli.parser import Commands


def register(commands: Commands) -> None:
    p = commands.add("journal", run_journal, "the transactions of a business day")
    p.add_argument("--date", help="business date YYYY-MM-DD (default: today)")
    p.add_argument("--json", action="store_true")

    p = commands.add("info", run_info, "counter profile, store, record counts and upload backlog")
    p.add_argument("--json", action="store_true")


def run_journal(ctx: Context) -> int:
    from desktop.services.journal import journal

    entries = journal(ctx.counter, ctx.day())
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
                    "debit_reference": e.debit_reference,
                    "voided_by": e.voided_by,
                    "refunded_by": e.refunded_by,
                    "upload": e.upload,
                }
                for e in entries
            ]
        )
        return EXIT_OK
    from desktop.domain.money import format_rupiah

    for e in entries:
        line = (
            f"{e.created_at[11:16]}  {e.receipt_no}  {e.kind:<15} "
            f"{format_rupiah(e.amount):>14}  {e.teller_id}"
        )
        if e.voided_by:
            ctx.say(f"{line}  DIBATALKAN {e.voided_by}", f"{line}  VOIDED {e.voided_by}")
        elif e.refunded_by:
            ctx.say(f"{line}  DIKEMBALIKAN {e.refunded_by}", f"{line}  REFUNDED {e.refunded_by}")
        else:
            print(line)
    ctx.say(f"{len(entries)} transaksi.", f"{counted(len(entries), 'transaction')}.")
    return EXIT_OK


def run_info(ctx: Context) -> int:
    from desktop.services.info import counter_info

    info = counter_info(ctx.counter).as_dict()
    if ctx.args.json:
        ctx.emit(info)
        return EXIT_OK
    # The keys are those of --json, in both languages: scripts and people read the same names.
    for key, value in info.items():
        shown = json.dumps(value, ensure_ascii=False) if isinstance(value, dict) else value
        print(f"{key}: {shown}")
    return EXIT_OK
