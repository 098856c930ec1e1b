"""`spo-counter import registrations`: a Perisai agent's file, one verdict a row."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import main
from tests.helpers import REGISTRATION_HEADER as HEADER
from tests.helpers import FakeClock

TELLER_PIN = "102938"
CLOCK = FakeClock()  # every import in this module runs at the same instant
COLUMNS = HEADER.split(",")


@pytest.fixture(autouse=True)
def _teller_pin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPO_PIN", TELLER_PIN)


def man(serial: int = 2, **changes: str) -> dict[str, str]:
    """A valid row for a man born 17/08/1985 in Jakarta; `serial` makes the NIK unique."""
    row = {
        "nik": f"317101170885{serial:04d}",
        "full_name": "Joko Susanto",
        "birth_place": "Jakarta",
        "birth_date": "1985-08-17",
        "gender": "L",
        "mother_maiden_name": "Sri Wahyuni",
        "phone": "0812-3456-7890",
        "email": "joko@contoh.id",
        "address": "Jl. Melati No. 5, Jakarta Pusat",
        "occupation": "Pedagang",
        "monthly_income": "1000000",
        "programs": "JKK+JKM+JHT",
        "agent_code": "PRS-101",
    }
    row.update(changes)
    return row


def woman(serial: int = 1, **changes: str) -> dict[str, str]:
    """A valid row for a woman born 05/01/1990 in Bogor regency (day + 40 in the NIK)."""
    return (
        man(
            nik=f"320101450190{serial:04d}",
            full_name="Ratna Handayani",
            birth_place="Bogor",
            birth_date="05/01/1990",
            gender="P",
            mother_maiden_name="Siti Aminah",
            programs="JKK+JKM",
            agent_code="",
            email="",
        )
        | changes
    )


def line(row: dict[str, str] | list[str], delimiter: str = ",") -> str:
    values = [row[c] for c in COLUMNS] if isinstance(row, dict) else row
    return delimiter.join(f'"{v}"' if delimiter in v or "\n" in v else v for v in values)


def write_csv(
    path: Path,
    rows: list[dict[str, str] | list[str]],
    *,
    delimiter: str = ",",
    header: str = HEADER,
    encoding: str = "utf-8",
    newline: str = "\n",
) -> Path:
    text = newline.join([header.replace(",", delimiter), *(line(r, delimiter) for r in rows)])
    path.write_bytes((text + newline).encode(encoding))
    return path


def run_import(
    data_dir: Path, csv_file: Path, capsys: pytest.CaptureFixture[str], *extra: str
) -> tuple[int, Any, str]:
    capsys.readouterr()
    argv = ["--data-dir", str(data_dir), "import", "registrations", str(csv_file)]
    rc = main([*argv, "--teller", "teller01", "--json", *extra], clock=CLOCK)
    captured = capsys.readouterr()
    return rc, json.loads(captured.out) if captured.out else None, captured.err


def counts(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, int]:
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "info", "--json"], clock=CLOCK) == 0
    records: dict[str, int] = json.loads(capsys.readouterr().out)["records"]
    return records


def test_all_rows_accepted(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_file = write_csv(tmp_path / "agent.csv", [man(2), woman(1), man(3, birth_date="")])
    rc, result, err = run_import(data_dir, csv_file, capsys)
    assert (rc, err) == (0, "")
    assert result == {
        "accepted": [
            {"row": 2, "receipt_no": "BNI-0123-01-0000001"},
            {"row": 3, "receipt_no": "BNI-0123-01-0000002"},
            {"row": 4, "receipt_no": "BNI-0123-01-0000003"},
        ],
        "rejected": [],
    }
    assert counts(data_dir, capsys)["registration"] == 3


def test_text_output(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv_file = write_csv(tmp_path / "agent.csv", [man(2), man(3, phone="12")])
    argv = ["--data-dir", str(data_dir), "import", "registrations", str(csv_file)]
    assert main([*argv, "--teller", "teller01"], clock=CLOCK) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "baris 2: diterima, BNI-0123-01-0000001"
    assert out[1].startswith("baris 3: DITOLAK [phone] Nomor HP")
    assert out[2] == "1 diterima, 1 ditolak."


def test_every_kind_of_bad_row_is_reported_with_its_row_and_field(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows: list[dict[str, str] | list[str]] = [
        man(2),  # row 2: good
        man(3, nik="3171011708850000"),  # 3: serial 0000
        man(4, birth_date="1985-13-45"),  # 4: no such date
        man(5, birth_date="1985-08-18"),  # 5: not the NIK's date
        man(6, gender="P"),  # 6: the NIK says a man
        man(7, phone="12345"),  # 7
        man(8, monthly_income="1234567"),  # 8: not a tier
        man(9, programs="JKK+JHT"),  # 9: JKM is mandatory
        man(10, programs="JHT"),  # 10: JKK and JKM are mandatory
        ["3171011708850011", "Joko", "Jakarta"],  # 11: three columns
        woman(1),  # 12: good
        woman(1, full_name="Ratna Lain"),  # 13: same NIK again in this file
        man(14, nik="9971011708850014"),  # 14: unknown province
        man(15, gender="X"),  # 15
        man(16, email="joko@"),  # 16
        man(17, full_name=""),  # 17
    ]
    csv_file = write_csv(tmp_path / "agent.csv", rows)
    rc, result, err = run_import(data_dir, csv_file, capsys, "--lang", "en")
    assert rc == 1
    assert err == ""
    assert [a["row"] for a in result["accepted"]] == [2, 12]
    verdicts = [(r["row"], r["field"]) for r in result["rejected"]]
    assert verdicts == [
        (3, "nik"),
        (4, "birth_date"),
        (5, "birth_date"),
        (6, "gender"),
        (7, "phone"),
        (8, "monthly_income"),
        (9, "programs"),
        (10, "programs"),
        (11, "row"),
        (13, "nik"),
        (14, "nik"),
        (15, "gender"),
        (16, "email"),
        (17, "full_name"),
    ]
    messages = {r["row"]: r["message"] for r in result["rejected"]}
    assert "the NIK says 17/08/1985" in messages[5]
    assert "the NIK says L" in messages[6]
    assert "mandatory" in messages[9]
    assert messages[11] == "This row has 3 columns, it should have 13."
    assert "already registered" in messages[13]
    assert result["accepted"][1]["receipt_no"] in messages[13]
    # Bad rows wrote nothing: two registrations, receipts without a gap.
    assert counts(data_dir, capsys) == {
        "registration": 2,
        "contribution": 0,
        "claim_handover": 0,
        "void": 0,
        "refund": 0,
        "benefit_payment": 0,
    }
    assert [a["receipt_no"] for a in result["accepted"]] == [
        "BNI-0123-01-0000001",
        "BNI-0123-01-0000002",
    ]


def test_messages_are_indonesian_by_default(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_file = write_csv(tmp_path / "agent.csv", [man(2, gender="P")])
    _rc, result, _err = run_import(data_dir, csv_file, capsys)
    assert result["rejected"] == [
        {
            "row": 2,
            "field": "gender",
            "message": "Jenis kelamin tidak sesuai dengan NIK (menurut NIK L).",
        }
    ]


def test_semicolons_bom_crlf_and_indonesian_amounts(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What a spreadsheet set to Indonesian saves: `;`, a UTF-8 BOM, CRLF, Rp with dots."""
    csv_file = write_csv(
        tmp_path / "agent.csv",
        [
            man(2, monthly_income="1.000.000", address="Jl. Melati 5, RT 01; RW 02"),
            woman(1, monthly_income="Rp1.500.000", birth_date="05/01/1990"),
        ],
        delimiter=";",
        encoding="utf-8-sig",
        newline="\r\n",
    )
    assert csv_file.read_bytes().startswith(b"\xef\xbb\xbfnik;full_name;")
    rc, result, _err = run_import(data_dir, csv_file, capsys)
    assert rc == 0, result
    assert [a["row"] for a in result["accepted"]] == [2, 3]


def test_quoted_line_break_counts_as_one_row(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Row numbers are the spreadsheet's: a cell holding a line break does not shift them."""
    csv_file = write_csv(
        tmp_path / "agent.csv",
        [man(2, address="Jl. Melati 5\nJakarta Pusat"), man(3, phone="x"), man(4)],
    )
    rc, result, _err = run_import(data_dir, csv_file, capsys)
    assert rc == 1
    assert [a["row"] for a in result["accepted"]] == [4]
    # A receipt prints the address on one line: the break itself is refused, in its own row.
    assert [(r["row"], r["field"]) for r in result["rejected"]] == [(2, "address"), (3, "phone")]


def test_blank_lines_are_skipped_but_counted(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_file = tmp_path / "agent.csv"
    csv_file.write_text(f"{HEADER}\n{line(man(2))}\n\n,,,,,,,,,,,,\n{line(man(5, phone='1'))}\n")
    rc, result, _err = run_import(data_dir, csv_file, capsys)
    assert rc == 1
    assert result["accepted"][0]["row"] == 2
    assert [(r["row"], r["field"]) for r in result["rejected"]] == [(5, "phone")]


def test_broken_quoting_is_a_rejected_row(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = line(man(3)).replace("Joko Susanto", '"Joko" Susanto')
    csv_file = tmp_path / "agent.csv"
    csv_file.write_text(f"{HEADER}\n{line(man(2))}\n{bad}\n{line(man(4))}\n")
    rc, result, _err = run_import(data_dir, csv_file, capsys)
    assert rc == 1
    assert [a["row"] for a in result["accepted"]] == [2, 4]
    assert [(r["row"], r["field"]) for r in result["rejected"]] == [(3, "row")]


def test_header_only_is_nothing_to_do(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_file = write_csv(tmp_path / "agent.csv", [])
    assert run_import(data_dir, csv_file, capsys) == (0, {"accepted": [], "rejected": []}, "")


def test_header_in_other_case_and_spacing_is_accepted(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    header = ", ".join(c.upper() for c in COLUMNS)
    csv_file = write_csv(tmp_path / "agent.csv", [man(2)], header=header)
    rc, result, _err = run_import(data_dir, csv_file, capsys)
    assert rc == 0
    assert len(result["accepted"]) == 1


@pytest.mark.parametrize(
    "header",
    [
        HEADER.replace("gender", "sex"),
        HEADER.replace(",agent_code", ""),
        "participant,months,monthly_income,programs,period_start",
        "",
    ],
)
def test_wrong_header_writes_nothing(
    header: str, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_file = write_csv(tmp_path / "agent.csv", [man(2)], header=header)
    rc, result, err = run_import(data_dir, csv_file, capsys, "--lang", "en")
    assert (rc, result) == (1, None)
    assert err == f"spo-counter: file: The header row of agent.csv must be: {HEADER}\n"
    assert counts(data_dir, capsys)["registration"] == 0


def test_non_utf8_file(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv_file = write_csv(
        tmp_path / "agent.csv", [man(2, full_name="Joko Süsanto")], encoding="latin-1"
    )
    rc, result, err = run_import(data_dir, csv_file, capsys)
    assert (rc, result) == (1, None)
    assert err == "spo-counter: file: Berkas agent.csv harus disimpan sebagai CSV UTF-8.\n"
    assert counts(data_dir, capsys)["registration"] == 0


def test_utf16_file_is_refused(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_file = write_csv(tmp_path / "agent.csv", [man(2)], encoding="utf-16")
    rc, _result, err = run_import(data_dir, csv_file, capsys)
    assert rc == 1
    assert err.startswith("spo-counter: file: ")


def test_missing_file(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rc, result, err = run_import(data_dir, tmp_path / "nowhere.csv", capsys, "--lang", "en")
    assert (rc, result) == (1, None)
    assert err == "spo-counter: file: File nowhere.csv was not found.\n"


def test_a_folder_instead_of_a_file(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rc, _result, err = run_import(data_dir, tmp_path, capsys)
    assert rc == 1
    assert err.startswith("spo-counter: file: ")


def test_empty_file(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv_file = tmp_path / "agent.csv"
    csv_file.write_bytes(b"")
    rc, _result, err = run_import(data_dir, csv_file, capsys, "--lang", "en")
    assert rc == 1
    assert err == "spo-counter: file: File agent.csv is empty.\n"


def test_importing_the_same_file_twice_creates_nothing_new(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_file = write_csv(tmp_path / "agent.csv", [man(2), woman(1), man(3)])
    rc, first, _err = run_import(data_dir, csv_file, capsys)
    assert rc == 0
    before = counts(data_dir, capsys)
    rc, second, _err = run_import(data_dir, csv_file, capsys)
    assert rc == 1
    assert second["accepted"] == []
    assert [(r["row"], r["field"]) for r in second["rejected"]] == [
        (2, "nik"),
        (3, "nik"),
        (4, "nik"),
    ]
    # Each refusal names the receipt of the registration already made.
    for earlier, refused in zip(first["accepted"], second["rejected"], strict=True):
        assert earlier["receipt_no"] in refused["message"]
    assert (
        counts(data_dir, capsys)
        == before
        == {
            "registration": 3,
            "contribution": 0,
            "claim_handover": 0,
            "void": 0,
            "refund": 0,
            "benefit_payment": 0,
        }
    )


def test_wrong_pin_imports_nothing(
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("SPO_PIN", "999999")
    csv_file = write_csv(tmp_path / "agent.csv", [man(2)])
    rc, result, err = run_import(data_dir, csv_file, capsys)
    assert (rc, result) == (1, None)
    assert err.startswith("spo-counter: pin: ID pengguna atau PIN salah.")
    assert counts(data_dir, capsys)["registration"] == 0


def test_unknown_teller_imports_nothing(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_file = write_csv(tmp_path / "agent.csv", [man(2)])
    argv = ["--data-dir", str(data_dir), "import", "registrations", str(csv_file)]
    assert main([*argv, "--teller", "nobody"], clock=CLOCK) == 1
    assert capsys.readouterr().err.startswith("spo-counter: pin: ")
    assert counts(data_dir, capsys)["registration"] == 0


def test_no_pin_and_no_terminal(
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.delenv("SPO_PIN")
    csv_file = write_csv(tmp_path / "agent.csv", [man(2)])
    rc, result, err = run_import(data_dir, csv_file, capsys)
    assert (rc, result) == (1, None)
    assert err == (
        "spo-counter: pin: PIN tidak diberikan: isi variabel SPO_PIN atau jalankan di terminal.\n"
    )
    assert counts(data_dir, capsys)["registration"] == 0


def test_nik_is_never_echoed_on_a_pin_failure(
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("SPO_PIN", "999999")
    csv_file = write_csv(tmp_path / "agent.csv", [man(2)])
    _rc, _result, err = run_import(data_dir, csv_file, capsys)
    assert "3171011708850002" not in err
