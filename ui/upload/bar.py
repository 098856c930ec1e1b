"""The upload bar above the pages: the upload button, its progress and cancel, and how it ended."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QToolBar,
    QWidget,
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("upload", text)


class UploadBar(QToolBar):
    """Above the pages: the upload button, and while it runs its progress and cancel; then how
    it ended (a long message is cut at the edge, its tooltip holds all of it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_tr("Unggah"), parent)
        self.setObjectName("upload_bar")
        self.setMovable(False)
        self.setFloatable(False)
        strip = QWidget()
        row = QHBoxLayout(strip)
        row.setContentsMargins(6, 2, 6, 2)
        self.upload_button = QPushButton(_tr("Unggah sekarang (F9)"))
        self.upload_button.setObjectName("upload_now")
        self.upload_button.setToolTip(_tr("Kirim data yang menunggu ke server pusat"))
        self.upload_progress = QProgressBar()
        self.upload_progress.setObjectName("upload_progress")
        self.upload_progress.setFixedWidth(220)
        self.upload_progress.setFormat(_tr("Terkirim %v dari %m"))
        self.cancel_button = QPushButton(_tr("Batal"))
        self.cancel_button.setObjectName("upload_cancel")
        for button in (self.upload_button, self.cancel_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays on the form
        self.upload_message = QLabel()
        self.upload_message.setObjectName("upload_message")
        self.upload_message.setTextFormat(Qt.TextFormat.PlainText)
        self.upload_message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        row.addWidget(self.upload_button)
        row.addWidget(self.upload_progress)
        row.addWidget(self.cancel_button)
        row.addWidget(self.upload_message, 1)
        self.addWidget(strip)
        self.show_uploading(False)

    def show_uploading(self, running: bool) -> None:
        self.upload_progress.setVisible(running)
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running)
        self.upload_button.setEnabled(not running)
        if running:
            self.upload_progress.setRange(0, 0)  # busy until the first batch is answered
            self.show_message(_tr("Mengunggah…"))

    def show_progress(self, done: int, pending: int) -> None:
        self.upload_progress.setRange(0, done + pending)
        self.upload_progress.setValue(done)
        self.show_message(_tr("Mengunggah ke server pusat; transaksi tetap bisa dicatat."))

    def show_message(self, text: str, *, problem: bool = False) -> None:
        self.upload_message.setText(text)
        self.upload_message.setToolTip(text)
        self.upload_message.setStyleSheet("color: #b00020;" if problem else "")
