"""A supervisor's approval, one widget wherever one is asked for: a claim in its waiting period,
a void, a refund, a difference at the day close; and the dialog a void and a refund are asked in."""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.users import PIN_MAX
from desktop.errors import DomainError
from ui.confirm import Figure, FiguresDialog, confirm_figures
from ui.enter import EnterChain
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

if TYPE_CHECKING:
    from desktop.services.capture import Captured
    from ui.context import Context
    from ui.operations import Op


class SupervisorApproval(QGroupBox):
    """Another supervisor signs off: (the reason first, when one is asked,) their id and PIN.

    The PIN is masked, as long as the domain allows a PIN to be (`PIN_MAX`), and never kept
    after an attempt. Enter moves from field to field; on the PIN it is `submitted`. `inputs`
    and `errors` are keyed by the command's field names ("reason", "supervisor_id",
    "supervisor_pin"), where a refusal points.
    """

    submitted = Signal()

    def __init__(
        self,
        title: str | None = None,
        note: str = "",
        *,
        reason: str = "",
        reason_length: int = 0,
        reason_hint: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Persetujuan supervisor") if title is None else title, parent)
        self.setObjectName("approval")
        self.needed = True
        self.form = FieldForm(self)
        if note:
            info = QLabel(note)
            info.setWordWrap(True)
            info.setStyleSheet(INFO_STYLE)
            self.form.addRow(info)
        self.reason: QLineEdit | None = None
        if reason:
            self.reason = line_edit("reason", reason_length, reason_hint)
            self.form.add_field("reason", reason, self.reason)
        self.supervisor_id = line_edit("supervisor_id", USER_ID_LENGTH)
        self.form.add_field("supervisor_id", self.tr("ID super&visor"), self.supervisor_id)
        self.supervisor_pin = line_edit("supervisor_pin", PIN_MAX, secret=True)
        self.form.add_field("supervisor_pin", self.tr("P&IN supervisor"), self.supervisor_pin)
        self.inputs: dict[str, QLineEdit] = {
            key: edit
            for key, edit in (
                ("reason", self.reason),
                ("supervisor_id", self.supervisor_id),
                ("supervisor_pin", self.supervisor_pin),
            )
            if edit is not None
        }
        self.errors: dict[str, QLabel] = self.form.errors
        self.enter_chain = EnterChain(self, lambda: list(self.inputs.values()), self.submitted.emit)

    @property
    def first(self) -> QLineEdit:
        """Where the typing starts."""
        return self.reason or self.supervisor_id

    def set_needed(self, needed: bool) -> None:
        """Shown while an approval is needed; hidden, and emptied, while none is."""
        if needed == self.needed:
            return
        self.needed = needed
        self.setVisible(needed)
        if not needed:
            self.clear()

    def credentials(self) -> tuple[str, str]:
        """The supervisor's id and PIN as typed; nothing while no approval is asked for."""
        if not self.needed:
            return "", ""
        return self.supervisor_id.text(), self.supervisor_pin.text()

    def reason_text(self) -> str:
        return self.reason.text() if self.reason is not None else ""

    def clear(self) -> None:
        for edit in self.inputs.values():
            edit.clear()
        self.clear_errors()

    def clear_errors(self) -> None:
        for label in self.errors.values():
            hide_text(label)

    def show_refusal(self, error: DomainError, lang: str) -> bool:
        """The PIN goes (an approval is for what the supervisor saw); the refusal is said under
        the field it names, the cursor there. False when it names none of these fields."""
        self.supervisor_pin.clear()
        label = self.errors.get(error.field)
        if label is None:
            return False
        point_at(label, self.inputs[error.field], error.message(lang))
        return True


class ApprovedCaptureDialog(QDialog):
    """A capture a supervisor signs off (a void, a refund): what it concerns, a note, the
    approval (with a reason when asked), confirm and close; refusals under the field they name.

    A subclass builds the operation (`operation`) and says what was stored (`stored`). Object
    names start with `name` ("void_confirm", "refund_form_error"...). Enter moves from field to
    field and confirms on the PIN; Esc closes, unless the capture is being written.
    """

    def __init__(
        self,
        ctx: Context,
        name: str,
        *,
        title: str,
        heading: str,
        summary: str,
        note: str,
        confirm: str,
        reason: str = "",
        reason_length: int = 0,
        reason_hint: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.busy = False
        self.confirmation: FiguresDialog | None = None
        self.setObjectName(f"{name}_dialog")
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        outer = QVBoxLayout(self)
        self.heading = QLabel(heading)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setStyleSheet("font-size: 13pt; font-weight: bold;")
        outer.addWidget(self.heading)
        self.summary = QLabel(summary)
        self.summary.setObjectName(f"{name}_summary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        outer.addWidget(self.summary)
        info = QLabel(note)
        info.setWordWrap(True)
        info.setStyleSheet(INFO_STYLE)
        outer.addWidget(info)

        self.approval = SupervisorApproval(
            reason=reason, reason_length=reason_length, reason_hint=reason_hint
        )
        outer.addWidget(self.approval)
        self.supervisor_id = self.approval.supervisor_id
        self.supervisor_pin = self.approval.supervisor_pin
        self.inputs = self.approval.inputs
        self.errors = self.approval.errors
        self.form_error = error_label(f"{name}_form_error")
        outer.addWidget(self.form_error)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.confirm = QPushButton(confirm)
        self.confirm.setObjectName(f"{name}_confirm")
        # Named context: self.tr would look the text up under the subclass's name.
        self.cancel = QPushButton(
            QCoreApplication.translate("ApprovedCaptureDialog", "Tutup (Esc)")
        )
        self.cancel.setObjectName(f"{name}_cancel")
        for button in (self.confirm, self.cancel):
            # Enter moves from field to field; only on the PIN does it confirm.
            button.setAutoDefault(False)
            button.setDefault(False)
            buttons.addWidget(button)
        outer.addLayout(buttons)

        chain = [*self.inputs.values(), self.confirm, self.cancel]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.approval.submitted.connect(self.submit)  # Enter on the PIN
        self.confirm.clicked.connect(self.submit)
        self.cancel.clicked.connect(self.reject)
        self.approval.first.setFocus()

    def operation(self) -> Op[Captured]:
        """The capture to run with what was typed."""
        raise NotImplementedError

    def stored(self, captured: Captured) -> None:
        """Said once the capture is stored and the dialog closed."""

    def figures(self) -> list[Figure]:
        """What the capture does to the money, asked before it is written (the last figure,
        the money handed back, shown large); none: nothing asked."""
        return []

    def submit(self) -> None:
        if self.busy:
            return  # Enter twice must not capture twice
        self._clear_errors()
        self._set_busy(True)
        figures = self.figures()
        if not figures:
            self._run()
            return
        self.confirmation = confirm_figures(
            self,
            title=self.windowTitle(),
            heading=self.heading.text() + "?",
            figures=figures,
            accept=self.confirm.text(),
            on_accept=self._run,
            on_back=self._back,
        )

    def _run(self) -> None:
        self.confirmation = None
        self.operation().success(self._stored).failure(self._refused).run(self.ctx.tasks, self)

    def _back(self) -> None:
        """Esc on the figures: nothing written, the PIN typed again for another try."""
        self.confirmation = None
        self._set_busy(False)
        self.supervisor_pin.clear()
        self.supervisor_pin.setFocus()

    def reject(self) -> None:
        if self.busy:
            return  # the capture is being written: its outcome still has to be shown
        super().reject()

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.confirm.setEnabled(not busy)
        self.cancel.setEnabled(not busy)

    def _stored(self, captured: Captured) -> None:
        self._set_busy(False)
        self.supervisor_pin.clear()
        self.accept()
        self.stored(captured)

    def _refused(self, error: DomainError) -> None:
        self._set_busy(False)
        if not self.approval.show_refusal(error, self.ctx.lang):  # the PIN goes either way
            show_text(self.form_error, error.message(self.ctx.lang))
        self.adjustSize()  # room for the message: the fields keep their height

    def _clear_errors(self) -> None:
        self.approval.clear_errors()
        hide_text(self.form_error)
