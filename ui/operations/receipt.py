"""Receipts: issued (the original, or the next numbered copy), printed, saved as PDF; each one
service call that also records the attempt in the print journal."""

from __future__ import annotations

from pathlib import Path

from desktop.counter import Counter
from desktop.services.auth import User
from desktop.services.receipt_output import (
    ReceiptPrinter,
    RenderedReceipt,
    prepare_receipt,
    print_receipt,
    save_receipt,
)
from ui.operations import Op


def issue_op(
    counter: Counter, actor: User, receipt_no: str, *, reprint: bool
) -> Op[RenderedReceipt]:
    return Op(
        "reprint_receipt" if reprint else "issue_receipt",
        lambda: prepare_receipt(counter, actor, receipt_no, reprint=reprint),
    )


def save_op(counter: Counter, actor: User, receipt: RenderedReceipt, path: Path) -> Op[Path]:
    return Op("save_receipt_pdf", lambda: save_receipt(counter, actor, receipt, path))


def print_op(
    counter: Counter, actor: User, receipt: RenderedReceipt, printer: ReceiptPrinter
) -> Op[str]:
    """For the printer worker: a print takes seconds on a slow printer."""
    return Op("print_receipt", lambda: print_receipt(counter, actor, receipt, printer))
