"""Shown on a counter that is not set up yet: how to set it up (the setup wizard comes later)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QVBoxLayout, QWidget

from desktop.services.counter import Counter


class NotSetUpWindow(QMainWindow):
    def __init__(self, counter: Counter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("SPO Counter")
        self.resize(720, 300)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        self.setCentralWidget(central)
        heading = QLabel(self.tr("Loket belum disiapkan"))
        heading.setObjectName("heading")
        heading.setStyleSheet("font-size: 18pt; font-weight: bold;")
        layout.addWidget(heading)
        self.details = QLabel(
            self.tr(
                "Jalankan 'spo-counter init' (lihat README) untuk menyiapkan loket ini, "
                "atau 'spo-counter --demo' untuk mencoba dengan data demo.\nFolder data: {0}"
            ).format(counter.store.data_dir)
        )
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.details)
        layout.addStretch(1)
