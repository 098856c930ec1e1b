"""F3 offline, for a NIK neither registered here nor known: the confirmation dialog opens from the
form, the teller confirms who pays, the payment is stored awaiting verification and its receipt
shows; bad input stays in the dialog, under its field; online, nothing is offered."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.counter import Counter
from desktop.services.auth import User
from desktop.services.unverified import Verification, verification_of
from desktop.store.schema import transactions
from tests.helpers import closed_port_url
from tests.sync.registry_support import NIK_TRADER, TOKEN, registry_sandbox
from tests.ui.conftest import accept_figures, close_the_receipt, focused, press, type_text
from ui.context import Context
from ui.contribution.page import ContributionPage
from ui.contribution.unverified import UnverifiedPaymentDialog
from ui.window.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPO_UPSTREAM_URL", closed_port_url())
    monkeypatch.setenv("SPO_UPSTREAM_TOKEN", TOKEN)


@pytest.fixture
def window(qtbot: QtBot, ctx: Context, teller: User) -> MainWindow:
    shown = MainWindow(ctx, teller)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    shown.activateWindow()
    qtbot.waitUntil(shown.isActiveWindow)
    press(qtbot, Qt.Key.Key_F3)
    assert focused() is shown.contribution.bpu.participant
    return shown


def the_dialog(qtbot: QtBot, page: ContributionPage) -> UnverifiedPaymentDialog:
    qtbot.waitUntil(
        lambda: any(d.isVisible() for d in page.findChildren(UnverifiedPaymentDialog)),
        timeout=5_000,
    )
    (dialog,) = [d for d in page.findChildren(UnverifiedPaymentDialog) if d.isVisible()]
    return dialog


def receipts(counter: Counter) -> list[str]:
    with counter.store.read() as connection:
        return list(connection.execute(sa.select(transactions.c.receipt_no)).scalars())


@pytest.mark.usefixtures("offline")
def test_an_unknown_nik_offline_is_confirmed_and_paid_awaiting_verification(
    qtbot: QtBot, window: MainWindow, counter: Counter, tmp_path: Path
) -> None:
    page = window.contribution
    type_text(qtbot, NIK_TRADER)
    press(qtbot, Qt.Key.Key_Return)
    dialog = the_dialog(qtbot, page)
    assert "belum terdaftar" in page.bpu.errors["participant"].text()  # the form's word stays
    qtbot.waitUntil(lambda: focused() is dialog.full_name)
    assert dialog.birth_date.text() == "01/01/1990"  # from the NIK, to check against the KTP
    type_text(qtbot, "Bambang Wijaya")
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.monthly_income
    dialog.monthly_income.setCurrentIndex(dialog.monthly_income.findData(2_000_000))
    dialog.period_start.setCurrentIndex(dialog.period_start.findData("2026-12"))
    assert dialog.total.text() == "Jumlah iuran: Rp26.800"  # what to collect, as chosen
    dialog.cash_given.setText("30.000")
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert accept_figures(qtbot) == {
        "Total": "Rp26.800",
        "Uang diterima": "Rp30.000",
        "Kembalian": "Rp3.200",
    }
    close_the_receipt(qtbot, window)
    (number,) = receipts(counter)
    state = verification_of(counter, number)
    assert state is not None
    assert (state.state, state.full_name) == (Verification.AWAITING, "Bambang Wijaya")
    assert page.bpu.participant.text() == ""  # the form starts afresh
    assert not page.bpu.errors["participant"].isVisible()


@pytest.mark.usefixtures("offline")
def test_a_birth_date_the_nik_contradicts_stays_in_the_dialog(
    qtbot: QtBot, window: MainWindow, counter: Counter
) -> None:
    type_text(qtbot, NIK_TRADER)
    press(qtbot, Qt.Key.Key_Return)
    dialog = the_dialog(qtbot, window.contribution)
    dialog.full_name.setText("Bambang Wijaya")
    dialog.birth_date.setText("02/01/1990")
    dialog.monthly_income.setCurrentIndex(dialog.monthly_income.findData(2_000_000))
    dialog.submit()
    accept_figures(qtbot)  # the cash first; the service then checks the birth date
    error = dialog.errors["birth_date"]
    qtbot.waitUntil(error.isVisible)
    assert error.text().startswith("Tanggal lahir tidak sesuai NIK (menurut NIK 01/01/1990)")
    assert focused() is dialog.birth_date
    dialog.monthly_income.setCurrentIndex(0)
    dialog.birth_date.setText("01/01/1990")
    dialog.submit()
    qtbot.waitUntil(dialog.errors["monthly_income"].isVisible)
    assert receipts(counter) == []
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert receipts(counter) == []


def test_online_an_unknown_nik_is_told_to_register_and_nothing_is_offered(
    qtbot: QtBot,
    window: MainWindow,
    ctx: Context,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with registry_sandbox(tmp_path) as upstream:
        monkeypatch.setenv("SPO_UPSTREAM_URL", upstream.url)
        monkeypatch.setenv("SPO_UPSTREAM_TOKEN", TOKEN)
        type_text(qtbot, "3171011708850002")
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(window.contribution.bpu.errors["participant"].isVisible)
        # The offer's check has run to its end on the inquiry worker: no dialog came of it.
        done: list[bool] = []
        ctx.asking.run(lambda: None, lambda _none: done.append(True))
        qtbot.waitUntil(lambda: bool(done))
        QApplication.processEvents()
    assert window.contribution.findChildren(UnverifiedPaymentDialog) == []


@pytest.mark.usefixtures("offline")
def test_no_offer_for_a_nik_typed_over_while_it_was_checked(
    qtbot: QtBot, window: MainWindow, ctx: Context
) -> None:
    """The check answers after the teller moved on to another number: nothing pops up."""
    page = window.contribution
    release = threading.Event()
    # Said before the form asks whether to offer: the inquiry worker is held behind this job.
    page.bpu.looked_up.connect(lambda: ctx.asking.run(lambda: release.wait(10), lambda _r: None))
    type_text(qtbot, NIK_TRADER)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(page.bpu.errors["participant"].isVisible)
    page.bpu.participant.setText("3171011708850002")
    release.set()
    done: list[bool] = []
    ctx.asking.run(lambda: None, lambda _none: done.append(True))
    qtbot.waitUntil(lambda: bool(done))
    assert not any(d.isVisible() for d in page.findChildren(UnverifiedPaymentDialog))
