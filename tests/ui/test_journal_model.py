"""The journal model: passes qtmodeltester, fetches pages on the worker, refreshes in place."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
import sqlalchemy as sa
from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QThread
from PySide6.QtGui import QColor, QFont
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

import ui.journal.model as journal_model
from desktop.counter import Counter
from desktop.services.auth import User
from desktop.services.contributions import pay_bpu
from desktop.services.journal_query import JournalQuery
from desktop.services.voids import write_void
from tests.conftest import FakeClock
from tests.services.conftest import bpu_payment
from tests.services.test_journal_query import SPV, Day, populate
from ui.context import Context
from ui.journal.model import (
    AMOUNT,
    IDS,
    KIND,
    NAME,
    PRINTED,
    RECEIPT,
    STATUS,
    TENDER,
    TIME,
    UPLOAD,
    JournalModel,
)

TODAY = date(2026, 11, 24)
ROOT = QModelIndex()


@pytest.fixture
def day(counter: Counter, clock: FakeClock, teller: User) -> Day:
    return populate(counter, clock, teller)


def loaded(qtbot: QtBot, model: JournalModel, rows: int) -> None:
    qtbot.waitUntil(lambda: model.rowCount() == rows and not model.loading)


def counted(qtbot: QtBot, model: JournalModel, count: int) -> None:
    qtbot.waitUntil(lambda: model.count_final and model.count == count)


def text(model: JournalModel, row: int, column: int) -> Any:
    return model.data(model.index(row, column))


def test_the_model_passes_qtmodeltester_through_every_page(
    qtbot: QtBot, qtmodeltester: ModelTester, ctx: Context, day: Day
) -> None:
    model = JournalModel(ctx.counter, ctx.tasks, page_size=2)
    qtmodeltester.check(model)  # stays attached: every insert and change below is checked too
    model.reload()
    loaded(qtbot, model, 2)
    qtmodeltester.check(model)
    assert model.canFetchMore(ROOT)
    model.fetchMore(ROOT)
    loaded(qtbot, model, 4)
    qtmodeltester.check(model)
    while model.canFetchMore(ROOT):
        model.fetchMore(ROOT)
        qtbot.waitUntil(lambda: not model.loading)
    assert model.rowCount() == 6
    qtmodeltester.check(model)
    model.set_search("joko")
    loaded(qtbot, model, 2)
    qtmodeltester.check(model)


def test_rows_read_as_a_teller_reads_them(qtbot: QtBot, ctx: Context, day: Day) -> None:
    model = JournalModel(ctx.counter, ctx.tasks)
    model.reload()
    loaded(qtbot, model, 6)
    columns = (TIME, RECEIPT, KIND, NAME, IDS, AMOUNT, TENDER, STATUS, UPLOAD)
    table = [[text(model, row, column) for column in columns] for row in range(6)]
    assert table == [
        ["10:00", day.joko.receipt_no, "Pendaftaran", "Joko Susanto",
         "KPJ 11122233344",
         "—", "", "Sah", "Menunggu"],
        ["10:05", day.joko_paid.receipt_no, "Iuran BPU", "Joko Susanto",
         "KPJ 11122233344",
         "Rp50.400", "Tunai", "Dibatalkan (0000006)", "Menunggu"],
        ["10:10", day.employer.receipt_no, "Iuran PU", "PT Maju Jaya Abadi", "NPP 12345678",
         "Rp924.000", "Debit · ref APV123456", "Sah", "Menunggu"],
        ["10:15", day.claim.receipt_no, "Klaim JHT", "Ratna Handayani",
         "KPJ 12345678901",
         "—", "", "Sah", "Menunggu"],
        ["10:20", day.siti.receipt_no, "Pendaftaran", "Siti Aminah", "3173••••••••0003",
         "—", "", "Sah", "Menunggu"],
        ["10:25", day.void.receipt_no, "Pembatalan", "Joko Susanto",
         "KPJ 11122233344",
         "-Rp50.400", "Tunai", "Membatalkan 0000002", "Menunggu"],
    ]  # fmt: skip
    voided = model.index(1, NAME)
    assert model.data(voided, Qt.ItemDataRole.ForegroundRole) == QColor("#8a8a8a")
    font = model.data(voided, Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont)
    assert font.strikeOut()
    assert model.data(model.index(1, STATUS), Qt.ItemDataRole.FontRole) is None
    assert model.data(model.index(0, NAME), Qt.ItemDataRole.FontRole) is None
    assert model.data(model.index(1, STATUS), Qt.ItemDataRole.ToolTipRole) == (
        f"Dibatalkan dengan {day.void.receipt_no}"
    )
    assert model.data(model.index(0, IDS), Qt.ItemDataRole.ToolTipRole) == (
        "NIK 3171••••••••0002 · KPJ 11122233344"
    )
    assert model.headerData(KIND, Qt.Orientation.Horizontal) == "Jenis"
    assert model.headerData(PRINTED, Qt.Orientation.Horizontal) == "Dicetak"
    assert [text(model, row, PRINTED) for row in range(6)] == ["Belum"] * 6
    counted(qtbot, model, 6)


def test_every_query_runs_on_the_worker_never_on_the_gui_thread(
    qtbot: QtBot, ctx: Context, day: Day, monkeypatch: pytest.MonkeyPatch
) -> None:
    gui = QCoreApplication.instance()
    assert gui is not None
    threads: list[bool] = []

    def on_worker(fn: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            threads.append(QThread.currentThread() is not gui.thread())
            return fn(*args, **kwargs)

        return call

    for name in ("journal_page", "count_matches", "row_statuses"):
        monkeypatch.setattr(journal_model, name, on_worker(getattr(journal_model, name)))
    model = JournalModel(ctx.counter, ctx.tasks, page_size=2)
    model.reload()
    loaded(qtbot, model, 2)
    model.fetchMore(ROOT)
    loaded(qtbot, model, 4)
    model.refresh()
    counted(qtbot, model, 6)
    model.set_search("Joko")
    counted(qtbot, model, 3)
    assert len(threads) >= 6
    assert all(threads)


def test_a_name_search_fills_its_page_window_by_window_by_itself(
    qtbot: QtBot, ctx: Context, day: Day
) -> None:
    model = JournalModel(ctx.counter, ctx.tasks, window=1)
    model.set_search("joko")
    loaded(qtbot, model, 3)  # six windows of one receipt: no view asked for more
    assert not model.canFetchMore(ROOT)
    counted(qtbot, model, 3)
    assert model.searching


def test_a_search_that_read_the_whole_day_is_counted_from_its_rows(
    qtbot: QtBot, ctx: Context, day: Day, monkeypatch: pytest.MonkeyPatch
) -> None:
    counts: list[object] = []
    original = journal_model.count_matches

    def count_matches(*args: Any, **kwargs: Any) -> Any:
        counts.append(args[1])
        return original(*args, **kwargs)

    monkeypatch.setattr(journal_model, "count_matches", count_matches)
    model = JournalModel(ctx.counter, ctx.tasks, window=2)
    model.set_search("siti")
    counted(qtbot, model, 1)
    assert counts == []  # the day was read once, to fill the page
    model.set_search("")  # a full page before the end of the day: the rest is counted
    model_with_pages = JournalModel(ctx.counter, ctx.tasks, page_size=4)
    model_with_pages.reload()
    counted(qtbot, model_with_pages, 6)
    assert model_with_pages.rowCount() == 4
    assert len(counts) == 1


def test_a_newer_search_wins_over_one_still_on_its_way(
    qtbot: QtBot, ctx: Context, day: Day
) -> None:
    model = JournalModel(ctx.counter, ctx.tasks)
    model.set_search("joko")
    model.set_search("siti")
    counted(qtbot, model, 1)
    loaded(qtbot, model, 1)
    assert text(model, 0, NAME) == "Siti Aminah"


def test_refresh_adds_new_captures_and_marks_voids_without_a_reset(
    qtbot: QtBot, ctx: Context, day: Day, counter: Counter, teller: User
) -> None:
    model = JournalModel(ctx.counter, ctx.tasks)
    model.reload()
    loaded(qtbot, model, 6)
    counted(qtbot, model, 6)
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    paid = pay_bpu(counter, teller, bpu_payment(participant="3173015203920003"))
    void = write_void(counter, teller, SPV, day.employer.receipt_no, "Salah input kode")
    with counter.store.write() as connection:
        connection.execute(sa.text("UPDATE outbox SET status = 'sent' WHERE seq = 1"))
    with qtbot.waitSignal(model.dataChanged):
        model.refresh()
    loaded(qtbot, model, 8)
    counted(qtbot, model, 8)
    assert text(model, 6, RECEIPT) == paid.receipt_no
    assert text(model, 7, RECEIPT) == void.receipt_no
    qtbot.waitUntil(lambda: text(model, 2, STATUS) == "Dibatalkan (0000008)")
    qtbot.waitUntil(lambda: text(model, 0, UPLOAD) == "Terkirim")
    assert resets == []


def test_the_list_moves_on_to_the_next_business_day(
    qtbot: QtBot, ctx: Context, day: Day, clock: FakeClock
) -> None:
    model = JournalModel(ctx.counter, ctx.tasks)
    model.reload()
    loaded(qtbot, model, 6)
    clock.advance(days=1)
    model.refresh()
    counted(qtbot, model, 0)
    assert model.query.day == date(2026, 11, 25)
    assert model.rowCount() == 0


def test_another_day_stays_put_when_asked_for(
    qtbot: QtBot, ctx: Context, day: Day, clock: FakeClock
) -> None:
    clock.advance(days=1)
    model = JournalModel(ctx.counter, ctx.tasks)
    model.reload()
    counted(qtbot, model, 0)
    model.set_day(TODAY)
    loaded(qtbot, model, 6)
    model.refresh()
    counted(qtbot, model, 6)
    assert model.query == JournalQuery(TODAY)
