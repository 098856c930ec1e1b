"""Every CLI test runs cut off from the real user (its own HOME, no SPO_* variables, no terminal)
and on the test's fixed clock: `cli` runs the command in this process and captures its output."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import main
from tests.helpers import FakeClock


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test may fall back to the real user data folder or inherit a PIN from the shell."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    for name in ("SPO_DATA_DIR", "SPO_PIN", "SPO_NEW_PIN", "SPO_SUPERVISOR_PIN", "SPO_LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # not a terminal: no prompt possible


@dataclass(frozen=True)
class Ran:
    """What one run of the command gave: its exit code and what it printed."""

    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


class Cli:
    """`spo-counter` in this process, on the test's clock."""

    def __init__(self, capsys: pytest.CaptureFixture[str], clock: FakeClock) -> None:
        self.capsys = capsys
        self.clock = clock

    def __call__(self, *argv: str, expect: int | None = 0) -> Ran:
        """Run the command; unless `expect` is None, its exit code must be `expect`."""
        self.capsys.readouterr()
        code = main(list(argv), clock=self.clock)
        captured = self.capsys.readouterr()
        ran = Ran(code, captured.out, captured.err)
        if expect is not None:
            assert code == expect, (argv, ran.out, ran.err)
        return ran

    def json(self, *argv: str) -> Any:
        """Run the command with --json; it must succeed, and its output is returned parsed."""
        return self(*argv, "--json").json()


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], clock: FakeClock) -> Cli:
    return Cli(capsys, clock)
