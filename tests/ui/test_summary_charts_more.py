"""The summary's charts as a supervisor sees them (F10): what each day's bar is painted as (money
in, money given back, a day of work without money), and what the mouse over a bar tells."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QColor, QHelpEvent, QImage
from PySide6.QtWidgets import QApplication, QToolTip, QWidget
from pytestqt.qtbot import QtBot

from desktop.counter import Counter
from desktop.services.auth import User
from desktop.services.contributions import pay_bpu
from desktop.services.registration import register_participant
from desktop.services.summary import DayPoint
from tests.services.conftest import bpu_payment, registration
from tests.ui.test_summary_page import SUMMARY_ROW, loaded, window_for
from ui.context import Context
from ui.operations import Changes
from ui.summary.charts import BAR, OUT_BAR, TODAY_BAR, TRACK, Bar, BarList, DaysChart

TODAY = date(2026, 11, 24)  # the test clock's business date (tests/helpers.py START)
# A tooltip is a window of its own, raised as it shows: the offscreen platform cannot raise one.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")


def painted(widget: QWidget) -> QImage:
    image = widget.grab().toImage()
    assert image.width() == widget.width()  # one image pixel per widget pixel
    return image


def rest_mouse(widget: QWidget, x: int, y: int) -> None:
    """The mouse rests at (x, y) long enough for a tooltip."""
    at = QPoint(x, y)
    QApplication.sendEvent(widget, QHelpEvent(QEvent.Type.ToolTip, at, widget.mapToGlobal(at)))


def hover(widget: QWidget, x: int, y: int) -> str:
    """The tooltip the mouse at (x, y) shows (shown at once, with its text)."""
    rest_mouse(widget, x, y)
    assert QToolTip.isVisible()
    return QToolTip.text()


def no_tooltip_at(qtbot: QtBot, widget: QWidget, x: int, y: int) -> None:
    """The mouse at (x, y): whatever tooltip was up goes (after Qt's short delay)."""
    rest_mouse(widget, x, y)
    qtbot.waitUntil(lambda: not QToolTip.isVisible())


def column_colours(image: QImage, x: int, top: int, bottom: int) -> set[str]:
    return {image.pixelColor(x, y).name() for y in range(top, bottom)}


def test_a_day_of_more_refunds_than_takings_hangs_red_below_the_line(qtbot: QtBot) -> None:
    chart = DaysChart()
    qtbot.addWidget(chart)
    chart.resize(400, 170)  # the plot: x 64-391, y 8-147 (the scale left, the dates below)
    points = (
        DayPoint(TODAY - timedelta(days=4), 3, 100_000),
        DayPoint(TODAY - timedelta(days=3), 2, -50_000),  # a refund bigger than the day's takings
        DayPoint(TODAY - timedelta(days=2), 4, 0),  # registrations only: work, no money
        DayPoint(TODAY - timedelta(days=1), 0, 0),  # nothing at all
        DayPoint(TODAY, 5, 150_000),
    )
    chart.set_points(points)
    image = painted(chart)
    step = (391 - 64 + 1) / 5
    middle = [int(64 + (i + 0.5) * step) for i in range(5)]
    # Rp150.000 is the top of the scale, -Rp50.000 the bottom: the zero line at 8 + 140 * 3/4
    baseline = 8 + 105
    above, below = range(8, baseline), range(baseline, 148)
    # money in: green above the line, today's blue; nothing of either under it
    assert image.pixelColor(middle[0], baseline - 10) == BAR
    assert image.pixelColor(middle[0], baseline - 70) == BAR  # Rp100.000: 2/3 of the height
    assert image.pixelColor(middle[4], 8) == TODAY_BAR  # today reaches the top
    assert BAR.name() not in column_colours(image, middle[0], below.start, below.stop)
    # money given back: red, under the line only, a quarter of the plot deep (Rp50.000)
    assert image.pixelColor(middle[1], baseline) == OUT_BAR
    assert image.pixelColor(middle[1], baseline + 34) == OUT_BAR
    assert OUT_BAR.name() not in column_colours(image, middle[1], above.start, above.stop)
    # a day of work without money: a green sliver of 2 pixels on the line, not nothing
    sliver = column_colours(image, middle[2], baseline - 2, baseline)
    assert sliver == {BAR.name()}
    assert BAR.name() not in column_colours(image, middle[2], 8, baseline - 2)
    # a day without a transaction: no bar at all
    colours = column_colours(image, middle[3], 8, 148)
    assert not colours & {BAR.name(), OUT_BAR.name(), TODAY_BAR.name()}


def test_the_mouse_on_a_day_tells_its_figures_and_off_the_bars_nothing(qtbot: QtBot) -> None:
    chart = DaysChart()
    qtbot.addWidget(chart)
    chart.resize(400, 170)
    chart.set_points(
        (DayPoint(TODAY - timedelta(days=1), 2, -26_800), DayPoint(TODAY, 12, 1_250_400))
    )
    chart.show()
    qtbot.waitExposed(chart)
    assert hover(chart, 100, 60) == "23/11/2026: 2 transaksi, bersih -Rp26.800"
    assert hover(chart, 300, 140) == "24/11/2026: 12 transaksi, bersih Rp1.250.400"
    # on the scale's figures, left of every bar: the tooltip goes
    no_tooltip_at(qtbot, chart, 20, 60)


def test_the_mouse_on_a_listed_bar_or_its_note_tells_that_bar(qtbot: QtBot) -> None:
    bars = BarList("tenders")
    qtbot.addWidget(bars)
    bars.resize(480, 100)
    cash = Bar(
        "Tunai",
        50_400,
        "2 · Rp50.400",
        note="batal 1: Rp16.800",
        tooltip="Tunai\nTransaksi: 2\nBersih: Rp50.400",
    )
    debit = Bar("Debit rekening", 16_800, "1 · Rp16.800")  # no tooltip of its own
    bars.set_bars((cash, debit))
    assert bars.sizeHint().height() == 22 + 14 + 22  # the note under the first bar takes a line
    bars.show()
    qtbot.waitExposed(bars)
    image = painted(bars)
    track = 190  # the labels' column: min(190, 480 * 2/5)
    assert image.pixelColor(track + 2, 11) == BAR  # the longest bar, full length
    assert image.pixelColor(track + 2, 36 + 11) == BAR
    assert image.pixelColor(track + 60, 36 + 11) == QColor(TRACK)  # a third as long
    assert hover(bars, 10, 10) == cash.tooltip
    assert hover(bars, 400, 30) == cash.tooltip  # on the grey note under it
    no_tooltip_at(qtbot, bars, 10, 45)  # the debit row tells nothing more
    assert hover(bars, 400, 30) == cash.tooltip
    no_tooltip_at(qtbot, bars, 10, 70)  # under the last row


def test_on_the_page_todays_registration_is_a_sliver_and_the_mouse_tells_the_day(
    qtbot: QtBot, ctx: Context, counter: Counter, supervisor: User, teller: User
) -> None:
    window = window_for(qtbot, ctx, supervisor)
    window.resize(1200, 800)
    window.show_page(SUMMARY_ROW)
    page = window.summary
    loaded(qtbot, page)
    register_participant(counter, teller, registration(agent_code="PRS-101"))
    ctx.changes.notify(Changes(transactions=True), None)
    qtbot.waitUntil(lambda: page.today_tile.line.text() == "1 transaksi")
    chart = page.chart
    qtbot.waitUntil(lambda: chart.points[-1].transactions == 1)
    assert chart.points[-1].net == 0
    # today's bar: a blue sliver on the line, though no money came in
    image = painted(chart)
    today = chart._bar(len(chart.points) - 1)
    baseline = chart._plot().bottom() + 1  # nothing below zero: the line at the plot's bottom
    x = today.center().x()
    assert column_colours(image, x, baseline - 2, baseline) == {TODAY_BAR.name()}
    assert TODAY_BAR.name() not in column_colours(image, x, chart._plot().top(), baseline - 2)
    # the mouse on it tells the day's figures; on the day before, an empty day
    y = chart.height() // 2
    assert hover(chart, x, y) == "24/11/2026: 1 transaksi, bersih Rp0"
    yesterday = chart._bar(len(chart.points) - 2).center().x()
    assert hover(chart, yesterday, y) == "23/11/2026: 0 transaksi, bersih Rp0"
    # a payment: the agents' list tells the agent's figures under the mouse
    pay_bpu(counter, teller, bpu_payment(months=3, cash_given=50_400, agent_code="PRS-101"))
    ctx.changes.notify(Changes(transactions=True), None)
    qtbot.waitUntil(lambda: page.today_tile.figure.text() == "Rp50.400")
    qtbot.waitUntil(lambda: bool(page.agents.bars))
    agents = page.agents
    assert hover(agents, 5, 5) == (
        "PRS-101 · Sri Mulyani · Yayasan Karya Sejahtera: 1 peserta baru, 1 pembayaran iuran, "
        "terkumpul Rp50.400"
    )
