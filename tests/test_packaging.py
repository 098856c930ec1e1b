"""The wheel carries the reference data and the migrations, and the code finds them there."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("spo_counter-*.whl")
    return built


def test_the_wheel_carries_data_migrations_and_the_entry_point(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for reference in (ROOT / "resources" / "reference").glob("*.json"):
        assert f"desktop/_resources/reference/{reference.name}" in names
    assert "desktop/store/migrations/env.py" in names
    assert "desktop/store/migrations/script.py.mako" in names
    assert "desktop/store/migrations/versions/0001_initial_schema.py" in names
    assert "ui/launcher.py" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "spo-counter = ui.launcher:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
    assert not any("tests/" in n or n.endswith(".pyc") for n in names)


def test_code_run_from_the_wheel_reads_its_own_reference_data(wheel: Path, tmp_path: Path) -> None:
    unpacked = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(unpacked)
    code = (
        "import desktop.resources as r, desktop.reference as ref;"
        "print(r.resources_dir());"
        "print(len(ref.load_reference().provinces))"
    )
    result = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(unpacked)!r}); {code}"],
        capture_output=True,
        text=True,
        check=True,
    )
    folder, provinces = result.stdout.split()
    assert Path(folder) == unpacked / "desktop" / "_resources"
    assert provinces == "38"


def test_the_sandbox_upstream_is_an_extra_a_counter_pc_does_without(wheel: Path) -> None:
    """`pip install spo-counter` brings no web server; `spo-counter[sandbox]` brings FastAPI."""
    archive = zipfile.ZipFile(wheel)
    metadata = archive.read(next(n for n in archive.namelist() if n.endswith("METADATA")))
    requires = [
        line.removeprefix("Requires-Dist: ")
        for line in metadata.decode().splitlines()
        if line.startswith("Requires-Dist: ")
    ]
    always = {r.split(";")[0].split(">")[0].split("!")[0].strip() for r in requires if ";" not in r}
    assert "pydantic" in always  # the contract's models are the core's
    assert not always & {"fastapi", "uvicorn", "starlette"}
    sandbox = {r.split(">")[0] for r in requires if "extra == 'sandbox'" in r}
    assert sandbox == {"fastapi", "uvicorn"}
    tested = {r.split(">")[0] for r in requires if "extra == 'test'" in r}
    assert sandbox <= tested  # `pip install -e ".[test]"` still runs the sync tests
