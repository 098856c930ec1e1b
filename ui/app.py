"""Starts the window: for now a start screen that shows the counter and, on a demo, its users."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.paths import data_dir as default_data_dir
from desktop.services.counter import Counter
from desktop.services.demo import DEMO_USERS, make_demo
from desktop.services.info import counter_info
from desktop.store.store import Store

DEMO_START_TRANSACTIONS = 300


class StartWindow(QMainWindow):
    """Placeholder until the teller's screens land: what counter this is and who may log in."""

    def __init__(self, counter: Counter, *, demo: bool) -> None:
        super().__init__()
        self.setWindowTitle("SPO Counter")
        self.resize(720, 420)
        layout = QVBoxLayout()
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        central = QWidget()
        central.setLayout(layout)
        self.setCentralWidget(central)
        heading = QLabel()
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setObjectName("heading")
        heading.setStyleSheet("font-size: 18pt; font-weight: bold;")
        layout.addWidget(heading)
        self.details = QLabel()
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setWordWrap(True)
        layout.addWidget(self.details)
        if not counter.is_set_up():
            heading.setText("Loket belum disiapkan")
            self.details.setText(
                "Jalankan 'spo-counter init' (lihat README) untuk menyiapkan loket ini, "
                "atau 'spo-counter --demo' untuk mencoba dengan data demo.\n"
                f"Folder data: {counter.store.data_dir}"
            )
            return
        info = counter_info(counter)
        self.setWindowTitle(f"SPO Counter — {info.profile.counter_code}")
        heading.setText(f"{info.profile.branch_name} · Loket {info.profile.counter_no:02d}")
        records = info.records
        self.details.setText(
            f"Kode loket: {info.profile.counter_code}\n"
            f"Transaksi: {records['registration']} pendaftaran, {records['contribution']} iuran, "
            f"{records['claim_handover']} berkas klaim, {records['void']} pembatalan\n"
            f"Menunggu unggah: {info.pending_upload}\n"
            "Layar kasir (pendaftaran, iuran, klaim, jurnal) sedang dibangun."
        )
        if demo:
            layout.addWidget(QLabel("Pengguna demo:"))
            self.users = QTableWidget(len(DEMO_USERS), 3)
            self.users.setHorizontalHeaderLabels(["ID pengguna", "PIN", "Peran"])
            for row, user in enumerate(DEMO_USERS):
                for col, text in enumerate((user.id, user.pin, user.role.value)):
                    self.users.setItem(row, col, QTableWidgetItem(text))
            self.users.verticalHeader().hide()
            self.users.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
            self.users.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.users.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
            header = self.users.horizontalHeader()
            header.setStretchLastSection(True)
            self.users.resizeColumnsToContents()
            self.users.setFixedHeight(
                header.height() + sum(self.users.rowHeight(r) for r in range(len(DEMO_USERS))) + 4
            )
            layout.addWidget(self.users)
        layout.addStretch(1)


def open_counter(data_dir: str | Path | None, *, demo: bool) -> Counter:
    folder = default_data_dir(data_dir)
    if demo and data_dir is None:
        folder = folder / "demo"  # a demo never mixes with the real counter's data
    store = Store(folder)
    if demo and not Counter(store).is_set_up():
        make_demo(store, transactions=DEMO_START_TRANSACTIONS)
    return Counter(store)


def run(
    *,
    data_dir: str | Path | None,
    demo: bool,
    lang: str,
    exit_after_startup_from: float | None = None,
) -> int:
    """Show the window and run until it closes.

    With `exit_after_startup_from` (a perf_counter reading taken at launch), print how many
    milliseconds it took until the window was shown, and quit.
    """
    app = QApplication.instance() or QApplication(sys.argv)
    counter = open_counter(data_dir, demo=demo)
    window = StartWindow(counter, demo=demo)
    window.show()
    if exit_after_startup_from is not None:
        started = exit_after_startup_from

        def report_and_quit() -> None:
            print(f"{(time.perf_counter() - started) * 1000:.0f}", flush=True)
            app.quit()

        QTimer.singleShot(0, report_and_quit)
    try:
        return int(app.exec())
    finally:
        counter.store.close()
