"""The Windows installer script compiles with Debian's makensis and carries the bundle it is given.

There is no Windows build here, so it is compiled against a small stand-in laid out like the
Windows bundle (spo-counter.exe, spo-counter-cli.exe, _internal/); 7-Zip, which reads NSIS
installers, lists what the result would install.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from installer import build_info
from tests.installer.conftest import ROOT, require_program

SCRIPT = ROOT / "installer" / "spo-counter.nsi"


@pytest.fixture
def stand_in(tmp_path: Path) -> Path:
    bundle = tmp_path / "bundle"
    (bundle / "_internal" / "desktop" / "_resources" / "reference").mkdir(parents=True)
    (bundle / "spo-counter.exe").write_bytes(b"MZ window")
    (bundle / "spo-counter-cli.exe").write_bytes(b"MZ commands")
    (bundle / "_internal" / "base_library.zip").write_bytes(b"PK")
    manifest = ROOT / "resources" / "reference" / "manifest.json"
    (bundle / "_internal" / "desktop" / "_resources" / "reference" / "manifest.json").write_bytes(
        manifest.read_bytes()
    )
    return bundle


def _makensis(*defines: str) -> subprocess.CompletedProcess[str]:
    makensis = require_program("makensis", "nsis")
    return subprocess.run(
        [makensis, "-WX", "-V2", *defines, str(SCRIPT)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_installer_compiles_and_would_install_the_bundle_and_an_uninstaller(
    stand_in: Path, tmp_path: Path
) -> None:
    version = build_info.project_version()
    setup = tmp_path / f"spo-counter-{version}-setup.exe"
    four = ".".join(str(n) for n in build_info.windows_file_version(version))
    compiled = _makensis(
        f"-DVERSION={version}",
        f"-DWIN_VERSION={four}",
        f"-DBUNDLE={stand_in}",
        f"-DOUTFILE={setup}",
    )
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr  # -WX: no warnings either
    assert setup.read_bytes()[:2] == b"MZ"

    sevenzip = require_program("7zz", "7zip")
    listing = subprocess.run(
        [sevenzip, "l", "-slt", str(setup)], capture_output=True, text=True, check=True
    ).stdout
    paths = set(re.findall(r"^Path = (.+)$", listing, flags=re.MULTILINE)) - {str(setup)}
    installed = {p for p in paths if not p.startswith("$PLUGINSDIR")}
    assert installed == {
        "spo-counter.exe",
        "spo-counter-cli.exe",
        "_internal/base_library.zip",
        "_internal/desktop/_resources/reference/manifest.json",
        "uninstall.exe",
    }


def test_the_installer_needs_a_version_and_a_bundle(stand_in: Path) -> None:
    without_version = _makensis(f"-DBUNDLE={stand_in}")
    assert without_version.returncode != 0
    assert "VERSION is not defined" in without_version.stdout + without_version.stderr
    without_bundle = _makensis("-DVERSION=1.0.0")
    assert without_bundle.returncode != 0
    assert "BUNDLE is not defined" in without_bundle.stdout + without_bundle.stderr


def test_neither_installing_nor_uninstalling_removes_a_folder_other_than_the_programs_own() -> None:
    """The data folder outlives every upgrade and uninstall: only _internal is removed whole."""
    text = SCRIPT.read_text("utf-8")
    recursive = re.findall(r"^\s*RMDir\s+/r\s+(.+)$", text, flags=re.MULTILINE)
    assert recursive == ['"$INSTDIR\\_internal"', '"$INSTDIR\\_internal"']
    assert 'Delete "$DataDir' not in text
    assert 'RMDir "$DataDir' not in text
    # Per machine: administrators install into Program Files, shortcuts for all users.
    assert "RequestExecutionLevel admin" in text
    assert 'InstallDir "$PROGRAMFILES64\\${APP}"' in text
    assert text.count("SetShellVarContext all") >= 3
