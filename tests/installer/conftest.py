"""Tools the installer tests need: PyInstaller (the `test` extra), makensis and 7zz (Debian).

Without them the tests are skipped, except under CI (`CI` set), where they fail: CI must build
the bundle and compile the Windows installer (`.ci/run` installs `nsis` and `7zip`).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the installer tests, but {reason}", pytrace=False)
    pytest.skip(f"installer test skipped: {reason}")


def require_program(name: str, package: str) -> str:
    found = shutil.which(name)
    if found is None:
        unavailable(f"{name} is not installed (apt-get install {package})")
        raise AssertionError("unreachable")  # pragma: no cover
    return found


def require_pyinstaller() -> None:
    if importlib.util.find_spec("PyInstaller") is None:
        unavailable('PyInstaller is not installed (pip install -e ".[test]")')
