"""Shift+F3, a Perisai agent's collective visit through the window, by keys: the agent's file
of 60 rows (5 bad) opened, every verdict shown before anything is written, one row fixed in
place and the others dropped, one cash tender for the batch, every receipt and the collective
receipt printed as one PDF and read back."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import sqlalchemy as sa
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.counter import Counter
from desktop.services.auth import User
from desktop.store.schema import contributions, print_attempts, transactions
from tests.ui.conftest import focused, press, type_text
from tests.visit_support import BAD_ROWS, name, register_participants, visit_csv, visit_xlsx
from ui.context import Context
from ui.visit.page import FIRST_INPUT, VERDICT, VisitPage

ONE_MONTH = 36_800  # JKK+JKM+JHT at Rp1.000.000
# The agent field's completer list is a popup: the offscreen platform can neither raise it nor
# give it the keyboard (harmless; it takes the keys through the completer's event filter).
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)
# The file's columns as the table titles them: a refusal names the one to fix.
TITLES = {
    "participant": "NIK/KPJ",
    "months": "Bulan",
    "programs": "Program",
    "period_start": "Periode awal",
}


@pytest.fixture
def page(qtbot: QtBot, ctx: Context, counter: Counter, teller: User, tmp_path: Path) -> VisitPage:
    register_participants(counter, teller, tmp_path)
    widget = VisitPage(ctx, teller)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    qtbot.waitExposed(widget)
    widget.setFocus()
    return widget


def open_by_keys(
    qtbot: QtBot, page: VisitPage, path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+O, the file chosen in the dialog (the dialog itself is the system's)."""
    monkeypatch.setattr("ui.visit.page.QFileDialog.getOpenFileName", lambda *_args: (str(path), ""))
    press(qtbot, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.check is not None, timeout=20_000)


def verdict_of(page: VisitPage, file_row: int) -> str:
    index = [r.row for r in page.rows].index(file_row)
    return page.table.item(index, VERDICT).text()


def go_to(qtbot: QtBot, page: VisitPage, file_row: int, column: int) -> None:
    """Down/Up and Left/Right from the current cell to the row's cell, as a teller would."""
    target = [r.row for r in page.rows].index(file_row)
    while page.table.currentRow() != target:
        press(qtbot, Qt.Key.Key_Down if page.table.currentRow() < target else Qt.Key.Key_Up)
    while page.table.currentColumn() != column:
        press(qtbot, Qt.Key.Key_Right if page.table.currentColumn() < column else Qt.Key.Key_Left)


def rechecked(qtbot: QtBot, page: VisitPage, accepted: int, refused: int) -> None:
    qtbot.waitUntil(
        lambda: (
            page.check is not None
            and len(page.check.accepted) == accepted
            and len(page.check.verdicts) - accepted == refused
        ),
        timeout=20_000,
    )


def test_a_visit_by_keys_verdicts_fixes_one_tender_and_the_batch_pdf(
    qtbot: QtBot,
    page: VisitPage,
    counter: Counter,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    counter_printer: Path,
) -> None:
    # The counter's printer (a PDF file here) at a coarse resolution: every page of the batch is
    # rendered and painted as at the counter, in a fraction of the time 1200 dpi takes.
    coarse = page.print_jobs.make_printer()
    coarse.setResolution(60)
    monkeypatch.setattr(page.print_jobs, "make_printer", lambda: coarse)
    with counter.store.read() as connection:
        before = connection.execute(sa.select(sa.func.count()).select_from(transactions)).scalar()
    open_by_keys(qtbot, page, visit_csv(tmp_path), monkeypatch)
    rechecked(qtbot, page, 55, 5)
    assert page.summary.text() == "55 diterima · 5 ditolak · Total Rp2.024.000"
    for file_row, field in BAD_ROWS.items():
        assert verdict_of(page, file_row).startswith(f"Ditolak [{TITLES[field]}]: ")
    assert "sudah dibayar" in verdict_of(page, 51)
    assert verdict_of(page, 2) == "Diterima"
    assert page.table.item(0, 6).text() == name(2)
    assert focused() is page.table
    # Row 7 asks for 2 months: fixed in place to 1 (typing replaces the cell, Enter keeps it).
    go_to(qtbot, page, 7, FIRST_INPUT + 1)
    type_text(qtbot, "1")
    press(qtbot, Qt.Key.Key_Return)
    rechecked(qtbot, page, 56, 4)
    assert verdict_of(page, 7) == "Diterima"
    # The other four dropped with Delete.
    for file_row in (15, 23, 38, 51):
        go_to(qtbot, page, file_row, FIRST_INPUT)
        press(qtbot, Qt.Key.Key_Delete)
    rechecked(qtbot, page, 56, 0)
    total = 56 * ONE_MONTH
    assert page.summary.text() == "56 diterima · 0 ditolak · Total Rp2.060.800"
    with counter.store.read() as connection:  # nothing written by the checks
        assert (
            connection.execute(sa.select(sa.func.count()).select_from(transactions)).scalar()
            == before
        )
    # The agent's code, then cash: Rp2.100.000 handed over for the batch.
    press(qtbot, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    assert focused() is page.agent_code
    qtbot.waitUntil(lambda: bool(page.agent_code.agents))  # the register, from the worker
    type_text(qtbot, "mulyani")  # the register offered: Down and Enter pick the agent
    popup = page.agent_code.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.agent_code.text() == "PRS-101")
    qtbot.waitUntil(lambda: not popup.isVisible())
    page.activateWindow()  # the offscreen platform leaves the closed popup the active window
    assert page.agent_code.info.text() == "Sri Mulyani · Yayasan Karya Sejahtera"
    press(qtbot, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)  # "Uang &diterima"
    qtbot.waitUntil(lambda: focused() is page.tender.cash_given)
    type_text(qtbot, "2100000")
    assert page.tender.change.text() == "Kembalian: Rp39.200"
    asked: list[str] = []

    def confirm() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        asked.append(box.text())
        qtbot.keyClick(box, Qt.Key.Key_Return)

    QTimer.singleShot(0, confirm)
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.result is not None, timeout=30_000)
    assert asked == [
        "Total Rp2.060.800\nDiterima Rp2.100.000\nKembalian Rp39.200\n\nSimpan 56 pembayaran?"
    ]
    result = page.result
    assert result is not None
    assert (len(result.paid), result.total, result.change) == (56, total, 39_200)
    assert page.progress.value() == 56
    assert verdict_of(page, 2) == f"Dibayar: {result.paid[0].receipt_no}"
    assert focused() is page.table
    with counter.store.read() as connection:
        paid = connection.execute(
            sa.select(transactions.c.receipt_no, transactions.c.tender, transactions.c.amount)
            .join(contributions, contributions.c.seq == transactions.c.seq)
            .where(transactions.c.receipt_no.in_([v.receipt_no for v in result.paid]))
        ).all()
    assert len(paid) == 56
    assert {(tender, amount) for _no, tender, amount in paid} == {("cash", ONE_MONTH)}
    # Every receipt and the collective receipt, one PDF, printed on the counter's printer.
    qtbot.waitUntil(lambda: "dicetak di" in page.message.text(), timeout=60_000)
    rendered = page.rendered
    assert rendered is not None
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(rendered.pdf)).pages]
    assert len(PdfReader(counter_printer).pages) == len(pages)
    for verdict in result.paid:
        assert any(
            verdict.receipt_no in text and "BUKTI PEMBAYARAN IURAN" in text for text in pages
        )
    collective = [text for text in pages if "TANDA TERIMA KOLEKTIF IURAN" in text]
    assert collective
    rows_text = "\n".join(collective)
    for verdict in result.paid:
        assert verdict.receipt_no in rows_text
        assert verdict.name in rows_text
    assert "Sri Mulyani (PRS-101)" in rows_text
    assert "Rp2.060.800" in rows_text  # the total
    assert "Rp39.200" in rows_text  # the change
    assert "3171••••••••0002" in rows_text
    # Ctrl+Shift+S keeps the same PDF in a file; every receipt of the batch is journaled.
    kept = tmp_path / "kunjungan-PRS-101.pdf"
    monkeypatch.setattr("ui.visit.page.QFileDialog.getSaveFileName", lambda *_args: (str(kept), ""))
    press(
        qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.waitUntil(page.saved.isVisible)
    assert kept.read_bytes() == rendered.pdf
    with counter.store.read() as connection:
        outcomes = connection.execute(
            sa.select(print_attempts.c.outcome, sa.func.count())
            .where(print_attempts.c.seq.in_([i.seq for i in rendered.issues]))
            .group_by(print_attempts.c.outcome)
        ).all()
    assert sorted(tuple(o) for o in outcomes) == [("printed", 56), ("saved", 56)]


def test_the_agents_spreadsheet_itself_shows_the_same_verdicts(
    qtbot: QtBot, page: VisitPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_by_keys(qtbot, page, visit_xlsx(tmp_path), monkeypatch)
    rechecked(qtbot, page, 55, 5)
    for file_row, field in BAD_ROWS.items():
        assert verdict_of(page, file_row).startswith(f"Ditolak [{TITLES[field]}]: ")
    # The NIK typed as a number in Excel reads as its 16 digits, the month cell as YYYY-MM.
    assert page.table.item(0, FIRST_INPUT).text() == "3171011708850002"
    assert page.table.item(0, FIRST_INPUT + 4).text() == "2026-11"


def test_a_file_that_is_not_a_workbook_is_said_and_nothing_shown(
    qtbot: QtBot, page: VisitPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "agen.xlsx"
    broken.write_bytes(b"not a zip at all")
    monkeypatch.setattr(
        "ui.visit.page.QFileDialog.getOpenFileName", lambda *_args: (str(broken), "")
    )
    press(qtbot, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(page.file_error.isVisible)
    assert page.file_error.text() == "Berkas agen.xlsx bukan lembar kerja Excel (.xlsx) yang sah."
    assert page.table.rowCount() == 0
