"""Refunding a payment the upstream refused: what goes back and why, a supervisor's id and PIN."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from desktop.domain.money import format_rupiah
from desktop.services.auth import User
from desktop.services.capture import Captured
from desktop.services.quarantine import QuarantinedRecord
from desktop.services.refunds import RefundPayment
from ui.approval import ApprovedCaptureDialog
from ui.confirm import Figure
from ui.context import Context
from ui.operations import Op
from ui.operations.quarantine import refund_op


class RefundDialog(ApprovedCaptureDialog):
    """Asks for the refund of `record`; `refunded(Captured)` once stored (its receipt follows,
    to print and have the participant sign). Esc cancels."""

    refunded = Signal(object)

    def __init__(
        self, ctx: Context, user: User, record: QuarantinedRecord, parent: QWidget | None = None
    ) -> None:
        amount = format_rupiah(record.amount)
        super().__init__(
            ctx,
            "refund",
            title=self.tr("Kembalikan iuran"),
            heading=self.tr("Kembalikan iuran {0}").format(record.receipt_no),
            summary=self.tr("{0} · {1} · dibayar {2} · ditolak server pusat: {3}").format(
                record.participant or "-",
                amount,
                f"{record.created_at:%d/%m/%Y %H:%M}",
                record.reason_text,
            ),
            note=self.tr(
                "Serahkan {0} kepada peserta (atau kembalikan ke rekening yang didebit) dan "
                "minta tanda tangannya pada bukti pengembalian. Pembayaran tidak dihapus: "
                "dicatat bukti pengembalian baru yang menunjuk ke pembayaran ini, sekali saja. "
                "Perlu persetujuan supervisor lain."
            ).format(amount),
            confirm=self.tr("Kembalikan iuran (Enter)"),
            parent=parent,
        )
        self.user = user
        self.record = record

    def command(self) -> RefundPayment:
        return RefundPayment(
            receipt_no=self.record.receipt_no,
            supervisor_id=self.supervisor_id.text(),
            supervisor_pin=self.supervisor_pin.text(),
        )

    def figures(self) -> list[Figure]:
        return [
            (self.tr("Pembayaran"), self.record.receipt_no),
            (self.tr("Peserta"), self.record.participant or "-"),
            (self.tr("Uang dikembalikan"), format_rupiah(self.record.amount)),
        ]

    def operation(self) -> Op[Captured]:
        return refund_op(self.ctx, self.user, self.command())

    def stored(self, captured: Captured) -> None:
        self.refunded.emit(captured)
