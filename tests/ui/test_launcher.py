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
from desktop.settings import load_settings, save_settings
from ui.app import resolve_language

SCRIPT = Path(sys.executable).with_name("spo-counter")


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
    assert all(facts["records"][kind] > 0 for kind in facts["records"])


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
