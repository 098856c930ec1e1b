"""The supervisor's summary page (F10): the figures on an empty store and on a big one, read
again after a capture, and nowhere to be seen in a teller's window."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.counter import Counter
from desktop.services.auth import User
from desktop.services.contributions import pay_bpu
from desktop.services.registration import register_participant
from desktop.services.summary import counter_summary
from tests.services.conftest import bpu_payment, registration
from tests.store.summary_support import bulk_fill
from tests.ui.conftest import press
from ui.context import Context
from ui.operations import Changes
from ui.summary.charts import nice_ceiling, short_rupiah
from ui.summary.page import SummaryPage
from ui.window.main_window import MainWindow
from ui.window.pages import PAGES

SUMMARY_ROW = [spec.key for spec in PAGES].index("summary")


def window_for(qtbot: QtBot, ctx: Context, user: User) -> MainWindow:
    window = MainWindow(ctx, user)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def loaded(qtbot: QtBot, page: SummaryPage) -> None:
    qtbot.waitUntil(lambda: page.summary is not None and not page._loading)


def test_f10_shows_a_supervisor_the_empty_stores_summary(
    qtbot: QtBot, ctx: Context, supervisor: User
) -> None:
    window = window_for(qtbot, ctx, supervisor)
    assert not window.nav.item(SUMMARY_ROW).isHidden()
    press(qtbot, Qt.Key.Key_F10)
    assert window.current_page == "summary"
    page = window.summary
    loaded(qtbot, page)
    assert page.today_tile.figure.text() == "Rp0"
    assert page.today_tile.line.text() == "0 transaksi"
    assert page.month_tile.figure.text() == "Rp0"
    assert page.backlog_tile.figure.text() == "0"
    assert page.backlog_tile.line.text() == "Semua sudah terkirim."
    assert page.refused_tile.figure.text() == "0"
    assert page.as_of.text() == "per 24/11/2026 10:00 WIB"
    assert len(page.chart.points) == 30
    assert all(p.net == 0 for p in page.chart.points)
    assert page.today_view.kinds.bars == page.agents.bars == ()
    assert not page.error.isVisible()
    # painted without a fault, the empty lists saying so
    assert not page.grab().isNull()
    # by keys: Alt+B the month's lists, Alt+H today's again, Ctrl+R reads again
    press(qtbot, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    assert page.periods.currentWidget() is page.month_view
    press(qtbot, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)
    assert page.periods.currentWidget() is page.today_view
    page.summary = None
    press(qtbot, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    loaded(qtbot, page)


def test_a_teller_has_no_summary_page_nor_its_key(qtbot: QtBot, ctx: Context, teller: User) -> None:
    window = window_for(qtbot, ctx, teller)
    assert window.nav.item(SUMMARY_ROW).isHidden()
    press(qtbot, Qt.Key.Key_F10)
    assert window.current_page == "registration"
    # and were it shown anyway, it says whose page it is, showing no figure
    window.pages.setCurrentIndex(SUMMARY_ROW)
    qtbot.waitUntil(window.summary.error.isVisible)
    assert "Hanya supervisor" in window.summary.error.text()
    assert window.summary.summary is None


def test_the_page_reads_again_after_a_capture(
    qtbot: QtBot, ctx: Context, counter: Counter, supervisor: User, teller: User
) -> None:
    window = window_for(qtbot, ctx, supervisor)
    window.show_page(SUMMARY_ROW)
    page = window.summary
    loaded(qtbot, page)
    register_participant(counter, teller, registration(agent_code="PRS-101"))
    pay_bpu(counter, teller, bpu_payment(months=3, cash_given=50_400))
    ctx.changes.notify(Changes(transactions=True), None)  # as another screen's capture tells
    qtbot.waitUntil(lambda: page.today_tile.figure.text() == "Rp50.400")
    assert page.today_tile.line.text() == "2 transaksi"
    assert page.backlog_tile.figure.text() == "2"
    assert page.backlog_tile.line.text() == "tertua: 24/11/2026 10:00"
    kinds = [(b.label, b.text) for b in page.today_view.kinds.bars]
    assert kinds == [("Pendaftaran BPU", "1"), ("Iuran BPU", "1 · Rp50.400")]
    assert [(b.label, b.text) for b in page.today_view.programs.bars] == [
        ("JKK", "Rp30.000"),
        ("JKM", "Rp20.400"),
    ]
    assert [(b.label, b.text) for b in page.today_view.tenders.bars] == [("Tunai", "1 · Rp50.400")]
    assert [b.label for b in page.today_view.tellers.bars] == ["Dewi Lestari (teller01)"]
    assert [(b.label, b.text) for b in page.agents.bars] == [
        ("PRS-101 · Sri Mulyani", "1 peserta baru")
    ]
    assert page.chart.points[-1].net == 50_400


@pytest.fixture
def big_counter(data_dir: Path) -> Path:
    bulk_fill(data_dir, 20_000, date(2026, 11, 24), days=60)
    return data_dir


def test_the_page_on_a_store_of_twenty_thousand_transactions(
    qtbot: QtBot, big_counter: Path, ctx: Context, counter: Counter, supervisor: User
) -> None:
    # `counter` is opened on the filled folder: the fixture fills it before the store opens
    assert counter.store.data_dir == big_counter
    window = window_for(qtbot, ctx, supervisor)
    window.resize(1200, 740)
    window.show_page(SUMMARY_ROW)
    page = window.summary
    loaded(qtbot, page)
    expected = counter_summary(counter, supervisor)
    assert page.summary == expected
    assert expected.month.transactions > 7_000
    month = f"{expected.month.transactions:,}".replace(",", ".")  # 7.976: dots between thousands
    assert page.month_tile.line.text().startswith(f"{month} transaksi")
    assert page.today_tile.figure.text() == f"Rp{expected.today.net:,}".replace(",", ".")
    assert int(page.backlog_tile.figure.text().replace(".", "")) == expected.backlog.pending > 0
    backlog = expected.backlog
    # bulk_fill quarantines only the payments it refunds: all refused, all settled
    assert 0 < backlog.refunded == backlog.quarantined
    refused = page.refused_tile
    assert refused.figure.text() == "0"
    settled = f"{backlog.refunded:,}".replace(",", ".")
    assert refused.line.text() == f"{settled} sudah dikembalikan"
    assert len(page.agents.bars) == 10  # the ten who collected most
    collected = [a.collected for a in expected.agents]
    assert collected == sorted(collected, reverse=True)
    assert sum(p.transactions for p in page.chart.points) == sum(
        p.transactions for p in expected.days
    )
    assert sum(1 for p in page.chart.points if p.transactions) == 30  # 60 days filled
    assert not page.grab().isNull()


def test_the_charts_scale_reads_in_round_rupiah() -> None:
    assert [nice_ceiling(v) for v in (0, 7, 10_600_000, 1_150_000_000, 20_000_000)] == [
        1,
        8,
        12_000_000,
        1_200_000_000,
        20_000_000,
    ]
    assert [short_rupiah(v) for v in (0, 950, 350_000, 1_500_000, 600_000_000)] == [
        "Rp0",
        "Rp950",
        "Rp350 rb",
        "Rp1,5 jt",
        "Rp600 jt",
    ]
    assert short_rupiah(1_200_000_000) == "Rp1,2 M"
    assert short_rupiah(-26_800) == "-Rp26 rb"
