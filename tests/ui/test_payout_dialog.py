"""F7 Status klaim, Bayar: an approved claim paid out in cash against the real sandbox, keyboard
first (the NIK typed again, checked, then paid), its receipt printed; a wrong NIK refused
under its field; a rejected claim offers no Bayar."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.counter import Counter
from desktop.services.auth import User
from desktop.services.benefit_payout import PayBenefit, open_payouts, pay_benefit
from desktop.services.claim_status import ClaimState
from desktop.sync.sandbox.server import RunningSandbox
from tests.sync.payout_support import SITI_NET, decided_claim, deciding
from tests.sync.registry_support import NIK_COURIER, NIK_TRADER
from tests.ui.conftest import close_the_receipt, focused, press, type_text
from ui.app import Shell
from ui.claims.page import ClaimsPage
from ui.claims.payout_dialog import PayoutDialog
from ui.context import Context
from ui.window.main_window import MainWindow

__all__ = ["deciding"]


def open_claims(qtbot: QtBot, ctx: Context, user: User) -> tuple[MainWindow, ClaimsPage]:
    window = MainWindow(ctx, user)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    titles = [window.nav.item(row).text() for row in range(window.nav.count())]
    window.show_page(next(i for i, t in enumerate(titles) if "status klaim" in t.lower()))
    page = window.pages.currentWidget()
    assert isinstance(page, ClaimsPage)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    return window, page


def open_payout(qtbot: QtBot, page: ClaimsPage) -> PayoutDialog:
    qtbot.waitUntil(page.pay_button.isEnabled)
    qtbot.mouseClick(page.pay_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible())
    dialog = page.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: focused() is dialog.nik)
    return dialog


def test_a_cash_payout_is_checked_then_paid_and_its_receipt_shown(
    qtbot: QtBot, ctx: Context, counter: Counter, teller: User, deciding: RunningSandbox
) -> None:
    claim_no = decided_claim(counter, teller)
    window, page = open_claims(qtbot, ctx, teller)
    dialog = open_payout(qtbot, page)
    type_text(qtbot, NIK_TRADER)  # not the claimant's KTP
    dialog.method.setCurrentIndex(dialog.method.findData("cash"))
    dialog.nik.setFocus()
    press(qtbot, Qt.Key.Key_Return)
    error = dialog.errors["nik"]
    qtbot.waitUntil(error.isVisible)
    assert "tidak sama dengan NIK klaim" in error.text()
    dialog.nik.clear()
    type_text(qtbot, NIK_COURIER)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.confirmation.isVisible)
    assert "Bayar neto Rp2.450.000 (tunai dari laci) kepada Siti Aminah" in (
        dialog.confirmation.text()
    )
    assert dialog.confirm.text() == "Bayar Rp2.450.000 (Enter)"
    assert not dialog.approval.isVisible()  # under the approval threshold
    with qtbot.waitSignal(dialog.paid, timeout=20_000) as signal:
        press(qtbot, Qt.Key.Key_Return)
    paid: Any = signal.args[0]
    assert (paid.captured.amount, paid.confirmed) == (SITI_NET, True)
    # Its receipt prints straight away, as after every capture, no preview in the way.
    close_the_receipt(qtbot, window, paid.captured.receipt_no)
    assert window.print_jobs.last is not None
    assert window.print_jobs.last.receipt_no == paid.captured.receipt_no
    assert claim_no in page.note.text()
    qtbot.waitUntil(lambda: page.model.rows[0].state is ClaimState.PAID)  # read again after it
    assert not page.pay_button.isEnabled()
    assert f"Dibayar di loket ini: bukti {paid.captured.receipt_no}" in page.details.text()
    assert open_payouts(counter) == 0


def test_a_rejected_claim_shows_its_reason_and_offers_no_payout(
    qtbot: QtBot, ctx: Context, counter: Counter, teller: User, deciding: RunningSandbox
) -> None:
    decided_claim(counter, teller, documents={"kartu_peserta": "original"})
    _window, page = open_claims(qtbot, ctx, teller)
    (row,) = page.model.rows
    assert row.state is ClaimState.REJECTED
    assert f"Alasan penolakan: {row.rejection_reason}" in page.details.text()
    assert not page.pay_button.isEnabled()


def test_esc_closes_the_dialog_and_nothing_is_paid(
    qtbot: QtBot, ctx: Context, counter: Counter, teller: User, deciding: RunningSandbox
) -> None:
    decided_claim(counter, teller)
    _window, page = open_claims(qtbot, ctx, teller)
    dialog = open_payout(qtbot, page)
    type_text(qtbot, NIK_COURIER)
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.dialog is None)
    assert not dialog.isVisible()
    assert open_payouts(counter) == 0
    assert page.model.rows[0].state is ClaimState.APPROVED


class _Crash(BaseException):
    """The process dying after the upstream held the claim (the real SIGKILL: tests/cli)."""


def _crash(step: str) -> None:
    if step == "reserved":
        raise _Crash(step)


def test_the_window_releases_a_payout_cut_off_before_the_money_moved_at_its_start(
    qtbot: QtBot, ctx: Context, counter: Counter, teller: User, deciding: RunningSandbox
) -> None:
    claim_no = decided_claim(counter, teller)
    with pytest.raises(_Crash):
        pay_benefit(counter, teller, PayBenefit(claim_no, NIK_COURIER, "cash"), after=_crash)
    assert open_payouts(counter) == 1
    shell = Shell(ctx)
    qtbot.addWidget(shell.login)
    shell._logged_in(teller)
    window = shell.main
    assert window is not None
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: open_payouts(counter) == 0, timeout=20_000)
    qtbot.waitUntil(lambda: claim_no in window.status.currentMessage())
    assert "terputus diselesaikan" in window.status.currentMessage()
