"""`spo-counter journal` and `info`: what bank IT reads from a counter."""

from __future__ import annotations

import json
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import main
from desktop.counter import Counter
from desktop.domain.users import Role
from desktop.services.auth import User
from desktop.services.claims import HandOverClaim, hand_over_claim
from desktop.services.voids import write_void
from desktop.store.store import Store
from tests.helpers import JAKARTA, FakeClock
from tests.helpers import REGISTRATION_HEADER as REG_HEADER

CLOCK = FakeClock()  # every command and counter in this module runs at this instant

TELLER_PIN = "102938"
NIK_MAN = "3171011708850002"
NIK_WOMAN = "3201014501900001"
TELLER = User("teller01", "Dewi Lestari", Role.TELLER)
SUPERVISOR = User("spv01", "Siti Rahmawati", Role.SUPERVISOR)


def today() -> str:
    return CLOCK.today().isoformat()


@pytest.fixture(autouse=True)
def _teller_pin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPO_PIN", TELLER_PIN)


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    capsys.readouterr()
    assert main(list(argv), clock=CLOCK) == 0
    return json.loads(capsys.readouterr().out)


@pytest.fixture
def busy(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """Two registrations and two payments imported, a claim handed over, one payment voided."""
    month = CLOCK.at.astimezone(JAKARTA).strftime("%Y-%m")
    registrations = tmp_path / "registrations.csv"
    registrations.write_text(
        f"{REG_HEADER}\n"
        f"{NIK_MAN},Joko Susanto,Jakarta,1985-08-17,L,Sri Wahyuni,081234567890,,"
        "Jl. Melati 5,Pedagang,1000000,JKK+JKM+JHT,\n"
        f"{NIK_WOMAN},Ratna Handayani,Bogor,05/01/1990,P,Siti Aminah,081234567891,,"
        "Jl. Mawar 1,Penjahit,1000000,JKK+JKM,\n"
    )
    payments = tmp_path / "payments.csv"
    payments.write_text(
        "participant,months,monthly_income,programs,period_start\n"
        f"{NIK_MAN},1,,,{month}\n"
        f"{NIK_WOMAN},12,,,{month}\n"
    )
    for what, path in (("registrations", registrations), ("contributions", payments)):
        argv = ["--data-dir", str(data_dir), "import", what, str(path), "--teller", "teller01"]
        assert main(argv, clock=CLOCK) == 0
    store = Store(data_dir)
    counter = Counter(store, clock=CLOCK)
    event = CLOCK.today() - timedelta(days=60)
    hand_over_claim(
        counter,
        TELLER,
        HandOverClaim(
            nik="3201014501900002",
            participant_name="Ratna Dewi",
            reason="resignation",
            event_date=event.isoformat(),
            documents={"kartu_peserta": "original", "ktp": "copy", "paklaring": "original"},
            payout_bank="BRI",
            payout_account="0012345678",
            payout_account_holder="Ratna Dewi",
        ),
    )
    write_void(counter, TELLER, SUPERVISOR, "BNI-0123-01-0000004", "Salah input nominal")
    store.close()
    capsys.readouterr()
    return data_dir


def test_journal_json(busy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    entries = cli(capsys, "--data-dir", str(busy), "journal", "--json")
    summary = [(e["receipt_no"], e["kind"], e["amount"], e["status"]) for e in entries]
    assert summary == [
        ("BNI-0123-01-0000001", "registration", 0, "valid"),
        ("BNI-0123-01-0000002", "registration", 0, "valid"),
        ("BNI-0123-01-0000003", "contribution", 36_800, "valid"),
        ("BNI-0123-01-0000004", "contribution", 201_600, "voided"),
        ("BNI-0123-01-0000005", "claim_handover", 0, "valid"),
        ("BNI-0123-01-0000006", "void", 0, "valid"),
    ]
    for entry in entries:
        assert str(uuid.UUID(entry["id"])) == entry["id"]
        assert type(entry["amount"]) is int
        assert entry["receipt_no"].startswith("BNI-0123-01-")
        assert entry["teller_id"] == "teller01"
        assert entry["upload"] == "pending"
        assert entry["created_at"].startswith(today())
        assert entry["created_at"].endswith("+07:00")  # local time of the counter, WIB
    assert len({e["id"] for e in entries}) == len(entries)
    assert entries[3]["voided_by"] == "BNI-0123-01-0000006"
    assert [e["tender"] for e in entries] == [None, None, "cash", "cash", None, None]
    assert {e["debit_reference"] for e in entries} == {None}  # cash only: no debit reference


def test_journal_of_a_date(busy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert len(cli(capsys, "--data-dir", str(busy), "journal", "--date", today(), "--json")) == 6
    assert cli(capsys, "--data-dir", str(busy), "journal", "--date", "2020-01-02", "--json") == []


def test_journal_text(busy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(busy), "journal"], clock=CLOCK) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 7
    assert "BNI-0123-01-0000003" in lines[2]
    assert "Rp36.800" in lines[2]
    assert "DIBATALKAN BNI-0123-01-0000006" in lines[3]
    assert lines[-1] == "6 transaksi."
    assert NIK_MAN not in "\n".join(lines)


def test_journal_bad_date(busy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["--data-dir", str(busy), "journal", "--date", "31/02/2026", "--json"], clock=CLOCK)
        == 1
    )
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("spo-counter: date: ")


def test_journal_of_an_empty_counter(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(capsys, "--data-dir", str(data_dir), "journal", "--json") == []
    assert main(["--data-dir", str(data_dir), "journal"], clock=CLOCK) == 0
    assert capsys.readouterr().out == "0 transaksi.\n"


def test_info_json(busy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    info = cli(capsys, "--data-dir", str(busy), "info", "--json")
    assert info["counter_code"] == "BNI-0123-01"
    assert info["profile"] == {
        "bank_code": "BNI",
        "branch_code": "0123",
        "branch_name": "KC Jakarta Kota",
        "counter_no": 1,
        "timezone": "Asia/Jakarta",
    }
    assert info["data_dir"] == str(busy)
    assert info["database"] == str(busy / "counter.sqlite")
    assert isinstance(info["schema_version"], str)
    assert info["schema_version"]
    assert info["records"] == {
        "registration": 2,
        "contribution": 2,
        "claim_handover": 1,
        "void": 1,
        "refund": 0,
        "benefit_payment": 0,
    }
    assert info["users"] == 4
    assert info["pending_upload"] == 6
    assert info["oldest_pending"] is not None
    assert info["quarantined"] == 0
    # The counter code is also the prefix of every receipt number.
    entries = cli(capsys, "--data-dir", str(busy), "journal", "--json")
    assert all(e["receipt_no"].startswith(info["counter_code"] + "-") for e in entries)


def test_info_text(busy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(busy), "info"], clock=CLOCK) == 0
    out = capsys.readouterr().out
    assert "counter_code: BNI-0123-01\n" in out
    assert f"data_dir: {busy}\n" in out
    assert "pending_upload: 6\n" in out
    assert '"registration": 2' in out


def test_info_of_a_fresh_counter(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    info = cli(capsys, "--data-dir", str(data_dir), "info", "--json")
    assert info["records"] == {
        "registration": 0,
        "contribution": 0,
        "claim_handover": 0,
        "void": 0,
        "refund": 0,
        "benefit_payment": 0,
    }
    assert info["pending_upload"] == 0
    assert info["oldest_pending"] is None
