"""The Settings page's users: the list, a supervisor adding someone, and the changes to a user a
supervisor signs with their PIN (reset the PIN, unlock, deactivate), from any teller's window.

Keyboard: Tab to the list, the arrows choose a user, Alt+I resets the PIN, Alt+U unlocks,
Alt+O deactivates; each dialog asks for the supervisor's PIN.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.services.auth import User
from desktop.services.users import UserEntry
from ui.context import Context
from ui.settings.add_user import AddUserDialog, role_name
from ui.settings.user_actions import UserAction, UserActionDialog
from ui.widgets import INFO_STYLE


class UsersBox(QGroupBox):
    """Emits `told(text)` with what a dialog did, for the page to say."""

    told = Signal(str)

    def __init__(self, ctx: Context, user: User, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Pengguna"), parent)
        self.ctx = ctx
        self.user = user
        self.entries: list[UserEntry] = []
        column = QVBoxLayout(self)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("users")
        self.table.setHorizontalHeaderLabels(
            [self.tr("ID pengguna"), self.tr("Nama"), self.tr("Peran"), self.tr("Status")]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)  # Tab goes on to the buttons
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        column.addWidget(self.table)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("&Tambah pengguna…"))
        self.add_button.setObjectName("add_user")
        self.add_button.setVisible(user.is_supervisor)
        self.reset_button = QPushButton(self.tr("Reset P&IN…"))
        self.reset_button.setObjectName("reset_pin")
        self.unlock_button = QPushButton(self.tr("B&uka kunci…"))
        self.unlock_button.setObjectName("unlock_user")
        self.deactivate_button = QPushButton(self.tr("N&onaktifkan…"))
        self.deactivate_button.setObjectName("deactivate_user")
        self.buttons = {
            UserAction.RESET_PIN: self.reset_button,
            UserAction.UNLOCK: self.unlock_button,
            UserAction.DEACTIVATE: self.deactivate_button,
        }
        for button in (self.add_button, *self.buttons.values()):
            button.setAutoDefault(True)
            row.addWidget(button)
        row.addStretch(1)
        column.addLayout(row)
        note = QLabel(
            self.tr(
                "Reset PIN, buka kunci dan nonaktifkan: pilih pengguna, lalu supervisor "
                "mengisi ID dan PIN-nya. Untuk PIN Anda sendiri: Ganti PIN (Ctrl+Shift+P)."
            )
        )
        note.setStyleSheet(INFO_STYLE)
        note.setWordWrap(True)
        column.addWidget(note)
        self.add_button.clicked.connect(self.add_user)
        for action, button in self.buttons.items():
            button.clicked.connect(lambda _checked=False, a=action: self.act(a))
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self._can_add = False
        self._update_buttons()

    # --- the list ------------------------------------------------------------------------------

    def fill(self, entries: list[UserEntry]) -> None:
        """Show `entries`, the same user still chosen if they were."""
        chosen = self.selected()
        self.entries = entries
        self.table.setRowCount(len(entries))
        now = self.ctx.counter.now()
        for row, entry in enumerate(entries):
            cells = (entry.id, entry.name, role_name(entry.role), self._status(entry, now))
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))
        header_height = self.table.horizontalHeader().sizeHint().height()
        rows_height = sum(self.table.rowHeight(r) for r in range(len(entries)))
        self.table.setFixedHeight(header_height + rows_height + 2 * self.table.frameWidth() + 2)
        ids = [entry.id for entry in entries]
        if chosen is not None and chosen.id in ids:
            self.table.selectRow(ids.index(chosen.id))
        elif entries:
            self.table.selectRow(0)  # the arrows move on from a chosen row, never from none
        self._update_buttons()

    def _status(self, entry: UserEntry, now: datetime) -> str:
        if not entry.active:
            return self.tr("Nonaktif")
        until = entry.locked_at(now)
        if until is not None:
            local = self.ctx.counter.local(until)
            return self.tr("Terkunci sampai {0}").format(f"{local:%H:%M}")
        return self.tr("Aktif")

    def selected(self) -> UserEntry | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.entries):
            return None
        return self.entries[rows[0].row()]

    def select(self, user_id: str) -> None:
        ids = [entry.id for entry in self.entries]
        self.table.selectRow(ids.index(user_id))

    def set_enabled(self, can_add: bool) -> None:
        self._can_add = can_add
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.add_button.setEnabled(self._can_add and self.user.is_supervisor)
        entry = self.selected()
        active = entry is not None and entry.active
        locked = entry is not None and entry.locked_at(self.ctx.counter.now()) is not None
        self.reset_button.setEnabled(active)
        self.unlock_button.setEnabled(active and locked)
        self.deactivate_button.setEnabled(active)

    # --- the dialogs ---------------------------------------------------------------------------

    def add_user(self) -> AddUserDialog | None:
        """Open the new-user dialog (never blocking); the list reloads once it added someone."""
        if not self.add_button.isEnabled():
            return None
        dialog = AddUserDialog(self.ctx, self.user, self)
        dialog.added.connect(self._added)
        dialog.finished.connect(self._back_from_dialog)
        dialog.open()
        return dialog

    def act(self, action: UserAction) -> UserActionDialog | None:
        """Reset the chosen user's PIN, unlock or deactivate them, once a supervisor signs."""
        target = self.selected()
        if target is None or not self.buttons[action].isEnabled():
            return None
        dialog = UserActionDialog(self.ctx, action, target, self.user, self)
        dialog.changed.connect(lambda entry: self._acted(action, entry))
        dialog.finished.connect(self._back_from_dialog)
        dialog.open()
        return dialog

    def _back_from_dialog(self) -> None:
        """The keys go on in the list, where the next user is chosen."""
        self.window().activateWindow()
        self.table.setFocus()

    def _added(self, user: User) -> None:
        self.told.emit(self.tr("Pengguna {0} ({1}) ditambahkan.").format(user.name, user.id))

    def _acted(self, action: UserAction, entry: UserEntry) -> None:
        texts = {
            UserAction.RESET_PIN: self.tr(
                "PIN {0} ({1}) sudah diganti. Beri tahu PIN baru secara langsung."
            ),
            UserAction.UNLOCK: self.tr("{0} ({1}) tidak terkunci lagi."),
            UserAction.DEACTIVATE: self.tr("{0} ({1}) dinonaktifkan."),
        }
        self.told.emit(texts[action].format(entry.name, entry.id))
