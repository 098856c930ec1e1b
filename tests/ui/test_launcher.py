"""`spo-counter` without a command: the window starts (offscreen here) and, asked to, exits."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

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
