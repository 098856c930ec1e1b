"""Voiding one transaction: the reason, then a supervisor's id and PIN; errors under each field."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.money import format_rupiah
from desktop.errors import DomainError
from desktop.services.auth import User
from desktop.services.business_day import MAX_REASON_LENGTH
from desktop.services.capture import Captured
from desktop.services.journal_query import JournalRow
from desktop.services.voids import VoidTransaction
from ui.approval import SupervisorApproval
from ui.context import Context
from ui.journal.model import kind_text
from ui.operations.journal import void_op
from ui.widgets import INFO_STYLE, error_label, hide_text, show_text

# The order a void is typed in: the teller writes why, then the supervisor signs it off.
FIELDS = ("reason", "supervisor_id", "supervisor_pin")


class VoidDialog(QDialog):
    """Asks for the void of `row`; `voided(Captured)` once it is stored. Esc cancels."""

    voided = Signal(object)

    def __init__(
        self, ctx: Context, user: User, row: JournalRow, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.user = user
        self.row = row
        self.busy = False
        self.setObjectName("void_dialog")
        self.setWindowTitle(self.tr("Batalkan transaksi"))
        self.setMinimumWidth(480)
        outer = QVBoxLayout(self)
        heading = QLabel(self.tr("Batalkan transaksi {0}").format(row.receipt_no))
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setStyleSheet("font-size: 13pt; font-weight: bold;")
        outer.addWidget(heading)
        what = [kind_text(row), row.name or ""]
        if row.amount:
            what.append(format_rupiah(row.amount))
        summary = QLabel(" · ".join(part for part in what if part))
        summary.setObjectName("void_summary")
        summary.setTextFormat(Qt.TextFormat.PlainText)
        outer.addWidget(summary)
        note = QLabel(
            self.tr(
                "Transaksi tidak dihapus: dicatat bukti pembatalan baru yang menunjuk ke "
                "transaksi ini. Perlu persetujuan supervisor lain."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet(INFO_STYLE)
        outer.addWidget(note)

        self.approval = SupervisorApproval(
            reason=self.tr("&Alasan"),
            reason_length=MAX_REASON_LENGTH,
            reason_hint=self.tr("mis. Salah input nominal"),
        )
        outer.addWidget(self.approval)
        self.reason = self.approval.first
        self.supervisor_id = self.approval.supervisor_id
        self.supervisor_pin = self.approval.supervisor_pin
        self.inputs = self.approval.inputs
        self.errors = self.approval.errors
        self.form_error = error_label("void_form_error")
        outer.addWidget(self.form_error)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.confirm = QPushButton(self.tr("Batalkan transaksi (Enter)"))
        self.confirm.setObjectName("void_confirm")
        self.cancel = QPushButton(self.tr("Tutup (Esc)"))
        self.cancel.setObjectName("void_cancel")
        for button in (self.confirm, self.cancel):
            # Enter moves from field to field; only on the PIN does it confirm.
            button.setAutoDefault(False)
            button.setDefault(False)
            buttons.addWidget(button)
        outer.addLayout(buttons)

        chain = [self.inputs[name] for name in FIELDS] + [self.confirm, self.cancel]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.approval.submitted.connect(self.submit)  # Enter on the PIN
        self.confirm.clicked.connect(self.submit)
        self.cancel.clicked.connect(self.reject)
        self.reason.setFocus()

    def command(self) -> VoidTransaction:
        return VoidTransaction(
            receipt_no=self.row.receipt_no,
            reason=self.reason.text(),
            supervisor_id=self.supervisor_id.text(),
            supervisor_pin=self.supervisor_pin.text(),
        )

    def submit(self) -> None:
        if self.busy:
            return  # Enter twice must not void twice
        self._clear_errors()
        self._set_busy(True)
        (
            void_op(self.ctx, self.user, self.command())
            .success(self._stored)
            .failure(self._refused)
            .run(self.ctx.tasks, self)
        )

    def reject(self) -> None:
        if self.busy:
            return  # the void is being written: its outcome still has to be shown
        super().reject()

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.confirm.setEnabled(not busy)
        self.cancel.setEnabled(not busy)

    def _stored(self, captured: Captured) -> None:
        self._set_busy(False)
        self.supervisor_pin.clear()
        self.accept()
        self.voided.emit(captured)

    def _refused(self, error: DomainError) -> None:
        self._set_busy(False)
        if not self.approval.show_refusal(error, self.ctx.lang):  # the PIN goes either way
            show_text(self.form_error, error.message(self.ctx.lang))
        self.adjustSize()  # room for the message: the fields keep their height

    def _clear_errors(self) -> None:
        self.approval.clear_errors()
        hide_text(self.form_error)
