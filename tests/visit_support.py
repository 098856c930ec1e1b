"""An agent's visit for the tests: participants registered, and their contributions file of 60
rows, 5 of them bad (each for another reason), as CSV or as the .xlsx itself."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from desktop.counter import Counter
from desktop.services.auth import User
from desktop.services.imports import import_registrations
from tests.helpers import REGISTRATION_HEADER

COLUMNS = ("participant", "months", "monthly_income", "programs", "period_start")
FIRST_NAMES = ("Joko", "Siti", "Budi", "Dewi", "Agus", "Rina", "Eko", "Wati", "Hadi", "Lestari")
LAST_NAMES = ("Susanto", "Rahayu", "Santoso", "Lestari", "Wijaya", "Hidayat")
PERIOD = "2026-11"  # the test clock's month (tests/helpers.py START)
UNKNOWN_NIK = "3171011708859999"  # a NIK that is valid but registered nowhere
# File row (the header is row 1) -> the column it is refused on.
BAD_ROWS = {7: "months", 15: "participant", 23: "programs", 38: "period_start", 51: "period_start"}


def nik(serial: int) -> str:
    return f"317101170885{serial:04d}"


def name(serial: int) -> str:
    """One of 60 different names (serials 2-61 all differ)."""
    return f"{FIRST_NAMES[serial % 10]} {LAST_NAMES[(serial // 10) % 6]}"


def register_participants(counter: Counter, actor: User, tmp_path: Path, count: int = 60) -> None:
    """`count` participants (NIK serials 2 on) registered here with JKK+JKM+JHT at Rp1.000.000."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(REGISTRATION_HEADER.split(","))
    for serial in range(2, 2 + count):
        writer.writerow(
            [nik(serial), name(serial), "Jakarta", "1985-08-17", "L", "Sri Wahyuni",
             "081234567890", "", "Jl. Melati No. 5", "Pedagang", "1000000", "JKK+JKM+JHT",
             "PRS-101"]
        )  # fmt: skip
    path = tmp_path / "registrations.csv"
    path.write_text(out.getvalue(), encoding="utf-8", newline="")
    result = import_registrations(counter, actor, path)
    assert len(result.accepted) == count, result.rejected


def visit_rows() -> list[list[str]]:
    """60 rows (file rows 2-61): serials 2-61 paying one month, the bad rows as BAD_ROWS says
    (row 51 pays again the month of row 50's participant, refused as paid already)."""
    rows = []
    for file_row in range(2, 62):
        serial = file_row
        row = [nik(serial), "1", "1000000", "JKK+JKM+JHT", PERIOD]
        if file_row == 7:
            row[1] = "2"
        elif file_row == 15:
            row[0] = UNKNOWN_NIK
        elif file_row == 23:
            row[3] = "JKK+XYZ"
        elif file_row == 38:
            row[4] = "2026-13"
        elif file_row == 51:
            row[0] = nik(50)
        rows.append(row)
    return rows


def visit_csv(tmp_path: Path) -> Path:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerows(visit_rows())
    path = tmp_path / "kunjungan.csv"
    path.write_text(out.getvalue(), encoding="utf-8", newline="")
    return path


def visit_xlsx(tmp_path: Path) -> Path:
    """The same rows as a workbook, as a spreadsheet keeps them: NIK and income as numbers, the
    month as a date cell."""
    from datetime import date

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(COLUMNS))
    for row in visit_rows():
        month: object = row[4]
        if row[4] == PERIOD:
            month = date(2026, 11, 1)
        sheet.append([int(row[0]), int(row[1]), int(row[2]), row[3], month])
    path = tmp_path / "kunjungan.xlsx"
    book.save(path)
    return path
