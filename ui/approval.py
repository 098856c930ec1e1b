"""A supervisor's approval, one widget wherever one is asked for: a claim in its waiting period,
a void, a difference at the day close."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QLabel, QLineEdit, QWidget

from desktop.domain.users import PIN_MAX
from desktop.errors import DomainError
from ui.widgets import INFO_STYLE, USER_ID_LENGTH, FieldForm, hide_text, line_edit, point_at


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
        if self.reason is not None:
            self.reason.returnPressed.connect(self.supervisor_id.setFocus)
        self.supervisor_id.returnPressed.connect(self.supervisor_pin.setFocus)
        self.supervisor_pin.returnPressed.connect(self.submitted)

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
