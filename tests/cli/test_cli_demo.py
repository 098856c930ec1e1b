"""`spo-counter demo`: a demo counter with realistic data, filled again on request."""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import main
from desktop.domain.nik import parse_nik
from desktop.paths import DB_FILENAME
from desktop.reference import load_reference
from desktop.store.store import Store
from tests.cli.conftest import Cli
from tests.helpers import FakeClock
from tests.tamper import query

KINDS = {"registration", "contribution", "claim_handover", "void"}
DEMO_PINS = {"spv01": "135790", "spv02": "246801", "teller01": "102938", "teller02": "564738"}
# The demo made once for this module, and every command on it, run at this one instant.
CLOCK = FakeClock()


def run_json(*argv: str) -> Any:
    with contextlib.redirect_stdout(io.StringIO()) as out:
        assert main(list(argv), clock=CLOCK) == 0
    return json.loads(out.getvalue())


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """`demo --transactions 200 --seed 7` into an empty folder, once for this module."""
    folder = tmp_path_factory.mktemp("demo") / "counter"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_DATA_HOME", str(folder.parent / "xdg"))  # never the real data folder
        mp.delenv("SPO_DATA_DIR", raising=False)
        argv = ["--data-dir", str(folder), "demo", "--transactions", "200", "--seed", "7"]
        summary = run_json(*argv, "--json")
    return folder, summary


@pytest.fixture
def demo(made: tuple[Path, dict[str, Any]], tmp_path: Path) -> Path:
    folder = tmp_path / "demo"
    shutil.copytree(made[0], folder)
    return folder


def test_demo_creates_a_counter_with_every_kind_of_record(
    made: tuple[Path, dict[str, Any]],
) -> None:
    folder, summary = made
    assert summary["created"] is True
    assert summary["counter_code"] == "BNI-DEMO-01"
    assert sum(summary["counts"].values()) == 200
    assert set(summary["counts"]) == KINDS
    assert len(summary["days"]) >= 3  # several business days
    assert all(date.fromisoformat(d).weekday() < 5 for d in summary["days"])
    assert {u["id"]: u["pin"] for u in summary["users"]} == DEMO_PINS
    assert {u["role"] for u in summary["users"]} == {"teller", "supervisor"}
    info = run_json("--data-dir", str(folder), "info", "--json")
    # No refunds: a demo has no upstream to refuse its payments.
    assert info["records"] == {**summary["counts"], "refund": 0, "benefit_payment": 0}
    assert info["users"] == 4
    assert info["profile"]["branch_code"] == "DEMO"


def test_demo_data_is_valid(made: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    folder = tmp_path / "copy"
    shutil.copytree(made[0], folder)
    assert run_json("--data-dir", str(folder), "verify", "--json")["ok"] is True
    # Every NIK the demo made is a valid NIK whose birth date and sex match the registration.
    reference = load_reference()
    store = Store(folder)
    try:
        with store.read() as connection:
            rows = connection.exec_driver_sql(
                "SELECT nik, birth_date, sex, monthly_income FROM registrations"
            ).all()
    finally:
        store.close()
    assert rows
    for nik, birth_date, sex, income in rows:
        info = parse_nik(nik, reference.provinces, CLOCK.today())
        assert (info.birth_date.isoformat(), info.sex) == (birth_date, sex)
        assert isinstance(income, int)
        assert income >= 1_000_000
    # Receipts run from 1 to 200 without a gap, and each day's journal lists its own.
    receipts: list[str] = []
    for day in made[1]["days"]:
        entries = run_json("--data-dir", str(folder), "journal", "--date", day, "--json")
        assert {e["created_at"][:10] for e in entries} <= {day}
        receipts += [e["receipt_no"] for e in entries]
    assert sorted(receipts) == [f"BNI-DEMO-01-{n:07d}" for n in range(1, 201)]


def test_demo_text_output_prints_users_and_pins(tmp_path: Path, cli: Cli) -> None:
    out = cli("--data-dir", str(tmp_path), "demo", "--transactions", "5").out
    assert out.startswith("Loket demo BNI-DEMO-01 dibuat: 5 transaksi.\n")
    assert f"Data: {tmp_path}\n" in out
    for user_id, pin in DEMO_PINS.items():
        assert re.search(rf"^  {user_id}\s+{pin}\s", out, re.MULTILINE), user_id


def _fill_again(folder: Path, seed: int) -> None:
    before = run_json("--data-dir", str(folder), "info", "--json")["records"]
    argv = ["--data-dir", str(folder), "demo", "--transactions", "200", "--seed", str(seed)]
    summary = run_json(*argv, "--json")
    assert summary["created"] is False
    assert sum(summary["counts"].values()) == 200
    after = run_json("--data-dir", str(folder), "info", "--json")["records"]
    assert sum(after.values()) == sum(before.values()) + 200
    assert all(after[kind] >= before[kind] for kind in KINDS)
    report = run_json("--data-dir", str(folder), "verify", "--json")
    assert report["ok"] is True, report["problems"]  # receipt numbers still gapless
    assert report["transactions"] == 400
    # A refill continues after the last capture: receipt order is time order.
    times = [
        datetime.fromisoformat(at)
        for (at,) in query(folder, "SELECT created_at FROM transactions ORDER BY seq")
    ]
    assert times == sorted(times)


def test_demo_fills_again_with_another_seed(demo: Path) -> None:
    _fill_again(demo, seed=8)


def test_demo_fills_again_with_the_same_seed(demo: Path) -> None:
    _fill_again(demo, seed=7)


def test_demo_refuses_a_real_counter(data_dir: Path, cli: Cli) -> None:
    before = (data_dir / DB_FILENAME).read_bytes()
    ran = cli("--data-dir", str(data_dir), "--lang", "en", "demo", "--transactions", "5", expect=1)
    assert ran.err == (
        "spo-counter: counter: "
        "Demo data can only be added to a demo counter, never to a real one.\n"
    )
    assert (data_dir / DB_FILENAME).read_bytes() == before
    info = run_json("--data-dir", str(data_dir), "info", "--json")
    assert sum(info["records"].values()) == 0


def test_demo_uses_spo_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli) -> None:
    monkeypatch.setenv("SPO_DATA_DIR", str(tmp_path / "from-env"))
    cli("demo", "--transactions", "3")
    assert (tmp_path / "from-env" / DB_FILENAME).exists()
    assert not (tmp_path / "xdg").exists()
