"""A supervisor reopens a closed day: the reason, then Enter to confirm; Esc leaves it closed."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import DomainError
from desktop.services.auth import User
from desktop.services.business_day import MAX_REASON_LENGTH, DayReopened
from ui.context import Context
from ui.enter import EnterChain
from ui.operations.day import reopen_op
from ui.widgets import INFO_STYLE, FieldForm, line_edit, show_text


class ReopenDialog(QDialog):
    """`reopened(DayReopened)` once stored. The report already made stays as it was."""

    reopened = Signal(object)

    def __init__(
        self,
        ctx: Context,
        supervisor: User,
        day: date,
        report_no: str,
        version: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.supervisor = supervisor
        self.day = day
        self.busy = False
        self.setObjectName("reopen_dialog")
        self.setWindowTitle(self.tr("Buka kembali hari kerja"))
        self.setMinimumWidth(480)
        outer = QVBoxLayout(self)
        heading = QLabel(self.tr("Buka kembali hari kerja {0}").format(f"{day:%d/%m/%Y}"))
        heading.setStyleSheet("font-size: 13pt; font-weight: bold;")
        outer.addWidget(heading)
        note = QLabel(
            self.tr(
                "Laporan {0} tetap tersimpan apa adanya. Setelah dibuka kembali, kas dihitung "
                "dan hari ditutup lagi: laporan versi {1}."
            ).format(report_no, version + 1)
        )
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)
        note.setStyleSheet(INFO_STYLE)
        outer.addWidget(note)
        self.reason = line_edit(
            "reopen_reason", MAX_REASON_LENGTH, self.tr("mis. Salah hitung uang logam")
        )
        form = FieldForm()
        self.error = form.add_field("reason", self.tr("&Alasan membuka kembali"), self.reason)
        outer.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.confirm = QPushButton(self.tr("Buka kembali (Enter)"))
        self.confirm.setObjectName("reopen_confirm")
        self.cancel = QPushButton(self.tr("Batal (Esc)"))
        self.cancel.setObjectName("reopen_cancel")
        for button in (self.confirm, self.cancel):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        outer.addLayout(buttons)
        self.enter_chain = EnterChain(self, lambda: [self.reason], self.submit)
        self.confirm.clicked.connect(self.submit)
        self.cancel.clicked.connect(self.reject)
        self.reason.setFocus()

    def submit(self) -> None:
        if self.busy:
            return
        self.busy = True
        self.confirm.setEnabled(False)
        self.error.hide()
        (
            reopen_op(self.ctx, self.supervisor, self.reason.text(), self.day)
            .success(self._done)
            .failure(self._refused)
            .run(self.ctx.tasks, self)
        )

    def reject(self) -> None:
        if not self.busy:
            super().reject()

    def _done(self, reopened: DayReopened) -> None:
        self.busy = False
        self.accept()
        self.reopened.emit(reopened)

    def _refused(self, error: DomainError) -> None:
        self.busy = False
        self.confirm.setEnabled(True)
        show_text(self.error, error.message(self.ctx.lang))
        self.reason.setFocus()
        self.reason.selectAll()
        self.adjustSize()
