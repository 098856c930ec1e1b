"""The look-up page (F6) against the real sandbox with fixtures on loopback: a participant by NIK
or KPJ, an employer's bill by payment code, and offline, unknown and refused said in the teller's
words; the window keeps answering while the upstream does not."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.services.auth import User
from desktop.services.inquiry import InquiryLink
from desktop.sync.sandbox.server import RunningSandbox
from tests.helpers import closed_port_url
from tests.sync.registry_support import (
    CODE_LATE,
    KPJ_TRADER,
    NIK_COURIER,
    NIK_TRADER,
    TOKEN,
    registry_sandbox,
)
from tests.sync.stalled import StalledServer
from tests.ui.conftest import focused, press, type_text
from ui.context import Context
from ui.lookup.page import LookupPage
from ui.window.main_window import MainWindow


@pytest.fixture
def upstream(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[RunningSandbox]:
    with registry_sandbox(tmp_path) as running:
        monkeypatch.setenv("SPO_UPSTREAM_URL", running.url)
        monkeypatch.setenv("SPO_UPSTREAM_TOKEN", TOKEN)
        yield running


def make_page(
    qtbot: QtBot, ctx: Context, teller: User, link: InquiryLink | None = None
) -> LookupPage:
    page = LookupPage(ctx, teller, link=link)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    page.setFocus()
    qtbot.waitUntil(lambda: focused() is page.query)
    return page


def ask(qtbot: QtBot, page: LookupPage, typed: str) -> None:
    type_text(qtbot, typed)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not page.busy, timeout=10_000)


def shown(page: LookupPage) -> dict[str, str]:
    return {key: label.text() for key, label in page.rows.items() if label.isVisibleTo(page)}


@pytest.mark.usefixtures("upstream")
def test_a_participant_registered_elsewhere_by_nik(
    qtbot: QtBot, ctx: Context, teller: User
) -> None:
    page = make_page(qtbot, ctx, teller)
    ask(qtbot, page, "3273 0152 0388 0004")
    assert page.title.text() == "Siti Aminah"
    rows = shown(page)
    assert rows["nik"] == "3273••••••••0004"  # masked on screen
    assert rows["status"] == "Aktif"
    # Paid through October; November was due by the 15th and it is the 24th.
    assert rows["protection"] == "berakhir 31/10/2026"
    assert rows["paid_through"] == "10/2026"
    assert rows["next_due"] == "11/2026, jatuh tempo 15/11/2026 (sudah lewat)"
    assert rows["programs"] == "JKK + JKM + JHT"
    assert rows["income"] == "Rp1.000.000"
    assert rows["quote"] == "Rp28.400 (dengan diskon)"  # PP 50/2025: a courier
    assert rows["jht_balance"] == "Rp2.450.000"
    assert not page.error.isVisible()
    assert NIK_COURIER not in "".join(rows.values())


@pytest.mark.usefixtures("upstream")
def test_by_kpj_without_a_jht_balance(qtbot: QtBot, ctx: Context, teller: User) -> None:
    page = make_page(qtbot, ctx, teller)
    ask(qtbot, page, KPJ_TRADER)
    rows = shown(page)
    assert page.title.text() == "Bambang Wijaya"
    assert rows["kpj"] == KPJ_TRADER  # in full, to be read out; the NIK stays masked
    assert rows["protection"] == "dilindungi s.d. 30/11/2026"
    assert rows["next_due"] == "12/2026, jatuh tempo 15/12/2026"
    assert "jht_balance" not in rows  # the upstream gave none: nothing is made up
    # The next question replaces the answer: the cursor is still in the field, its text selected.
    assert focused() is page.query
    assert page.query.selectedText() == KPJ_TRADER


@pytest.mark.usefixtures("upstream")
def test_an_employers_bill_by_payment_code(qtbot: QtBot, ctx: Context, teller: User) -> None:
    page = make_page(qtbot, ctx, teller)
    ask(qtbot, page, CODE_LATE)
    rows = shown(page)
    assert page.title.text() == "CV Maju Bersama"
    assert (rows["npp"], rows["period"]) == ("15070956", "09/2026")
    assert (rows["line_JKK"], rows["line_JKM"], rows["line_JHT"]) == (
        "Rp20.000",
        "Rp15.000",
        "Rp285.000",
    )
    assert rows["total"] == "Rp320.000"
    assert rows["due_date"] == "15/10/2026"
    assert rows["late_fine"] == "Rp12.800 (2 bulan)"
    assert rows["paid"] == "Belum dibayar"


@pytest.mark.usefixtures("upstream")
def test_an_unknown_nik_is_said_masked(qtbot: QtBot, ctx: Context, teller: User) -> None:
    page = make_page(qtbot, ctx, teller)
    ask(qtbot, page, "3171011708850002")
    assert page.error.isVisible()
    assert "tidak mengenal 3171••••••••0002" in page.error.text()
    assert shown(page) == {}
    assert focused() is page.query


def test_offline_is_said_without_the_links_details(
    qtbot: QtBot, ctx: Context, teller: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SPO_UPSTREAM_URL", closed_port_url())
    monkeypatch.setenv("SPO_UPSTREAM_TOKEN", TOKEN)
    page = make_page(qtbot, ctx, teller)
    ask(qtbot, page, NIK_TRADER)
    text = page.error.text()
    assert text.startswith("Server pusat tidak dapat dihubungi saat ini: loket bekerja offline.")
    for technical in ("127.0.0.1", "HTTP", "http", "SPO_"):
        assert technical not in text
    assert shown(page) == {}


def test_a_refused_counter_is_said_as_such(
    qtbot: QtBot,
    ctx: Context,
    teller: User,
    upstream: RunningSandbox,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SPO_UPSTREAM_TOKEN", "not-the-token")
    page = make_page(qtbot, ctx, teller)
    ask(qtbot, page, NIK_TRADER)
    assert page.error.text() == (
        "Server pusat menolak permintaan loket ini. Hubungi petugas TI bank."
    )


def test_a_counter_with_no_upstream_set_up_says_so_not_offline(
    qtbot: QtBot, ctx: Context, teller: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SPO_UPSTREAM_URL", raising=False)
    page = make_page(qtbot, ctx, teller)
    ask(qtbot, page, NIK_TRADER)
    assert page.error.text() == (
        "Alamat server pusat belum diatur di loket ini: minta supervisor mengisinya di Pengaturan."
    )


def test_what_is_no_nik_kpj_nor_code_is_refused_before_any_request(
    qtbot: QtBot, ctx: Context, teller: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SPO_UPSTREAM_URL", closed_port_url())
    page = make_page(qtbot, ctx, teller)
    ask(qtbot, page, "12345")
    assert page.error.text().startswith("Isi NIK (16 angka), nomor KPJ")
    press(qtbot, Qt.Key.Key_Escape)
    assert page.query.text() == ""
    assert not page.error.isVisible()


def test_the_window_keeps_answering_while_the_upstream_does_not(
    qtbot: QtBot, ctx: Context, teller: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real socket that never answers: the teller goes on typing meanwhile, and the answer
    that comes (offline, after the timeout) is for the question still on screen."""
    monkeypatch.setenv("SPO_UPSTREAM_TOKEN", TOKEN)
    with StalledServer() as stalled:
        monkeypatch.setenv("SPO_UPSTREAM_URL", stalled.url)
        page = make_page(qtbot, ctx, teller, InquiryLink(timeout=0.5))
        type_text(qtbot, NIK_TRADER)
        press(qtbot, Qt.Key.Key_Return)
        assert page.busy
        assert page.note.text() == "Menanyakan server pusat…"
        stalled.received(1)  # the question is out and waiting: the GUI thread is not
        press(qtbot, Qt.Key.Key_End)
        type_text(qtbot, "9")
        assert page.query.text() == NIK_TRADER + "9"
        qtbot.waitUntil(lambda: not page.busy, timeout=5_000)
    assert "offline" in page.error.text()


def test_an_answer_to_a_question_cleared_meanwhile_is_dropped(
    qtbot: QtBot, ctx: Context, teller: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SPO_UPSTREAM_TOKEN", TOKEN)
    with StalledServer() as stalled:
        monkeypatch.setenv("SPO_UPSTREAM_URL", stalled.url)
        page = make_page(qtbot, ctx, teller, InquiryLink(timeout=0.3))
        type_text(qtbot, NIK_TRADER)
        press(qtbot, Qt.Key.Key_Return)
        stalled.received(1)
        press(qtbot, Qt.Key.Key_Escape)
        # The inquiry worker answers (offline) once the time is up; nothing is shown of it.
        done: list[bool] = []
        ctx.asking.run(lambda: None, lambda _none: done.append(True))
        qtbot.waitUntil(lambda: bool(done), timeout=5_000)
    assert not page.error.isVisible()
    assert not page.note.isVisible()


def test_f6_opens_the_page_with_the_cursor_in_its_field(
    qtbot: QtBot, ctx: Context, teller: User
) -> None:
    window = MainWindow(ctx, teller)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    press(qtbot, Qt.Key.Key_F6)
    assert window.current_page == "lookup"
    assert focused() is window.lookup.query
