"""`spo-counter backup`, `restore FILE`, `recover`, and the automatic backup after a day close."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.counter import Counter
from desktop.paths import DB_FILENAME
from desktop.services.auth import User
from desktop.services.contributions import pay_bpu
from desktop.services.registration import register_participant
from desktop.store.store import Store
from tests.cli.conftest import Cli
from tests.conftest import PINS
from tests.helpers import FakeClock
from tests.services.conftest import bpu_payment, registration
from tests.tamper import query


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], clock: FakeClock) -> Cli:
    return Cli(capsys, clock)


@pytest.fixture
def captured(data_dir: Path, clock: FakeClock, teller: User) -> Path:
    store = Store(data_dir)
    counter = Counter(store, clock=clock)
    register_participant(counter, teller, registration())
    pay_bpu(counter, teller, bpu_payment())
    store.close()
    return data_dir


def test_backup_then_restore_on_the_command_line(
    captured: Path, cli: Cli, clock: FakeClock, monkeypatch: pytest.MonkeyPatch, teller: User
) -> None:
    monkeypatch.setenv("SPO_SUPERVISOR_PIN", PINS["spv01"])
    made = cli.json("--data-dir", str(captured), "backup", "--by", "spv01")
    assert made["ok"] is True
    assert made["transactions"] == 2
    backup = Path(made["file"])
    assert backup.parent == captured / "backups"
    clock.advance(minutes=10)
    store = Store(captured)
    pay_bpu(Counter(store, clock=clock), teller, bpu_payment(period_start="2026-12"))
    store.close()
    clock.advance(minutes=10)
    ran = cli("--data-dir", str(captured), "restore", str(backup), "--by", "spv01")
    assert "Dipulihkan dari counter-20261124T030000Z-manual.sqlite (2 transaksi)." in ran.out
    assert "counter.sqlite.before-restore-20261124T032000Z" in ran.out
    receipts = query(captured, "SELECT receipt_no FROM transactions ORDER BY seq")
    assert [r[0] for r in receipts] == ["BNI-0123-01-0000001", "BNI-0123-01-0000002"]
    # The store set aside still holds the third transaction.
    aside = captured / "counter.sqlite.before-restore-20261124T032000Z"
    assert aside.is_file()
    verified = cli.json("--data-dir", str(captured), "verify")
    assert verified["ok"] is True


def test_messages_in_english_and_refusals(
    captured: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SPO_SUPERVISOR_PIN", PINS["teller01"])
    refused = cli(
        "--data-dir", str(captured), "--lang", "en", "backup", "--by", "teller01", expect=1
    )
    assert refused.err.startswith("spo-counter: by: Only a supervisor can make a backup.")
    monkeypatch.setenv("SPO_SUPERVISOR_PIN", PINS["spv01"])
    made = cli(
        "--data-dir", str(captured), "--lang", "en", "backup", "--by", "spv01",
        "--to", str(tmp_path / "usb"),
    )  # fmt: skip
    assert "made and checked: intact (2 transactions)" in made.out
    assert list((tmp_path / "usb").glob("counter-*-manual.sqlite"))
    missing = cli(
        "--data-dir", str(captured), "--lang", "en", "restore", str(tmp_path / "nope.sqlite"),
        "--by", "spv01", expect=1,
    )  # fmt: skip
    assert "spo-counter: file: The backup file" in missing.err
    nothing = cli("--data-dir", str(captured), "recover", "--by", "spv01", expect=1)
    assert "spo-counter: restore: Tidak ada pemulihan yang menunggu" in nothing.err


def test_restore_after_the_store_died_asks_the_backup_for_the_supervisor(
    captured: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SPO_SUPERVISOR_PIN", PINS["spv01"])
    backup = Path(cli.json("--data-dir", str(captured), "backup", "--by", "spv01")["file"])
    (captured / DB_FILENAME).unlink()
    restored = cli.json("--data-dir", str(captured), "restore", str(backup), "--by", "spv01")
    assert restored["set_aside"] == []
    assert restored["recovered"] is None
    assert restored["recovery_pending"] is False
    assert restored["transactions"] == 2
    monkeypatch.setenv("SPO_SUPERVISOR_PIN", "000000")
    wrong = cli("--data-dir", str(captured), "restore", str(backup), "--by", "spv01", expect=1)
    assert "supervisor_pin" in wrong.err


def test_a_day_close_takes_a_daily_backup(
    captured: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SPO_PIN", PINS["teller01"])
    monkeypatch.setenv("SPO_SUPERVISOR_PIN", PINS["spv01"])
    ran = cli(
        "--data-dir", str(captured), "close-day", "--teller", "teller01",
        "--counted", "10000=3,5000=1,1000=1,500=1,200=1,100=1", "--reason", "selisih",
        "--supervisor", "spv01", expect=None,
    )  # fmt: skip
    assert ran.code == 0, ran.err
    daily = list((captured / "backups").glob("counter-*-daily.sqlite"))
    assert len(daily) == 1
    assert f"Cadangan {daily[0]} dibuat dan diperiksa: utuh" in ran.out
