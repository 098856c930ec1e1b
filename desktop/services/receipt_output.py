"""Putting a receipt on paper or into a file, the one way the window and the command both do it:
issue it (the original once, numbered copies after), render its PDF, print or write it, and
record the attempt in the print journal whatever happened (a failure too, with its reason)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from desktop.counter import Counter
from desktop.errors import DomainError
from desktop.files import shown_name, write_atomically
from desktop.receipts.layout import document_title, render_pdf
from desktop.receipts.model import Paper
from desktop.receipts.sections import copy_mark
from desktop.services.auth import User
from desktop.services.receipts import IssuedReceipt, issue_receipt, record_print, reprint_receipt

__all__ = [
    "IssuedReceipt",
    "Paper",
    "PrintFailedError",
    "Printable",
    "ReceiptPrinter",
    "RenderedReceipt",
    "SaveReceipt",
    "SavedReceipt",
    "prepare_receipt",
    "print_receipt",
    "save_receipt",
    "save_receipt_file",
]


class PrintFailedError(Exception):
    """The receipt did not reach the printer; the message says why, in the teller's words."""


class Printable(Protocol):
    """What goes to a printer or a file as one PDF: one receipt, or a visit's batch of receipts
    (desktop/services/visit.py); each receipt in it is recorded in the print journal."""

    @property
    def pdf(self) -> bytes: ...

    @property
    def title(self) -> str: ...

    @property
    def receipt_no(self) -> str: ...

    @property
    def issues(self) -> tuple[IssuedReceipt, ...]: ...


class ReceiptPrinter(Protocol):
    """Where a printed receipt goes: the window's printer (ui/printing.py), a test's PDF file."""

    def print_pdf(self, pdf: bytes, title: str) -> str:
        """Print every page; return what the teller knows the printer as, or raise
        PrintFailedError saying why not."""
        ...


@dataclass(frozen=True)
class RenderedReceipt:
    """An issued receipt and its PDF, ready to show, print or save."""

    issued: IssuedReceipt
    pdf: bytes

    @property
    def receipt_no(self) -> str:
        return self.issued.data.receipt_no

    @property
    def issues(self) -> tuple[IssuedReceipt, ...]:
        return (self.issued,)

    @property
    def copy_mark(self) -> str:
        """ "SALINAN KE-2" on a reprint; empty on the original."""
        return copy_mark(self.issued.data) if self.issued.data.is_copy else ""

    @property
    def title(self) -> str:
        """The print job's name, a PDF's title: "Tanda Terima Pendaftaran BNI-0123-01-0000001",
        with the copy mark on a reprint."""
        return f"{document_title(self.issued.data)} {self.copy_mark}".strip()

    @property
    def file_name(self) -> str:
        """`BNI-0123-01-0000001.pdf`; a copy gets its number, so it never replaces the first."""
        if self.issued.data.is_copy:
            return f"{self.receipt_no}-salinan-{self.issued.copy_number}.pdf"
        return f"{self.receipt_no}.pdf"


def prepare_receipt(
    counter: Counter,
    actor: User,
    receipt_no: str,
    *,
    reprint: bool = False,
    paper: Paper | None = None,
) -> RenderedReceipt:
    """Issue the receipt (the original if never issued, else the next copy; with `reprint`
    always a copy) on `paper` (default: the counter's), and render it."""
    issue = reprint_receipt if reprint else issue_receipt
    issued = issue(counter, actor, receipt_no, paper=paper)
    return RenderedReceipt(issued, render_pdf(issued.data, issued.paper))


def print_receipt(
    counter: Counter, actor: User, receipt: Printable, printer: ReceiptPrinter
) -> str:
    """Print the receipt and record it; returns where it went. A printer that fails is recorded
    and refused (field "printer"): the transaction stays saved, the receipt can be printed again
    from the journal."""
    try:
        where = printer.print_pdf(receipt.pdf, receipt.title)
    except PrintFailedError as error:
        for issued in receipt.issues:
            record_print(counter, actor, issued, "failed", str(error))
        raise DomainError(
            "printer",
            f"Gagal mencetak: {error}\nTransaksi SUDAH tersimpan; tanda terima dapat dicetak "
            "ulang dari jurnal.",
            f"Printing failed: {error}\nThe transaction IS saved; the receipt can be printed "
            "again from the journal.",
        ) from None
    for issued in receipt.issues:
        record_print(counter, actor, issued, "printed", where)
    return where


def save_receipt(counter: Counter, actor: User, receipt: Printable, path: Path) -> Path:
    """Write the receipt's PDF at `path` (".pdf" added when missing) atomically and record it. A
    full disk or a folder without write permission is recorded and refused (field "out")."""
    if path.suffix.lower() != ".pdf":
        path = path.with_name(path.name + ".pdf")
    try:
        write_atomically(path, receipt.pdf)
    except OSError as error:
        reason = error.strerror or str(error)
        for issued in receipt.issues:
            record_print(counter, actor, issued, "failed", f"Simpan PDF {path}: {reason}")
        raise DomainError(
            "out",
            f"Berkas {shown_name(path)} tidak dapat ditulis ({reason}). Transaksi SUDAH tersimpan.",
            f"File {shown_name(path)} cannot be written ({reason}). The transaction IS saved.",
        ) from None
    for issued in receipt.issues:
        record_print(counter, actor, issued, "saved", str(path))
    return path


@dataclass(frozen=True)
class SaveReceipt:
    """A receipt into a file from the command line (`receipt save` / `receipt reprint`)."""

    receipt_no: str
    out: Path | None = None  # default: NUMBER.pdf in the current folder
    paper: Paper | None = None
    reprint: bool = False


@dataclass(frozen=True)
class SavedReceipt:
    receipt: RenderedReceipt
    path: Path


def save_receipt_file(counter: Counter, actor: User, command: SaveReceipt) -> SavedReceipt:
    """Issue, render and save in one step."""
    receipt = prepare_receipt(
        counter, actor, command.receipt_no, reprint=command.reprint, paper=command.paper
    )
    out = command.out or Path(f"{receipt.receipt_no}.pdf")
    return SavedReceipt(receipt, save_receipt(counter, actor, receipt, out))
