"""Ganti PIN: whoever is logged in changes their own PIN (the current one, then the new twice)."""

from __future__ import annotations

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
from ui.context import Context
from ui.enter import EnterChain
from ui.operations.users import change_pin_op
from ui.widgets import INFO_STYLE, FieldForm, error_label, hide_text, line_edit, point_at, show_text


class ChangePinDialog(QDialog):
    """Emits `changed(User)` once the core has stored the new PIN, then closes."""

    changed = Signal(object)

    def __init__(self, ctx: Context, user: User, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.user = user
        self.setObjectName("change_pin_dialog")
        self.setWindowTitle(self.tr("Ganti PIN"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        outer = QVBoxLayout(self)
        outer.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)  # grows as errors show
        who = QLabel(self.tr("PIN untuk {0} ({1})").format(user.name, user.id))
        who.setTextFormat(Qt.TextFormat.PlainText)
        outer.addWidget(who)
        form = FieldForm()
        outer.addLayout(form)
        self.old_pin = line_edit("old_pin", PIN_MAX, secret=True)
        self.old_pin.setMinimumWidth(200)
        self.new_pin = line_edit("new_pin", PIN_MAX, secret=True)
        self.new_pin_again = line_edit("new_pin_again", PIN_MAX, secret=True)
        self.inputs: dict[str, QLineEdit] = {
            "old_pin": self.old_pin,
            "new_pin": self.new_pin,
            "new_pin_again": self.new_pin_again,
        }
        hint = QLabel(self.tr("6-8 angka, tidak sama semua dan tidak berurutan."))
        hint.setStyleSheet(INFO_STYLE)
        form.add_field("old_pin", self.tr("PIN &lama"), self.old_pin)
        form.add_field("new_pin", self.tr("PIN &baru"), self.new_pin, hint)
        form.add_field("new_pin_again", self.tr("&Ulangi PIN baru"), self.new_pin_again)
        self.errors: dict[str, QLabel] = form.errors
        self.form_error = error_label("form_error")
        outer.addWidget(self.form_error)
        # Plain buttons, none of them default: Enter moves from field to field, and only on the
        # last one does it submit (a QDialogButtonBox would make OK the default when shown).
        self.ok_button = QPushButton(self.tr("Ganti PIN"))
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
        outer.addLayout(self.buttons)
        pins = [self.old_pin, self.new_pin, self.new_pin_again]
        self.enter_chain = EnterChain(self, lambda: pins, self.submit)
        self.old_pin.setFocus()

    def submit(self) -> None:
        if not self.ok_button.isEnabled():
            return  # already at work: Enter twice must not count two tries
        self._clear_errors()
        if self.new_pin.text() != self.new_pin_again.text():
            self._show("new_pin_again", self.tr("PIN yang diulang tidak sama. Ketik lagi."))
            self.new_pin_again.clear()
            return
        self.ok_button.setEnabled(False)
        (
            change_pin_op(
                self.ctx, self.user, old_pin=self.old_pin.text(), new_pin=self.new_pin.text()
            )
            .success(self._changed)
            .failure(self._failed)
            .run(self.ctx.tasks, self)
        )

    def _changed(self, user: User) -> None:
        self.changed.emit(user)
        self.accept()

    def _failed(self, error: DomainError) -> None:
        self.ok_button.setEnabled(True)
        text = error.message(self.ctx.lang)
        # What was refused is typed again; the current PIN stays only when the new one was.
        kept = {"old_pin"} if error.field.startswith("new_pin") else set()
        for key, edit in self.inputs.items():
            if key not in kept:
                edit.clear()
        if error.field in self.inputs:
            self._show(error.field, text)
        else:
            show_text(self.form_error, text)  # the account: locked, or deactivated meanwhile

    def _show(self, key: str, text: str) -> None:
        point_at(self.errors[key], self.inputs[key], text)

    def _clear_errors(self) -> None:
        for label in (*self.errors.values(), self.form_error):
            hide_text(label)
