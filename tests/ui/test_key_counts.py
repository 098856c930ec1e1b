"""The keys a payment takes in the real window (issue 17's goals), pressed with qtbot and
counted: a BPU payment for a known participant with exact cash, printed, in at most 5 keys beyond
the NIK's 16 digits; with the cash handed over typed, at most 5 plus its digits; a PU bill by
payment code in at most 4 plus the code's digits. The benchmark (tests/perf/bench_keys.py)
prints the same counts."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from desktop.counter import Counter
from desktop.services.auth import User
from desktop.services.registration import register_participant
from tests.services.conftest import NIK_MAN, registration
from tests.sync.registry_support import CODE_DUE, CODE_LATE, NIK_COURIER
from tests.ui.keystrokes import pay_bpu, pay_pu
from ui.context import Context
from ui.window.main_window import MainWindow

BPU_KEYS = 5  # beyond the NIK's digits (and the cash's)
PU_KEYS = 4  # beyond the payment code's digits


@pytest.fixture
def window(qtbot: QtBot, ctx: Context, teller: User) -> MainWindow:
    window = MainWindow(ctx, teller)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


@pytest.fixture
def known(counter: Counter, teller: User, monkeypatch: pytest.MonkeyPatch) -> str:
    """Joko, registered at this counter; no upstream asked."""
    monkeypatch.delenv("SPO_UPSTREAM_URL", raising=False)
    monkeypatch.delenv("SPO_UPSTREAM_TOKEN", raising=False)
    register_participant(counter, teller, registration())
    return NIK_MAN


def test_a_bpu_payment_with_exact_cash_takes_three_keys_beyond_the_nik(
    qtbot: QtBot, known: str, window: MainWindow
) -> None:
    keys = pay_bpu(qtbot, window, known)
    assert str(keys) == "F3 Enter Enter"
    assert keys.typed == 16
    assert keys.count <= BPU_KEYS
    assert window.contribution.change_banner.text().startswith("Kembalian Rp0")


def test_a_bpu_payment_with_cash_typed_takes_three_keys_beyond_its_digits(
    qtbot: QtBot, known: str, window: MainWindow
) -> None:
    keys = pay_bpu(qtbot, window, known, cash="20000")
    assert str(keys) == "F3 Enter Enter"
    assert keys.typed == 16 + 5
    assert keys.count <= BPU_KEYS
    assert window.contribution.change_banner.text().startswith("Kembalian Rp3.200")
    # The next payment at once, with the same keys: the window is the teller's again.
    again = pay_bpu(qtbot, window, known)
    assert again.count == keys.count


@pytest.mark.usefixtures("registry_upstream")
def test_a_participant_known_to_the_upstream_takes_the_same_keys(
    qtbot: QtBot, window: MainWindow
) -> None:
    keys = pay_bpu(qtbot, window, NIK_COURIER, cash="50000")
    assert keys.count <= BPU_KEYS
    assert window.contribution.change_banner.text().startswith("Kembalian Rp21.600")


@pytest.mark.usefixtures("registry_upstream")
def test_a_pu_bill_by_its_twelve_digit_code_takes_four_keys_beyond_the_code(
    qtbot: QtBot, window: MainWindow
) -> None:
    keys = pay_pu(qtbot, window, CODE_DUE)
    assert str(keys) == "F3 Alt+U Enter Enter"
    assert keys.typed == 12
    assert keys.count <= PU_KEYS


@pytest.mark.usefixtures("registry_upstream")
def test_an_eleven_digit_code_needs_enter_to_say_it_is_whole(
    qtbot: QtBot, window: MainWindow
) -> None:
    # 11 digits may be the start of a 12-digit code: the teller's Enter asks for the bill.
    keys = pay_pu(qtbot, window, CODE_LATE)
    assert str(keys) == "F3 Alt+U Enter Enter Enter"
    assert keys.count == PU_KEYS + 1
