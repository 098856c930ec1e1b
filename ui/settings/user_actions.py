"""A supervisor's change to a user from the Settings page: reset the PIN, unlock, deactivate.

Each is signed with a supervisor's id and PIN (the approval widget), even by a supervisor
logged in: who changes someone's key to the counter proves who they are at that moment. The id
is filled in when a supervisor is logged in, so they type only their PIN.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.users import PIN_MAX
from desktop.errors import DomainError
from desktop.services.auth import User
from desktop.services.users import UserEntry
from ui.approval import SupervisorApproval
from ui.context import Context
from ui.operations import Op
from ui.operations.users import deactivate_user_op, reset_pin_op, unlock_user_op
from ui.widgets import INFO_STYLE, FieldForm, error_label, hide_text, line_edit, point_at, show_text


class UserAction(Enum):
    RESET_PIN = "reset_pin"
    UNLOCK = "unlock"
    DEACTIVATE = "deactivate"


class UserActionDialog(QDialog):
    """Emits `changed(UserEntry)` once the core has made the change, then closes."""

    changed = Signal(object)

    def __init__(
        self,
        ctx: Context,
        action: UserAction,
        target: UserEntry,
        by: User,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.action = action
        self.target = target
        self.setObjectName(f"{action.value}_dialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        titles = {
            UserAction.RESET_PIN: self.tr("Reset PIN"),
            UserAction.UNLOCK: self.tr("Buka kunci pengguna"),
            UserAction.DEACTIVATE: self.tr("Nonaktifkan pengguna"),
        }
        self.setWindowTitle(titles[action])
        outer = QVBoxLayout(self)
        outer.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)  # grows as errors show
        who = QLabel(self.tr("Pengguna: {0} ({1})").format(target.name, target.id))
        who.setObjectName("target")
        who.setTextFormat(Qt.TextFormat.PlainText)
        outer.addWidget(who)
        notes = {
            UserAction.RESET_PIN: self.tr(
                "PIN baru: 6-8 angka. Kunci karena PIN salah ikut dibuka. Beri tahu PIN baru "
                "secara langsung."
            ),
            UserAction.UNLOCK: self.tr("Pengguna dapat mencoba PIN-nya lagi, 5 kali."),
            UserAction.DEACTIVATE: self.tr(
                "Pengguna ini tidak dapat masuk lagi. Transaksi yang sudah dicatatnya tetap "
                "tersimpan."
            ),
        }
        note = QLabel(notes[action])
        note.setWordWrap(True)
        note.setStyleSheet(INFO_STYLE)
        outer.addWidget(note)
        self.inputs: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        if action is UserAction.RESET_PIN:
            form = FieldForm()
            self.pin = line_edit("pin", PIN_MAX, secret=True)
            self.pin.setMinimumWidth(200)
            self.pin_again = line_edit("pin_again", PIN_MAX, secret=True)
            form.add_field("pin", self.tr("PIN &baru"), self.pin)
            form.add_field("pin_again", self.tr("&Ulangi PIN baru"), self.pin_again)
            self.inputs = {"pin": self.pin, "pin_again": self.pin_again}
            self.errors = form.errors
            outer.addLayout(form)
            self.pin.returnPressed.connect(self.pin_again.setFocus)
        self.approval = SupervisorApproval()
        if by.is_supervisor:
            self.approval.supervisor_id.setText(by.id)
        outer.addWidget(self.approval)
        self.form_error = error_label("form_error")
        outer.addWidget(self.form_error)
        oks = {
            UserAction.RESET_PIN: self.tr("Reset PIN"),
            UserAction.UNLOCK: self.tr("Buka kunci"),
            UserAction.DEACTIVATE: self.tr("Nonaktifkan"),
        }
        # Plain buttons, none of them default: Enter moves from field to field, and only on the
        # last one does it submit (a QDialogButtonBox would make OK the default when shown).
        self.ok_button = QPushButton(oks[action])
        self.ok_button.setObjectName("ok")
        self.cancel_button = QPushButton(self.tr("Batal (Esc)"))
        self.cancel_button.setObjectName("cancel")
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        for button in (self.ok_button, self.cancel_button):
            button.setAutoDefault(False)
            self.buttons.addWidget(button)
        self.ok_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        self.approval.submitted.connect(self.submit)
        outer.addLayout(self.buttons)
        if self.inputs:
            self.pin_again.returnPressed.connect(self._to_approval)
        self.first_field().setFocus()

    def first_field(self) -> QLineEdit:
        if self.action is UserAction.RESET_PIN:
            return self.pin
        return self._approval_field()

    def _approval_field(self) -> QLineEdit:
        approval = self.approval
        return approval.supervisor_pin if approval.supervisor_id.text() else approval.first

    def _to_approval(self) -> None:
        self._approval_field().setFocus()

    def submit(self) -> None:
        if not self.ok_button.isEnabled():
            return  # already at work: Enter twice must not do it twice
        self._clear_errors()
        if self.action is UserAction.RESET_PIN and self.pin.text() != self.pin_again.text():
            point_at(
                self.errors["pin_again"],
                self.pin_again,
                self.tr("PIN yang diulang tidak sama. Ketik lagi."),
            )
            self.pin_again.clear()
            self.approval.supervisor_pin.clear()  # signed again, for the PIN as typed then
            return
        self.ok_button.setEnabled(False)
        self._op().success(self._done).failure(self._failed).run(self.ctx.tasks, self)

    def _op(self) -> Op[UserEntry]:
        supervisor_id, supervisor_pin = self.approval.credentials()
        if self.action is UserAction.RESET_PIN:
            return reset_pin_op(
                self.ctx,
                user_id=self.target.id,
                new_pin=self.pin.text(),
                supervisor_id=supervisor_id,
                supervisor_pin=supervisor_pin,
            )
        make = unlock_user_op if self.action is UserAction.UNLOCK else deactivate_user_op
        return make(
            self.ctx,
            user_id=self.target.id,
            supervisor_id=supervisor_id,
            supervisor_pin=supervisor_pin,
        )

    def _done(self, entry: UserEntry) -> None:
        self.changed.emit(entry)
        self.accept()

    def _failed(self, error: DomainError) -> None:
        self.ok_button.setEnabled(True)
        if self.approval.show_refusal(error, self.ctx.lang):
            return
        text = error.message(self.ctx.lang)
        if error.field in self.inputs:
            point_at(self.errors[error.field], self.inputs[error.field], text)
            self.pin.clear()
            self.pin_again.clear()
            self.pin.setFocus()
            return
        show_text(self.form_error, text)  # about the user: locked no more, deactivated meanwhile

    def _clear_errors(self) -> None:
        self.approval.clear_errors()
        for label in (*self.errors.values(), self.form_error):
            hide_text(label)
