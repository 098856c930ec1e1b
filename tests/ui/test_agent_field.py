"""The registration form's agent field offers the register: typing part of a name or an
institution lists the active agents, Down and Enter pick one (its code goes in, its name shows
under the field), and a code the register does not hold is refused under the field."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.counter import Counter
from desktop.services.auth import User
from desktop.services.registration import register_participant
from desktop.store.records import load_records
from desktop.store.schema import registrations
from tests.services.agents_support import ACTIVE, OTHER
from tests.services.conftest import NIK_MAN, registration
from tests.ui.conftest import accept_figures, close_the_receipt, focused, press, type_text
from tests.ui.test_registration_form import fill, main_window, page, stored
from ui.context import Context
from ui.contribution.page import ContributionPage
from ui.registration.page import RegistrationPage

__all__ = ["page"]  # the form's fixture, as its own tests use it

# The completer's list is a popup: the offscreen platform can neither raise it nor give it the
# keyboard (harmless; the popup still takes the keys through the completer's event filter).
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)


def _completions(page: RegistrationPage) -> list[str]:
    completer = page.agent_code.completer()
    model = completer.completionModel()
    return [str(model.index(row, 0).data()) for row in range(model.rowCount())]


def test_the_register_is_offered_and_the_chosen_code_saved(
    qtbot: QtBot, page: RegistrationPage, counter: Counter
) -> None:
    fill(qtbot, page)
    assert focused() is page.agent_code
    qtbot.waitUntil(lambda: bool(page.agent_code.agents))  # the register, from the worker
    type_text(qtbot, "karya")
    popup = page.agent_code.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    # Active agents of the institution only: Rina (PRS-0103) is not active.
    assert _completions(page) == [
        "PRS-0101 · Dewi Lestari · Yayasan Karya Sejahtera",
        "PRS-101 · Sri Mulyani · Yayasan Karya Sejahtera",
    ]
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.agent_code.text() == ACTIVE)
    assert page.agent_code.info.text() == "Dewi Lestari · Yayasan Karya Sejahtera"
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(page.done.isVisible)
    close_the_receipt(qtbot, main_window(page))
    with counter.store.read() as connection:
        assert connection.execute(sa.select(registrations.c.agent_code)).scalars().all() == [ACTIVE]
    # Ctrl+I: the first contribution, brought by the same agent.
    press(qtbot, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    contribution = main_window(page).contribution
    qtbot.waitUntil(contribution.isVisible)
    assert contribution.bpu.agent_code.text() == ACTIVE


def test_a_code_not_in_the_register_is_refused_under_the_field(
    qtbot: QtBot, page: RegistrationPage, counter: Counter
) -> None:
    fill(qtbot, page)
    qtbot.waitUntil(lambda: bool(page.agent_code.agents))
    type_text(qtbot, "PRS-9999")
    assert page.agent_code.info.text() == "Tidak ada di daftar agen"
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(page.errors["agent_code"].isVisible)
    assert "PRS-9999 tidak ada di daftar agen" in page.errors["agent_code"].text()
    assert focused() is page.agent_code
    assert stored(counter) == []


def test_a_payment_names_its_agent_by_alt_r(
    qtbot: QtBot, ctx: Context, teller: User, counter: Counter
) -> None:
    """F3: Tab goes past the agent's field (most payments come without one); Alt+R reaches it,
    Enter goes on to the tender, and the payment is stored with the agent."""
    register_participant(counter, teller, registration())
    form = ContributionPage(ctx, teller)
    qtbot.addWidget(form)
    form.resize(880, 640)
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    form.setFocus()
    qtbot.waitUntil(lambda: bool(form.bpu.agent_code.agents))
    type_text(qtbot, NIK_MAN)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(form.bpu.participant_name.isVisible)
    press(qtbot, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    assert focused() is form.bpu.agent_code
    type_text(qtbot, "prs-0201")
    assert form.bpu.agent_code.info.text() == "Hendra Gunawan · Koperasi Nelayan Mandiri"
    press(qtbot, Qt.Key.Key_Return)
    assert focused() is form.tender.cash
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(form.saved) as saved:
        accept_figures(qtbot)
    captured = saved.args[0]
    with counter.store.read() as connection:
        records = load_records(connection)
    assert records[captured.transaction_id]["agent"]["agent_code"] == OTHER
