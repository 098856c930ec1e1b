"""Shift+F3 by keys, where a collective visit goes wrong: paying before the file is checked or
with refused rows still in it, a cash amount that is not rupiah, cash not confirmed, no agent, a
debit without its account and reference (then paid by debit), the printer failing, a row paid by
someone else meanwhile; and after a batch is paid, no key pays or drops anything again."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.counter import Counter
from desktop.services.auth import User
from desktop.services.contributions import pay_bpu
from desktop.store.schema import debit_references, transactions
from tests.services.conftest import bpu_payment
from tests.ui.conftest import focused, press, type_text
from tests.visit_support import COLUMNS, PERIOD, nik, register_participants
from ui.context import Context
from ui.visit.page import FIRST_INPUT, VERDICT, VisitPage
from ui.widgets import ERROR_STYLE

ONE_MONTH = 36_800  # JKK+JKM+JHT at Rp1.000.000
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
# The agent field's completer list is a popup: the offscreen platform can neither raise it nor
# give it the keyboard (harmless; it takes the keys through the completer's event filter).
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)


def row(serial: int, **changes: str) -> list[str]:
    """One file row: participant `serial` paying one month of JKK+JKM+JHT at Rp1.000.000."""
    values = dict(zip(COLUMNS, [nik(serial), "1", "1000000", "JKK+JKM+JHT", PERIOD], strict=True))
    values.update(changes)
    return list(values.values())


def agent_file(tmp_path: Path, rows: list[list[str]]) -> Path:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    path = tmp_path / "kunjungan.csv"
    path.write_text(out.getvalue(), encoding="utf-8", newline="")
    return path


@pytest.fixture
def page(
    qtbot: QtBot,
    ctx: Context,
    counter: Counter,
    teller: User,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> VisitPage:
    register_participants(counter, teller, tmp_path, count=3)  # NIK serials 2, 3 and 4
    widget = VisitPage(ctx, teller)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    qtbot.waitExposed(widget)
    widget.setFocus()
    # The batch's PDF painted at a coarse resolution: as at the counter, in a fraction of the time.
    coarse = widget.print_jobs.make_printer()
    coarse.setResolution(60)
    monkeypatch.setattr(widget.print_jobs, "make_printer", lambda: coarse)
    return widget


def open_by_keys(
    qtbot: QtBot, page: VisitPage, path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+O, the file chosen in the dialog (the dialog itself is the system's), checked."""
    monkeypatch.setattr("ui.visit.page.QFileDialog.getOpenFileName", lambda *_args: (str(path), ""))
    press(qtbot, Qt.Key.Key_O, CTRL)
    qtbot.waitUntil(lambda: page.check is not None, timeout=20_000)


def verdict_of(page: VisitPage, file_row: int) -> str:
    index = [r.row for r in page.rows].index(file_row)
    return page.table.item(index, VERDICT).text()


def payments(counter: Counter) -> int:
    with counter.store.read() as connection:
        count = connection.execute(
            sa.select(sa.func.count()).select_from(transactions).where(transactions.c.amount > 0)
        ).scalar()
    assert isinstance(count, int)
    return count


def agent_by_keys(qtbot: QtBot, page: VisitPage) -> None:
    """Alt+K, part of the agent's name, the register's offer taken with Down and Enter."""
    press(qtbot, Qt.Key.Key_K, ALT)
    assert focused() is page.agent_code
    qtbot.waitUntil(lambda: bool(page.agent_code.agents))  # the register, from the worker
    type_text(qtbot, "mulyani")
    popup = page.agent_code.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.agent_code.text() == "PRS-101")
    qtbot.waitUntil(lambda: not popup.isVisible())
    page.activateWindow()  # the offscreen platform leaves the closed popup the active window
    qtbot.waitUntil(page.isActiveWindow)


def cash_by_keys(qtbot: QtBot, page: VisitPage, amount: str) -> None:
    press(qtbot, Qt.Key.Key_D, ALT)  # "Uang &diterima"
    qtbot.waitUntil(lambda: focused() is page.tender.cash_given)
    press(qtbot, Qt.Key.Key_A, CTRL)
    type_text(qtbot, amount)


def answer_cash_question(qtbot: QtBot, key: Qt.Key, asked: list[str]) -> None:
    """The cash confirmation, once it comes up: its text kept, answered with `key`."""

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, answer)
            return
        asked.append(box.text())
        qtbot.keyClick(box, key)

    QTimer.singleShot(0, answer)


def test_paying_before_the_check_or_with_refused_rows_writes_nothing(
    qtbot: QtBot,
    page: VisitPage,
    counter: Counter,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = payments(counter)
    saves: list[object] = []
    monkeypatch.setattr(
        "ui.visit.page.QFileDialog.getSaveFileName", lambda *args: saves.append(args) or ("", "")
    )
    # Nothing opened yet: Ctrl+Enter says what to do first; Ctrl+Shift+S has no batch to keep.
    press(qtbot, Qt.Key.Key_Return, CTRL)
    assert page.message.isVisible()
    assert page.message.text() == "Buka berkas agen dan tunggu pemeriksaannya."
    press(qtbot, Qt.Key.Key_S, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert saves == []
    assert not page.saved.isVisible()
    # Rows 3 and 4 of the file refused: paying names them, and pays none of the others.
    rows = [row(2), row(3, programs="JKK+XYZ"), row(4, period_start="2026-13")]
    open_by_keys(qtbot, page, agent_file(tmp_path, rows), monkeypatch)
    assert page.summary.text() == "1 diterima · 2 ditolak · Total Rp36.800"
    agent_by_keys(qtbot, page)
    press(qtbot, Qt.Key.Key_Return, CTRL)
    assert page.message.text() == "Perbaiki atau hapus dulu baris yang ditolak: 3, 4."
    assert not page.progress.isVisible()
    assert page.result is None
    assert payments(counter) == before


def test_dropping_every_row_leaves_no_file_and_nothing_to_pay(
    qtbot: QtBot, page: VisitPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_by_keys(qtbot, page, agent_file(tmp_path, [row(2), row(3)]), monkeypatch)
    assert page.summary.text() == "2 diterima · 0 ditolak · Total Rp73.600"
    assert page.tender.total == 2 * ONE_MONTH
    assert focused() is page.table
    press(qtbot, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: page.summary.text() == "1 diterima · 0 ditolak · Total Rp36.800")
    press(qtbot, Qt.Key.Key_Delete)
    assert page.table.rowCount() == 0
    assert page.summary.text() == "Belum ada berkas agen."
    assert page.tender.total is None
    assert page.check is None
    press(qtbot, Qt.Key.Key_Return, CTRL)
    assert page.message.text() == "Buka berkas agen dan tunggu pemeriksaannya."


def test_cash_that_is_no_amount_is_said_under_its_field_and_a_no_pays_nothing(
    qtbot: QtBot,
    page: VisitPage,
    counter: Counter,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = payments(counter)
    open_by_keys(qtbot, page, agent_file(tmp_path, [row(2), row(3)]), monkeypatch)
    agent_by_keys(qtbot, page)
    cash_by_keys(qtbot, page, "dua ratus ribu")
    asked: list[str] = []
    press(qtbot, Qt.Key.Key_Return, CTRL)  # refused before any question
    error = page.errors["cash_given"]
    assert error.isVisible()
    assert "rupiah" in error.text().lower()
    assert not page.message.isVisible()
    assert asked == []
    # A right amount, the question answered with Escape: nothing paid, the page as it was.
    cash_by_keys(qtbot, page, "100000")
    answer_cash_question(qtbot, Qt.Key.Key_Escape, asked)
    press(qtbot, Qt.Key.Key_Return, CTRL)
    assert asked == [
        "Total Rp73.600\nDiterima Rp100.000\nKembalian Rp26.400\n\nSimpan 2 pembayaran?"
    ]
    assert not error.isVisible()
    assert page.result is None
    assert page.pay_button.isEnabled()
    assert not page.progress.isVisible()
    assert payments(counter) == before


def test_no_agent_then_a_debit_without_account_then_paid_by_debit(
    qtbot: QtBot,
    page: VisitPage,
    counter: Counter,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = payments(counter)
    open_by_keys(qtbot, page, agent_file(tmp_path, [row(2), row(3)]), monkeypatch)
    # Cash confirmed, but no agent named: the worker refuses, said under the agent's code.
    asked: list[str] = []
    answer_cash_question(qtbot, Qt.Key.Key_Return, asked)
    press(qtbot, Qt.Key.Key_Return, CTRL)
    agent_error = page.errors["agent_code"]
    qtbot.waitUntil(agent_error.isVisible)
    assert agent_error.text() == "Isi kode agen Perisai yang membawa berkas ini."
    assert len(asked) == 1
    assert page.pay_button.isEnabled()
    assert not page.progress.isVisible()
    assert page.result is None
    assert payments(counter) == before
    # The agent named; debit chosen by keys (Alt+Y, then Right), no account nor reference.
    agent_by_keys(qtbot, page)
    press(qtbot, Qt.Key.Key_Y, ALT)
    assert focused() is page.tender.cash
    press(qtbot, Qt.Key.Key_Right)
    assert page.tender.debit.isChecked()
    press(qtbot, Qt.Key.Key_Return, CTRL)  # debit: no cash question
    account_error = page.errors["debit_account"]
    qtbot.waitUntil(account_error.isVisible)
    assert account_error.text() == "Nomor rekening wajib diisi untuk pembayaran debit."
    reference_error = page.errors["debit_reference"]  # both said at once, each under its field
    assert reference_error.isVisible()
    assert reference_error.text().startswith("Nomor referensi debit wajib diisi")
    assert not agent_error.isVisible()
    assert page.pay_button.isEnabled()
    assert payments(counter) == before
    # The account and the bank's reference typed: paid by debit, the reference kept per row.
    press(qtbot, Qt.Key.Key_E, ALT)
    assert focused() is page.tender.debit_account
    type_text(qtbot, "0123456789")
    press(qtbot, Qt.Key.Key_T, ALT)
    assert focused() is page.tender.debit_reference
    type_text(qtbot, "apv-778899")
    press(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: page.result is not None, timeout=30_000)
    result = page.result
    assert result is not None
    assert (len(result.paid), result.total, result.tender) == (2, 2 * ONE_MONTH, "debit")
    assert page.message.text().startswith("Tersimpan 2 pembayaran, total Rp73.600.")
    assert "Kembalian" not in page.message.text()
    assert len(asked) == 1  # no cash question for a debit
    with counter.store.read() as connection:
        kept = connection.execute(
            sa.select(
                transactions.c.tender, transactions.c.debit_account, debit_references.c.reference
            )
            .join(debit_references, debit_references.c.seq == transactions.c.seq)
            .where(transactions.c.receipt_no.in_([v.receipt_no for v in result.paid]))
        ).all()
    assert sorted(tuple(k) for k in kept) == [("debit", "0123456789", "APV778899")] * 2
    qtbot.waitUntil(lambda: "dicetak di" in page.message.text(), timeout=60_000)
    # Paid: Ctrl+Enter pays nothing again, Delete drops no row, a cancelled save keeps nothing.
    message = page.message.text()
    press(qtbot, Qt.Key.Key_Return, CTRL)
    assert page.progress.value() == 2  # not started again from 0
    assert page.message.text() == message
    assert focused() is page.table
    press(qtbot, Qt.Key.Key_Delete)
    assert page.table.rowCount() == 2
    assert [r.row for r in page.rows] == [2, 3]
    assert verdict_of(page, 2) == f"Dibayar: {result.paid[0].receipt_no}"
    saves: list[object] = []
    monkeypatch.setattr(
        "ui.visit.page.QFileDialog.getSaveFileName", lambda *args: saves.append(args) or ("", "")
    )
    press(qtbot, Qt.Key.Key_S, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert len(saves) == 1  # the dialog was asked, and cancelled
    assert not page.saved.isVisible()
    assert payments(counter) == before + 2


@pytest.mark.qt_log_ignore(
    r"QPainter::begin\(\): Returned false",  # the printer's file cannot be made: said, below
    "This plugin does not support raise",
    "This plugin does not support grabbing the keyboard",
)
def test_a_batch_whose_print_fails_says_it_is_saved_all_the_same(
    qtbot: QtBot,
    page: VisitPage,
    counter: Counter,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    broken = str(tmp_path / "no such folder" / "kasir.pdf")
    printer = page.print_jobs.make_printer()
    printer.setOutputFileName(broken)
    monkeypatch.setattr(page.print_jobs, "make_printer", lambda: printer)
    before = payments(counter)
    open_by_keys(qtbot, page, agent_file(tmp_path, [row(2)]), monkeypatch)
    agent_by_keys(qtbot, page)
    asked: list[str] = []
    answer_cash_question(qtbot, Qt.Key.Key_Return, asked)
    press(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: "gagal dicetak" in page.message.text(), timeout=60_000)
    assert page.message.text().startswith(
        "Pembayaran SUDAH tersimpan, tetapi tanda terima gagal dicetak: "
    )
    assert payments(counter) == before + 1
    assert page.rendered is not None  # Ctrl+P prints it again once the printer is back


def test_a_row_paid_at_another_window_meanwhile_is_not_paid_and_said(
    qtbot: QtBot,
    page: VisitPage,
    counter: Counter,
    teller: User,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    open_by_keys(qtbot, page, agent_file(tmp_path, [row(2), row(3), row(4)]), monkeypatch)
    assert page.summary.text() == "3 diterima · 0 ditolak · Total Rp110.400"
    agent_by_keys(qtbot, page)
    # Participant 3's November is paid at the next window while the agent waits.
    pay_bpu(counter, teller, bpu_payment(participant=nik(3)))
    before = payments(counter)
    cash_by_keys(qtbot, page, "110400")
    asked: list[str] = []
    answer_cash_question(qtbot, Qt.Key.Key_Return, asked)
    press(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: page.result is not None, timeout=30_000)
    result = page.result
    assert result is not None
    assert len(result.paid) == 2
    assert result.change == ONE_MONTH  # the row not paid goes back to the agent
    assert payments(counter) == before + 2
    assert page.message.text().startswith(
        "Tersimpan 2 pembayaran, total Rp73.600. Kembalian Rp36.800. "
        "1 baris TIDAK dibayar; lihat kolom keputusan."
    )
    assert page.message.styleSheet() == ERROR_STYLE  # said as a warning, not as done
    assert verdict_of(page, 2).startswith("Dibayar: ")
    assert verdict_of(page, 4).startswith("Dibayar: ")
    # The row paid meanwhile says so in its verdict, naming the other receipt.
    assert "sudah dibayar dengan tanda terima BNI-0123-01-" in verdict_of(page, 3)
    assert "Diterima" not in verdict_of(page, 3)


def test_a_batch_all_paid_meanwhile_is_refused_whole(
    qtbot: QtBot,
    page: VisitPage,
    counter: Counter,
    teller: User,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    open_by_keys(qtbot, page, agent_file(tmp_path, [row(2)]), monkeypatch)
    agent_by_keys(qtbot, page)
    pay_bpu(counter, teller, bpu_payment(participant=nik(2)))
    before = payments(counter)
    asked: list[str] = []
    answer_cash_question(qtbot, Qt.Key.Key_Return, asked)
    press(qtbot, Qt.Key.Key_Return, CTRL)
    # no field to name: said in the page's message, the page ready again, nothing written
    qtbot.waitUntil(lambda: page.message.isVisible() and page.pay_button.isEnabled())
    assert page.message.text() == (
        "Tidak ada baris yang diterima: perbaiki atau hapus baris yang ditolak."
    )
    assert not page.progress.isVisible()
    assert page.result is None
    assert payments(counter) == before
    assert page.table.item(0, FIRST_INPUT).text() == nik(2)
