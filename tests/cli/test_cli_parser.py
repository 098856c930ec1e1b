"""`spo-counter` arguments: --version, --help everywhere, where the store is, which language."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.paths import DB_FILENAME

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
def test_data_dir_before_or_after_the_subcommand(
    position: str, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Regression: `--data-dir X` before the subcommand used to be reset to the default."""
    where = ["--data-dir", str(data_dir)]
    argv = [*where, "info", "--json"] if position == "before" else ["info", "--json", *where]
    assert main(argv) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["data_dir"] == str(data_dir)
    assert info["counter_code"] == "BNI-0123-01"


def test_data_dir_before_a_nested_subcommand(
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    csv_file = tmp_path / "empty.csv"
    csv_file.write_text("participant,months,monthly_income,programs,period_start\n")
    monkeypatch.setenv("SPO_PIN", "102938")
    argv = ["--data-dir", str(data_dir), "import", "contributions", str(csv_file)]
    assert main([*argv, "--teller", "teller01", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"accepted": [], "rejected": []}


def test_spo_data_dir_selects_the_store(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SPO_DATA_DIR", str(data_dir))
    assert main(["info", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["data_dir"] == str(data_dir)


def test_data_dir_option_wins_over_environment(
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("SPO_DATA_DIR", str(tmp_path / "elsewhere"))
    assert main(["--data-dir", str(data_dir), "info", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["data_dir"] == str(data_dir)
    assert not (tmp_path / "elsewhere").exists()


@pytest.mark.parametrize("command", [["info"], ["verify"], ["journal"]])
def test_reading_a_missing_store_creates_nothing(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "typo"
    assert main(["--data-dir", str(missing), *command]) == 1
    err = capsys.readouterr().err
    assert err.startswith("spo-counter: data_dir: ")
    assert str(missing) in err
    assert not missing.exists()


def test_a_store_without_a_counter_says_run_init(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # `demo` and `init` may create the file; an empty store left behind is "not set up".
    from desktop.store.store import Store

    Store(tmp_path).close()
    assert (tmp_path / DB_FILENAME).exists()
    assert main(["--data-dir", str(tmp_path), "--lang", "en", "info"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("spo-counter: counter: ")
    assert "spo-counter init" in err


@pytest.mark.parametrize("position", ["before", "after"])
def test_lang_en_before_or_after_the_subcommand(
    position: str, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    where = ["--data-dir", str(data_dir)]
    argv = ["journal", "--date", "2026-02-30"]
    argv = (
        [*where, "--lang", "en", *argv] if position == "before" else [*where, *argv, "--lang", "en"]
    )
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err == "spo-counter: date: Date must be a real date written YYYY-MM-DD or DD/MM/YYYY.\n"


def test_messages_are_indonesian_by_default(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(data_dir), "journal", "--date", "kemarin"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("spo-counter: date: Tanggal harus tanggal yang ada")


def test_spo_lang_environment(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SPO_LANG", "en")
    assert main(["--data-dir", str(data_dir), "journal", "--date", "x"]) == 1
    assert "Date must be a real date" in capsys.readouterr().err
