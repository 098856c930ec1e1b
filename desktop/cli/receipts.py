"""`receipt save|reprint|check|unprinted`: receipts written as PDF, checked, or never printed."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli.context import EXIT_OK, EXIT_REFUSED, Context, counted
from desktop.files import shown_name

if TYPE_CHECKING:
    from desktop.cli.parser import Commands

SAVES = (
    ("save", False, "write a receipt as PDF: the original the first time, a numbered copy after"),
    ("reprint", True, "write a copy marked SALINAN KE-n (audited); never a second original"),
)


def register(commands: Commands) -> None:
    actions = commands.group(
        "receipt", "receipts: save, reprint, check", "receipt commands", "ACTION"
    )
    for name, reprint, text in SAVES:
        p = actions.add(name, run_save, text)
        p.set_defaults(reprint=reprint)
        p.add_argument(
            "receipt_no", metavar="NUMBER", help="receipt number, e.g. BNI-0123-01-0000042"
        )
        p.add_argument("--out", help="PDF file to write (default: NUMBER.pdf here)")
        p.add_argument("--paper", choices=("roll80", "a5", "a4"), help="default: the counter's")
        p.add_argument("--teller", required=True, help="who issues it (PIN from SPO_PIN)")
    p = actions.add("check", run_check, "verify a scanned receipt QR text against this counter")
    p.add_argument("text", help="the text the QR code carries")
    p.add_argument("--json", action="store_true")
    p = actions.add("unprinted", run_unprinted, "receipts of a day never printed or saved")
    p.add_argument("--date", help="business date YYYY-MM-DD (default: today)")
    p.add_argument("--json", action="store_true")


def run_save(ctx: Context) -> int:
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
    number, copy = saved.receipt.receipt_no, saved.receipt.issued.copy_number
    id_label, en_label = (f"salinan ke-{copy}", f"copy {copy}") if copy else ("asli", "original")
    ctx.say(
        f"Tanda terima {number} ({id_label}) disimpan: {shown_name(saved.path)}",
        f"Receipt {number} ({en_label}) saved: {shown_name(saved.path)}",
    )
    return EXIT_OK


def run_check(ctx: Context) -> int:
    from desktop.services.receipts import check_receipt

    check = check_receipt(ctx.counter, ctx.args.text)
    if ctx.args.json:
        ctx.emit(
            {
                "genuine": check.genuine,
                "receipt_no": check.receipt_no,
                "voided_by": check.voided_by,
                "problems": [ctx.text(id_, en) for id_, en in check.problems],
            }
        )
    elif check.genuine:
        number, voided = check.receipt_no, check.voided_by
        ctx.say(
            f"ASLI: tanda terima {number} cocok dengan catatan loket"
            + (f" — DIBATALKAN dengan {voided}." if voided else "."),
            f"GENUINE: receipt {number} matches the counter's records"
            + (f" — VOIDED by {voided}." if voided else "."),
        )
    else:
        for id_, en in check.problems:
            ctx.say(f"TIDAK SAH: {id_}", f"NOT VALID: {en}")
    return EXIT_OK if check.genuine else EXIT_REFUSED


def run_unprinted(ctx: Context) -> int:
    from desktop.services.receipts import never_printed

    receipts = never_printed(ctx.counter, ctx.day())
    if ctx.args.json:
        ctx.emit(receipts)
    else:
        for receipt in receipts:
            print(receipt)
        ctx.say(
            f"{len(receipts)} tanda terima belum pernah tercetak.",
            f"{counted(len(receipts), 'receipt')} never printed.",
        )
    return EXIT_OK
