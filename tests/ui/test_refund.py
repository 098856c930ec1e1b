"""The refund in the window: from the Karantina page, a payment the upstream refused (the real
sandbox with its registry) is given back once a supervisor approves; its receipt comes to print."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.counter import Counter
from desktop.domain.money import format_rupiah
from desktop.services.auth import User
from desktop.services.business_day import open_day
from desktop.services.capture import Captured
from desktop.services.day_close import count_cash
from desktop.services.journal_query import JournalQuery, journal_page
from desktop.services.quarantine import quarantined
from tests.conftest import PINS
from tests.sync.registry_support import TOKEN, refused_payment, registry_sandbox
from tests.ui.conftest import (
    accept_figures,
    close_the_receipt,
    figures_asked,
    focused,
    press,
    type_text,
)
from ui.context import Context
from ui.journal.model import amount_text, status_text
from ui.upload.quarantine import QuarantinePage
from ui.upload.refund_dialog import RefundDialog
from ui.window.main_window import MainWindow

FLOAT = "100000=5"


@pytest.fixture
def paid(counter: Counter, teller: User, tmp_path: Path) -> Captured:
    with registry_sandbox(tmp_path) as up:
        open_day(counter, teller, FLOAT)
        return refused_payment(counter, teller, up, TOKEN)


def open_quarantine(qtbot: QtBot, ctx: Context, user: User) -> tuple[MainWindow, QuarantinePage]:
    window = MainWindow(ctx, user)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    titles = [window.nav.item(row).text() for row in range(window.nav.count())]
    window.show_page(titles.index("Karantina"))
    page = window.pages.currentWidget()
    assert isinstance(page, QuarantinePage)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)  # the registration and the payment
    return window, page


def open_refund(qtbot: QtBot, page: QuarantinePage, row: int) -> RefundDialog:
    page.table.selectRow(row)
    assert page.refund.isEnabled()
    qtbot.mouseClick(page.refund, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible())
    dialog = page.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: focused() is dialog.supervisor_id)
    return dialog


def approve(qtbot: QtBot, supervisor: str, pin: str) -> None:
    type_text(qtbot, supervisor)
    press(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, pin)
    press(qtbot, Qt.Key.Key_Return)


def test_the_refund_is_approved_stored_and_its_receipt_shown(
    qtbot: QtBot, ctx: Context, teller: User, counter: Counter, paid: Captured
) -> None:
    window, page = open_quarantine(qtbot, ctx, teller)
    page.table.selectRow(0)  # the registration: no money to give back
    assert not page.refund.isEnabled()
    dialog = open_refund(qtbot, page, 1)
    assert dialog.heading.text() == f"Kembalikan iuran {paid.receipt_no}"
    assert dialog.summary.text().startswith(f"Bambang Wijaya · {format_rupiah(paid.amount)} · ")
    assert dialog.summary.text().endswith(
        "ditolak server pusat: Iuran bulan 11/2026 sudah dibayar melalui kanal lain."
    )

    # A wrong PIN: said under the PIN, nothing stored, the dialog stays.
    approve(qtbot, "spv01", "000000")
    accept_figures(qtbot)  # the figures first; the PIN is the service's to check
    error = dialog.errors["supervisor_pin"]
    qtbot.waitUntil(error.isVisible)
    assert error.text().startswith("ID pengguna atau PIN salah.")
    assert dialog.isVisible()
    assert quarantined(counter)[1].refunded_by is None

    type_text(qtbot, PINS["spv01"])
    press(qtbot, Qt.Key.Key_Return)
    # The money going back is said once more before it is written; Esc returns.
    figures_asked(qtbot)
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: focused() is dialog.supervisor_pin)
    assert quarantined(counter)[1].refunded_by is None
    type_text(qtbot, PINS["spv01"])
    press(qtbot, Qt.Key.Key_Return)
    with qtbot.waitSignal(dialog.refunded) as signal:
        assert accept_figures(qtbot) == {
            "Pembayaran": paid.receipt_no,
            "Peserta": "Bambang Wijaya",
            "Uang dikembalikan": format_rupiah(paid.amount),
        }
    given = signal.args[0]
    assert (given.kind, given.amount) == ("refund", paid.amount)
    # Its receipt prints straight away, as after every capture.
    close_the_receipt(qtbot, window)
    assert given.receipt_no in window.status.printing.text()

    qtbot.waitUntil(lambda: page.model.index(1, 5).data() == given.receipt_no)
    page.table.selectRow(1)
    assert not page.refund.isEnabled()  # once only
    assert page.summary.text().startswith(f"Dikembalikan dengan {given.receipt_no}")
    # The journal says which refunds which (F5's status column).
    rows = {row.receipt_no: row for row in journal_page(counter, JournalQuery(day=None)).rows}
    assert status_text(rows[paid.receipt_no]) == f"Dikembalikan ({given.receipt_no[-7:]})"
    assert status_text(rows[given.receipt_no]) == f"Mengembalikan {paid.receipt_no[-7:]}"
    assert amount_text(rows[given.receipt_no]) == format_rupiah(-paid.amount)
    # The drawer: the float, the payment in, the refund out.
    recorded = count_cash(counter, teller, FLOAT)
    assert (recorded.cash_refunded, recorded.expected_cash, recorded.variance) == (
        paid.amount,
        500_000,
        0,
    )


def test_esc_closes_the_dialog_and_nothing_is_refunded(
    qtbot: QtBot, ctx: Context, teller: User, counter: Counter, paid: Captured
) -> None:
    _window, page = open_quarantine(qtbot, ctx, teller)
    open_refund(qtbot, page, 1)
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.dialog is None)
    assert quarantined(counter)[1].refundable
