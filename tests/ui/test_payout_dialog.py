"""F7 Status klaim, Bayar: an approved claim paid out in cash against the real sandbox, keyboard
first (the NIK typed again, checked, then paid), its receipt printed; a wrong NIK refused
under its field; a rejected claim offers no Bayar."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from desktop.counter import Counter
from desktop.services.auth import User
from desktop.services.benefit_payout import PayBenefit, open_payouts, pay_benefit
from desktop.services.claim_status import ClaimState
from desktop.settings import PcSettings, save_settings
from desktop.store.store import Store
from desktop.sync.sandbox.server import RunningSandbox
from tests.conftest import PINS, FakeClock
from tests.sync.claims_support import TOKEN_OTHER
from tests.sync.payout_support import SITI_NET, decided_claim, deciding, second_counter
from tests.sync.registry_support import NIK_COURIER, NIK_TRADER
from tests.ui.conftest import close_the_receipt, focused, press, type_text
from ui.app import Shell
from ui.claims.page import ClaimsPage
from ui.claims.payout_dialog import PayoutDialog
from ui.confirm import FiguresDialog
from ui.context import Context
from ui.tasks import TaskManager
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


def figures_asked(qtbot: QtBot, dialog: PayoutDialog) -> FiguresDialog:
    qtbot.waitUntil(lambda: dialog.confirmation is not None and dialog.confirmation.isVisible())
    asked = dialog.confirmation
    assert asked is not None
    qtbot.waitUntil(lambda: focused() is asked.accept_button)
    return asked


def test_a_cash_payout_is_checked_then_paid_and_its_receipt_shown(
    qtbot: QtBot, ctx: Context, counter: Counter, teller: User, deciding: RunningSandbox
) -> None:
    claim_no = decided_claim(counter, teller)
    window, page = open_claims(qtbot, ctx, teller)
    dialog = open_payout(qtbot, page)
    type_text(qtbot, NIK_TRADER)  # not the claimant's KTP
    press(qtbot, Qt.Key.Key_Return)  # the one Enter rule: on to the method
    assert focused() is dialog.method
    press(qtbot, Qt.Key.Key_Down)  # transfer -> cash: the reference is not asked
    assert dialog.method.currentData() == "cash"
    press(qtbot, Qt.Key.Key_Return)  # the last field: checked
    error = dialog.errors["nik"]
    qtbot.waitUntil(error.isVisible)
    assert "tidak sama dengan NIK klaim" in error.text()
    assert dialog.confirmation is None
    dialog.nik.setFocus()
    dialog.nik.selectAll()
    type_text(qtbot, NIK_COURIER)
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Return)
    asked = figures_asked(qtbot, dialog)  # the shared figures, the net large and last
    assert asked.figures() == {
        "Bruto": "Rp2.450.000",
        "PPh 21": "Rp0",
        "Neto dibayar": "Rp2.450.000",
    }
    heading = asked.findChild(QLabel, "heading")
    assert heading is not None
    assert f"Bayar klaim {claim_no} kepada Siti Aminah" in heading.text()
    assert "tunai dari laci" in heading.text()
    assert asked.accept_button.text() == "Bayar Rp2.450.000 (Enter)"
    assert not dialog.approval.isVisible()  # under the approval threshold
    # Esc on the figures: back in the form, nothing paid nor reserved.
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: dialog.confirmation is None and not asked.isVisible())
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.method)  # where it was
    assert open_payouts(counter) == 0
    assert page.model.rows[0].state is ClaimState.APPROVED
    # Enter again: the figures again; Enter on them pays.
    press(qtbot, Qt.Key.Key_Return)
    figures_asked(qtbot, dialog)
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


def test_cash_above_the_threshold_asks_a_supervisor_then_the_figures_by_keys(
    qtbot: QtBot, ctx: Context, counter: Counter, teller: User, deciding: RunningSandbox
) -> None:
    save_settings(
        counter.store.data_dir,
        PcSettings(cash_payout_limit="5000000", cash_payout_approval_above="2000000"),
    )
    decided_claim(counter, teller)
    _window, page = open_claims(qtbot, ctx, teller)
    dialog = open_payout(qtbot, page)
    type_text(qtbot, NIK_COURIER)
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Down)  # cash
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.approval.isVisible)  # above Rp2.000.000: no figures yet
    assert dialog.confirmation is None
    assert focused() is dialog.approval.first
    type_text(qtbot, "spv01")
    press(qtbot, Qt.Key.Key_Return)
    assert focused() is dialog.approval.supervisor_pin
    type_text(qtbot, "000000")  # a wrong PIN: refused under its field, nothing paid
    press(qtbot, Qt.Key.Key_Return)
    figures_asked(qtbot, dialog)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.errors["supervisor_pin"].isVisible())
    assert open_payouts(counter) == 0
    assert dialog.approval.isVisible()
    dialog.approval.supervisor_pin.setFocus()
    type_text(qtbot, PINS["spv01"])
    press(qtbot, Qt.Key.Key_Return)
    figures_asked(qtbot, dialog)
    with qtbot.waitSignal(dialog.paid, timeout=20_000) as signal:
        press(qtbot, Qt.Key.Key_Return)
    paid: Any = signal.args[0]
    assert paid.confirmed
    assert paid.quote.needs_approval


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


def test_the_windows_timed_upload_releases_a_payout_cut_off_while_it_was_open(
    qtbot: QtBot, ctx: Context, counter: Counter, teller: User, deciding: RunningSandbox
) -> None:
    claim_no = decided_claim(counter, teller)
    window = MainWindow(ctx, teller)  # open already: its start's resume is behind it
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    with pytest.raises(_Crash):  # a lost answer, a payout's program killed meanwhile
        pay_benefit(counter, teller, PayBenefit(claim_no, NIK_COURIER, "cash"), after=_crash)
    assert open_payouts(counter) == 1  # nothing else waits to go up: the open payout is the work
    with (
        qtbot.waitSignal(window.upload.finished, timeout=20_000),
        qtbot.waitSignal(window.upload.payouts_resumed, timeout=20_000) as resumed,
    ):
        window.upload.timer.setInterval(10)
    window.upload.stop()
    assert resumed.args[0] == (claim_no,)
    assert open_payouts(counter) == 0
    qtbot.waitUntil(lambda: claim_no in window.status.currentMessage())
    assert "terputus diselesaikan" in window.status.currentMessage()
    # Freed upstream: paid now, once.
    assert pay_benefit(counter, teller, PayBenefit(claim_no, NIK_COURIER, "cash")).confirmed


def test_a_claim_handed_over_at_another_counter_is_found_by_its_number_and_paid_here(
    qtbot: QtBot,
    counter: Counter,
    teller: User,
    clock: FakeClock,
    deciding: RunningSandbox,
    tasks: TaskManager,
    network: TaskManager,
    printer: TaskManager,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    claim_no = decided_claim(counter, teller)  # at counter 01
    store = Store(second_counter(tmp_path / "counter02", clock))
    monkeypatch.setenv("SPO_UPSTREAM_TOKEN", TOKEN_OTHER)
    ctx = Context(Counter(store, clock=clock), tasks, network, printer=printer)
    try:
        window = MainWindow(ctx, teller)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.show_page(window.pages.indexOf(window.claims))
        page = window.claims
        page.search.setText(claim_no)
        qtbot.keyClick(page.search, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: [row.receipt_no for row in page.model.rows] == [claim_no])
        page.table.selectRow(0)
        qtbot.waitUntil(page.pay_button.isEnabled)
        assert "Diserahkan di loket BNI-0123-01 (data server pusat)" in page.details.text()
        dialog = open_payout(qtbot, page)
        type_text(qtbot, NIK_COURIER)
        press(qtbot, Qt.Key.Key_Return)  # the method: transfer
        press(qtbot, Qt.Key.Key_Return)
        assert focused() is dialog.reference
        type_text(qtbot, "TRF-02-77")
        press(qtbot, Qt.Key.Key_Return)
        asked = figures_asked(qtbot, dialog)
        assert asked.figures()["Neto dibayar"] == "Rp2.450.000"
        with qtbot.waitSignal(dialog.paid, timeout=20_000) as signal:
            press(qtbot, Qt.Key.Key_Return)
        paid: Any = signal.args[0]
        assert paid.confirmed
        assert paid.captured.receipt_no.startswith("BNI-0123-02-")
        close_the_receipt(qtbot, window, paid.captured.receipt_no)
        qtbot.waitUntil(lambda: page.model.rows[0].state is ClaimState.PAID)
    finally:
        window.upload.stop()
        # Counter 02's store closes once no worker is at it (the fixtures' own close later).
        for manager in (tasks, network, printer):
            qtbot.waitUntil(lambda manager=manager: not manager.busy, timeout=20_000)
        store.close()
