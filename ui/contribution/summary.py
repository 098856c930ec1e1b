"""The F3 page's running summary: the amount per program, the period covered and the total."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.domain.money import format_rupiah
from desktop.domain.terbilang import terbilang_rupiah
from ui.widgets import INFO_STYLE

MAX_ROWS = 5  # JKK, JKM, JHT, JP and JKP on a PU bill
Row = tuple[str, str, int]  # program, what it is ("Kecelakaan Kerja · Rp10.000 × 3 bulan"), amount
# lupdate finds these by the literal context name in each QT_TRANSLATE_NOOP call.
_CONTEXT = "programs"
_NAMES = {
    "JKK": QT_TRANSLATE_NOOP("programs", "Kecelakaan Kerja"),
    "JKM": QT_TRANSLATE_NOOP("programs", "Kematian"),
    "JHT": QT_TRANSLATE_NOOP("programs", "Hari Tua"),
    "JP": QT_TRANSLATE_NOOP("programs", "Pensiun"),
    "JKP": QT_TRANSLATE_NOOP("programs", "Kehilangan Pekerjaan"),
}


def program_name(code: str) -> str:
    """`Kecelakaan Kerja` for JKK: what the participant is paying for."""
    name = _NAMES.get(code)
    return code if name is None else QCoreApplication.translate(_CONTEXT, str(name))


def _plain(name: str, style: str = "") -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet(style)
    return label


class Breakdown(QFrame):
    """Redrawn as the teller types; says what is still missing while there is no total."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("breakdown")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#breakdown { background: #f7f9fc; border: 1px solid #c9d3e0; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 12)
        layout.setSpacing(6)
        title = QLabel(self.tr("Rincian pembayaran"))
        title.setStyleSheet("font-weight: bold;")
        layout.addWidget(title)
        self.message = _plain("breakdown_message", INFO_STYLE)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.table = QWidget()
        grid = QGridLayout(self.table)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(1, 1)
        self.rows: list[tuple[QLabel, QLabel, QLabel]] = []
        for index in range(MAX_ROWS):
            row = (
                _plain(f"line_{index}_program", "font-weight: bold;"),
                _plain(f"line_{index}_detail", INFO_STYLE),
                _plain(f"line_{index}_amount"),
            )
            row[2].setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for column, label in enumerate(row):
                grid.addWidget(label, index, column)
            self.rows.append(row)
        layout.addWidget(self.table)
        self.period = _plain("breakdown_period", INFO_STYLE)
        layout.addWidget(self.period)
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setStyleSheet("color: #c9d3e0;")
        layout.addWidget(rule)
        total_row = QHBoxLayout()
        total_label = QLabel(self.tr("Total"))
        total_label.setStyleSheet("font-size: 14pt;")
        self.total = _plain("total", "font-size: 22pt; font-weight: bold; color: #0d47a1;")
        self.total.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        total_row.addWidget(total_label)
        total_row.addWidget(self.total, 1)
        layout.addLayout(total_row)
        self.words = _plain("total_words", "font-style: italic; color: #555;")
        self.words.setWordWrap(True)
        layout.addWidget(self.words)
        # As tall as with every row: the tender below stays put while the lines come and go.
        self.show_lines([("JKK", "", 0)] * MAX_ROWS, "-", 0)
        self.setMinimumHeight(self.sizeHint().height())
        self.show_message("")

    def show_lines(self, rows: Sequence[Row], period: str, total: int) -> None:
        self.message.hide()
        self.table.show()
        for index, labels in enumerate(self.rows):
            if index < len(rows):
                program, detail, amount = rows[index]
                texts = (program, detail, format_rupiah(amount))
            else:
                texts = ("", "", "")
            for label, text in zip(labels, texts, strict=True):
                label.setText(text)
                label.setVisible(bool(texts[0]))
        self.period.setText(period)
        self.period.setVisible(bool(period))
        self.total.setText(format_rupiah(total))
        self.words.setText(terbilang_rupiah(total).capitalize())
        self.words.show()

    def show_message(self, text: str) -> None:
        """No total yet: say why (`Pilih tingkat penghasilan`); the lines and total go blank."""
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.table.hide()
        for labels in self.rows:
            for label in labels:
                label.clear()
                label.hide()
        self.period.clear()
        self.period.hide()
        self.total.setText("—")
        self.words.clear()
        self.words.hide()

    def lines(self) -> list[tuple[str, str, str]]:
        """The rows as shown: (program, detail, amount)."""
        return [
            (program.text(), detail.text(), amount.text())
            for program, detail, amount in self.rows
            if program.text()
        ]
