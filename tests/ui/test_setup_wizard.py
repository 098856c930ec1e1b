"""First run: the setup wizard, keyboard only, makes the counter and its supervisor, then login."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox, QWizard
from pytestqt.qtbot import QtBot

from desktop.counter import Counter
from desktop.services.auth import login
from desktop.services.recovery import restore_keys
from desktop.services.setup import init_counter
from desktop.store.schema import audit_events, counter_profile, users
from desktop.store.store import Store
from tests.conftest import FakeClock
from tests.ui.conftest import focused, press, type_text
from ui.app import Startup
from ui.context import Context
from ui.setup_wizard import CONFIRM_PAGE, PROFILE_PAGE, SUPERVISOR_PAGE, SetupWizard
from ui.tasks import TaskManager

PIN = "135790"


@pytest.fixture
def new_counter(tmp_path: Path, clock: FakeClock) -> Iterator[Counter]:
    store = Store(tmp_path / "new")
    yield Counter(store, clock=clock)
    store.close()


@pytest.fixture
def new_ctx(qapp: object, new_counter: Counter) -> Iterator[Context]:
    tasks, network = TaskManager(), TaskManager(name="network", log_slow=False)
    yield Context(new_counter, tasks, network)
    network.close()
    tasks.close()


@pytest.fixture
def startup(qtbot: QtBot, new_ctx: Context) -> Startup:
    startup = Startup(new_ctx)
    wizard = startup.wizard
    assert isinstance(wizard, SetupWizard)
    assert startup.first_window is wizard
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow)
    return startup


def wizard_of(startup: Startup) -> SetupWizard:
    assert startup.wizard is not None
    return startup.wizard


def tab(qtbot: QtBot, times: int = 1) -> None:
    for _ in range(times):
        press(qtbot, Qt.Key.Key_Tab)


def type_profile(
    qtbot: QtBot, wizard: SetupWizard, *, bank: str = "bni", branch: str = "0123"
) -> None:
    page = wizard.profile_page
    assert focused() is page.bank
    type_text(qtbot, bank)  # the partner bank whose code starts so
    tab(qtbot)
    type_text(qtbot, branch)
    tab(qtbot)
    type_text(qtbot, "KC Makassar Somba Opu")
    tab(qtbot)
    assert focused() is page.counter_no
    type_text(qtbot, "3")  # Tab selected the 1 already there
    tab(qtbot)
    assert focused() is page.timezone
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down)
    assert page.timezone.currentData() == "Asia/Makassar"
    tab(qtbot)
    assert focused() is page.paper
    press(qtbot, Qt.Key.Key_Down)
    assert page.paper.currentData() == "a5"
    press(qtbot, Qt.Key.Key_Return)


def type_supervisor(qtbot: QtBot, wizard: SetupWizard, *, again: str = PIN) -> None:
    page = wizard.supervisor_page
    qtbot.waitUntil(lambda: focused() is page.supervisor_id)
    type_text(qtbot, "spv01")
    tab(qtbot)
    type_text(qtbot, "Andi Mappanyukki")
    tab(qtbot)
    assert focused() is page.pin
    assert page.pin.echoMode() is QLineEdit.EchoMode.Password
    assert page.pin_again.echoMode() is QLineEdit.EchoMode.Password
    type_text(qtbot, PIN)
    tab(qtbot)
    type_text(qtbot, again)
    press(qtbot, Qt.Key.Key_Return)


def stored(counter: Counter) -> tuple[list[sa.Row[Any]], list[sa.Row[Any]], list[str]]:
    with counter.store.read() as connection:
        profiles = list(connection.execute(sa.select(counter_profile)))
        people = list(connection.execute(sa.select(users)))
        actions = list(connection.scalars(sa.select(audit_events.c.action)))
    return profiles, people, actions


def test_set_up_with_the_keyboard_alone_then_the_login_comes_up(
    qtbot: QtBot, startup: Startup, new_counter: Counter, recovery_sheets: Path, tmp_path: Path
) -> None:
    wizard = wizard_of(startup)
    type_profile(qtbot, wizard)
    assert wizard.profile_page.bank_code() == "BNI"  # typed in small letters, picked from the list
    banks = [wizard.profile_page.bank.itemData(i) for i in range(wizard.profile_page.bank.count())]
    assert banks == ["", "BNI", "BRI", "BTN", "MANDIRI", "BJB"]
    qtbot.waitUntil(lambda: wizard.currentId() == SUPERVISOR_PAGE)
    type_supervisor(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.currentId() == CONFIRM_PAGE)
    summary = wizard.confirm_page.summary_text()
    assert "Kode loket: BNI-0123-03" in summary
    assert "Zona waktu: WITA — Asia/Makassar" in summary
    assert "Supervisor pertama: Andi Mappanyukki (spv01)" in summary
    assert PIN not in summary
    assert focused() is wizard.button(QWizard.WizardButton.FinishButton)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: startup.shell is not None and startup.shell.login.isVisible())
    assert startup.shell is not None
    qtbot.addWidget(startup.shell.login)
    assert not wizard.isVisible()
    assert "KC Makassar Somba Opu · Loket 03" in startup.shell.login.windowTitle()
    profiles, people, actions = stored(new_counter)
    (profile,) = profiles
    assert (profile.counter_code, profile.branch_name, profile.timezone, profile.paper) == (
        "BNI-0123-03",
        "KC Makassar Somba Opu",
        "Asia/Makassar",
        "a5",
    )
    assert [(p.id, p.name, p.role, p.active) for p in people] == [
        ("spv01", "Andi Mappanyukki", "supervisor", True)
    ]
    assert actions == ["audit.keyed", "counter.init", "user.add"]  # the keyed chain opens first
    assert login(new_counter, "spv01", PIN).is_supervisor
    # The recovery sheet was written with the counter, and the supervisor is told where.
    sheet = recovery_sheets / "SPO-Counter-pemulihan-BNI-0123-03.pdf"
    qtbot.waitUntil(lambda: startup.sheet_box is not None and startup.sheet_box.isVisible())
    assert startup.sheet_box is not None
    assert str(sheet) in startup.sheet_box.text()
    assert "brankas" in startup.sheet_box.text()
    startup.sheet_box.grab().save(str(tmp_path / "sheet-box.png"))
    restored = restore_keys(tmp_path / "elsewhere", sheet)  # the sheet carries the store key
    assert restored.store_id == new_counter.keys.store_id
    assert not restored.store_opens
    startup.sheet_box.accept()


def test_the_pin_typed_twice_must_match(
    qtbot: QtBot, startup: Startup, new_counter: Counter
) -> None:
    wizard = wizard_of(startup)
    type_profile(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.currentId() == SUPERVISOR_PAGE)
    type_supervisor(qtbot, wizard, again="135791")
    page = wizard.supervisor_page
    assert wizard.currentId() == SUPERVISOR_PAGE
    assert page.errors["pin_again"].text() == "PIN yang diulang tidak sama. Ketik lagi."
    assert focused() is page.pin_again
    assert page.pin_again.text() == ""
    type_text(qtbot, PIN)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.currentId() == CONFIRM_PAGE)
    assert stored(new_counter) == ([], [], [])


def test_a_pin_too_easy_is_refused_under_the_pin(qtbot: QtBot, startup: Startup) -> None:
    wizard = wizard_of(startup)
    type_profile(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.currentId() == SUPERVISOR_PAGE)
    page = wizard.supervisor_page
    page.pin.setText("123456")
    page.pin_again.setText("123456")
    page.supervisor_id.setText("spv01")
    page.supervisor_name.setText("Andi")
    wizard.next()
    assert wizard.currentId() == SUPERVISOR_PAGE
    assert page.errors["pin"].text().startswith("PIN terlalu mudah ditebak")
    assert not page.errors["pin_again"].isVisible()


def test_no_partner_bank_and_a_short_branch_code_are_refused_under_their_fields(
    qtbot: QtBot, startup: Startup, new_counter: Counter
) -> None:
    wizard = wizard_of(startup)
    type_profile(qtbot, wizard, bank="xyz", branch="12")  # no partner bank starts with X
    page = wizard.profile_page
    qtbot.waitUntil(lambda: page.errors["bank"].isVisible())
    assert wizard.currentId() == PROFILE_PAGE
    assert page.errors["bank"].text() == (
        "Bank harus salah satu bank mitra: BNI, BRI, BTN, MANDIRI, BJB."
    )
    assert page.errors["branch_code"].text() == "Kode cabang harus 4 angka, mis. 0123."
    assert focused() is page.bank
    press(qtbot, Qt.Key.Key_Down)  # from "— pilih bank —" to BNI, then BRI
    press(qtbot, Qt.Key.Key_Down)
    assert page.bank_code() == "BRI"
    tab(qtbot)
    type_text(qtbot, "abc0123")  # letters cannot be typed there at all
    assert page.branch_code.text() == "0123"
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.currentId() == SUPERVISOR_PAGE)
    assert stored(new_counter) == ([], [], [])
    type_supervisor(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.currentId() == CONFIRM_PAGE)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: startup.shell is not None)
    assert startup.shell is not None
    qtbot.addWidget(startup.shell.login)
    assert stored(new_counter)[0][0].counter_code == "BRI-0123-03"


def test_escape_asks_first_and_no_keeps_the_wizard(
    qtbot: QtBot, startup: Startup, new_counter: Counter
) -> None:
    wizard = wizard_of(startup)
    type_text(qtbot, "BNI")
    press(qtbot, Qt.Key.Key_Escape)
    box = wizard.findChild(QMessageBox, "cancel_setup")
    assert isinstance(box, QMessageBox)
    qtbot.waitUntil(box.isVisible)
    qtbot.waitUntil(box.isActiveWindow)
    press(qtbot, Qt.Key.Key_Return)  # the default answer is No
    answered = box
    qtbot.waitUntil(lambda: not answered.isVisible())
    assert wizard.isVisible()
    assert wizard.profile_page.bank_code() == "BNI"
    qtbot.waitUntil(lambda: focused() is wizard.profile_page.bank)
    press(qtbot, Qt.Key.Key_Escape)
    box = wizard.findChild(QMessageBox, "cancel_setup")
    assert isinstance(box, QMessageBox)
    qtbot.waitUntil(box.isVisible)
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: not wizard.isVisible())
    assert startup.shell is None
    assert stored(new_counter) == ([], [], [])


def test_a_counter_set_up_meanwhile_goes_on_to_the_login(
    qtbot: QtBot, startup: Startup, new_counter: Counter
) -> None:
    wizard = wizard_of(startup)
    type_profile(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.currentId() == SUPERVISOR_PAGE)
    type_supervisor(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.currentId() == CONFIRM_PAGE)
    init_counter(  # `spo-counter init` ran in another window meanwhile
        new_counter,
        bank_code="BNI",
        branch_code="0009",
        branch_name="KC Lain",
        counter_no=1,
        timezone="Asia/Jakarta",
        supervisor_id="spv09",
        supervisor_name="Orang Lain",
        supervisor_pin="246801",
    )
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: startup.shell is not None)
    assert startup.shell is not None
    qtbot.addWidget(startup.shell.login)
    profiles, people, _actions = stored(new_counter)
    assert [p.counter_code for p in profiles] == ["BNI-0009-01"]
    assert [p.id for p in people] == ["spv09"]
