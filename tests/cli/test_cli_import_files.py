"""`spo-counter import` given bad files: a pipe, a device, a huge file, a quote never closed, a
name full of control characters. Each is a message naming the file (escaped), never a hang."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.services.imports import MAX_BROKEN_ROWS, MAX_FILE_BYTES
from tests.cli.test_cli_import_registrations import (
    CLOCK,
    TELLER_PIN,
    counts,
    line,
    man,
    run_import,
    write_csv,
)
from tests.helpers import CONSOLE_SCRIPT
from tests.helpers import REGISTRATION_HEADER as HEADER

NO_HANG_S = 60  # a command that blocked on a pipe would be stopped here, failing the test


@pytest.fixture(autouse=True)
def _teller_pin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPO_PIN", TELLER_PIN)


def run_command(data_dir: Path, csv_file: Path, home: Path) -> subprocess.CompletedProcess[str]:
    """The installed command in its own process: should it ever block reading, the test stops
    it and fails instead of hanging the suite."""
    script = CONSOLE_SCRIPT
    argv = [str(script), "--data-dir", str(data_dir), "--lang", "en", "import", "registrations"]
    return subprocess.run(
        [*argv, str(csv_file), "--teller", "teller01"],
        capture_output=True,
        text=True,
        timeout=NO_HANG_S,
        env={**os.environ, "HOME": str(home), "SPO_PIN": TELLER_PIN},
        check=False,
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_at_once_without_waiting_for_a_writer(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "agent.csv"
    os.mkfifo(fifo)
    ran = run_command(data_dir, fifo, tmp_path)
    assert (ran.returncode, ran.stdout) == (1, "")
    assert ran.stderr == (
        "spo-counter: file: File agent.csv is not a regular file (a folder, device or pipe); "
        "save it as a CSV file.\n"
    )
    assert counts(data_dir, capsys)["registration"] == 0


# A POSIX device (on Windows, "\\dev\\zero" would be a file of the current drive: under Wine,
# the Linux device itself, which Windows programs cannot tell from a file).
@pytest.mark.skipif(
    sys.platform == "win32" or not Path("/dev/zero").exists(), reason="/dev/zero is POSIX's"
)
def test_dev_zero_is_refused_without_reading_it(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ran = run_command(data_dir, Path("/dev/zero"), tmp_path)
    assert (ran.returncode, ran.stdout) == (1, "")
    assert ran.stderr == (
        "spo-counter: file: File zero is not a regular file (a folder, device or pipe); "
        "save it as a CSV file.\n"
    )
    assert counts(data_dir, capsys)["registration"] == 0


def test_a_file_over_the_limit_is_refused_by_its_size(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A sparse file: its size says 20 MB and one byte, not a byte of it written or read."""
    huge = tmp_path / "agent.csv"
    with huge.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    rc, result, err = run_import(data_dir, huge, capsys, "--lang", "en")
    assert (rc, result) == (1, None)
    assert err == (
        "spo-counter: file: File agent.csv is too large (max 100 MB); "
        "split it into several files.\n"
    )
    rc, _result, err = run_import(data_dir, huge, capsys)
    assert err == (
        "spo-counter: file: Berkas agent.csv terlalu besar (maks. 100 MB); "
        "bagi menjadi beberapa berkas.\n"
    )
    assert counts(data_dir, capsys)["registration"] == 0


def test_a_folder_is_not_a_regular_file(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "agent.csv"
    folder.mkdir()
    rc, _result, err = run_import(data_dir, folder, capsys)
    assert rc == 1
    assert err == (
        "spo-counter: file: Berkas agent.csv bukan berkas biasa (folder, perangkat atau pipa); "
        "simpan sebagai berkas CSV.\n"
    )


def test_an_unterminated_quote_is_its_rows_rejection_and_the_rows_after_it_go_in(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Row 3 of 5 opens a quote it never closes: by CSV's rules row 3 runs on into row 4, up to
    the quote that opens row 4's address (rows 4 and 5 used to vanish with it); here row 3 is
    refused and rows 4 and 5 are read."""
    unclosed = line(man(3, address="Jl. Kenanga 7")).replace("Joko Susanto", '"Joko Susanto')
    rows = [line(man(2)), unclosed, line(man(4)), line(man(5))]
    csv_file = tmp_path / "agent.csv"
    csv_file.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    rc, result, _err = run_import(data_dir, csv_file, capsys, "--lang", "en")
    assert rc == 1
    assert [a["row"] for a in result["accepted"]] == [2, 4, 5]
    assert result["rejected"] == [
        {
            "row": 3,
            "field": "row",
            "message": 'A quote (") opened in this row is not closed; the rows after it are read '
            "each on its own.",
        }
    ]
    assert counts(data_dir, capsys)["registration"] == 3
    argv = ["--data-dir", str(data_dir), "import", "registrations", str(csv_file)]
    assert main([*argv, "--teller", "teller01"], clock=CLOCK) == 1  # again, in Indonesian
    out = capsys.readouterr().out.splitlines()
    assert out[1] == (
        'baris 3: DITOLAK [row] Tanda kutip (") yang dibuka di baris ini tidak ditutup; '
        "baris-baris sesudahnya dibaca masing-masing."
    )


def test_an_unterminated_quote_that_runs_to_the_end_of_the_file(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No other quote after it: by CSV's rules rows 3 to 5 are one cell to the end of the file."""
    rows = [line(man(n, address=f"Jl. Kenanga {n}")) for n in range(2, 6)]
    rows[1] = rows[1].replace("Joko Susanto", '"Joko Susanto')
    csv_file = tmp_path / "agent.csv"
    csv_file.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    rc, result, _err = run_import(data_dir, csv_file, capsys)
    assert rc == 1
    assert [a["row"] for a in result["accepted"]] == [2, 4, 5]
    assert [(r["row"], r["field"]) for r in result["rejected"]] == [(3, "row")]
    assert result["rejected"][0]["message"].startswith('Tanda kutip (") yang dibuka di baris ini')


def test_an_unterminated_quote_in_the_last_row(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_file = tmp_path / "agent.csv"
    last = line(man(3)).replace("Pedagang", '"Pedagang')
    csv_file.write_text(f"{HEADER}\n{line(man(2))}\n{last}", encoding="utf-8")
    rc, result, _err = run_import(data_dir, csv_file, capsys)
    assert rc == 1
    assert [a["row"] for a in result["accepted"]] == [2]
    assert [(r["row"], r["field"]) for r in result["rejected"]] == [(3, "row")]
    assert result["rejected"][0]["message"].startswith('Tanda kutip (") yang dibuka di baris ini')


def test_a_file_of_stray_quotes_is_read_only_so_far(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every row opens a quote: each is refused in turn, up to the limit, then the rest is said
    to be unread (no file can keep the command reading the same lines over and over)."""
    rows = [line(man(n)).replace("Joko", '"Joko') for n in range(2, MAX_BROKEN_ROWS + 12)]
    csv_file = tmp_path / "agent.csv"
    csv_file.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    rc, result, _err = run_import(data_dir, csv_file, capsys, "--lang", "en")
    assert rc == 1
    assert result["accepted"] == []
    rejected = result["rejected"]
    assert [r["row"] for r in rejected] == list(range(2, MAX_BROKEN_ROWS + 3))
    assert rejected[-1]["message"] == (
        f"More than {MAX_BROKEN_ROWS} rows are not valid CSV: this row and those after it were "
        'not read. Check the quotes (") in the file.'
    )


@pytest.mark.skipif(os.name != "posix", reason="Windows allows no control characters in names")
def test_a_file_name_with_control_characters_is_printed_escaped(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A name that would turn the terminal red and forge a second line is shown escaped."""
    name = "agen\x1b[31mt\nspo-counter: OK.csv"
    csv_file = write_csv(tmp_path / name, [man(2)], header="nik,nama")
    rc, _result, err = run_import(data_dir, csv_file, capsys, "--lang", "en")
    assert rc == 1
    assert err == (
        "spo-counter: file: The header row of 'agen\\x1b[31mt\\nspo-counter: OK.csv' must be: "
        f"{HEADER}\n"
    )
    assert "\x1b" not in err
    missing = tmp_path / "hilang\x1b[2J.csv"
    rc, _result, err = run_import(data_dir, missing, capsys)
    assert err == "spo-counter: file: Berkas 'hilang\\x1b[2J.csv' tidak ditemukan.\n"
    fifo = tmp_path / "pipa\n.csv"
    os.mkfifo(fifo)
    rc, _result, err = run_import(data_dir, fifo, capsys, "--lang", "en")
    assert err.startswith("spo-counter: file: File 'pipa\\n.csv' is not a regular file")
    assert counts(data_dir, capsys)["registration"] == 0
