"""The Agen page (F1) by keys, beyond the happy path: an inactive agent's statement says so, a
search finding nobody leaves nothing to save, the month chosen is kept when the page comes back,
a month not begun (the PC's clock put back) is said with nothing to save, and a register that
cannot be read is said; the register's model passes qtmodeltester."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from desktop.counter import Counter
from desktop.paths import DB_FILENAME
from desktop.services.auth import User
from desktop.store.failures import store_error
from tests.conftest import FakeClock
from tests.services.agents_support import ACTIVE, SUSPENDED
from tests.ui.conftest import focused, press, type_text
from tests.ui.test_agents_page import figures, opened, searched, stated, window_for
from ui.agents.page import AgentsPage
from ui.context import Context
from ui.operations import Changes
from ui.store_failure import StoreFailureDialog

ALT = Qt.KeyboardModifier.AltModifier


def saving_offered(page: AgentsPage) -> bool:
    assert page.panel is not None
    buttons = page.panel.save_buttons.values()
    enabled = {button.isEnabled() for button in buttons}
    assert len(enabled) == 1, "the three formats are offered together or not at all"
    return enabled.pop()


def choose(qtbot: QtBot, page: AgentsPage, words: str) -> None:
    """The search typed, Enter into the list, on the one agent found."""
    type_text(qtbot, words)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and not page._loading)
    press(qtbot, Qt.Key.Key_Return)
    assert focused() is page.table


def test_the_register_model_passes_qtmodeltester(
    qtbot: QtBot, qtmodeltester: ModelTester, ctx: Context, teller: User
) -> None:
    window = window_for(qtbot, ctx, teller)
    page = opened(qtbot, window)
    assert page.model.rowCount() == 5
    qtmodeltester.check(page.model)
    # nothing past the last row
    assert page.model.data(page.model.index(5, 0)) is None


def test_an_inactive_agents_statement_says_the_agent_is_no_longer_active(
    qtbot: QtBot, ctx: Context, supervisor: User
) -> None:
    window = window_for(qtbot, ctx, supervisor)
    page = opened(qtbot, window)
    choose(qtbot, page, "rina")
    stated(qtbot, page, SUSPENDED, "2026-10")
    assert page.panel is not None
    assert page.panel.agent.text() == f"{SUSPENDED} · Rina Marlina"
    assert page.panel.institution.text() == "Yayasan Karya Sejahtera (Yayasan) · TIDAK AKTIF"
    assert figures(page)["registered"] == "0"
    assert saving_offered(page)  # the accounts still settle a past month of theirs


def test_a_search_finding_nobody_leaves_no_statement_to_save(
    qtbot: QtBot, ctx: Context, supervisor: User
) -> None:
    window = window_for(qtbot, ctx, supervisor)
    page = opened(qtbot, window)
    choose(qtbot, page, "dewi")
    stated(qtbot, page, ACTIVE, "2026-10")
    assert page.panel is not None
    assert figures(page)
    assert saving_offered(page)
    page.search.setFocus()
    searched(qtbot, page, "tidak ada orangnya", 0)
    assert page.count.text() == "Tidak ada agen yang cocok."
    assert page.panel.agent.text() == "Pilih agen di daftar."
    assert page.panel.institution.text() == ""
    assert page.statement is None
    qtbot.waitUntil(lambda: not figures(page))
    assert not saving_offered(page)
    # Alt+P, Alt+C, Alt+X: nothing to save, nothing said
    for key in (Qt.Key.Key_P, Qt.Key.Key_C, Qt.Key.Key_X):
        press(qtbot, key, ALT)
    assert not page.panel.message.isVisible()


def test_the_month_chosen_is_kept_when_the_page_comes_back(
    qtbot: QtBot, ctx: Context, supervisor: User
) -> None:
    window = window_for(qtbot, ctx, supervisor)
    page = opened(qtbot, window)
    choose(qtbot, page, "dewi")
    stated(qtbot, page, ACTIVE, "2026-10")
    assert page.panel is not None
    press(qtbot, Qt.Key.Key_B, ALT)
    press(qtbot, Qt.Key.Key_Up)
    stated(qtbot, page, ACTIVE, "2026-11")
    offered = [page.panel.month.itemText(i) for i in range(page.panel.month.count())]
    press(qtbot, Qt.Key.Key_F5)
    assert window.current_page == "journal"
    press(qtbot, Qt.Key.Key_F1)
    assert window.current_page == "agents"
    qtbot.waitUntil(lambda: not page._loading and not page._reading)
    assert page.panel.month.currentText() == "November 2026"
    assert [page.panel.month.itemText(i) for i in range(page.panel.month.count())] == offered
    assert offered[0] == "November 2026"
    assert offered[-1] == "November 2024"
    stated(qtbot, page, ACTIVE, "2026-11")


def test_a_month_not_begun_once_the_clock_is_put_back_is_said_with_nothing_to_save(
    qtbot: QtBot, ctx: Context, clock: FakeClock, supervisor: User
) -> None:
    clock.advance(days=7)  # 1 December 2026 on the PC's clock
    window = window_for(qtbot, ctx, supervisor)
    page = opened(qtbot, window)
    choose(qtbot, page, "dewi")
    stated(qtbot, page, ACTIVE, "2026-11")  # the month before is offered first
    assert page.panel is not None
    press(qtbot, Qt.Key.Key_B, ALT)
    press(qtbot, Qt.Key.Key_Up)
    assert page.panel.month.currentText() == "Desember 2026"
    stated(qtbot, page, ACTIVE, "2026-12")
    assert saving_offered(page)
    # The clock was a week fast: put right, it is November again. Two captures at the other
    # windows follow each other while the page reads: it reads once more, and says the same.
    clock.advance(days=-7)
    ctx.changes.notify(Changes(transactions=True), None)
    ctx.changes.notify(Changes(transactions=True), None)
    error = page.panel.error
    qtbot.waitUntil(lambda: error.isVisible() and not page._reading)
    assert error.text() == "Bulan 12/2026 belum mulai."
    assert page.statement is None
    assert figures(page) == {}
    assert not saving_offered(page)
    assert page.panel.agent.text() == f"{ACTIVE} · Dewi Lestari"
    # the month that has begun reads again, the error gone
    press(qtbot, Qt.Key.Key_Down)
    stated(qtbot, page, ACTIVE, "2026-11")
    assert not error.isVisible()
    assert saving_offered(page)


def test_a_register_that_cannot_be_read_is_said_and_read_again_once_it_can(
    qtbot: QtBot,
    ctx: Context,
    counter: Counter,
    supervisor: User,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = AgentsPage(ctx, supervisor)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: not page._loading and page.model.rowCount() == 5)
    page.search.setFocus()
    # The disk fails under the store as the search is typed (a fault this PC cannot make: the
    # register's read raises what the store raises for SQLite's I/O error).
    from desktop.services import agents

    read = agents.find_agents
    db = counter.store.data_dir / DB_FILENAME

    def failing(_counter: Counter, _search: str = "", *, limit: int | None = None) -> list[object]:
        raise store_error("io", db, "disk I/O error")

    monkeypatch.setattr("ui.operations.agents.find_agents", failing)
    type_text(qtbot, "dewi")
    qtbot.waitUntil(page.error.isVisible)
    assert str(db) in page.error.text()
    qtbot.waitUntil(lambda: not page._loading)
    dialogs = page.findChildren(StoreFailureDialog)
    assert dialogs  # the store's own dialog, the backup offered
    for dialog in dialogs:
        dialog.close()
    assert page.model.rowCount() == 5  # the list as it was: nothing read is not nothing found
    # the disk back: the next key reads the register again, the error gone
    monkeypatch.setattr("ui.operations.agents.find_agents", read)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.search.setFocus()
    press(qtbot, Qt.Key.Key_End)
    type_text(qtbot, " lestari")
    qtbot.waitUntil(lambda: not page._loading and page.model.rowCount() == 1)
    assert not page.error.isVisible()
    assert page.model.rows[0].code == ACTIVE
