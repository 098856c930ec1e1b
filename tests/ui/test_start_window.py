"""The window `spo-counter` opens: the counter it runs, and on a demo the users to log in with."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.services.counter import Counter
from desktop.store.store import Store
from ui.app import StartWindow, open_counter


def test_an_unset_counter_says_how_to_set_it_up(qtbot: QtBot, tmp_path: Path) -> None:
    store = Store(tmp_path)
    window = StartWindow(Counter(store), demo=False)
    qtbot.addWidget(window)
    window.show()
    assert "spo-counter init" in window.details.text()
    store.close()


def test_a_demo_counter_shows_its_users_and_pins(qtbot: QtBot, tmp_path: Path) -> None:
    counter = open_counter(tmp_path / "demo", demo=True)
    window = StartWindow(counter, demo=True)
    qtbot.addWidget(window)
    window.show()
    assert window.windowTitle() == "SPO Counter — BNI-DEMO-01"
    users = {
        window.users.item(row, 0).text(): window.users.item(row, 1).text()
        for row in range(window.users.rowCount())
    }
    assert users["teller01"] == "102938"
    assert "300" not in window.details.text() or "pendaftaran" in window.details.text()
    counter.store.close()
