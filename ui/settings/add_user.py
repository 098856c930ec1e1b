"""The new-user dialog of the Settings page: id, name, role and a PIN typed twice (masked)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLayout,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.users import PIN_MAX, Role
from desktop.errors import DomainError
from desktop.services.auth import User
from ui.context import Context
from ui.operations.settings import add_user_op
from ui.widgets import (
    INFO_STYLE,
    USER_ID_LENGTH,
    FieldForm,
    error_label,
    hide_text,
    line_edit,
    point_at,
    show_text,
)


def role_name(role: Role) -> str:
    names = {
        Role.TELLER: QCoreApplication.translate("roles", "Teller"),
        Role.SUPERVISOR: QCoreApplication.translate("roles", "Supervisor"),
    }
    return names[role]


class AddUserDialog(QDialog):
    """Emits `added(User)` once the core has stored the new user, then closes."""

    added = Signal(object)

    def __init__(self, ctx: Context, by: User, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.by = by
        self.setObjectName("add_user_dialog")
        self.setWindowTitle(self.tr("Tambah pengguna"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        outer = QVBoxLayout(self)
        outer.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)  # grows as errors show
        form = FieldForm()
        outer.addLayout(form)
        self.user_id = line_edit("user_id", USER_ID_LENGTH)
        self.user_id.setMinimumWidth(340)
        self.user_id.setPlaceholderText(self.tr("mis. teller03"))
        self.name = line_edit("name", 100)
        self.role = QComboBox()
        self.role.setObjectName("role")
        for role in (Role.TELLER, Role.SUPERVISOR):
            self.role.addItem(role_name(role), role.value)
        self.pin = line_edit("pin", PIN_MAX, secret=True)
        self.pin_again = line_edit("pin_again", PIN_MAX, secret=True)
        self.inputs: dict[str, QWidget] = {
            "user_id": self.user_id,
            "name": self.name,
            "role": self.role,
            "pin": self.pin,
            "pin_again": self.pin_again,
        }
        labels = {
            "user_id": self.tr("&ID pengguna"),
            "name": self.tr("Nama &lengkap"),
            "role": self.tr("&Peran"),
            "pin": self.tr("P&IN"),
            "pin_again": self.tr("&Ulangi PIN"),
        }
        for key, widget in self.inputs.items():
            notes: list[QWidget] = []
            if key == "pin":
                hint = QLabel(
                    self.tr("PIN pertama pengguna: 6-8 angka. Beri tahu secara langsung.")
                )
                hint.setStyleSheet(INFO_STYLE)
                hint.setWordWrap(True)
                notes.append(hint)
            form.add_field(key, labels[key], widget, *notes)
        self.errors: dict[str, QLabel] = form.errors
        self.form_error = error_label("form_error")
        outer.addWidget(self.form_error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Tambah"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        self.user_id.setFocus()

    def submit(self) -> None:
        if not self.ok_button.isEnabled():
            return  # already saving: Enter twice must not add twice
        self._clear_errors()
        if self.pin.text() != self.pin_again.text():
            self._show("pin_again", self.tr("PIN yang diulang tidak sama. Ketik lagi."))
            self.pin_again.clear()
            return
        self.ok_button.setEnabled(False)
        (
            add_user_op(
                self.ctx,
                self.by,
                user_id=self.user_id.text(),
                name=self.name.text(),
                role=str(self.role.currentData()),
                pin=self.pin.text(),
            )
            .success(self._added)
            .failure(self._failed)
            .run(self.ctx.tasks, self)
        )

    def _added(self, user: User) -> None:
        self.added.emit(user)
        self.accept()

    def _failed(self, error: DomainError) -> None:
        self.ok_button.setEnabled(True)
        text = error.message(self.ctx.lang)
        if error.field not in self.inputs:
            show_text(self.form_error, text)
            return
        self._show(error.field, text)
        if error.field == "pin":
            self.pin_again.clear()

    def _show(self, key: str, text: str) -> None:
        point_at(self.errors[key], self.inputs[key], text)

    def _clear_errors(self) -> None:
        for label in (*self.errors.values(), self.form_error):
            hide_text(label)
