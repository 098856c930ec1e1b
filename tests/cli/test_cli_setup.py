"""`spo-counter init` and `user add`: PINs only from the environment or a hidden prompt."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.cli.conftest import Cli
from tests.tamper import query

SPV_PIN = "135790"
TELLER_PIN = "102938"


def init_args(folder: Path, **changes: str) -> list[str]:
    options = {
        "--bank": "BNI",
        "--branch-code": "0123",
        "--branch-name": "KC Jakarta Kota",
        "--counter": "1",
        "--timezone": "Asia/Jakarta",
        "--supervisor-id": "spv01",
        "--supervisor-name": "Siti Rahmawati",
        "--recovery-sheet": str(folder.parent),  # beside the data folder, never in the repo
    }
    options.update({f"--{key.replace('_', '-')}": value for key, value in changes.items()})
    argv = ["--data-dir", str(folder), "init"]
    for key, value in options.items():
        argv += [key, value]
    return argv


def info(cli: Cli, folder: Path) -> dict[str, object]:
    result: dict[str, object] = cli.json("--data-dir", str(folder), "info")
    return result


def test_init_creates_the_counter_and_first_supervisor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    folder = tmp_path / "new" / "counter"  # missing parents are made
    monkeypatch.setenv("SPO_PIN", SPV_PIN)
    ran = cli(*init_args(folder, bank="bni", timezone="Asia/Makassar", counter="7"))
    assert "BNI-0123-07" in ran.out
    data = info(cli, folder)
    assert data["counter_code"] == "BNI-0123-07"
    assert data["profile"] == {
        "bank_code": "BNI",
        "branch_code": "0123",
        "branch_name": "KC Jakarta Kota",
        "counter_no": 7,
        "timezone": "Asia/Makassar",
    }
    assert data["users"] == 1
    # The PIN is stored as an argon2 hash, never as typed.
    ((pin_hash,),) = query(folder, "SELECT pin_hash FROM users WHERE id = 'spv01'")
    assert pin_hash.startswith("$argon2id$")
    assert SPV_PIN not in pin_hash


@pytest.mark.parametrize("zone", ["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"])
def test_the_three_indonesian_zones_are_accepted(
    zone: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    monkeypatch.setenv("SPO_PIN", SPV_PIN)
    cli(*init_args(tmp_path, timezone=zone))
    assert info(cli, tmp_path)["profile"]["timezone"] == zone  # type: ignore[index]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"timezone": "Europe/Berlin"}, "timezone"),
        ({"timezone": "UTC"}, "timezone"),
        ({"bank": "B1"}, "bank"),
        ({"branch_code": "01-23"}, "branch_code"),
        ({"counter": "100"}, "counter"),
        ({"counter": "0"}, "counter"),
        ({"supervisor_name": ""}, "supervisor_name"),
    ],
)
def test_init_refuses_bad_values_and_writes_nothing(
    changes: dict[str, str],
    field: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    cli: Cli,
) -> None:
    monkeypatch.setenv("SPO_PIN", SPV_PIN)
    assert cli(*init_args(tmp_path, **changes), expect=1).err.startswith(f"spo-counter: {field}: ")
    assert "spo-counter: counter: " in cli("--data-dir", str(tmp_path), "info", expect=1).err


def test_init_refuses_a_weak_pin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli) -> None:
    monkeypatch.setenv("SPO_PIN", "1")
    assert cli(*init_args(tmp_path), expect=1).err.startswith("spo-counter: pin: ")


def test_init_twice_is_refused(data_dir: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli) -> None:
    monkeypatch.setenv("SPO_PIN", SPV_PIN)
    ran = cli(*init_args(data_dir, branch_code="9999"), expect=1)
    assert ran.err.startswith("spo-counter: counter: ")
    assert info(cli, data_dir)["counter_code"] == "BNI-0123-01"


def test_init_without_pin_and_without_terminal(tmp_path: Path, cli: Cli) -> None:
    err = cli(*init_args(tmp_path), "--lang", "en", expect=1).err
    assert err == "spo-counter: pin: No PIN given: set SPO_PIN or run in a terminal.\n"


def test_init_prompts_for_the_pin_on_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    prompts: list[str] = []

    def fake_getpass(prompt: str = "") -> str:
        prompts.append(prompt)
        return SPV_PIN

    monkeypatch.setattr("sys.stdin", Terminal())
    monkeypatch.setattr("getpass.getpass", fake_getpass)
    cli(*init_args(tmp_path))
    assert prompts == ["PIN baru untuk spv01: "]
    assert info(cli, tmp_path)["users"] == 1


def user_add(folder: Path, user_id: str = "teller03", role: str = "teller") -> list[str]:
    return [
        "--data-dir",
        str(folder),
        "user",
        "add",
        "--id",
        user_id,
        "--name",
        "Rina Wati",
        "--role",
        role,
        "--by",
        "spv01",
    ]


@pytest.mark.parametrize("role", ["teller", "supervisor"])
def test_user_add(role: str, data_dir: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli) -> None:
    monkeypatch.setenv("SPO_SUPERVISOR_PIN", SPV_PIN)
    monkeypatch.setenv("SPO_PIN", "918273")
    assert cli(*user_add(data_dir, role=role)).out == f"Pengguna teller03 ({role}) ditambahkan.\n"
    assert info(cli, data_dir)["users"] == 5
    # The new user logs in with the PIN that came from SPO_PIN.
    csv_file = data_dir / "empty.csv"
    csv_file.write_text("participant,months,monthly_income,programs,period_start\n")
    argv = ["--data-dir", str(data_dir), "import", "contributions", str(csv_file)]
    cli(*argv, "--teller", "teller03")


def test_user_add_with_a_wrong_supervisor_pin(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    monkeypatch.setenv("SPO_SUPERVISOR_PIN", "000000")
    monkeypatch.setenv("SPO_PIN", "918273")
    err = cli(*user_add(data_dir), expect=1).err
    assert err.startswith("spo-counter: pin: ID pengguna atau PIN salah.")
    assert info(cli, data_dir)["users"] == 4


def test_user_add_without_supervisor_pin(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    monkeypatch.setenv("SPO_PIN", SPV_PIN)  # the new user's PIN is not the approver's
    assert "SPO_SUPERVISOR_PIN" in cli(*user_add(data_dir), expect=1).err
    assert info(cli, data_dir)["users"] == 4


def test_user_add_approved_by_a_teller_is_refused(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    monkeypatch.setenv("SPO_SUPERVISOR_PIN", TELLER_PIN)
    monkeypatch.setenv("SPO_PIN", "918273")
    argv = user_add(data_dir)
    argv[-1] = "teller01"
    err = cli(*argv, "--lang", "en", expect=1).err
    assert err == "spo-counter: by: Only a supervisor can add users.\n"
    assert info(cli, data_dir)["users"] == 4


def test_user_add_taken_id(data_dir: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli) -> None:
    monkeypatch.setenv("SPO_SUPERVISOR_PIN", SPV_PIN)
    monkeypatch.setenv("SPO_PIN", "918273")
    err = cli(*user_add(data_dir, user_id="teller01"), expect=1).err
    assert err.startswith("spo-counter: user_id: ")


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("bank", "xyz", "bank: Bank harus salah satu bank mitra: BNI, BRI, BTN, MANDIRI, BJB."),
        ("branch_code", "12", "branch_code: Kode cabang harus 4 angka, mis. 0123."),
        ("branch_code", "XYZ1", "branch_code: Kode cabang harus 4 angka, mis. 0123."),
    ],
)
def test_init_takes_only_a_partner_bank_and_a_4_digit_branch(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    cli: Cli,
    option: str,
    value: str,
    message: str,
) -> None:
    monkeypatch.setenv("SPO_PIN", SPV_PIN)
    folder = tmp_path / "counter"
    assert cli(*init_args(folder, **{option: value}), expect=1).err == (f"spo-counter: {message}\n")
    # Nothing was set up: a right one goes through afterwards, in any case of the bank's code.
    cli(*init_args(folder, bank="mandiri"))
    assert info(cli, folder)["counter_code"] == "MANDIRI-0123-01"
