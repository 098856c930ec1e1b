"""The summary's pictures, painted with QPainter: the last 30 days as bars, and lists of figures as
labelled bars. (QtCharts would add a Qt module the bundle leaves out: installer/build_info.py.)"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QHelpEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from desktop.domain.money import format_rupiah
from desktop.services.summary import DayPoint

BAR = QColor("#2e7d32")
TODAY_BAR = QColor("#1565c0")
OUT_BAR = QColor("#c62828")  # money given back (a day of more refunds than takings)
AGENT_BAR = QColor("#6a1b9a")
TRACK = QColor("#eceff1")
GRID = QColor("#cfd8dc")


def _tr(text: str) -> str:
    return QCoreApplication.translate("summary", text)


def short_rupiah(amount: int) -> str:
    """A figure for an axis or a bar's end: Rp1,2 jt, Rp350 rb, Rp0."""
    sign = "-" if amount < 0 else ""
    value = abs(amount)
    if value >= 1_000_000_000:
        text = f"{value / 1_000_000_000:.1f}".rstrip("0").rstrip(".") + _tr(" M")
    elif value >= 1_000_000:
        text = f"{value / 1_000_000:.1f}".rstrip("0").rstrip(".") + _tr(" jt")
    elif value >= 1_000:
        text = f"{value // 1_000}" + _tr(" rb")
    else:
        text = str(value)
    return f"{sign}Rp{text.replace('.', ',')}"


def nice_ceiling(value: int) -> int:
    """The scale's top: a round figure (1, 1,2, 1,5, 2 ... 8 times a power of ten), at least
    `value` (and 1)."""
    if value <= 0:
        return 1
    power = 1
    while power * 10 <= value:
        power *= 10
    for step in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if value <= step * power:
            return int(step * power)
    return 10 * power  # pragma: no cover - the loop's last step always holds


class DaysChart(QWidget):
    """Net money per business day, today's bar in blue; the tooltip tells a day's figures."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("summary_days")
        self.points: tuple[DayPoint, ...] = ()
        self.setMinimumHeight(150)
        self.setMaximumHeight(220)  # beside ten agents it would grow and push the lists down
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMouseTracking(True)
        self.setAccessibleName(_tr("Uang bersih 30 hari terakhir"))

    def set_points(self, points: tuple[DayPoint, ...]) -> None:
        self.points = points
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(600, 170)

    def _plot(self) -> QRect:
        return self.rect().adjusted(64, 8, -8, -22)

    def _bar(self, index: int) -> QRect:
        plot = self._plot()
        step = plot.width() / max(len(self.points), 1)
        left = plot.left() + int(index * step)
        return QRect(left + 2, plot.top(), max(int(step) - 4, 2), plot.height())

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        plot = self._plot()
        text = self.palette().color(QPalette.ColorRole.PlaceholderText)
        high = max((p.net for p in self.points), default=0)
        low = min((p.net for p in self.points), default=0)
        top = nice_ceiling(high)
        span = top - min(low, 0)
        baseline = plot.top() + int(plot.height() * top / span)
        small = QFont(self.font())
        small.setPointSizeF(small.pointSizeF() * 0.85)
        painter.setFont(small)
        # the scale: nothing, the highest day, and half of it
        for value in (0, top // 2, top) if high > 0 else (0,):
            y = baseline - int((baseline - plot.top()) * value / top)
            painter.setPen(GRID)
            painter.drawLine(plot.left(), y, plot.right(), y)
            painter.setPen(text)
            painter.drawText(
                QRect(0, y - 8, plot.left() - 6, 16),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                short_rupiah(value),
            )
        last = len(self.points) - 1
        for index, point in enumerate(self.points):
            bar = self._bar(index)
            height = int(plot.height() * abs(point.net) / span) if span else 0
            if point.net >= 0:
                shape = QRect(bar.left(), baseline - height, bar.width(), height)
            else:
                shape = QRect(bar.left(), baseline, bar.width(), height)
            color = OUT_BAR if point.net < 0 else TODAY_BAR if index == last else BAR
            if point.transactions and height < 2:  # a day of work without money: a sliver
                shape = QRect(bar.left(), baseline - 2, bar.width(), 2)
            painter.fillRect(shape, color)
            if index % 5 == last % 5:  # every fifth day, ending today
                painter.setPen(text)
                painter.drawText(
                    QRect(bar.center().x() - 30, plot.bottom() + 4, 60, 16),
                    Qt.AlignmentFlag.AlignCenter,
                    f"{point.day:%d/%m}",
                )
        painter.end()

    def point_at(self, position: QPoint) -> DayPoint | None:
        for index, point in enumerate(self.points):
            bar = self._bar(index)
            if bar.left() - 2 <= position.x() <= bar.right() + 2:
                return point
        return None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            point = self.point_at(event.pos())
            if point is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(
                    event.globalPos(),
                    _tr("{0}: {1} transaksi, bersih {2}").format(
                        f"{point.day:%d/%m/%Y}", point.transactions, format_rupiah(point.net)
                    ),
                    self,
                )
            return True
        return super().event(event)


@dataclass(frozen=True)
class Bar:
    label: str
    value: int  # what the bar's length shows (money or a count)
    text: str  # the figures at the bar's right: "3 · Rp50.400"
    note: str = ""  # voided or given back, in grey under it
    tooltip: str = ""


class BarList(QWidget):
    """Rows of a label, a bar as long as its share of the longest, and its figures."""

    ROW = 22
    NOTE = 14

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.bars: tuple[Bar, ...] = ()
        self.empty_text = _tr("Belum ada.")
        self.color = BAR
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_bars(self, bars: tuple[Bar, ...]) -> None:
        self.bars = bars
        self.updateGeometry()
        self.update()

    def _heights(self) -> list[int]:
        return [self.ROW + (self.NOTE if bar.note else 0) for bar in self.bars]

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(320, max(sum(self._heights()), self.ROW))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self.sizeHint()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        grey = self.palette().color(QPalette.ColorRole.PlaceholderText)
        if not self.bars:
            painter.setPen(grey)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignLeft, self.empty_text)
            painter.end()
            return
        width = self.width()
        label_width = min(190, width * 2 // 5)
        figures_width = min(160, width // 3)
        track_width = max(width - label_width - figures_width - 12, 10)
        longest = max((abs(bar.value) for bar in self.bars), default=0) or 1
        small = QFont(self.font())
        small.setPointSizeF(small.pointSizeF() * 0.85)
        y = 0
        align_left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        align_right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for bar, height in zip(self.bars, self._heights(), strict=True):
            painter.setFont(self.font())
            painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
            metrics = painter.fontMetrics()
            label = metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, label_width - 4)
            painter.drawText(QRect(0, y, label_width, self.ROW), align_left, label)
            track = QRect(label_width, y + 5, track_width, self.ROW - 10)
            painter.fillRect(track, TRACK)
            length = int(track_width * abs(bar.value) / longest)
            if length:
                color = OUT_BAR if bar.value < 0 else self.color
                painter.fillRect(QRect(track.left(), track.top(), length, track.height()), color)
            painter.drawText(
                QRect(width - figures_width, y, figures_width, self.ROW), align_right, bar.text
            )
            if bar.note:
                painter.setFont(small)
                painter.setPen(grey)
                painter.drawText(
                    QRect(0, y + self.ROW - 4, width, self.NOTE),
                    align_right,
                    bar.note,
                )
            y += height
        painter.end()

    def bar_at(self, position: QPoint) -> Bar | None:
        y = 0
        for bar, height in zip(self.bars, self._heights(), strict=True):
            if y <= position.y() < y + height:
                return bar
            y += height
        return None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            bar = self.bar_at(event.pos())
            if bar is None or not bar.tooltip:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), bar.tooltip, self)
            return True
        return super().event(event)
