"""The login screen: user id and PIN, the error next to the field it names, demo users on a demo."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.users import PIN_MAX
from desktop.errors import DomainError
from ui.context import Context
from ui.operations.auth import login_op
from ui.widgets import USER_ID_LENGTH, FieldForm, error_label, hide_text, line_edit, show_text

if TYPE_CHECKING:
    from desktop.services.auth import User
    from desktop.services.demo import DemoUser


class LoginForm(QWidget):
    """User id, PIN and a button; emits `logged_in(User)`. With `locked_user`, only they enter."""

    logged_in = Signal(object)

    def __init__(
        self, ctx: Context, *, locked_user: User | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.locked_user = locked_user
        form = FieldForm(self, spacing=12)
        form.setContentsMargins(0, 0, 0, 0)
        self.user_id = line_edit("user_id", USER_ID_LENGTH)
        self.pin = line_edit("pin", PIN_MAX, secret=True)
        self.user_id.setMinimumWidth(240)
        self.user_id_error = form.add_field("user_id", self.tr("ID &pengguna"), self.user_id)
        self.pin_error = form.add_field("pin", self.tr("P&IN"), self.pin)
        self.form_error = error_label("form_error")
        form.addRow(self.form_error)
        self.submit_button = QPushButton(self.tr("Buka kunci") if locked_user else self.tr("Masuk"))
        self.submit_button.setObjectName("submit")
        self.submit_button.setAutoDefault(True)
        row = QHBoxLayout()
        row.addWidget(self.submit_button)
        row.addStretch(1)
        form.addRow("", row)
        QWidget.setTabOrder(self.user_id, self.pin)
        QWidget.setTabOrder(self.pin, self.submit_button)
        self.user_id.returnPressed.connect(self._next_from_id)
        self.pin.returnPressed.connect(self.submit)
        self.submit_button.clicked.connect(self.submit)
        if locked_user is not None:
            self.user_id.setText(locked_user.id)
            self.user_id.setEnabled(False)  # greyed: only this user may unlock

    def first_field(self) -> QLineEdit:
        return self.pin if self.locked_user is not None else self.user_id

    def reset(self) -> None:
        """Clear the PIN, the errors and (unless locked to a user) the id; focus the first field."""
        if self.locked_user is None:
            self.user_id.clear()
        self.pin.clear()
        self._clear_errors()
        self._set_busy(False)
        self.first_field().setFocus()

    def submit(self) -> None:
        if not self.submit_button.isEnabled():
            return  # a check is already running: Enter twice must not count as two tries
        self._clear_errors()
        self._set_busy(True)
        (
            login_op(self.ctx, self.user_id.text(), self.pin.text())
            .success(self._logged_in)
            .failure(self._failed)
            .run(self.ctx.tasks, self)
        )

    def _next_from_id(self) -> None:
        if self.pin.text():
            self.submit()
        else:
            self.pin.setFocus()

    def _logged_in(self, user: User) -> None:
        self._set_busy(False)
        self.pin.clear()
        self.logged_in.emit(user)

    def _failed(self, error: DomainError) -> None:
        self._set_busy(False)
        self.pin.clear()
        text = error.message(self.ctx.lang)
        if error.field == "user_id":
            show_text(self.user_id_error, text)
            self.user_id.setFocus()
            self.user_id.selectAll()
        elif error.field == "pin":
            show_text(self.pin_error, text)
            self.pin.setFocus()
        else:
            show_text(self.form_error, text)
            self.first_field().setFocus()

    def _clear_errors(self) -> None:
        for label in (self.user_id_error, self.pin_error, self.form_error):
            hide_text(label)

    def _set_busy(self, busy: bool) -> None:
        self.submit_button.setEnabled(not busy)


class DemoUsers(QGroupBox):
    """The demo counter's users and PINs: a demo holds no real data, so they are shown openly."""

    def __init__(self, users: Sequence[DemoUser], parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Pengguna demo"), parent)
        layout = QVBoxLayout(self)
        self.table = QTableWidget(len(users), 4)
        self.table.setObjectName("demo_users")
        self.table.setHorizontalHeaderLabels(
            [self.tr("ID pengguna"), self.tr("PIN"), self.tr("Nama"), self.tr("Peran")]
        )
        roles = {"teller": self.tr("Teller"), "supervisor": self.tr("Supervisor")}
        for row, user in enumerate(users):
            cells = (user.id, user.pin, user.name, roles.get(user.role.value, user.role.value))
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        self.table.resizeColumnsToContents()
        self.table.setFixedHeight(
            header.height() + sum(self.table.rowHeight(r) for r in range(len(users))) + 4
        )
        layout.addWidget(self.table)


class LoginWindow(QWidget):
    """The first window: which counter this is, and the login form."""

    logged_in = Signal(object)

    def __init__(
        self, ctx: Context, *, demo_users: Sequence[DemoUser] = (), parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("SPO Counter — {0}").format(ctx.counter_title))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(14)
        heading = QLabel(ctx.counter_title)
        heading.setObjectName("heading")
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setStyleSheet("font-size: 18pt; font-weight: bold;")
        layout.addWidget(heading)
        intro = QLabel(self.tr("Masukkan ID pengguna dan PIN Anda."))
        layout.addWidget(intro)
        self.form = LoginForm(ctx)
        self.form.logged_in.connect(self.logged_in)
        layout.addWidget(self.form)
        self.demo_users: DemoUsers | None = None
        if demo_users:
            self.demo_users = DemoUsers(demo_users)
            layout.addWidget(self.demo_users)
        layout.addStretch(1)
        # Room below the form, so an error message under a field never squeezes the demo table.
        self.resize(max(self.sizeHint().width(), 560), self.sizeHint().height() + 80)
        self.form.first_field().setFocus()
