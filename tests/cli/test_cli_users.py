"""`spo-counter user list | reset-pin | unlock | deactivate | change-pin`: PINs from the
environment only, each refusal naming its field, in Indonesian or English."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.conftest import Cli
from tests.conftest import PINS

NEW_PIN = "918273"


def lock_out(cli: Cli, data_dir: Path, monkeypatch: pytest.MonkeyPatch, user_id: str) -> None:
    """Five wrong PINs, as any command taking a PIN counts them."""
    monkeypatch.setenv("SPO_PIN", "999999")
    argv = ("--data-dir", str(data_dir), "open-day", "--teller", user_id, "--counted", "1000=1")
    for _ in range(5):
        cli(*argv, expect=1)
    monkeypatch.delenv("SPO_PIN")


def test_the_list_shows_every_user_and_who_is_locked(
    cli: Cli, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lock_out(cli, data_dir, monkeypatch, "teller02")
    out = cli("--data-dir", str(data_dir), "user", "list").out.splitlines()
    assert [line.split()[0] for line in out[:-1]] == ["spv01", "spv02", "teller01", "teller02"]
    assert out[2].split()[-1] == "aktif"
    assert out[3].endswith("teller     terkunci sampai 10:30 WIB")
    assert out[-1] == "4 pengguna."
    english = cli("--data-dir", str(data_dir), "user", "list", "--lang", "en").out
    assert "locked until 10:30 WIB" in english
    assert english.endswith("4 users.\n")
    listed = cli.json("--data-dir", str(data_dir), "user", "list")
    assert listed[0] == {
        "id": "spv01",
        "name": "Siti Rahmawati",
        "role": "supervisor",
        "active": True,
        "locked_until": None,
    }
    assert listed[3]["locked_until"] == "2026-11-24T03:30:00+00:00"


def test_a_supervisor_resets_a_pin_from_the_environment(
    cli: Cli, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lock_out(cli, data_dir, monkeypatch, "teller01")
    monkeypatch.setenv("SPO_SUPERVISOR_PIN", PINS["spv01"])
    monkeypatch.setenv("SPO_PIN", NEW_PIN)
    argv = ("--data-dir", str(data_dir), "user", "reset-pin", "--id", "teller01", "--by", "spv01")
    assert cli(*argv).out == ("PIN teller01 sudah diganti; beri tahu PIN baru secara langsung.\n")
    # The lock went with the old PIN: teller01 works again, with the new PIN.
    assert cli.json("--data-dir", str(data_dir), "user", "list")[2]["locked_until"] is None
    monkeypatch.delenv("SPO_SUPERVISOR_PIN")
    monkeypatch.setenv("SPO_PIN", NEW_PIN)
    monkeypatch.setenv("SPO_NEW_PIN", "246813")
    changed = ("--data-dir", str(data_dir), "user", "change-pin", "--id", "teller01")
    assert cli(*changed, "--lang", "en").out == "The PIN of teller01 has been changed.\n"


def test_a_weak_new_pin_is_refused_naming_the_pin(
    cli: Cli, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SPO_SUPERVISOR_PIN", PINS["spv01"])
    monkeypatch.setenv("SPO_PIN", "123456")
    argv = ("--data-dir", str(data_dir), "user", "reset-pin", "--id", "teller01", "--by", "spv01")
    assert cli(*argv, expect=1).err == (
        "spo-counter: pin: PIN terlalu mudah ditebak (angka sama atau berurutan).\n"
    )


def test_no_supervisor_pin_no_reset(cli: Cli, data_dir: Path) -> None:
    argv = ("--data-dir", str(data_dir), "user", "unlock", "--id", "teller01", "--by", "spv01")
    assert cli(*argv, "--lang", "en", expect=1).err == (
        "spo-counter: supervisor_pin: No PIN given: set SPO_SUPERVISOR_PIN or run in a terminal.\n"
    )


def test_unlock_then_log_in(cli: Cli, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lock_out(cli, data_dir, monkeypatch, "teller01")
    monkeypatch.setenv("SPO_SUPERVISOR_PIN", PINS["spv02"])
    argv = ("--data-dir", str(data_dir), "user", "unlock", "--id", "teller01", "--by", "spv02")
    assert cli(*argv).out == "Pengguna teller01 tidak terkunci lagi.\n"
    assert cli(*argv, expect=1).err == (
        "spo-counter: user_id: Pengguna teller01 tidak sedang terkunci.\n"
    )


def test_a_teller_unlocks_no_one(cli: Cli, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lock_out(cli, data_dir, monkeypatch, "teller01")
    monkeypatch.setenv("SPO_SUPERVISOR_PIN", PINS["teller02"])
    argv = ("--data-dir", str(data_dir), "user", "unlock", "--id", "teller01", "--by", "teller02")
    assert cli(*argv, "--lang", "en", expect=1).err == (
        "spo-counter: supervisor_id: Approval must come from a supervisor.\n"
    )


def test_deactivate_and_the_user_is_refused_at_login(
    cli: Cli, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SPO_SUPERVISOR_PIN", PINS["spv01"])
    argv = ("--data-dir", str(data_dir), "user", "deactivate", "--by", "spv01", "--id")
    assert cli(*argv, "teller02").out == "Pengguna teller02 dinonaktifkan.\n"
    assert cli(*argv, "spv01", expect=1).err == (
        "spo-counter: user_id: Supervisor tidak dapat menonaktifkan dirinya sendiri.\n"
    )
    out = cli("--data-dir", str(data_dir), "user", "list").out
    assert "teller02        Agus Setiawan                  teller     nonaktif" in out
    monkeypatch.setenv("SPO_PIN", PINS["teller02"])
    open_day = ("--data-dir", str(data_dir), "open-day", "--teller", "teller02")
    assert cli(*open_day, "--counted", "1000=1", "--lang", "en", expect=1).err == (
        "spo-counter: user_id: User teller02 has been deactivated. Call a supervisor.\n"
    )


def test_change_pin_needs_the_current_pin_and_a_new_one(
    cli: Cli, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    argv = ("--data-dir", str(data_dir), "user", "change-pin", "--id", "teller01")
    monkeypatch.setenv("SPO_PIN", PINS["teller01"])
    assert cli(*argv, expect=1).err == (
        "spo-counter: new_pin: PIN tidak diberikan: isi variabel SPO_NEW_PIN atau jalankan di "
        "terminal.\n"
    )
    monkeypatch.setenv("SPO_NEW_PIN", PINS["teller01"])
    assert cli(*argv, expect=1).err == (
        "spo-counter: new_pin: PIN baru harus berbeda dari PIN lama.\n"
    )
    monkeypatch.setenv("SPO_PIN", "000000")
    monkeypatch.setenv("SPO_NEW_PIN", NEW_PIN)
    assert cli(*argv, expect=1).err.startswith("spo-counter: old_pin: ID pengguna atau PIN salah.")


def test_the_user_commands_are_listed_in_help(cli: Cli) -> None:
    with pytest.raises(SystemExit):
        cli("user", "--help")
    out = cli.capsys.readouterr().out
    for action in ("add", "list", "reset-pin", "unlock", "deactivate", "change-pin"):
        assert action in out


def test_a_supervisor_sets_the_branch_address_the_receipts_print_and_verify_agrees(
    cli: Cli, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SPO_SUPERVISOR_PIN", PINS["spv01"])
    argv = ["--data-dir", str(data_dir), "branch-address"]
    address = "Jl. Lada No. 1, Pinangsia, Jakarta Barat 11110"
    assert cli(*argv, address, "--by", "spv01").out == (
        f"Alamat cabang di tanda terima: {address}\n"
    )
    # Changed through the application: audited, so `verify` finds nothing changed outside it.
    cli("--data-dir", str(data_dir), "verify")
    err = cli(*argv, "x" * 151, "--by", "spv01", expect=1).err
    assert err.startswith("spo-counter: branch_address: Alamat cabang paling banyak 150 karakter")
    monkeypatch.setenv("SPO_SUPERVISOR_PIN", PINS["teller01"])
    refused = cli(*argv, "", "--by", "teller01", expect=1).err
    assert refused.startswith("spo-counter: by: Hanya supervisor")
    assert '"branch_address": "Jl. Lada No. 1' in (data_dir / "settings.json").read_text("utf-8")
