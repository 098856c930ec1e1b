"""The Agen page (F1), by keys: the register searched, a supervisor's statement for a month (its
figures the service's own), saved as XLSX and read back; a teller's window without statements."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from desktop.counter import Counter
from desktop.domain.money import format_rupiah
from desktop.services.agent_statement import agent_statement
from desktop.services.agents import keep_agents
from desktop.services.auth import User
from desktop.services.contributions import pay_bpu
from desktop.services.registration import register_participant
from desktop.sync.contract import AgentEntry
from tests.services.agents_support import ACTIVE, OTHER, SUSPENDED, entries, nik
from tests.services.conftest import bpu_payment, registration
from tests.ui.conftest import focused, press, type_text
from ui.agents import page as agents_page
from ui.agents.page import AgentsPage
from ui.context import Context
from ui.operations import Changes
from ui.window.main_window import MainWindow
from ui.window.pages import PAGES

AGENTS_ROW = [spec.key for spec in PAGES].index("agents")
NEW_AGENT = {
    "code": "PRS-0909",
    "name": "Dewi Sartika",
    "institution": {"code": "KSP-02", "name": "Koperasi Nelayan Mandiri", "kind": "cooperative"},
    "status": "active",
}


def window_for(qtbot: QtBot, ctx: Context, user: User) -> MainWindow:
    window = MainWindow(ctx, user)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def opened(qtbot: QtBot, window: MainWindow) -> AgentsPage:
    """F1, as the teller presses it, the register read."""
    press(qtbot, Qt.Key.Key_F1)
    assert window.current_page == "agents"
    page = window.agents
    qtbot.waitUntil(lambda: not page._loading and page.model.rowCount() > 0)
    return page


def listed(page: AgentsPage) -> list[list[str]]:
    return [[page.model.text(agent, c) for c in range(5)] for agent in page.model.rows]


def searched(qtbot: QtBot, page: AgentsPage, words: str, count: int) -> None:
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    if words:
        type_text(qtbot, words)
    else:
        press(qtbot, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: not page._loading and page.model.rowCount() == count)


def test_f1_shows_the_register_and_the_search_narrows_it(
    qtbot: QtBot, ctx: Context, teller: User
) -> None:
    window = window_for(qtbot, ctx, teller)
    page = opened(qtbot, window)
    assert focused() is page.search
    rows = listed(page)
    # active ones first, by name; the one no longer active last, in grey
    assert [row[0] for row in rows] == [ACTIVE, OTHER, "PRS-777", "PRS-101", SUSPENDED]
    assert rows[1] == [
        OTHER,
        "Hendra Gunawan",
        "Koperasi Nelayan Mandiri",
        "Koperasi",
        "aktif",
    ]
    assert rows[-1][3:] == ["Yayasan", "tidak aktif"]
    assert page.count.text() == "5 agen di daftar (4 aktif)."
    # by institution, any case
    searched(qtbot, page, "koperasi", 1)
    assert listed(page)[0][0] == OTHER
    assert page.count.text() == "1 agen cocok dengan pencarian (1 aktif)."
    # every word must match: a name and an institution
    searched(qtbot, page, "rina karya", 1)
    assert listed(page)[0][0] == SUSPENDED
    # by part of a code
    searched(qtbot, page, "prs-1", 1)
    assert listed(page)[0][0] == "PRS-101"
    searched(qtbot, page, "tidak ada orangnya", 0)
    assert page.count.text() == "Tidak ada agen yang cocok."
    searched(qtbot, page, "", 5)
    # Down goes into the list, on the first agent, and on down it
    press(qtbot, Qt.Key.Key_Down)
    assert focused() is page.table
    press(qtbot, Qt.Key.Key_Down)
    chosen = page.chosen()
    assert chosen is not None
    assert chosen.code == OTHER


def _bring(counter: Counter, teller: User) -> None:
    """Three participants the agent registered this month, two payments the agent brought
    (Rp16.800: a month of JKK+JKM; Rp110.400: three months with JHT), one the agent did not."""
    for serial in (1, 2, 3):
        programs = "JKK+JKM+JHT" if serial == 2 else "JKK+JKM"
        register_participant(
            counter, teller, registration(nik=nik(serial), programs=programs, agent_code=ACTIVE)
        )
    pay_bpu(counter, teller, bpu_payment(participant=nik(1), agent_code=ACTIVE))
    pay_bpu(counter, teller, bpu_payment(participant=nik(2), months=3, agent_code=ACTIVE))
    pay_bpu(counter, teller, bpu_payment(participant=nik(3)))


def stated(qtbot: QtBot, page: AgentsPage, code: str, month: str) -> None:
    def shown() -> bool:
        s = page.statement
        return s is not None and (s.agent.code, s.month_text) == (code, month) and not page._reading

    qtbot.waitUntil(shown)


def figures(page: AgentsPage) -> dict[str, str]:
    assert page.panel is not None
    return {key: label.text() for key, label in page.panel.figures.items()}


@pytest.fixture
def november(
    qtbot: QtBot, ctx: Context, counter: Counter, teller: User, supervisor: User
) -> AgentsPage:
    """A supervisor's window on the agent's November: chosen by keys from the register, the
    month by Alt+B (last month, October, is the one offered first)."""
    _bring(counter, teller)
    window = window_for(qtbot, ctx, supervisor)
    page = opened(qtbot, window)
    type_text(qtbot, "dewi")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and not page._loading)
    press(qtbot, Qt.Key.Key_Return)
    assert focused() is page.table
    stated(qtbot, page, ACTIVE, "2026-10")
    assert page.panel is not None
    assert page.panel.month.currentText() == "Oktober 2026"
    assert figures(page)["registered"] == "0"
    assert figures(page)["total"] == "Rp0"
    press(qtbot, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    assert focused() is page.panel.month
    press(qtbot, Qt.Key.Key_Up)
    assert page.panel.month.currentText() == "November 2026"
    stated(qtbot, page, ACTIVE, "2026-11")
    return page


def test_a_supervisor_sees_the_months_figures_the_service_gives(
    november: AgentsPage, counter: Counter
) -> None:
    page = november
    assert page.panel is not None
    assert page.panel.agent.text() == f"{ACTIVE} · Dewi Lestari"
    assert page.panel.institution.text() == "Yayasan Karya Sejahtera (Yayasan)"
    service = agent_statement(counter, ACTIVE, "2026-11")
    e = service.earnings
    # by hand: 16.800 + 110.400 = 127.200 collected; 7,5% = 9.540; 3 new, no bonus; the
    # institution's 10% of 9.540 = 954, the agent keeps 8.586
    assert (e.collected, e.commission, e.bonus, e.institution_share) == (127_200, 9_540, 0, 954)
    assert figures(page) == {
        "registered": "3",
        "payments": "2",
        "program_JKK": format_rupiah(service.by_program["JKK"]),
        "program_JKM": format_rupiah(service.by_program["JKM"]),
        "program_JHT": format_rupiah(service.by_program["JHT"]),
        "collected": "Rp127.200",
        "commission": "Rp9.540",
        "bonus": "Rp0",
        "total": "Rp9.540",
        "institution_share": "Rp954",
        "agent_share": "Rp8.586",
    }
    assert figures(page)["program_JKK"] == "Rp40.000"
    captions = {key: label.text() for key, label in page.panel.captions.items()}
    assert captions["commission"] == "Komisi 7,5%"
    assert captions["bonus"] == "Bonus (50 peserta baru atau lebih)"
    assert captions["institution_share"] == "Bagian lembaga 10%"
    assert "belum dikonfirmasi" in page.panel.scheme.text()


def test_the_figures_follow_a_capture_and_the_register_an_upload(
    qtbot: QtBot, november: AgentsPage, ctx: Context, counter: Counter, teller: User
) -> None:
    page = november
    december = bpu_payment(participant=nik(1), period_start="2026-12", agent_code=ACTIVE)
    pay_bpu(counter, teller, december)  # Rp16.800 more
    ctx.changes.notify(Changes(transactions=True), None)  # as another screen's capture tells
    qtbot.waitUntil(lambda: figures(page)["collected"] == "Rp144.000")
    assert figures(page)["payments"] == "3"
    # a sync brings an agent the register did not list: the list (searched "dewi") finds her
    keep_agents(counter, [*entries(), AgentEntry.model_validate(NEW_AGENT)], counter.now())
    ctx.changes.notify(Changes(upload=True), None)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2 and not page._loading)
    assert [agent.code for agent in page.model.rows] == [ACTIVE, "PRS-0909"]
    chosen = page.chosen()
    assert chosen is not None
    assert chosen.code == ACTIVE  # the choice kept, and its statement with it
    assert page.panel is not None
    assert page.panel.month.currentText() == "November 2026"


def test_saving_the_statement_as_xlsx_writes_a_file_that_reads_back(
    qtbot: QtBot,
    november: AgentsPage,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = november
    assert page.panel is not None
    documents = tmp_path / "Dokumen"
    documents.mkdir()
    monkeypatch.setattr(agents_page, "documents_folder", lambda: documents)
    asked: list[tuple[Path, str]] = []

    def ask(suggested: Path, format: str) -> Path:
        asked.append((suggested, format))
        return documents / "laporan-november"  # typed without its extension

    monkeypatch.setattr(page, "ask_save_path", ask)
    press(qtbot, Qt.Key.Key_X, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(page.panel.message.isVisible)
    assert asked == [(documents / f"agen-{ACTIVE}-2026-11.xlsx", "xlsx")]
    saved = documents / "laporan-november.xlsx"
    assert page.panel.message.text() == f"Tersimpan: {saved}"
    sheet = load_workbook(saved).active
    values = {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row and row[0]}
    assert values["Laporan agen Perisai"] == "2026-11"
    assert values["Kode agen"] == ACTIVE
    assert values["Peserta baru didaftarkan"] == 3
    assert values["Iuran dihimpun"] == 127_200
    assert values["Komisi 7,5%"] == 9_540
    assert values["Bagian lembaga 10%"] == 954
    assert all(button.isEnabled() for button in page.panel.save_buttons.values())


def test_a_folder_that_is_gone_is_said_and_nothing_is_written(
    qtbot: QtBot, november: AgentsPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = november
    assert page.panel is not None
    gone = tmp_path / "hilang"
    monkeypatch.setattr(page, "ask_save_path", lambda _suggested, _format: gone / "agen.csv")
    press(qtbot, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(page.panel.message.isVisible)
    assert page.panel.message.text() == f"Gagal menyimpan: Folder {gone} tidak ada."
    assert not gone.exists()
    # cancelled in the dialog: nothing asked of the worker, nothing said
    monkeypatch.setattr(page, "ask_save_path", lambda _suggested, _format: None)
    page.panel.message.hide()
    press(qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    assert not page.panel.message.isVisible()


def test_a_teller_sees_the_register_without_statements(
    qtbot: QtBot, ctx: Context, counter: Counter, teller: User
) -> None:
    _bring(counter, teller)
    window = window_for(qtbot, ctx, teller)
    assert not window.nav.item(AGENTS_ROW).isHidden()
    page = opened(qtbot, window)
    press(qtbot, Qt.Key.Key_Down)
    assert page.chosen() is not None
    assert page.panel is None
    assert page.statement is None
    assert not [
        button
        for button in page.findChildren(QPushButton)
        if button.objectName().startswith("agents_save_")
    ]
    note = page.findChild(type(page.count), "agents_teller_note")
    assert note is not None
    assert note.isVisible()
    assert "supervisor" in note.text()
