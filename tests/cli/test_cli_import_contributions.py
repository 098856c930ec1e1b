"""`spo-counter import contributions`: cash BPU payments for known participants, by NIK or KPJ."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import main
from desktop.domain.periods import add_months
from desktop.paths import DB_FILENAME
from desktop.sync.sandbox.registry import Fixtures
from desktop.sync.sandbox.server import RunningSandbox
from tests.helpers import REGISTRATION_HEADER as REG_HEADER
from tests.helpers import FakeClock
from tests.sync.registry_support import KPJ_TRADER, NIK_COURIER
from tests.sync.stalled import StalledServer
from tests.tamper import open_raw

TELLER_PIN = "102938"
NIK_MAN = "3171011708850002"  # registered with JKK+JKM+JHT at Rp1.000.000
NIK_WOMAN = "3201014501900001"  # registered with JKK+JKM at Rp1.500.000
KPJ_WOMAN = "12345678901"
HEADER = "participant,months,monthly_income,programs,period_start"
CLOCK = FakeClock()  # every command in this module runs at the same instant


def this_month(offset: int = 0) -> str:
    return f"{add_months(CLOCK.today().replace(day=1), offset):%Y-%m}"


@pytest.fixture(autouse=True)
def _teller_pin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPO_PIN", TELLER_PIN)


@pytest.fixture
def store(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The template counter with two participants registered through the CLI."""
    registrations = tmp_path / "registrations.csv"
    registrations.write_text(
        f"{REG_HEADER}\n"
        f"{NIK_MAN},Joko Susanto,Jakarta,1985-08-17,L,Sri Wahyuni,081234567890,,"
        "Jl. Melati 5,Pedagang,1000000,JKK+JKM+JHT,\n"
        f"{NIK_WOMAN},Ratna Handayani,Bogor,05/01/1990,P,Siti Aminah,081234567891,,"
        "Jl. Mawar 1,Penjahit,1500000,JKK+JKM,\n"
    )
    argv = ["--data-dir", str(data_dir), "import", "registrations", str(registrations)]
    assert main([*argv, "--teller", "teller01"], clock=CLOCK) == 0
    capsys.readouterr()
    return data_dir


def write_csv(path: Path, rows: list[str], *, header: str = HEADER) -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def run_import(
    folder: Path, csv_file: Path, capsys: pytest.CaptureFixture[str], *extra: str
) -> tuple[int, Any, str]:
    capsys.readouterr()
    argv = ["--data-dir", str(folder), "import", "contributions", str(csv_file)]
    rc = main([*argv, "--teller", "teller01", "--json", *extra], clock=CLOCK)
    captured = capsys.readouterr()
    return rc, json.loads(captured.out) if captured.out else None, captured.err


def journal(folder: Path, capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    capsys.readouterr()
    assert main(["--data-dir", str(folder), "journal", "--json"], clock=CLOCK) == 0
    entries: list[dict[str, Any]] = json.loads(capsys.readouterr().out)
    return entries


def contributions(folder: Path, capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    return [e for e in journal(folder, capsys) if e["kind"] == "contribution"]


def test_payments_by_nik(store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    month = this_month()
    csv_file = write_csv(
        tmp_path / "pay.csv",
        [
            f"{NIK_MAN},1,,,{month}",  # income and programs of the registration
            f"3201-0145-0190-0001,3,1.000.000,JKK+JKM,{month}",  # separators are fine
            f"{NIK_MAN},12,1000000,JKK+JKM+JHT,{this_month(1)}",
        ],
    )
    rc, result, err = run_import(store, csv_file, capsys)
    assert (rc, err) == (0, "")
    assert result == {
        "accepted": [
            {"row": 2, "receipt_no": "BNI-0123-01-0000003"},
            {"row": 3, "receipt_no": "BNI-0123-01-0000004"},
            {"row": 4, "receipt_no": "BNI-0123-01-0000005"},
        ],
        "rejected": [],
    }
    paid = contributions(store, capsys)
    # DOMAIN.md: at Rp1.000.000 JKK+JKM+JHT is Rp36.800 a month, 12 months Rp441.600;
    # JKK+JKM 3 months Rp50.400. Each row is its own contribution with its own receipt.
    assert [(e["receipt_no"], e["amount"], e["status"]) for e in paid] == [
        ("BNI-0123-01-0000003", 36_800, "valid"),
        ("BNI-0123-01-0000004", 50_400, "valid"),
        ("BNI-0123-01-0000005", 441_600, "valid"),
    ]
    assert {e["tender"] for e in paid} == {"cash"}
    assert {e["teller_id"] for e in paid} == {"teller01"}


def test_defaults_come_from_the_registration(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_file = write_csv(tmp_path / "pay.csv", [f"{NIK_WOMAN},6,,,{this_month()}"])
    assert run_import(store, csv_file, capsys)[0] == 0
    # JKK 1% of Rp1.500.000 + JKM Rp6.800 = Rp21.800 a month, 6 months.
    assert contributions(store, capsys)[0]["amount"] == 6 * 21_800


def test_payment_by_kpj(store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The KPJ arrives from upstream after sync; the triggers let it be set once.
    db = open_raw(store / DB_FILENAME)
    db.execute("UPDATE participants SET kpj = ? WHERE nik = ?", (KPJ_WOMAN, NIK_WOMAN))
    db.close()
    csv_file = write_csv(
        tmp_path / "pay.csv",
        [f"{KPJ_WOMAN},1,,,{this_month()}", f"123.4567.8901,1,,,{this_month(1)}"],
    )
    rc, result, _err = run_import(store, csv_file, capsys)
    assert rc == 0, result
    assert [a["row"] for a in result["accepted"]] == [2, 3]
    assert [e["amount"] for e in contributions(store, capsys)] == [21_800, 21_800]
    capsys.readouterr()
    assert main(["--data-dir", str(store), "verify"], clock=CLOCK) == 0


def test_every_kind_of_bad_row(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    month = this_month()
    csv_file = write_csv(
        tmp_path / "pay.csv",
        [
            f"{NIK_MAN},1,,,{month}",  # 2 good
            f"3171011708850003,1,,,{month}",  # 3 valid NIK, not registered
            f"3171011708850000,1,,,{month}",  # 4 serial 0000
            f"99999999999,1,,,{month}",  # 5 KPJ nobody has
            f"12345,1,,,{month}",  # 6 neither NIK nor KPJ
            f"{NIK_WOMAN},2,,,{month}",  # 7 months must be 1, 3, 6 or 12
            f"{NIK_WOMAN},1,,,{month[:4]}-13",  # 8 no such month
            f"{NIK_WOMAN},1,,,{this_month(24)}",  # 9 too far ahead
            f"{NIK_WOMAN},1,1234567,,{month}",  # 10 not an income tier
            f"{NIK_WOMAN},1,,JKK,{month}",  # 11 JKM is mandatory
            f"{NIK_WOMAN},1,,JKK+JKM+JP,{month}",  # 12 JP is PU only
            f"{NIK_MAN},1,,,{month}",  # 13 already paid by row 2
            f"{NIK_WOMAN},1,,",  # 14 four columns
            f"{NIK_WOMAN},1,,,{month}",  # 15 good
        ],
    )
    rc, result, err = run_import(store, csv_file, capsys, "--lang", "en")
    assert (rc, err) == (1, "")
    assert [a["row"] for a in result["accepted"]] == [2, 15]
    assert [(r["row"], r["field"]) for r in result["rejected"]] == [
        (3, "participant"),
        (4, "participant"),
        (5, "participant"),
        (6, "participant"),
        (7, "months"),
        (8, "period_start"),
        (9, "period_start"),
        (10, "monthly_income"),
        (11, "programs"),
        (12, "programs"),
        (13, "period_start"),
        (14, "row"),
    ]
    messages = {r["row"]: r["message"] for r in result["rejected"]}
    assert "not registered at this counter" in messages[3]
    assert "3171011708850003" not in messages[3]  # masked
    assert result["accepted"][0]["receipt_no"] in messages[13]
    assert len(contributions(store, capsys)) == 2


def test_importing_the_same_file_twice_creates_nothing_new(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_file = write_csv(
        tmp_path / "pay.csv",
        [f"{NIK_MAN},3,,,{this_month()}", f"{NIK_WOMAN},1,,,{this_month(-1)}"],
    )
    assert run_import(store, csv_file, capsys)[0] == 0
    before = journal(store, capsys)
    rc, result, _err = run_import(store, csv_file, capsys)
    assert rc == 1
    assert result["accepted"] == []
    assert [(r["row"], r["field"]) for r in result["rejected"]] == [
        (2, "period_start"),
        (3, "period_start"),
    ]
    assert journal(store, capsys) == before
    # A period overlapping the one paid is refused too; the month after it is not.
    later = write_csv(
        tmp_path / "later.csv",
        [f"{NIK_MAN},1,,,{this_month(2)}", f"{NIK_MAN},1,,,{this_month(3)}"],
    )
    rc, result, _err = run_import(store, later, capsys)
    assert rc == 1
    assert [r["row"] for r in result["rejected"]] == [2]
    assert [a["row"] for a in result["accepted"]] == [3]


def test_semicolon_file_with_bom(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_file = tmp_path / "pay.csv"
    text = f"{HEADER.replace(',', ';')}\r\n{NIK_MAN};1;Rp1.000.000;JKK+JKM;{this_month()}\r\n"
    csv_file.write_bytes(text.encode("utf-8-sig"))
    rc, result, _err = run_import(store, csv_file, capsys)
    assert rc == 0, result
    assert contributions(store, capsys)[0]["amount"] == 16_800


def test_wrong_header_writes_nothing(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_file = write_csv(
        tmp_path / "pay.csv",
        [f"{NIK_MAN},1,,,{this_month()}"],
        header="nik,months,monthly_income,programs,period_start",
    )
    rc, result, err = run_import(store, csv_file, capsys)
    assert (rc, result) == (1, None)
    assert err == f"spo-counter: file: Baris judul pay.csv harus: {HEADER}[,agent_code]\n"
    assert contributions(store, capsys) == []


def test_registration_file_given_as_contributions(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_file = write_csv(tmp_path / "pay.csv", [], header=REG_HEADER)
    rc, _result, err = run_import(store, csv_file, capsys)
    assert rc == 1
    assert err.startswith("spo-counter: file: ")


def test_non_utf8_file(store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv_file = tmp_path / "pay.csv"
    csv_file.write_bytes(f"{HEADER}\n{NIK_MAN},1,,,{this_month()}\xff\n".encode("latin-1"))
    rc, _result, err = run_import(store, csv_file, capsys, "--lang", "en")
    assert rc == 1
    assert err == "spo-counter: file: File pay.csv must be saved as CSV UTF-8.\n"
    assert contributions(store, capsys) == []


def test_wrong_pin_imports_nothing(
    store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SPO_PIN", "135790")  # a supervisor's PIN, not teller01's
    csv_file = write_csv(tmp_path / "pay.csv", [f"{NIK_MAN},1,,,{this_month()}"])
    rc, result, err = run_import(store, csv_file, capsys, "--lang", "en")
    assert (rc, result) == (1, None)
    assert err == (
        "spo-counter: pin: Wrong user id or PIN. 4 more tries before the account locks.\n"
    )
    assert contributions(store, capsys) == []


def test_five_wrong_pins_lock_the_teller(
    store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_file = write_csv(tmp_path / "pay.csv", [f"{NIK_MAN},1,,,{this_month()}"])
    monkeypatch.setenv("SPO_PIN", "000000")
    for _ in range(5):
        assert run_import(store, csv_file, capsys)[0] == 1
    monkeypatch.setenv("SPO_PIN", TELLER_PIN)  # the right PIN no longer helps
    rc, _result, err = run_import(store, csv_file, capsys, "--lang", "en")
    assert rc == 1
    assert "Account locked" in err
    assert contributions(store, capsys) == []


def test_no_pin_and_no_terminal(
    store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("SPO_PIN")
    csv_file = write_csv(tmp_path / "pay.csv", [f"{NIK_MAN},1,,,{this_month()}"])
    rc, _result, err = run_import(store, csv_file, capsys, "--lang", "en")
    assert rc == 1
    assert err == "spo-counter: pin: No PIN given: set SPO_PIN or run in a terminal.\n"
    assert contributions(store, capsys) == []


def test_period_start_written_as_a_date_is_refused(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    today = CLOCK.today()
    csv_file = write_csv(tmp_path / "pay.csv", [f"{NIK_MAN},1,,,{today.isoformat()}"])
    rc, result, _err = run_import(store, csv_file, capsys)
    assert rc == 1
    assert result["rejected"][0]["field"] == "period_start"


UPSTREAM_TOKEN = "token-bni-0123-01"


def _fixtures() -> Fixtures:
    """NIK_MAN, registered here, is a courier whom the post office took November from."""
    return Fixtures.model_validate(
        {
            "participants": [
                {
                    "nik": NIK_MAN,
                    "full_name": "Joko Susanto",
                    "birth_date": "1985-08-17",
                    "monthly_income": 1_000_000,
                    "programs": ["JKK", "JKM", "JHT"],
                    "paid_through": this_month(),
                    "sector": "transport",
                }
            ]
        }
    )


@pytest.fixture
def upstream(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[RunningSandbox]:
    db = f"sqlite:///{tmp_path / 'up.sqlite'}"
    tokens = {"BNI-0123-01": UPSTREAM_TOKEN}
    with RunningSandbox(db, tokens, clock=CLOCK, fixtures=_fixtures()) as running:
        monkeypatch.setenv("SPO_UPSTREAM_URL", running.url)
        monkeypatch.setenv("SPO_UPSTREAM_TOKEN", UPSTREAM_TOKEN)
        yield running


@pytest.mark.usefixtures("upstream")
def test_the_upstream_is_asked_for_paid_through_and_sector(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [f"{NIK_MAN},1,,,{this_month()}", f"{NIK_MAN},3,,,{this_month(1)}"]
    rc, result, _err = run_import(store, write_csv(tmp_path / "c.csv", rows), capsys, "--json")
    assert rc == 1
    assert result["upstream"] == "online"
    (refused,) = result["rejected"]
    assert (refused["row"], refused["field"]) == (2, "period_start")
    assert "lunas s.d. 11/2026" in refused["message"]
    (accepted,) = result["accepted"]
    (amount,) = [
        e["amount"]
        for e in contributions(store, capsys)
        if e["receipt_no"] == accepted["receipt_no"]
    ]
    # December to February, all within PP 50/2025: half JKK and JKM, JHT whole.
    assert amount == 3 * 36_800 - 3 * 8_400


def test_a_stalled_upstream_costs_the_import_one_timeout(
    store: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SPO_UPSTREAM_TOKEN", UPSTREAM_TOKEN)
    rows = [f"{NIK_MAN},1,,,{this_month()}", f"{NIK_WOMAN},1,,,{this_month()}"]
    with StalledServer() as stalled:
        monkeypatch.setenv("SPO_UPSTREAM_URL", stalled.url)
        rc, result, _err = run_import(store, write_csv(tmp_path / "c.csv", rows), capsys, "--json")
        asked = stalled.received(1)
    assert rc == 0
    assert len(asked) == 1  # one try for the whole file, then offline
    assert result["upstream"].startswith("Server pusat tidak menjawab dalam 2 detik")
    assert [a["row"] for a in result["accepted"]] == [2, 3]  # paid as offline, as before


def test_without_json_a_stalled_upstream_is_warned_on_stderr(
    store: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SPO_UPSTREAM_TOKEN", UPSTREAM_TOKEN)
    csv_file = write_csv(tmp_path / "c.csv", [f"{NIK_WOMAN},1,,,{this_month()}"])
    with StalledServer() as stalled:
        monkeypatch.setenv("SPO_UPSTREAM_URL", stalled.url)
        argv = ["--data-dir", str(store), "--lang", "en", "import", "contributions", str(csv_file)]
        capsys.readouterr()
        assert main([*argv, "--teller", "teller01"], clock=CLOCK) == 0
    out, err = capsys.readouterr()
    assert err.startswith("spo-counter: upstream: The upstream did not answer within 2 s")
    assert out.endswith("1 accepted, 0 rejected.\n")


@pytest.mark.usefixtures("registry_upstream")
def test_participants_registered_elsewhere_pay_and_the_upstream_takes_them(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [f"{NIK_COURIER},1,,,2026-11", f"{KPJ_TRADER},3,,,2026-12"]
    rc, result, _err = run_import(store, write_csv(tmp_path / "c.csv", rows), capsys)
    assert rc == 0, result
    assert result["upstream"] == "online"
    assert [a["row"] for a in result["accepted"]] == [2, 3]
    paid = contributions(store, capsys)
    # A courier: PP 50/2025 through the sector from the upstream; a trader at Rp2.000.000.
    assert [e["amount"] for e in paid] == [28_400, 3 * 26_800]
    capsys.readouterr()
    assert main(["--data-dir", str(store), "sync", "--json"], clock=CLOCK) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["quarantined"] == []
