"""Payments taken in the real main window by key events only, each key counted: the flows the
key-count test (tests/ui/test_key_counts.py) holds to their limits and the benchmark
(tests/perf/bench_keys.py) prints.

A key is one press (a chord such as Alt+U is one); what the teller reads off a card or a bill
(the NIK, the payment code, the cash handed over) is counted apart, as `typed`. Nothing is
clicked and nothing is set from code: where the teller would wait for the name or the bill to
come up, the flow waits for the cursor to arrive where they would type next.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.services.capture import Captured
from tests.ui.conftest import close_the_receipt, figures_asked, focused
from ui.window.main_window import MainWindow

ENTER = Qt.Key.Key_Return


@dataclass
class Keys:
    """The keys pressed for one payment, and the characters typed from the paper."""

    qtbot: QtBot
    keys: list[str] = field(default_factory=list)
    typed: int = 0
    seconds: float = 0.0  # the last key to the receipt out of the printer

    def press(
        self,
        key: Qt.Key,
        name: str,
        modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
    ) -> None:
        self.qtbot.keyClick(focused(), key, modifier)
        self.keys.append(name)

    def type(self, text: str) -> None:
        self.qtbot.keyClicks(focused(), text)
        self.typed += len(text)

    @property
    def count(self) -> int:
        return len(self.keys)

    def __str__(self) -> str:
        return " ".join(self.keys)


def pay_bpu(qtbot: QtBot, window: MainWindow, nik: str, cash: str = "") -> Keys:
    """F3, the NIK (asked at its 16th digit: the cursor goes to the cash), the cash handed over
    if not exact, Enter (the figures), Enter (accepted): printed, the change on the form."""
    keys = Keys(qtbot)
    page = window.contribution
    keys.press(Qt.Key.Key_F3, "F3")
    assert focused() is page.bpu.participant
    keys.type(nik)
    qtbot.waitUntil(lambda: focused() is page.tender.cash_given)
    if cash:
        keys.type(cash)
    accept(qtbot, window, keys)
    return keys


def pay_pu(qtbot: QtBot, window: MainWindow, code: str) -> Keys:
    """F3, Alt+U, the payment code (asked at its last digit when it has the longest length,
    else on Enter: the bill fills and the cursor goes to the cash), exact cash, Enter, Enter."""
    keys = Keys(qtbot)
    page = window.contribution
    keys.press(Qt.Key.Key_F3, "F3")
    keys.press(Qt.Key.Key_U, "Alt+U", Qt.KeyboardModifier.AltModifier)
    assert focused() is page.pu.payment_code
    keys.type(code)
    longest = max(window.ctx.counter.reference.lengths_of("payment_code"))
    if len(code) < longest:
        keys.press(ENTER, "Enter")  # more digits might follow: the teller says it is whole
    qtbot.waitUntil(lambda: focused() is page.tender.cash_given)
    accept(qtbot, window, keys)
    return keys


def accept(qtbot: QtBot, window: MainWindow, keys: Keys) -> None:
    """Enter on the last field (the figures come up), Enter on them; then until the receipt is
    out of the counter's printer (no preview in the way), the form still in the keys."""
    saved: list[Captured] = []
    window.contribution.saved.connect(saved.append)
    keys.press(ENTER, "Enter")
    figures_asked(qtbot)
    keys.press(ENTER, "Enter")
    started = time.perf_counter()
    qtbot.waitUntil(lambda: bool(saved))
    window.contribution.saved.disconnect(saved.append)
    close_the_receipt(qtbot, window, saved[0].receipt_no)
    keys.seconds = time.perf_counter() - started
    assert window.contribution.change_banner.isVisible()
