"""Counting the cash drawer by denomination: one field per note and coin, the total kept live.

Used for the blind count at the close and for the opening float. The denominations come from the
core (`desktop.domain.cash`), notes in one column, coins in the other; only pieces are typed, so a
count can never hold a denomination that does not exist.
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.cash import COINS, DENOMINATIONS, MAX_PIECES, NOTES, CashCount, Denomination
from desktop.domain.cash import cash_count as make_cash_count
from desktop.domain.money import format_rupiah
from ui.enter import EnterChain
from ui.widgets import INFO_STYLE

TOTAL_STYLE = "font-size: 14pt; font-weight: bold;"


class PiecesBox(QSpinBox):
    """How many pieces of one denomination: digits only, no arrows."""

    def __init__(self, denomination: Denomination, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.denomination = denomination
        self.setObjectName(f"pieces_{denomination.code}")
        self.setRange(0, MAX_PIECES)
        self.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.setFixedWidth(84)
        self.setAccessibleName(denomination.label)


def denomination_text(denomination: Denomination) -> str:
    """ "Rp100.000": the column says whether it is a note or a coin."""
    return format_rupiah(denomination.value)


class CashCountForm(QWidget):
    """The count, live: `changed(total)` as pieces are typed; `submitted` on Enter in the last
    field (Enter in any other moves to the next, like Tab: the one Enter rule)."""

    changed = Signal(int)
    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cash_count")
        self.boxes: dict[str, PiecesBox] = {}
        self.subtotals: dict[str, QLabel] = {}
        columns = QHBoxLayout()
        columns.setContentsMargins(0, 0, 0, 0)
        columns.setSpacing(28)
        for title, group in ((self.tr("Uang kertas"), NOTES), (self.tr("Uang logam"), COINS)):
            grid = QGridLayout()
            grid.setHorizontalSpacing(10)
            grid.setVerticalSpacing(4)
            heading = QLabel(title)
            heading.setStyleSheet("font-weight: bold;")
            grid.addWidget(heading, 0, 0, 1, 4)
            for row, denomination in enumerate(group, start=1):
                box = PiecesBox(denomination)
                label = QLabel(denomination_text(denomination))
                label.setBuddy(box)
                label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                label.setMinimumWidth(76)
                times = QLabel("×")
                times.setStyleSheet(INFO_STYLE)
                subtotal = QLabel(format_rupiah(0))
                subtotal.setObjectName(f"subtotal_{denomination.code}")
                subtotal.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                subtotal.setMinimumWidth(104)
                subtotal.setStyleSheet(INFO_STYLE)
                grid.addWidget(label, row, 0)
                grid.addWidget(times, row, 1)
                grid.addWidget(box, row, 2)
                grid.addWidget(subtotal, row, 3)
                self.boxes[denomination.code] = box
                self.subtotals[denomination.code] = subtotal
                box.valueChanged.connect(self._update)
            grid.setRowStretch(len(group) + 1, 1)
            columns.addLayout(grid)
        columns.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(columns)
        total_row = QHBoxLayout()
        total_label = QLabel(self.tr("Jumlah dihitung:"))
        total_label.setStyleSheet(TOTAL_STYLE)
        self.total = QLabel(format_rupiah(0))
        self.total.setObjectName("counted_total")
        self.total.setStyleSheet(TOTAL_STYLE)
        total_row.addWidget(total_label)
        total_row.addWidget(self.total)
        total_row.addStretch(1)
        outer.addLayout(total_row)

        order = [self.boxes[d.code] for d in DENOMINATIONS]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)
        self.enter_chain = EnterChain(self, lambda: order, self.submitted.emit)
        self.setFocusProxy(order[0])

    @property
    def first(self) -> PiecesBox:
        return self.boxes[DENOMINATIONS[0].code]

    @property
    def last(self) -> PiecesBox:
        return self.boxes[DENOMINATIONS[-1].code]

    def pieces(self) -> dict[str, int]:
        return {code: box.value() for code, box in self.boxes.items()}

    def total_value(self) -> int:
        return sum(d.value * self.boxes[d.code].value() for d in DENOMINATIONS)

    def cash_count(self) -> CashCount:
        """The count as typed: the denominations counted, or Rp100.000 = 0 for an empty drawer."""
        counted: dict[Denomination | str, int] = {code: n for code, n in self.pieces().items() if n}
        return make_cash_count(counted or {NOTES[0].code: 0})

    def set_pieces(self, pieces: dict[str, int]) -> None:
        for code, box in self.boxes.items():
            box.setValue(pieces.get(code, 0))

    def clear(self) -> None:
        self.set_pieces({})
        self.first.setFocus()
        self.first.selectAll()

    def set_enabled(self, enabled: bool) -> None:
        for box in self.boxes.values():
            box.setReadOnly(not enabled)

    def _update(self) -> None:
        for denomination in DENOMINATIONS:
            pieces = self.boxes[denomination.code].value()
            self.subtotals[denomination.code].setText(format_rupiah(denomination.value * pieces))
        total = self.total_value()
        self.total.setText(format_rupiah(total))
        self.changed.emit(total)
