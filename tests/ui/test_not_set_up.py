"""A counter not set up yet: the window says how to set it up instead of offering a login."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.services.counter import Counter
from desktop.store.store import Store
from ui.not_set_up import NotSetUpWindow


def test_an_unset_counter_says_how_to_set_it_up(qtbot: QtBot, tmp_path: Path) -> None:
    store = Store(tmp_path)
    window = NotSetUpWindow(Counter(store))
    qtbot.addWidget(window)
    window.show()
    assert "spo-counter init" in window.details.text()
    assert str(tmp_path) in window.details.text()
    store.close()
