"""Trouble shown to the teller: a bug report with details, or a known problem in plain words."""

from __future__ import annotations

import logging
import traceback

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

log = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("errors", text)


def details_of(error: BaseException) -> str:
    """The traceback as text, for the dialog's details and the log."""
    return "".join(traceback.format_exception(type(error), error, error.__traceback__))


class BugReport(QDialog):
    """A bug: say that nothing was half-saved, and show the details to copy for the bank's IT."""

    def __init__(self, parent: QWidget | None, error: BaseException) -> None:
        super().__init__(parent)
        self.setObjectName("bugReport")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(_tr("Kesalahan program"))
        self.resize(560, 360)
        layout = QVBoxLayout(self)
        message = QLabel(
            _tr(
                "Terjadi kesalahan di dalam program. Tindakan terakhir dibatalkan tanpa menyimpan "
                "apa pun; data yang sudah tersimpan tetap aman.\n"
                "Salin detail di bawah dan kirimkan ke IT bank."
            )
        )
        message.setWordWrap(True)
        layout.addWidget(message)
        self.details = QPlainTextEdit(details_of(error))
        self.details.setReadOnly(True)
        layout.addWidget(self.details)
        buttons = QDialogButtonBox()
        copy = buttons.addButton(_tr("Salin detail"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self._copy)
        close = buttons.addButton(_tr("Tutup"), QDialogButtonBox.ButtonRole.AcceptRole)
        close.setDefault(True)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)

    def _copy(self) -> None:
        QApplication.clipboard().setText(self.details.toPlainText())


def show_bug_report(parent: QWidget | None, error: BaseException) -> BugReport:
    """Log the bug and open (never block on) its report dialog."""
    log.error("bug reported to the user", exc_info=error)
    dialog = BugReport(parent, error)
    dialog.open()
    return dialog


def show_problem(parent: QWidget | None, message: str) -> QMessageBox:
    """A known problem no field owns (the disk is full, the store is locked), in plain words."""
    box = QMessageBox(QMessageBox.Icon.Warning, _tr("SPO Counter"), message, parent=parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.addButton(_tr("Tutup"), QMessageBox.ButtonRole.AcceptRole)
    box.open()
    return box
