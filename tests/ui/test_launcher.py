"""`spo-counter` without a command: the window starts (offscreen here) and, asked to, exits."""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main as cli_main
from desktop.keystore import STORE_KEY, open_keystore
from desktop.paths import DB_FILENAME
from desktop.settings import load_settings, save_settings
from tests.helpers import CONSOLE_SCRIPT
from tests.tamper import open_raw
from ui.app import resolve_language

SCRIPT = CONSOLE_SCRIPT


def _run(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(data_dir.parent)}
    env.pop("SPO_DATA_DIR", None)
    return subprocess.run(
        [str(SCRIPT), "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_demo_first_look_starts_the_window_on_a_filled_demo_counter(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    started = _run("--demo", "--exit-after-startup", data_dir=folder)
    assert started.returncode == 0, started.stderr
    assert int(started.stdout.strip()) > 0  # milliseconds until the window was shown
    info = _run("info", "--json", data_dir=folder)
    assert info.returncode == 0, info.stderr
    facts = json.loads(info.stdout)
    assert facts["counter_code"] == "BNI-DEMO-01"
    assert sum(facts["records"].values()) == 300
    # Every kind but refunds: a demo has no upstream to refuse a payment.
    money_out = ("refund", "benefit_payment")  # the demo makes none
    assert all(n > 0 for kind, n in facts["records"].items() if kind not in money_out)
    assert [facts["records"][kind] for kind in money_out] == [0, 0]


def test_the_window_starts_on_a_counter_not_yet_set_up(tmp_path: Path) -> None:
    started = _run("--exit-after-startup", data_dir=tmp_path / "new")
    assert started.returncode == 0, started.stderr
    assert int(started.stdout.strip()) > 0


def test_the_window_gets_no_language_unless_one_is_asked_for(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without --lang or SPO_LANG the window uses the language saved in Settings."""
    seen: list[str | None] = []

    def start_gui(args: argparse.Namespace) -> int:
        seen.append(args.lang)
        return 0

    monkeypatch.delenv("SPO_LANG", raising=False)
    assert cli_main([], start_gui=start_gui) == 0
    assert cli_main(["--lang", "en"], start_gui=start_gui) == 0
    monkeypatch.setenv("SPO_LANG", "en")
    assert cli_main([], start_gui=start_gui) == 0
    assert seen == [None, "en", "en"]


def test_the_saved_language_is_used_when_none_is_asked_for(tmp_path: Path) -> None:
    save_settings(tmp_path, dataclasses.replace(load_settings(tmp_path), language="en"))
    assert resolve_language(None, tmp_path) == "en"
    assert resolve_language("id", tmp_path) == "id"


# Run in a fresh interpreter: the store's opening is held until the login window is shown, so
# what was imported by then is what the window needed, whatever the threads' timing.
LOGIN_FIRST = """
import sys, threading
from PySide6.QtWidgets import QApplication
import ui.app, ui.login

shown = threading.Event()
loaded_at_show = []
real_open = ui.app.open_counter

def held_open(*args, **kwargs):
    shown.wait(30)
    return real_open(*args, **kwargs)

def show_event(self, event):
    loaded_at_show.append(sorted(m for m in ("sqlalchemy", "alembic") if m in sys.modules))
    shown.set()

ui.app.open_counter = held_open
ui.login.LoginWindow.showEvent = show_event
code = ui.app.run(data_dir=sys.argv[1], demo=False, lang=None, exit_after_startup_from=0.0)
print("loaded at show:", loaded_at_show, "exit:", code)
"""


def test_the_login_shows_before_the_store_modules_load(tmp_path: Path) -> None:
    folder = tmp_path / "counter"
    assert _run("--demo", "--exit-after-startup", data_dir=folder).returncode == 0
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = subprocess.run(
        [sys.executable, "-c", LOGIN_FIRST, str(folder)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert started.returncode == 0, started.stderr
    assert "loaded at show: [[]] exit: 0" in started.stdout


def test_a_store_that_fails_to_open_behind_the_login_exits_with_the_reason(
    tmp_path: Path,
) -> None:
    """The login shows from a quick read; the store itself then refuses to open."""
    folder = tmp_path / "broken"
    folder.mkdir()
    open_keystore(folder).key(STORE_KEY)  # encrypted with the folder's key: the peek reads it
    connection = open_raw(folder / DB_FILENAME)
    connection.execute(
        "CREATE TABLE counter_profile (counter_code TEXT, branch_name TEXT, counter_no INTEGER)"
    )
    connection.execute("INSERT INTO counter_profile VALUES ('BNI-0123-01', 'KC Kota', 1)")
    connection.close()
    started = _run("--exit-after-startup", data_dir=folder)
    assert started.returncode == 1
    assert "spo-counter: store: Data loket tidak dapat dibuka" in started.stderr


def test_a_store_whose_key_is_not_on_this_pc_is_said_and_left_alone(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window on a data folder copied to a PC without its keys: the reason, exit 1, and
    the file as it was (no new key, never the setup wizard)."""
    before = (data_dir / DB_FILENAME).read_bytes()
    monkeypatch.setenv("SPO_KEYSTORE_DIR", str(tmp_path / "new-pc-keys"))
    started = _run("--exit-after-startup", "--lang", "en", data_dir=data_dir)
    assert started.returncode == 1
    assert "the key for the counter's data is not on this PC" in started.stderr
    assert "keys restore" in started.stderr
    assert "Traceback" not in started.stderr
    assert (data_dir / DB_FILENAME).read_bytes() == before
    assert not (tmp_path / "new-pc-keys").exists()
