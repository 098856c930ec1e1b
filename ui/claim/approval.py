"""The claim page's supervisor approval, asked for while the waiting period has not ended."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QWidget

from desktop.domain.claims import (
    ClaimReason,
    validate_event_date,
    waiting_period_end,
    waiting_period_over,
)
from desktop.domain.dates import parse_date
from desktop.errors import DomainError
from ui.widgets import INFO_STYLE, error_label, field_cell, hide_text, line_edit


def waiting_period(reason: ClaimReason | None, typed: str, today: date) -> tuple[bool, str]:
    """Whether a supervisor must approve, and what to tell the teller about the waiting period.

    Pure domain calls, fine on the GUI thread as the date is typed. A date that does not exist
    or lies ahead says nothing here: it is named under its field when the teller leaves it.
    """
    if reason is None or not typed.strip():
        return False, ""
    try:
        day = parse_date(typed, "event_date", "", "")
        end = waiting_period_end(reason, validate_event_date(reason, day, today))
    except DomainError:
        return False, ""
    if end is None:
        return False, ""
    if waiting_period_over(reason, day, today):
        return False, _tr("Masa tunggu sudah selesai ({0}).").format(f"{end:%d/%m/%Y}")
    text = _tr("Masa tunggu belum selesai: berakhir {0}. Perlu persetujuan supervisor.")
    return True, text.format(f"{end:%d/%m/%Y}")


def _tr(text: str) -> str:
    return QCoreApplication.translate("SupervisorApproval", text)


class SupervisorApproval(QGroupBox):
    """Supervisor id and PIN (masked); hidden, and emptied, while no approval is needed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Persetujuan supervisor"), parent)
        self.setObjectName("approval")
        self.needed = False
        self.supervisor_id = line_edit("supervisor_id", 30)
        self.supervisor_pin = line_edit("supervisor_pin", 8, secret=True)
        self.inputs: dict[str, QLineEdit] = {
            "supervisor_id": self.supervisor_id,
            "supervisor_pin": self.supervisor_pin,
        }
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout(self)
        info = QLabel(
            self.tr(
                "Masa tunggu belum selesai. Supervisor lain (bukan pembuat transaksi) "
                "mengetik ID dan PIN-nya, lalu Enter untuk menyimpan."
            )
        )
        info.setWordWrap(True)
        info.setStyleSheet(INFO_STYLE)
        form.addRow(info)
        for name, text in (
            ("supervisor_id", self.tr("ID super&visor")),
            ("supervisor_pin", self.tr("P&IN supervisor")),
        ):
            self.errors[name] = error_label(f"{name}_error")
            label = QLabel(text)
            label.setBuddy(self.inputs[name])
            form.addRow(label, field_cell(self.inputs[name], self.errors[name]))
        self.hide()

    def set_needed(self, needed: bool) -> None:
        if needed == self.needed:
            return
        self.needed = needed
        self.setVisible(needed)
        if not needed:
            self.clear()

    def credentials(self) -> tuple[str, str]:
        """What goes into the command: nothing while no approval is asked for."""
        if not self.needed:
            return "", ""
        return self.supervisor_id.text(), self.supervisor_pin.text()

    def clear(self) -> None:
        for edit in self.inputs.values():
            edit.clear()
        for label in self.errors.values():
            hide_text(label)
