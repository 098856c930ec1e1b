"""A store file that fails, for real, gives every command one message and exit 1, never a
traceback: damaged, truncated, empty, foreign, read-only, locked by another process, full."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop.paths import DB_FILENAME
from desktop.resources import resource_path
from desktop.store.store import Store
from tests.helpers import registration_rows

TELLER_PIN = "102938"
# Commands of every kind: a check, a read, a write after a login.
COMMANDS = (("verify",), ("info",), ("open-day", "--teller", "teller01", "--counted", "100000=1"))


def spo(
    folder: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`spo-counter` as a process of its own, as bank IT runs it."""
    return subprocess.run(
        [sys.executable, "-m", "desktop.cli", "--data-dir", str(folder), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "SPO_PIN": TELLER_PIN, **(env or {})},
        check=False,
    )


def refused(ran: subprocess.CompletedProcess[str], *words: str) -> None:
    assert ran.returncode == 1, (ran.stdout, ran.stderr)
    assert "Traceback" not in ran.stderr
    assert ran.stderr.startswith("spo-counter: store: "), ran.stderr
    for word in words:
        assert word in ran.stderr


def test_a_truncated_store_gives_every_command_its_message(data_dir: Path) -> None:
    db = data_dir / DB_FILENAME
    with db.open("r+b") as file:
        file.truncate(db.stat().st_size // 3)
    for command in COMMANDS:
        refused(spo(data_dir, *command), "rusak", str(db))
    refused(spo(data_dir, "--lang", "en", "info"), "is damaged", "restore the newest good backup")


def test_bytes_overwritten_in_the_middle_are_found_by_verify_first(data_dir: Path) -> None:
    db = data_dir / DB_FILENAME
    # A page in the middle no open reads (a table's, not the schema's): where the bytes land
    # must not depend on how many tables the migrations have made by now.
    store = Store(data_dir)
    with store.read() as connection:
        page = connection.exec_driver_sql(
            "SELECT rootpage FROM sqlite_master WHERE name = 'voids'"
        ).scalar_one()
        size = connection.exec_driver_sql("PRAGMA page_size").scalar_one()
    store.close()
    with db.open("r+b") as file:
        file.seek((int(page) - 1) * int(size))
        file.write(b"\xde\xad\xbe\xef" * 2048)
    ran = spo(data_dir, "verify", "--json")
    assert ran.returncode == 1
    assert "Traceback" not in ran.stderr
    problems = __import__("json").loads(ran.stdout)["problems"]
    assert problems[0]["check"] == "integrity"
    assert "rusak" in problems[0]["message"]


def test_an_empty_file_is_never_a_new_counter(tmp_path: Path) -> None:
    folder = tmp_path / "counter"
    folder.mkdir()
    (folder / DB_FILENAME).touch()
    for command in COMMANDS:
        refused(spo(folder, *command), "kosong (0 byte)", "bukan loket baru")
    ran = spo(
        folder,
        "init",
        *("--bank", "BNI", "--branch-code", "0123", "--branch-name", "KC Kota"),
        *("--counter", "1", "--timezone", "Asia/Jakarta"),
        *("--supervisor-id", "spv01", "--supervisor-name", "Siti"),
        env={"SPO_PIN": "135790"},
    )
    refused(ran, "kosong")
    assert (folder / DB_FILENAME).stat().st_size == 0  # init wrote nothing over it


@pytest.mark.parametrize("kind", ["png", "sqlite"])
def test_a_foreign_file_is_left_as_it_is(tmp_path: Path, kind: str) -> None:
    folder = tmp_path / "counter"
    folder.mkdir()
    db = folder / DB_FILENAME
    if kind == "png":
        shutil.copy(resource_path("icons", "spo-counter.png"), db)
        # Encrypted stores: a file no key opens is "not SPO Counter data" (the key message).
        words = ("bukan data SPO Counter",)
    else:
        import sqlite3

        other = sqlite3.connect(db)
        other.execute("CREATE TABLE photos (name TEXT)")
        other.commit()
        other.close()
        words = ("basis data milik program lain",)
    before = db.read_bytes()
    for command in (
        *COMMANDS,
        (
            "init",
            "--bank",
            "BNI",
            "--branch-code",
            "0123",
            "--branch-name",
            "KC",
            "--counter",
            "1",
            "--timezone",
            "Asia/Jakarta",
            "--supervisor-id",
            "spv01",
            "--supervisor-name",
            "Siti",
        ),
    ):
        refused(spo(folder, *command), *words)
    assert db.read_bytes() == before


@pytest.fixture
def read_only(data_dir: Path) -> Iterator[Path]:
    """The store file and its folder read-only for real: file modes, and for root (whom modes do
    not stop) the file system's immutable flag."""
    db = data_dir / DB_FILENAME
    db.chmod(0o444)
    data_dir.chmod(0o555)
    # Windows has no root and honours the read-only attribute chmod sets.
    immutable = os.name == "posix" and os.geteuid() == 0
    if immutable and subprocess.run(["chattr", "+i", str(db)], check=False).returncode != 0:
        pytest.skip("running as root without chattr: nothing makes the file read-only")
    yield data_dir
    if immutable:
        subprocess.run(["chattr", "-i", str(db)], check=True)
    data_dir.chmod(0o755)
    db.chmod(0o644)


def test_a_read_only_store_says_so(read_only: Path) -> None:
    ran = spo(read_only, "open-day", "--teller", "teller01", "--counted", "100000=1")
    refused(ran)
    assert "hanya dapat dibaca" in ran.stderr or "tidak dapat dibuka" in ran.stderr


def test_a_store_locked_by_another_process_is_waited_for_then_refused(data_dir: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from tests.tamper import open_raw; "
            "c = open_raw(Path(sys.argv[1])); "
            "c.execute('BEGIN IMMEDIATE'); print('held', flush=True); sys.stdin.read()",
            str(data_dir / DB_FILENAME),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline() == "held\n"
        ran = spo(
            data_dir,
            "open-day",
            "--teller",
            "teller01",
            "--counted",
            "100000=1",
            env={"SPO_STORE_WAIT": "1.5"},
        )
    finally:
        holder.communicate("", timeout=30)
    refused(ran, "sedang dipakai proses lain")
    assert "menunggu database dipakai proses lain" in ran.stderr
    # Released: the same command goes through.
    assert (
        spo(data_dir, "open-day", "--teller", "teller01", "--counted", "100000=1").returncode == 0
    )


def test_an_import_stopped_by_a_full_disk_reports_what_it_committed(
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """SQLITE_FULL for real: the store's connection may not grow the file past a few pages."""
    from desktop.cli import main
    from desktop.services import imports as imports_module
    from desktop.store import engine as engine_module
    from tests.helpers import FakeClock

    made = engine_module.connect

    def small_disk(path: Path, key: bytes, **kwargs: Any) -> Any:
        connection = made(path, key, **kwargs)
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute(f"PRAGMA max_page_count={pages + 3}")
        return connection

    monkeypatch.setattr(engine_module, "connect", small_disk)
    # Groups of 10 rows, so some are committed before the disk fills (a full disk rolls back
    # the group it happens in: reported from that group's first row).
    monkeypatch.setattr(imports_module, "GROUP_ROWS", 10)
    monkeypatch.setenv("SPO_PIN", TELLER_PIN)
    source = tmp_path / "agents.csv"
    source.write_text(registration_rows(400), encoding="utf-8", newline="")
    capsys.readouterr()
    code = main(
        [
            "--data-dir",
            str(data_dir),
            "import",
            "registrations",
            str(source),
            "--teller",
            "teller01",
            "--json",
        ],
        clock=FakeClock(),
    )
    captured = capsys.readouterr()
    assert code == 1
    result = __import__("json").loads(captured.out)
    stopped = result["stopped"]
    assert stopped["field"] == "store"
    assert "penuh" in stopped["message"]
    accepted = result["accepted"]
    assert 0 < len(accepted) < 400
    assert stopped["row"] == accepted[-1]["row"] + 1
    assert stopped["row"] % 10 == 2  # the first row of a group (data rows start at 2)
    assert "baris sebelumnya diterima dan tersimpan" in captured.err
    monkeypatch.setattr(engine_module, "connect", made)
    # What it said was committed is there, and the store verifies.
    ran = spo(data_dir, "journal", "--json")
    assert ran.returncode == 0, ran.stderr
    assert spo(data_dir, "verify").returncode == 0
