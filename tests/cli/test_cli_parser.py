"""`spo-counter` arguments: --version, --help everywhere, where the store is, which language."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from desktop.paths import DB_FILENAME
from tests.cli.conftest import Cli

SUBCOMMANDS: tuple[list[str], ...] = (
    [],
    ["init"],
    ["user"],
    ["user", "add"],
    ["demo"],
    ["import"],
    ["import", "registrations"],
    ["import", "contributions"],
    ["journal"],
    ["info"],
    ["verify"],
)


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("spo-counter ")
    assert out.split()[1][0].isdigit()


@pytest.mark.parametrize("words", SUBCOMMANDS, ids=lambda w: " ".join(w) or "main")
def test_help_on_every_subcommand(words: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([*words, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: spo-counter")
    assert "--data-dir" in out  # the common options are documented on every level


def test_help_lists_the_import_file_format_options(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["import", "registrations", "--help"])
    out = capsys.readouterr().out
    assert "--teller" in out
    assert "--json" in out
    assert "file" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["nonsense"],
        ["user"],  # an action is required
        ["import"],  # what to import is required
        ["import", "registrations", "f.csv"],  # --teller is required
        ["user", "add", "--id", "t", "--name", "N", "--role", "boss", "--by", "spv01"],
        ["init", "--pin", "123456"],  # PINs are never arguments
        ["journal", "--lang", "fr"],
        ["demo", "--transactions", "many"],
    ],
)
def test_bad_arguments_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    assert "usage:" in capsys.readouterr().err


@pytest.mark.parametrize("position", ["before", "after"])
def test_data_dir_before_or_after_the_subcommand(position: str, data_dir: Path, cli: Cli) -> None:
    """Regression: `--data-dir X` before the subcommand used to be reset to the default."""
    where = ["--data-dir", str(data_dir)]
    argv = [*where, "info", "--json"] if position == "before" else ["info", "--json", *where]
    info = cli(*argv).json()
    assert info["data_dir"] == str(data_dir)
    assert info["counter_code"] == "BNI-0123-01"


def test_data_dir_before_a_nested_subcommand(
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    cli: Cli,
) -> None:
    csv_file = tmp_path / "empty.csv"
    csv_file.write_text("participant,months,monthly_income,programs,period_start\n")
    monkeypatch.setenv("SPO_PIN", "102938")
    argv = ["--data-dir", str(data_dir), "import", "contributions", str(csv_file)]
    assert cli.json(*argv, "--teller", "teller01") == {"accepted": [], "rejected": []}


def test_spo_data_dir_selects_the_store(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    monkeypatch.setenv("SPO_DATA_DIR", str(data_dir))
    assert cli.json("info")["data_dir"] == str(data_dir)


def test_data_dir_option_wins_over_environment(
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    cli: Cli,
) -> None:
    monkeypatch.setenv("SPO_DATA_DIR", str(tmp_path / "elsewhere"))
    assert cli.json("--data-dir", str(data_dir), "info")["data_dir"] == str(data_dir)
    assert not (tmp_path / "elsewhere").exists()


@pytest.mark.parametrize("command", [["info"], ["verify"], ["journal"]])
def test_reading_a_missing_store_creates_nothing(
    command: list[str], tmp_path: Path, cli: Cli
) -> None:
    missing = tmp_path / "typo"
    err = cli("--data-dir", str(missing), *command, expect=1).err
    assert err.startswith("spo-counter: data_dir: ")
    assert str(missing) in err
    assert not missing.exists()


def test_a_store_without_a_counter_says_run_init(tmp_path: Path, cli: Cli) -> None:
    # `demo` and `init` may create the file; an empty store left behind is "not set up".
    from desktop.store.store import Store

    Store(tmp_path).close()
    assert (tmp_path / DB_FILENAME).exists()
    err = cli("--data-dir", str(tmp_path), "--lang", "en", "info", expect=1).err
    assert err.startswith("spo-counter: counter: ")
    assert "spo-counter init" in err


@pytest.mark.parametrize("position", ["before", "after"])
def test_lang_en_before_or_after_the_subcommand(position: str, data_dir: Path, cli: Cli) -> None:
    where = ["--data-dir", str(data_dir)]
    argv = ["journal", "--date", "2026-02-30"]
    argv = (
        [*where, "--lang", "en", *argv] if position == "before" else [*where, *argv, "--lang", "en"]
    )
    err = cli(*argv, expect=1).err
    assert err == "spo-counter: date: Date must be a real date written YYYY-MM-DD or DD/MM/YYYY.\n"


def test_messages_are_indonesian_by_default(data_dir: Path, cli: Cli) -> None:
    err = cli("--data-dir", str(data_dir), "journal", "--date", "kemarin", expect=1).err
    assert err.startswith("spo-counter: date: Tanggal harus tanggal yang ada")


def test_spo_lang_environment(data_dir: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli) -> None:
    monkeypatch.setenv("SPO_LANG", "en")
    err = cli("--data-dir", str(data_dir), "journal", "--date", "x", expect=1).err
    assert "Date must be a real date" in err
