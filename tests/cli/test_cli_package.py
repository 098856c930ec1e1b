"""The command as a package: light to load, runnable as `python -m desktop.cli`, and a `sandbox`
that says how to install the sandbox upstream when FastAPI and uvicorn are not there."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli.sandbox import is_sandbox_module

# Run in a fresh interpreter: what building the parser loads is what `spo-counter --version`
# and the window's start pay for.
LOADED = """
import sys
import desktop.cli
desktop.cli.build_parser()
heavy = ("sqlalchemy", "alembic", "pydantic", "httpx", "reportlab", "fastapi", "PySide6")
print(sorted(m for m in sys.modules if m.split(".")[0] in heavy))
"""

# The web server's packages made unimportable, as on a counter PC without the extra.
WITHOUT_FASTAPI = """
import sys
for name in ("fastapi", "uvicorn", "starlette"):
    sys.modules[name] = None
from desktop.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _python(*argv: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        [sys.executable, *argv], capture_output=True, text=True, env=env, timeout=60, check=False
    )


def test_the_parser_loads_no_store_network_or_gui_modules(tmp_path: Path) -> None:
    loaded = _python("-c", LOADED, home=tmp_path)
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.strip() == "[]"


def test_python_dash_m_runs_the_command(tmp_path: Path) -> None:
    shown = _python("-m", "desktop.cli", "--version", home=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith("spo-counter ")


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("id", "Server pusat sandbox tidak terpasang di sini (modul uvicorn tidak ada)."),
        ("en", "The sandbox upstream is not installed here (no module uvicorn)."),
    ],
)
def test_sandbox_without_fastapi_says_how_to_install_it(
    lang: str, said: str, tmp_path: Path
) -> None:
    ran = _python(
        "-c", WITHOUT_FASTAPI, "--data-dir", str(tmp_path), "sandbox", "--lang", lang,
        home=tmp_path,
    )  # fmt: skip
    assert ran.returncode == 1
    assert ran.stdout == ""
    assert ran.stderr.startswith(f"spo-counter: sandbox: {said}")
    assert 'pip install "spo-counter[sandbox]"' in ran.stderr
    assert 'pip install -e ".[sandbox]"' in ran.stderr
    assert "Traceback" not in ran.stderr
    assert not (tmp_path / "sandbox").exists()  # refused before anything was made


@pytest.mark.parametrize(
    ("name", "sandbox"),
    [
        ("fastapi", True),
        ("fastapi.responses", True),
        ("uvicorn", True),
        ("starlette.types", True),
        ("desktop.sync.sandbox", True),  # the installer bundle leaves the package out
        ("fastapix", False),
        ("sqlalchemy", False),  # a missing core dependency is a bug, reported as one
        (None, False),
    ],
)
def test_only_the_sandbox_modules_count_as_the_missing_extra(
    name: str | None, sandbox: bool
) -> None:
    assert is_sandbox_module(name) is sandbox
