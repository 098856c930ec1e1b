"""The locked screen: the teller who locked it gets back in with their PIN, or another user logs
in meanwhile ("Ganti pengguna") into their own window while this one stays locked as it is.

Nobody but the owner ever sees or unlocks this window's half-filled forms: another user's login
here opens *their* window (see `ui.app.Shell`), and this one waits, locked and hidden, until its
owner logs in again, on its lock screen or on anyone's through "Ganti pengguna".
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.services.auth import User
from ui.context import Context
from ui.login import LoginForm
from ui.widgets import INFO_STYLE


class LockPage(QWidget):
    """Emits `unlocked(User)` when the owner's PIN was right, `switched(User)` when another
    user logged in (their PIN checked) to work in their own window."""

    unlocked = Signal(object)
    switched = Signal(object)

    def __init__(self, ctx: Context, user: User, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.user = user
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        box = QWidget()
        box.setMinimumWidth(460)
        box.setMaximumWidth(560)
        layout = QVBoxLayout(box)
        heading = QLabel(self.tr("Layar terkunci"))
        heading.setStyleSheet("font-size: 18pt; font-weight: bold;")
        layout.addWidget(heading)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack)
        self.stack.addWidget(self._own_page(ctx, user))
        self.stack.addWidget(self._other_page(ctx, user))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

    def _own_page(self, ctx: Context, user: User) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        who = QLabel(self.tr("{0} ({1}): masukkan PIN untuk membuka.").format(user.name, user.id))
        who.setTextFormat(Qt.TextFormat.PlainText)
        who.setWordWrap(True)
        column.addWidget(who)
        self.form = LoginForm(ctx, locked_user=user)
        self.form.logged_in.connect(self.unlocked)
        column.addWidget(self.form)
        self.switch_button = QPushButton(self.tr("&Ganti pengguna…"))
        self.switch_button.setObjectName("switch_user")
        self.switch_button.setAutoDefault(True)
        self.switch_button.clicked.connect(self.show_other)
        row = QHBoxLayout()
        row.addWidget(self.switch_button)
        row.addStretch(1)
        column.addLayout(row)
        QWidget.setTabOrder(self.form.submit_button, self.switch_button)
        return page

    def _other_page(self, ctx: Context, user: User) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        note = QLabel(
            self.tr(
                "Pengguna lain masuk ke jendelanya sendiri. Layar {0} tetap terkunci dan "
                "isiannya tersimpan sampai {0} masuk lagi."
            ).format(user.name)
        )
        note.setObjectName("switch_note")
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)
        note.setStyleSheet(INFO_STYLE)
        column.addWidget(note)
        self.other = LoginForm(ctx)
        self.other.logged_in.connect(self._other_logged_in)
        column.addWidget(self.other)
        self.back_button = QPushButton(self.tr("&Kembali (Esc)"))
        self.back_button.setObjectName("back")
        self.back_button.setAutoDefault(True)
        self.back_button.clicked.connect(self.show_own)
        row = QHBoxLayout()
        row.addWidget(self.back_button)
        row.addStretch(1)
        column.addLayout(row)
        QWidget.setTabOrder(self.other.submit_button, self.back_button)
        back_key = QShortcut(QKeySequence(Qt.Key.Key_Escape), page)
        back_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back_key.activated.connect(self.show_own)
        return page

    @property
    def switching(self) -> bool:
        """Whether another user's login is on screen (rather than the owner's PIN)."""
        return self.stack.currentIndex() == 1

    def reset(self) -> None:
        """As the lock comes on: the owner's PIN, empty, the cursor in it."""
        self.other.reset()
        self.show_own()

    def show_own(self) -> None:
        self.stack.setCurrentIndex(0)
        self.form.reset()

    def show_other(self) -> None:
        self.stack.setCurrentIndex(1)
        self.other.reset()

    def _other_logged_in(self, user: User) -> None:
        self.other.reset()
        if user.id == self.user.id:  # the owner took the long way round
            self.show_own()
            self.unlocked.emit(user)
        else:
            self.show_own()  # what the owner finds when they come back
            self.switched.emit(user)
