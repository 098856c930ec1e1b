"""Every CLI test runs cut off from the real user: its own HOME, no SPO_* variables, no terminal."""

from __future__ import annotations

import io
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test may fall back to the real user data folder or inherit a PIN from the shell."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    for name in ("SPO_DATA_DIR", "SPO_PIN", "SPO_SUPERVISOR_PIN", "SPO_LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # not a terminal: no prompt possible
