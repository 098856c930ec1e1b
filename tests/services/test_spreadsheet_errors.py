"""An agent's .xlsx that is not what it should be: missing, a folder, too large, not a workbook,
an empty sheet, a header in another order. Each is refused naming the file before any row is
written. Odd cells are read as the digits a CSV would hold: numbers a tool stored as decimals,
TRUE/FALSE, notes typed to the right of the table."""

from __future__ import annotations

import os
import re
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
import sqlalchemy as sa

from desktop.counter import Counter
from desktop.errors import DomainError
from desktop.services import imports
from desktop.services.auth import User
from desktop.services.capture import Captured
from desktop.services.spreadsheet import MAX_XLSX_BYTES, xlsx_records
from desktop.store.schema import participants, transactions
from tests.services.conftest import NIK_MAN

HEADER = ["participant", "months", "monthly_income", "programs", "period_start"]
EXPECTED = "participant,months,monthly_income,programs,period_start[,agent_code]"


def _count(counter: Counter) -> int:
    with counter.store.read() as connection:
        return int(
            connection.execute(sa.select(sa.func.count()).select_from(transactions)).scalar_one()
        )


def _save(path: Path, *rows: list[object]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _refused(counter: Counter, teller: User, path: Path) -> tuple[str, str, str]:
    """The import's refusal of `path` (its field and messages), checked to have written nothing.

    Only the texts are kept, as the command does."""
    before = _count(counter)
    try:
        imports.import_contributions(counter, teller, path, lang="en")
    except DomainError as error:
        said = (error.field, error.message_en, error.message_id)
    else:
        pytest.fail(f"{path.name} was imported")
    assert _count(counter) == before
    return said


def test_a_missing_workbook_is_named(counter: Counter, teller: User, tmp_path: Path) -> None:
    assert _refused(counter, teller, tmp_path / "agen.xlsx") == (
        "file",
        "File agen.xlsx was not found.",
        "Berkas agen.xlsx tidak ditemukan.",
    )


@pytest.mark.skipif(
    sys.platform == "win32", reason="Windows reports a path through a file as not found (above)"
)
def test_a_workbook_that_cannot_be_reached_says_why(
    counter: Counter, teller: User, tmp_path: Path
) -> None:
    """A path through a file (a USB stick's folder replaced by a file of the same name)."""
    not_a_folder = tmp_path / "kunjungan"
    not_a_folder.write_text("not a folder", encoding="utf-8")
    assert _refused(counter, teller, not_a_folder / "agen.xlsx") == (
        "file",
        "File agen.xlsx cannot be read (Not a directory).",
        "Berkas agen.xlsx tidak dapat dibaca (Not a directory).",
    )


def test_a_folder_named_like_a_workbook_is_not_read(
    counter: Counter, teller: User, tmp_path: Path
) -> None:
    folder = tmp_path / "agen.xlsx"
    folder.mkdir()
    assert _refused(counter, teller, folder)[:2] == (
        "file",
        "File agen.xlsx is not a regular file.",
    )


def test_a_workbook_too_large_is_refused_before_it_is_opened(
    counter: Counter, teller: User, tmp_path: Path
) -> None:
    big = tmp_path / "agen.xlsx"
    with big.open("wb") as handle:  # sparse: its size is what counts, not its bytes
        handle.truncate(MAX_XLSX_BYTES + 1)
    field, message_en, message_id = _refused(counter, teller, big)
    assert (field, message_en) == (
        "file",
        "File agen.xlsx is too large (max 20 MB); save it as CSV.",
    )
    assert message_id == "Berkas agen.xlsx terlalu besar (maks. 20 MB); simpan sebagai CSV."
    # At the limit itself the size passes: what is refused then is the content (zeros).
    with big.open("r+b") as handle:
        handle.truncate(MAX_XLSX_BYTES)
    assert _refused(counter, teller, big)[1] == (
        "File agen.xlsx is not a valid Excel workbook (.xlsx)."
    )


@pytest.mark.parametrize("broken", ["csv_renamed", "cut_short"])
def test_a_file_that_is_not_a_whole_workbook_is_named(
    counter: Counter, teller: User, tmp_path: Path, broken: str
) -> None:
    path = tmp_path / "agen.xlsx"
    if broken == "csv_renamed":
        path.write_text(",".join(HEADER) + "\n3171011708850002,1,,,2026-11\n", encoding="utf-8")
    else:  # a download or copy that stopped half way
        whole = _save(tmp_path / "whole.xlsx", HEADER).read_bytes()
        path.write_bytes(whole[: len(whole) // 2])
    assert _refused(counter, teller, path)[:2] == (
        "file",
        "File agen.xlsx is not a valid Excel workbook (.xlsx).",
    )


def test_an_empty_sheet_is_told_the_header_it_needs(
    counter: Counter, teller: User, tmp_path: Path
) -> None:
    assert _refused(counter, teller, _save(tmp_path / "agen.xlsx")) == (
        "file",
        f"The header row of agen.xlsx must be: {EXPECTED}",
        f"Baris judul agen.xlsx harus: {EXPECTED}",
    )


def test_a_header_in_another_order_is_refused_and_no_row_is_paid(
    counter: Counter, teller: User, tmp_path: Path, registered: Captured
) -> None:
    swapped = ["months", "participant", "monthly_income", "programs", "period_start"]
    path = _save(tmp_path / "agen.xlsx", swapped, [1, int(NIK_MAN), None, None, "2026-11"])
    assert _refused(counter, teller, path)[:2] == (
        "file",
        f"The header row of agen.xlsx must be: {EXPECTED}",
    )


def test_a_workbook_refused_for_its_header_is_let_go_while_the_error_is_held(
    tmp_path: Path,
) -> None:
    """The agent fixes the file and saves it over the refused one: the sheet's row reader, which
    the error's traceback keeps alive, is closed with the book. On Windows an open file cannot
    be replaced; on Linux the process's open files are listed."""
    path = _save(tmp_path / "agen.xlsx", ["months", "participant"])
    with pytest.raises(DomainError) as refused:
        xlsx_records(path, ("participant", "months"))
    assert refused.value.field == "file"
    if sys.platform == "linux":
        held = {str(p.resolve()) for p in Path("/proc/self/fd").iterdir() if p.exists()}
        assert str(path.resolve()) not in held
    fixed = _save(tmp_path / "agen-fixed.xlsx", HEADER)
    os.replace(fixed, path)  # saved over while the refusal is still on screen
    records, columns = xlsx_records(path, tuple(HEADER))
    assert (list(records), columns) == ([], tuple(HEADER))  # read to the end: closed


def test_a_note_right_of_the_table_rejects_its_row_only(
    counter: Counter, teller: User, tmp_path: Path, registered: Captured
) -> None:
    """A note typed in column G widens the sheet: the header's empty cells after the table and
    the other rows' are not columns; the row with the note is refused, naming its width."""
    before = _count(counter)
    path = _save(
        tmp_path / "agen.xlsx",
        HEADER,
        [int(NIK_MAN), 1, None, None, "2026-11"],
        [int(NIK_MAN), 1, None, None, "2026-12", None, "bayar bulan depan"],
    )
    result = imports.import_contributions(counter, teller, path, lang="en")
    assert [a.row for a in result.accepted] == [2]
    assert [(r.row, r.field, r.message) for r in result.rejected] == [
        (3, "row", "This row has 7 columns, it should have 5.")
    ]
    assert _count(counter) == before + 1


def _as_decimals(path: Path) -> Path:
    """The workbook as a tool that stores every number as a decimal writes it (Apache POI, used
    by many bank systems, writes 1000000.0 and 3.171011708850002E15)."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode("utf-8")
    sheet = sheet.replace(f"<v>{NIK_MAN}</v>", "<v>3.171011708850002E15</v>")
    sheet = re.sub(r"<v>(1000000|1|2)</v>", r"<v>\1.0</v>", sheet)
    assert "3.171011708850002E15" in sheet
    assert "1000000.0" in sheet
    parts["xl/worksheets/sheet1.xml"] = sheet.encode("utf-8")
    out = path.with_name("desimal.xlsx")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return out


def test_numbers_stored_as_decimals_read_as_the_digits_typed(
    counter: Counter, teller: User, tmp_path: Path, registered: Captured
) -> None:
    path = _as_decimals(
        _save(
            tmp_path / "agen.xlsx",
            HEADER,
            [int(NIK_MAN), 1, 1000000, "JKK+JKM+JHT", "2026-11"],
        )
    )
    records, columns = xlsx_records(path, tuple(HEADER))
    assert columns == tuple(HEADER)
    assert list(records) == [(2, [NIK_MAN, "1", "1000000", "JKK+JKM+JHT", "2026-11"])]
    # The import finds the participant by those digits and pays on that income.
    result = imports.import_contributions(counter, teller, path, lang="en")
    assert (result.rejected, [a.row for a in result.accepted]) == ([], [2])
    with counter.store.read() as connection:
        nik, amount = connection.execute(
            sa.select(participants.c.nik, transactions.c.amount)
            .join(participants, participants.c.id == transactions.c.participant_id)
            .where(transactions.c.receipt_no == result.accepted[0].receipt_no)
        ).one()
    # DOMAIN.md: JKK+JKM+JHT on Rp1.000.000 is Rp36.800 a month.
    assert (nik, amount) == (NIK_MAN, 36_800)


def test_true_and_false_cells_read_as_one_and_zero(
    counter: Counter, teller: User, tmp_path: Path, registered: Captured
) -> None:
    """A months column typed as a checkbox: TRUE is 1 month; FALSE is 0, refused naming months."""
    path = _save(
        tmp_path / "agen.xlsx",
        HEADER,
        [int(NIK_MAN), True, None, None, "2026-11"],
        [int(NIK_MAN), False, None, None, "2026-12"],
    )
    records, _columns = xlsx_records(path, tuple(HEADER))
    assert [(row, cells[1]) for row, cells in records] == [(2, "1"), (3, "0")]
    before = _count(counter)
    result = imports.import_contributions(counter, teller, path, lang="en")
    assert [a.row for a in result.accepted] == [2]
    assert [(r.row, r.field) for r in result.rejected] == [(3, "months")]
    assert _count(counter) == before + 1
