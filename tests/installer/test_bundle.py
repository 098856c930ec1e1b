"""The Linux bundle, built as bank IT builds it: it starts, answers, upgrades an old store, stays
small, and its tarball installs, upgrades and uninstalls without touching the counter's data.

One build (installer/build-linux.sh, about 1.5 minutes on 2 cores) serves every test here.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.keystore import STORE_KEY, open_keystore
from desktop.store.engine import connect
from desktop.store.migrate import head_revision
from desktop.sync.sandbox.server import RunningSandbox
from installer import build_info
from tests.conftest import PINS
from tests.helpers import FakeClock
from tests.installer.conftest import ROOT, require_pyinstaller

# PyInstaller builds the bundle in the first test's setup: about 75 s alone, more on a busy
# machine; every other test keeps the suite's own timeout.
pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

FROZEN_STORE = ROOT / "tests" / "store" / "frozen" / "counter-0001.sqlite"

# The bundle with the sandbox upstream in it was 170.2 MB (docs/performance.md); without it the
# issue wants it under 170 MB, and the sandbox put back would break this. Measured without the
# SQLCipher driver, which came later (issue 14: about 8.4 MB stripped) and is no sandbox.
SIZE_WITHOUT_SANDBOX_BYTES = 170 * 1000 * 1000


@dataclass(frozen=True)
class Build:
    bundle: Path
    tarball: Path
    version: str

    @property
    def app(self) -> Path:
        return self.bundle / "spo-counter"


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    require_pyinstaller()
    out = tmp_path_factory.mktemp("dist")
    # PyInstaller runs none of the app's code: coverage would only slow its Python processes
    # (by a third), so they are not measured.
    env = {k: v for k, v in os.environ.items() if k != "COVERAGE_PROCESS_CONFIG"}
    result = subprocess.run(
        ["bash", str(ROOT / "installer" / "build-linux.sh"), str(out)],
        env={**env, "PYTHON": sys.executable},
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    version = build_info.project_version()
    (tarball,) = out.glob("spo-counter-*-linux-*.tar.gz")
    assert tarball.name == f"spo-counter-{version}-linux-{os.uname().machine}.tar.gz"
    return Build(bundle=out / "spo-counter", tarball=tarball, version=version)


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SPO_")}
    keys = {"SPO_KEYSTORE": "file", "SPO_KEYSTORE_DIR": str(_keys(home))}
    return {**env, "HOME": str(home), "QT_QPA_PLATFORM": "offscreen", **keys, **extra}


def _keys(home: Path) -> Path:
    """The frozen program's key store: a folder of the test's own."""
    return home / "keys"


def _run(program: Path, *args: str, home: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(program), *args],
        env=_env(home, **extra),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _init(program: Path, data: Path, home: Path) -> None:
    made = _run(
        program,
        "init",
        "--data-dir",
        str(data),
        "--bank",
        "BNI",
        "--branch-code",
        "0123",
        "--branch-name",
        "KC Jakarta Kota",
        "--counter",
        "1",
        "--timezone",
        "Asia/Jakarta",
        "--supervisor-id",
        "spv01",
        "--supervisor-name",
        "Siti Rahmawati",
        "--paper",
        "a5",
        "--recovery-sheet",
        str(home),
        home=home,
        SPO_PIN=PINS["spv01"],
    )
    assert made.returncode == 0, made.stderr


def test_the_bundle_holds_the_app_and_only_the_qt_it_uses_under_200_mb(build: Build) -> None:
    internal = build.bundle / "_internal"
    assert build_info.forbidden_files(build.bundle) == []
    for module in build_info.QT_MODULES:
        assert list((internal / "PySide6").glob(f"{module}.*")), module
    resources = internal / "desktop" / "_resources"
    shipped = sorted(
        p.relative_to(ROOT / "resources").as_posix()
        for p in (ROOT / "resources").rglob("*")
        if p.is_file()
    )
    bundled = sorted(
        p.relative_to(resources).as_posix() for p in resources.rglob("*") if p.is_file()
    )
    assert bundled == shipped  # reference data, fonts, icons, compiled translations: all of it
    versions = ROOT / "desktop" / "store" / "migrations" / "versions"
    assert sorted(
        p.name for p in (internal / "desktop/store/migrations/versions").glob("*.py")
    ) == (sorted(p.name for p in versions.glob("*.py")))
    assert build_info.tree_size(build.bundle) < build_info.SIZE_GOAL_BYTES
    assert (build.bundle / "VERSION").read_text().strip() == build.version


def test_the_bundle_leaves_the_sandbox_upstream_out(build: Build) -> None:
    """Neither the sandbox's package nor FastAPI, uvicorn, starlette or anyio: not as files, and
    not as modules in the executable's archive, where PyInstaller puts pure-Python code."""
    from PyInstaller.archive.readers import pkg_archive_contents

    files = [
        p.relative_to(build.bundle).as_posix()
        for p in build.bundle.rglob("*")
        if build_info.is_sandbox(p.relative_to(build.bundle).as_posix())
    ]
    assert files == []
    modules = set(pkg_archive_contents(str(build.app)))
    assert sorted(m for m in modules if build_info.is_sandbox(m)) == []
    # The reader sees the archive: the upload's client and what it needs are there.
    assert {"desktop.sync.client", "desktop.sync.contract", "httpx", "httpcore", "h11"} <= modules
    cipher = build_info.tree_size(build.bundle / "_internal" / "sqlcipher3")
    assert 0 < cipher < 12 * 1000 * 1000  # bundled, and stripped of its debug symbols
    assert build_info.tree_size(build.bundle) - cipher < SIZE_WITHOUT_SANDBOX_BYTES


def test_the_frozen_upload_works_and_the_frozen_sandbox_says_it_is_not_installed(
    build: Build, tmp_path: Path
) -> None:
    data = tmp_path / "counter"
    _init(build.app, data, tmp_path)
    token = "token-bni-0123-01"
    db = f"sqlite:///{tmp_path / 'upstream.sqlite'}"
    with RunningSandbox(db, {"BNI-0123-01": token}, clock=FakeClock()) as upstream:
        synced = _run(
            build.app, "sync", "--json", "--data-dir", str(data), home=tmp_path,
            SPO_UPSTREAM_URL=upstream.url, SPO_UPSTREAM_TOKEN=token,
        )  # fmt: skip
    assert synced.returncode == 0, synced.stderr  # httpx without anyio: the sync client needs none
    report = json.loads(synced.stdout)
    assert report["batches"] == 1  # the set-up's audit events went up
    assert report["reference_version"]

    refused = _run(build.app, "sandbox", "--data-dir", str(data), home=tmp_path)
    assert refused.returncode == 1
    assert refused.stderr.startswith("spo-counter: sandbox: Server pusat sandbox tidak terpasang")
    assert 'pip install "spo-counter[sandbox]"' in refused.stderr
    assert "Traceback" not in refused.stderr
    assert not (data / "sandbox").exists()


def test_the_frozen_app_starts_the_window_offscreen_and_exits(build: Build, tmp_path: Path) -> None:
    # A new counter (the setup wizard) and a set-up one (the login).
    for data in (tmp_path / "new", tmp_path / "counter"):
        if data.name == "counter":
            _init(build.app, data, tmp_path)
        started = _run(build.app, "--exit-after-startup", "--data-dir", str(data), home=tmp_path)
        assert started.returncode == 0, started.stderr
        assert int(started.stdout.strip()) > 0  # milliseconds until the first window showed


def test_the_frozen_commands_answer_with_the_package_version(build: Build, tmp_path: Path) -> None:
    shown = _run(build.app, "--version", home=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.strip() == f"spo-counter {build.version}"
    data = tmp_path / "counter"
    _init(build.app, data, tmp_path)
    info = _run(build.app, "info", "--json", "--data-dir", str(data), home=tmp_path)
    assert info.returncode == 0, info.stderr
    facts = json.loads(info.stdout)
    assert facts["counter_code"] == "BNI-0123-01"
    assert facts["schema_version"] == head_revision()
    refused = _run(build.app, "info", "--data-dir", str(tmp_path / "nowhere"), home=tmp_path)
    assert refused.returncode == 1
    assert "Tidak ada data loket" in refused.stderr


def test_the_frozen_app_upgrades_the_first_released_store_after_a_backup(
    build: Build, tmp_path: Path
) -> None:
    data = tmp_path / "old"
    data.mkdir()
    shutil.copy(FROZEN_STORE, data / "counter.sqlite")
    checked = _run(build.app, "verify", "--data-dir", str(data), home=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    (backup,) = (data / "backups").iterdir()
    assert not data.joinpath("counter.sqlite").read_bytes().startswith(b"SQLite format 3")
    environ = {"SPO_KEYSTORE": "file", "SPO_KEYSTORE_DIR": str(_keys(tmp_path))}
    key = open_keystore(data, environ).get(STORE_KEY)
    assert key is not None  # the frozen program encrypted the store with a key of its own
    before = connect(backup, key, readonly=True)
    try:
        assert before.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    finally:
        before.close()
    info = _run(build.app, "info", "--json", "--data-dir", str(data), home=tmp_path)
    facts = json.loads(info.stdout)
    assert facts["schema_version"] == head_revision()
    assert list((data / "backups").iterdir()) == [backup]  # upgraded once

    # The frozen program's receipts: reportlab with the bundled fonts, read back.
    day = _run(
        build.app,
        "journal",
        "--date",
        "2026-11-24",
        "--json",
        "--data-dir",
        str(data),
        home=tmp_path,
    )
    numbers = [entry["receipt_no"] for entry in json.loads(day.stdout)]
    assert len(numbers) == 5
    pdf = tmp_path / "receipt.pdf"
    saved = _run(
        build.app,
        "receipt",
        "save",
        numbers[0],
        "--out",
        str(pdf),
        "--teller",
        "teller01",
        "--data-dir",
        str(data),
        home=tmp_path,
        SPO_PIN=PINS["teller01"],
    )
    assert saved.returncode == 0, saved.stderr
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert numbers[0] in text
    fonts = {
        str(page["/Resources"]["/Font"][name]["/BaseFont"])
        for page in PdfReader(pdf).pages
        for name in page["/Resources"]["/Font"]
    }
    assert any("DejaVu" in font for font in fonts), fonts


def test_the_tarball_installs_upgrades_and_uninstalls_keeping_the_data(
    build: Build, tmp_path: Path
) -> None:
    unpacked = tmp_path / "unpacked"
    with tarfile.open(build.tarball) as archive:
        archive.extractall(unpacked, filter="tar")
    folder = unpacked / f"spo-counter-{build.version}"
    places = {
        "--prefix": tmp_path / "opt" / "spo-counter",
        "--data-dir": tmp_path / "var" / "spo-counter",
        "--bin-dir": tmp_path / "bin",
        "--applications": tmp_path / "applications",
        "--config-dir": tmp_path / "etc" / "spo-counter",
    }
    options = [str(part) for pair in places.items() for part in pair] + ["--group", ""]

    def install() -> None:
        done = subprocess.run(
            ["sh", str(folder / "install.sh"), *options],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, done.stderr

    install()
    command = places["--bin-dir"] / "spo-counter"
    prefix = places["--prefix"]
    assert (prefix / "current").resolve() == prefix / build.version
    entry = (places["--applications"] / "spo-counter.desktop").read_text()
    assert f"Exec={command}" in entry
    assert Path(entry.split("Icon=")[1].splitlines()[0]).is_file()
    # The wrapper gives the window and the commands the shared data folder: no --data-dir.
    _init(command, places["--data-dir"], tmp_path)
    assert (places["--data-dir"] / "counter.sqlite").is_file()
    environment = places["--config-dir"] / "environment"
    assert environment.stat().st_mode & 0o777 == 0o640
    environment.write_text("SPO_LANG=en\n")
    refused = _run(command, "info", "--data-dir", str(tmp_path / "nowhere"), home=tmp_path)
    assert refused.returncode == 1
    assert "No counter data in" in refused.stderr  # in English: the settings file was read
    started = _run(command, "--exit-after-startup", home=tmp_path)
    assert started.returncode == 0, started.stderr

    before = (places["--data-dir"] / "counter.sqlite").read_bytes()
    install()  # an upgrade: a new copy of the program, the same data
    assert (places["--data-dir"] / "counter.sqlite").read_bytes() == before
    assert environment.read_text() == "SPO_LANG=en\n"  # the settings are kept too
    info = _run(command, "info", "--json", home=tmp_path)
    assert json.loads(info.stdout)["counter_code"] == "BNI-0123-01"

    removed = subprocess.run(
        [
            "sh",
            str(folder / "uninstall.sh"),
            "--prefix",
            str(prefix),
            "--bin-dir",
            str(places["--bin-dir"]),
            "--applications",
            str(places["--applications"]),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert removed.returncode == 0, removed.stderr
    assert str(places["--data-dir"]) in removed.stdout
    assert not prefix.exists()
    assert not command.exists()
    assert not (places["--applications"] / "spo-counter.desktop").exists()
    assert (places["--data-dir"] / "counter.sqlite").read_bytes() == before
    assert environment.is_file()
