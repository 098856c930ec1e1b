"""Receipts: issued (the original, or the next numbered copy), printed, saved as PDF; each one
service call that also records the attempt in the print journal."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from desktop.services.auth import User
from desktop.services.receipt_output import (
    Printable,
    ReceiptPrinter,
    RenderedReceipt,
    prepare_receipt,
    print_receipt,
    save_receipt,
)
from ui.operations import Changes, Op

if TYPE_CHECKING:
    from ui.context import Context

RECEIPTS = Changes(receipts=True)


def issue_op(ctx: Context, actor: User, receipt_no: str, *, reprint: bool) -> Op[RenderedReceipt]:
    return Op(
        "reprint_receipt" if reprint else "issue_receipt",
        lambda: prepare_receipt(ctx.counter, actor, receipt_no, reprint=reprint),
        changes=RECEIPTS,
        notifier=ctx.changes,
    )


def save_op(ctx: Context, actor: User, receipt: Printable, path: Path) -> Op[Path]:
    return Op(
        "save_receipt_pdf",
        lambda: save_receipt(ctx.counter, actor, receipt, path),
        changes=RECEIPTS,
        notifier=ctx.changes,
    )


def print_op(ctx: Context, actor: User, receipt: Printable, printer: ReceiptPrinter) -> Op[str]:
    """For the printer worker: a print takes seconds on a slow printer."""
    return Op(
        "print_receipt",
        lambda: print_receipt(ctx.counter, actor, receipt, printer),
        changes=RECEIPTS,
        notifier=ctx.changes,
    )
