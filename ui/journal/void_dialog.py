"""Voiding one transaction: the reason, then a supervisor's id and PIN; errors under each field."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from desktop.domain.money import format_rupiah
from desktop.services.auth import User
from desktop.services.business_day import MAX_REASON_LENGTH
from desktop.services.capture import Captured
from desktop.services.journal_query import JournalRow
from desktop.services.voids import VoidTransaction
from ui.approval import ApprovedCaptureDialog
from ui.confirm import Figure
from ui.context import Context
from ui.journal.model import kind_text
from ui.operations import Op
from ui.operations.journal import void_op

# The order a void is typed in: the teller writes why, then the supervisor signs it off.
FIELDS = ("reason", "supervisor_id", "supervisor_pin")


class VoidDialog(ApprovedCaptureDialog):
    """Asks for the void of `row`; `voided(Captured)` once it is stored. Esc cancels."""

    voided = Signal(object)

    def __init__(
        self, ctx: Context, user: User, row: JournalRow, parent: QWidget | None = None
    ) -> None:
        what = [kind_text(row), row.name or ""]
        if row.amount:
            what.append(format_rupiah(row.amount))
        super().__init__(
            ctx,
            "void",
            title=self.tr("Batalkan transaksi"),
            heading=self.tr("Batalkan transaksi {0}").format(row.receipt_no),
            summary=" · ".join(part for part in what if part),
            note=self.tr(
                "Transaksi tidak dihapus: dicatat bukti pembatalan baru yang menunjuk ke "
                "transaksi ini. Perlu persetujuan supervisor lain."
            ),
            confirm=self.tr("Batalkan transaksi (Enter)"),
            reason=self.tr("&Alasan"),
            reason_length=MAX_REASON_LENGTH,
            reason_hint=self.tr("mis. Salah input nominal"),
            parent=parent,
        )
        self.user = user
        self.row = row
        self.reason = self.approval.first

    def command(self) -> VoidTransaction:
        return VoidTransaction(
            receipt_no=self.row.receipt_no,
            reason=self.reason.text(),
            supervisor_id=self.supervisor_id.text(),
            supervisor_pin=self.supervisor_pin.text(),
        )

    def figures(self) -> list[Figure]:
        return [
            (self.tr("Dibatalkan"), self.row.receipt_no),
            (
                self.tr("Transaksi"),
                " · ".join(p for p in (kind_text(self.row), self.row.name) if p),
            ),
            (self.tr("Uang dikembalikan"), format_rupiah(self.row.amount or 0)),
        ]

    def operation(self) -> Op[Captured]:
        return void_op(self.ctx, self.user, self.command())

    def stored(self, captured: Captured) -> None:
        self.voided.emit(captured)
