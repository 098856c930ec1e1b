"""Opening the business day: the float counted by denomination, after the first login of the day.

`offer_open_day(ctx, user, parent)` reads today's state on the database worker and, when the
float is still to be counted (the day not opened yet, or opened by its first capture with a zero
float), shows `OpenDayDialog`: Enter moves through the denominations, on the last one (or
Ctrl+Enter anywhere) the float is shown whole and Enter records it; Esc is "later" (the first
capture then opens the day with a zero float, and the float can still be recorded once, from the
Day close page). `auto_open_note(captured)` is what to tell the teller after the capture that
opened the day.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.cash import DENOMINATIONS
from desktop.domain.money import format_rupiah
from desktop.errors import DomainError
from desktop.services.auth import User
from desktop.services.business_day import DayOpened, DayState
from desktop.services.capture import Captured
from ui.confirm import Figure, FiguresDialog, confirm_figures
from ui.context import Context
from ui.day_close.count import CashCountForm, denomination_text
from ui.operations.day import day_state_op, open_day_op
from ui.widgets import INFO_STYLE, error_label, show_text


def _tr(text: str) -> str:
    return QCoreApplication.translate("open_day", text)


def open_day_wanted(state: DayState) -> bool:
    """Today's float is still to be counted: not opened yet, or opened by its first capture (and
    never closed since: a reopened day keeps the float its report was made with)."""
    if state.status == "not_opened":
        return True
    return (
        state.status == "open"
        and state.auto_opened
        and not state.float_recorded
        and state.closes == 0
    )


def auto_open_note(captured: Captured) -> str | None:
    """After a capture: the note that it opened the business day with a zero float, else None."""
    if not captured.day_opened_automatically:
        return None
    return _tr(
        "Hari kerja {0} dibuka otomatis oleh transaksi ini dengan modal awal Rp0. Modal awal di "
        "laci dapat dicatat di halaman Tutup hari (Hitung modal awal)."
    ).format(f"{captured.business_date:%d/%m/%Y}")


def offer_open_day(
    ctx: Context,
    user: User,
    parent: QWidget,
    shown: Callable[[OpenDayDialog], None] | None = None,
) -> None:
    """After login: show the opening-float dialog when today's float is still to be counted.

    The state is read on the database worker; `shown(dialog)` follows when the dialog comes up.
    """

    def decide(state: DayState) -> None:
        if not open_day_wanted(state):
            return
        dialog = OpenDayDialog(ctx, user, state, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        if shown is not None:
            shown(dialog)

    day_state_op(ctx.counter).success(decide).run(ctx.tasks, parent)


class OpenDayDialog(QDialog):
    """The float by denomination; `opened(DayOpened)` once it is stored. Esc: later."""

    opened = Signal(object)

    @staticmethod
    def needed(state: DayState) -> bool:
        return open_day_wanted(state)

    def __init__(
        self, ctx: Context, user: User, state: DayState, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.user = user
        self.state = state
        self.busy = False
        self.setObjectName("open_day_dialog")
        day = f"{state.business_date:%d/%m/%Y}"
        later = state.status == "open"  # opened by its first capture: the float comes after
        self.setWindowTitle(self.tr("Modal awal") if later else self.tr("Buka hari kerja"))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 16, 20, 14)
        heading = QLabel(
            self.tr("Modal awal hari kerja {0}").format(day)
            if later
            else self.tr("Buka hari kerja {0}").format(day)
        )
        heading.setObjectName("heading")
        heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        outer.addWidget(heading)
        note = QLabel(
            self.tr(
                "Hari kerja sudah dibuka otomatis oleh transaksi pertama dengan modal awal Rp0. "
                "Hitung uang di laci per pecahan dan catat modal awalnya (sekali saja)."
            )
            if later
            else self.tr(
                "Hitung modal awal di laci per pecahan (Enter atau Tab ke pecahan berikutnya; "
                "Ctrl+Enter mencatat). Esc: nanti; transaksi pertama akan membuka hari kerja "
                "dengan modal awal Rp0."
            )
        )
        note.setObjectName("note")
        note.setWordWrap(True)
        note.setStyleSheet(INFO_STYLE)
        outer.addWidget(note)
        self.count_form = CashCountForm()
        self.count_form.submitted.connect(self.submit)
        self.count_form.changed.connect(self._changed)
        outer.addWidget(self.count_form)
        self.error = error_label("error")
        outer.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.confirm = QPushButton(
            self.tr("Catat modal awal (Ctrl+Enter)")
            if later
            else self.tr("Buka hari kerja (Ctrl+Enter)")
        )
        self.confirm.setObjectName("open_day_confirm")
        self.confirm.setDefault(True)
        self.later = QPushButton(self.tr("Nanti (Esc)"))
        self.later.setObjectName("open_day_later")
        self.later.setAutoDefault(False)
        buttons.addWidget(self.confirm)
        buttons.addWidget(self.later)
        outer.addLayout(buttons)
        self.confirm.clicked.connect(self.submit)
        self.later.clicked.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.submit)
        self.confirmation: FiguresDialog | None = None
        self.count_form.first.setFocus()

    def _changed(self, _total: int) -> None:
        self.error.hide()

    def figures(self) -> list[Figure]:
        """Each denomination counted, then the float (what the confirmation shows)."""
        form = self.count_form
        rows: list[Figure] = [
            (
                f"{denomination_text(d)} × {form.boxes[d.code].value()}",
                format_rupiah(d.value * form.boxes[d.code].value()),
            )
            for d in DENOMINATIONS
            if form.boxes[d.code].value()
        ]
        rows.append((self.tr("Modal awal"), format_rupiah(form.total_value())))
        return rows

    def submit(self) -> None:
        """Ctrl+Enter, or Enter on the last denomination: the float asked with its figures."""
        if self.busy:
            return
        self.busy = True  # one question at a time; the count is not typed into meanwhile
        self.confirmation = confirm_figures(
            self,
            title=self.windowTitle(),
            heading=self.tr("Catat modal awal ini?"),
            figures=self.figures(),
            accept=self.tr("Catat (Enter)"),
            on_accept=self._store,
            on_back=self._back,
            note=(
                self.tr("Semua pecahan 0: modal awal Rp0 (tidak dapat diubah sesudahnya).")
                if self.count_form.total_value() == 0
                else self.tr("Modal awal tidak dapat diubah sesudah dicatat.")
            ),
        )

    def _back(self) -> None:
        self.confirmation = None
        self.busy = False

    def _store(self) -> None:
        self.confirmation = None
        self.confirm.setEnabled(False)
        self.later.setEnabled(False)
        (
            open_day_op(self.ctx, self.user, self.count_form.cash_count())
            .success(self._stored)
            .failure(self._refused)
            .run(self.ctx.tasks, self)
        )

    def reject(self) -> None:
        if not self.busy:  # the float is being written: its outcome still has to be shown
            super().reject()

    def _stored(self, opened: DayOpened) -> None:
        self.busy = False
        self.accept()
        self.opened.emit(opened)

    def _refused(self, error: DomainError) -> None:
        self.busy = False
        self.confirm.setEnabled(True)
        self.later.setEnabled(True)
        self._say(error.message(self.ctx.lang))
        self.count_form.first.setFocus()

    def _say(self, text: str) -> None:
        show_text(self.error, text)
        self.adjustSize()
