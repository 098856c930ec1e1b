"""The F5 journal page, keyboard only: search, into the list, reprint (Ctrl+R), void (Del)."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.counter import Counter
from desktop.services.auth import User
from desktop.services.capture import Captured
from desktop.services.contributions import pay_bpu
from desktop.services.receipt_output import RenderedReceipt
from desktop.services.receipts import issue_receipt, record_print
from desktop.services.registration import register_participant
from desktop.store.schema import receipt_issues, voids
from tests.conftest import PINS, FakeClock
from tests.services.conftest import NIK_MAN, bpu_payment, registration
from tests.services.test_journal_query import CLAIM_KPJ, JOKO_KPJ, Day, populate
from tests.ui.conftest import accept_figures, focused, press, type_text
from ui.context import Context
from ui.journal.model import NAME, PRINTED, RECEIPT, STATUS
from ui.journal.page import JournalPage
from ui.journal.void_dialog import VoidDialog
from ui.operations import Changes


@pytest.fixture
def day(counter: Counter, clock: FakeClock, teller: User) -> Day:
    return populate(counter, clock, teller)


def open_page(qtbot: QtBot, ctx: Context, user: User) -> JournalPage:
    page = JournalPage(ctx, user)
    qtbot.addWidget(page)
    page.resize(1100, 600)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    qtbot.waitUntil(lambda: page.model.count_final)
    return page


@pytest.fixture
def page(qtbot: QtBot, ctx: Context, teller: User, day: Day) -> JournalPage:
    return open_page(qtbot, ctx, teller)


def listed(page: JournalPage) -> list[str]:
    model = page.model
    return [model.data(model.index(row, RECEIPT)) for row in range(model.rowCount())]


def status(page: JournalPage, row: int) -> str:
    return str(page.model.data(page.model.index(row, STATUS)))


def printed(page: JournalPage, row: int) -> str:
    return str(page.model.data(page.model.index(row, PRINTED)))


def stored_voids(counter: Counter) -> list[sa.Row]:
    with counter.store.read() as connection:
        return list(connection.execute(sa.select(voids)))


def search(qtbot: QtBot, page: JournalPage, text: str, expected: list[str]) -> None:
    assert focused() is page.search
    type_text(qtbot, text)
    qtbot.waitUntil(lambda: listed(page) == expected and page.model.count_final)


def open_void_dialog(qtbot: QtBot, page: JournalPage, receipt_no: str) -> VoidDialog:
    """Type the receipt number, Down into the list, Del: the dialog asks for the reason first."""
    search(qtbot, page, receipt_no, [receipt_no])
    press(qtbot, Qt.Key.Key_Down)
    assert focused() is page.table
    assert page.current() is not None
    press(qtbot, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible())
    dialog = page.dialog
    assert dialog is not None
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.reason)
    return dialog


def fill_void(qtbot: QtBot, reason: str, supervisor: str, pin: str) -> None:
    type_text(qtbot, reason)
    press(qtbot, Qt.Key.Key_Return)  # Enter moves on, as Tab does
    type_text(qtbot, supervisor)
    press(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, pin)
    press(qtbot, Qt.Key.Key_Return)  # on the PIN it confirms: the figures, then Enter
    figures = accept_figures(qtbot)
    assert figures["Uang dikembalikan"].startswith("Rp")


def test_the_day_is_listed_with_its_count(page: JournalPage, day: Day) -> None:
    assert listed(page) == [captured.receipt_no for captured in day.all]
    assert page.count_label.text() == "6 transaksi"
    assert focused() is page.search


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("BNI-0123-01-0000003", ["employer"]),
        ("5", ["siti"]),
        (NIK_MAN, ["joko", "joko_paid", "void"]),
        (JOKO_KPJ, ["joko", "joko_paid", "void"]),
        (CLAIM_KPJ, ["claim"]),
        ("handayani", ["claim"]),
        ("Siti Am", ["siti"]),
        ("0002", ["joko", "joko_paid", "void"]),  # the NIK's last digits, read off the card
        ("3344", ["joko", "joko_paid", "void"]),  # the KPJ's
    ],
)
def test_typing_in_the_search_box_finds_the_right_rows(
    qtbot: QtBot, page: JournalPage, day: Day, text: str, who: list[str]
) -> None:
    expected = [getattr(day, name).receipt_no for name in who]
    search(qtbot, page, text, expected)
    assert page.count_label.text() == f"{len(expected)} transaksi"


def test_the_days_totals_by_cash_debit_and_void_and_the_printed_column(
    qtbot: QtBot, ctx: Context, page: JournalPage, day: Day, teller: User
) -> None:
    # Joko's cash payment was voided; the employer paid by debit.
    qtbot.waitUntil(lambda: page.totals_label.text() != "")
    assert page.totals_label.text() == (
        "Tunai Rp0 (0) · Debit Rp924.000 (1) · Dibatalkan Rp50.400 (1)"
    )
    assert [printed(page, row) for row in range(6)] == ["Belum"] * 6
    issued = issue_receipt(ctx.counter, teller, day.employer.receipt_no)
    record_print(ctx.counter, teller, issued, "printed")
    ctx.changes.notify(Changes(receipts=True))
    qtbot.waitUntil(lambda: printed(page, 2) == "Ya")
    pay_bpu(ctx.counter, teller, bpu_payment(months=1))
    ctx.changes.notify(Changes(transactions=True))
    qtbot.waitUntil(lambda: page.totals_label.text().startswith("Tunai Rp16.800 (1)"))


def test_a_long_name_is_shown_whole(
    qtbot: QtBot, ctx: Context, page: JournalPage, day: Day, teller: User
) -> None:
    name = "Raden Mas Bambang Sutrisno Wicaksono Hadiningrat Kusumawardhana"
    page.resize(800, 600)  # narrower than the columns: the name gets no room left over
    long = register_participant(
        ctx.counter,
        teller,
        registration(nik="3173011503900004", full_name=name, birth_date="1990-03-15"),
    )
    ctx.changes.notify(Changes(transactions=True))
    qtbot.waitUntil(lambda: long.receipt_no in listed(page))
    row = listed(page).index(long.receipt_no)
    shown = str(page.model.data(page.model.index(row, NAME)))
    width = QFontMetrics(page.table.font()).horizontalAdvance(shown)
    assert page.table.columnWidth(NAME) > width
    assert page.table.textElideMode() == Qt.TextElideMode.ElideNone


def test_a_search_that_finds_nothing_says_so_and_esc_clears_it(
    qtbot: QtBot, page: JournalPage, day: Day
) -> None:
    search(qtbot, page, "Budi", [])
    assert page.count_label.text() == "Tidak ada transaksi yang cocok"
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: len(listed(page)) == 6)
    assert page.search.text() == ""


def test_digits_of_no_known_length_get_a_hint(qtbot: QtBot, page: JournalPage) -> None:
    search(qtbot, page, "123456789", [])
    assert page.search_info.isVisible()
    assert "NIK (16 angka)" in page.search_info.text()


def test_down_and_up_move_between_the_box_and_the_list_and_typing_searches(
    qtbot: QtBot, page: JournalPage, day: Day
) -> None:
    press(qtbot, Qt.Key.Key_Down)
    assert focused() is page.table
    assert page.table.currentIndex().row() == 0
    press(qtbot, Qt.Key.Key_Down)
    assert page.current() == page.model.row_at(1)
    press(qtbot, Qt.Key.Key_Up)
    press(qtbot, Qt.Key.Key_Up)
    assert focused() is page.search
    press(qtbot, Qt.Key.Key_Down)
    type_text(qtbot, "siti")  # typed in the list: goes to the search box
    assert focused() is page.search
    qtbot.waitUntil(lambda: listed(page) == [day.siti.receipt_no])


def test_a_void_typed_with_spv01s_pin_is_stored_and_the_row_shows_dibatalkan(
    qtbot: QtBot, page: JournalPage, day: Day, counter: Counter
) -> None:
    open_void_dialog(qtbot, page, day.employer.receipt_no)
    with qtbot.waitSignal(page.voided) as signal:
        fill_void(qtbot, "Salah input kode iuran", "spv01", PINS["spv01"])
    captured = signal.args[0]
    assert isinstance(captured, Captured)
    assert captured.kind == "void"
    assert captured.receipt_no == "BNI-0123-01-0000007"
    (stored,) = [row for row in stored_voids(counter) if row.voided_seq == day.employer.seq]
    assert (stored.reason, stored.approved_by) == ("Salah input kode iuran", "spv01")
    qtbot.waitUntil(lambda: status(page, 0) == "Dibatalkan (0000007)")
    assert page.dialog is None  # closed (and deleted)
    assert page.message.text() == "Dibatalkan dengan BNI-0123-01-0000007."
    qtbot.waitUntil(lambda: focused() is page.table)


def test_a_supervisor_cannot_approve_their_own_void(
    qtbot: QtBot, ctx: Context, supervisor: User, day: Day, counter: Counter
) -> None:
    page = open_page(qtbot, ctx, supervisor)  # spv01 logged in, and approving as spv01
    before = stored_voids(counter)
    dialog = open_void_dialog(qtbot, page, day.employer.receipt_no)
    fill_void(qtbot, "Salah input kode iuran", "spv01", PINS["spv01"])
    error = dialog.errors["supervisor_id"]
    qtbot.waitUntil(error.isVisible)
    assert error.text() == "Supervisor tidak boleh menyetujui permintaannya sendiri."
    assert not dialog.errors["supervisor_pin"].isVisible()
    assert focused() is dialog.supervisor_id
    assert dialog.supervisor_pin.text() == ""
    assert stored_voids(counter) == before
    assert status(page, 0) == "Sah"
    # Another supervisor's PIN then goes through.
    dialog.supervisor_id.clear()
    type_text(qtbot, "spv02")
    press(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, PINS["spv02"])
    press(qtbot, Qt.Key.Key_Return)
    with qtbot.waitSignal(page.voided):
        accept_figures(qtbot)
    assert len(stored_voids(counter)) == len(before) + 1


def test_a_wrong_pin_is_refused_under_the_pin_and_nothing_is_stored(
    qtbot: QtBot, page: JournalPage, day: Day, counter: Counter
) -> None:
    before = stored_voids(counter)
    dialog = open_void_dialog(qtbot, page, day.employer.receipt_no)
    fill_void(qtbot, "Salah input kode iuran", "spv01", "000000")
    error = dialog.errors["supervisor_pin"]
    qtbot.waitUntil(error.isVisible)
    assert error.text().startswith("ID pengguna atau PIN salah.")
    assert focused() is dialog.supervisor_pin
    assert dialog.supervisor_pin.text() == ""
    assert dialog.isVisible()
    assert stored_voids(counter) == before


def test_an_empty_reason_is_refused_under_the_reason(
    qtbot: QtBot, page: JournalPage, day: Day, counter: Counter
) -> None:
    before = stored_voids(counter)
    dialog = open_void_dialog(qtbot, page, day.employer.receipt_no)
    fill_void(qtbot, "", "spv01", PINS["spv01"])
    qtbot.waitUntil(dialog.errors["reason"].isVisible)
    assert focused() is dialog.reason
    assert stored_voids(counter) == before


def test_esc_cancels_the_dialog_and_nothing_is_stored(
    qtbot: QtBot, page: JournalPage, day: Day, counter: Counter
) -> None:
    before = stored_voids(counter)
    open_void_dialog(qtbot, page, day.employer.receipt_no)
    type_text(qtbot, "Salah input kode iuran")
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.dialog is None)
    assert stored_voids(counter) == before
    qtbot.waitUntil(lambda: focused() is page.table)


def test_del_on_a_void_or_a_voided_row_says_why_and_asks_no_one(
    qtbot: QtBot, page: JournalPage, day: Day
) -> None:
    search(
        qtbot, page, NIK_MAN, [day.joko.receipt_no, day.joko_paid.receipt_no, day.void.receipt_no]
    )
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Delete)
    assert page.dialog is None
    assert page.message.text() == (
        f"Tanda terima {day.joko_paid.receipt_no} sudah dibatalkan dengan {day.void.receipt_no}."
    )
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Delete)
    assert page.dialog is None
    assert page.message.text() == "Bukti pembatalan tidak dapat dibatalkan."


def test_ctrl_r_reprints_a_copy_for_the_preview(
    qtbot: QtBot, page: JournalPage, day: Day, counter: Counter
) -> None:
    search(qtbot, page, "handayani", [day.claim.receipt_no])
    press(qtbot, Qt.Key.Key_Down)
    # Never printed: the journal gives the original, not a copy.
    with qtbot.waitSignal(page.reprint_ready) as first:
        press(qtbot, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    original = first.args[0]
    assert original.issued.copy_number == 0
    assert original.copy_mark == ""
    assert page.message.text() == (
        f"Tanda terima asli {day.claim.receipt_no} siap dicetak (belum pernah dicetak)."
    )
    record_print(counter, page.user, original.issued, "printed", "Kasir-1")  # it went out
    qtbot.waitUntil(page.reprint_button.isEnabled)
    with qtbot.waitSignal(page.reprint_ready) as signal:
        press(qtbot, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    receipt = signal.args[0]
    assert isinstance(receipt, RenderedReceipt)
    assert (receipt.issued.copy_number, receipt.receipt_no) == (1, day.claim.receipt_no)
    assert receipt.copy_mark == "SALINAN KE-1"
    assert page.message.text() == f"Salinan ke-1 tanda terima {day.claim.receipt_no} siap dicetak."
    qtbot.waitUntil(page.reprint_button.isEnabled)
    with qtbot.waitSignal(page.reprint_ready) as again:
        page.reprint_button.click()
    assert again.args[0].issued.copy_number == 2
    with counter.store.read() as connection:
        copies = connection.execute(
            sa.select(receipt_issues.c.copy_number).where(receipt_issues.c.seq == day.claim.seq)
        ).scalars()
        assert sorted(copies) == [0, 1, 2]


def test_one_row_found_needs_no_cursor_for_ctrl_r(
    qtbot: QtBot, page: JournalPage, day: Day
) -> None:
    search(qtbot, page, "5", [day.siti.receipt_no])
    qtbot.waitUntil(page.reprint_button.isEnabled)
    with qtbot.waitSignal(page.reprint_ready) as signal:
        press(qtbot, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert signal.args[0].receipt_no == day.siti.receipt_no


def test_another_days_list_can_be_read_but_not_voided(
    qtbot: QtBot, page: JournalPage, day: Day, clock: FakeClock
) -> None:
    clock.advance(days=1)
    page.refresh()  # the next business day: an empty list, the date moves on
    qtbot.waitUntil(lambda: page.count_label.text() == "Belum ada transaksi")
    assert page.day.date().toPython() == date(2026, 11, 25)
    page.day.setFocus()
    press(qtbot, Qt.Key.Key_Down)  # the day before
    qtbot.waitUntil(lambda: len(listed(page)) == 6)
    page.search.setFocus()
    press(qtbot, Qt.Key.Key_Down)  # into the list, on its first row
    assert page.current() == page.model.row_at(0)
    press(qtbot, Qt.Key.Key_Delete)
    assert page.dialog is None
    assert page.message.text() == (
        "Hanya transaksi hari kerja yang sedang berjalan yang dapat dibatalkan."
    )
