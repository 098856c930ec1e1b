"""An agent's spreadsheet (.xlsx) read as the rows of a CSV file: its first sheet, header first.

openpyxl's read-only mode streams the sheet (memory stays flat); cells are read as their values,
never as formulas (a formula cell gives the value Excel last saved with it). Numbers typed into
a cell come back as the digits shown: a NIK or an income stored as a number reads "3171...",
"1000000", never "3.17e15" or "1000000.0"; a date cell reads "YYYY-MM-DD", or "YYYY-MM" in a
month column (MONTH_COLUMNS).
"""

from __future__ import annotations

import os
import stat
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

from desktop.errors import DomainError
from desktop.files import shown_name

MAX_XLSX_BYTES = 20 * 1024 * 1024  # a visit's sheet is small; a bigger workbook is saved as CSV
MONTH_COLUMNS = frozenset({"period_start"})


def xlsx_records(
    path: Path, columns: tuple[str, ...], optional: tuple[str, ...] = ()
) -> tuple[Iterator[tuple[int, list[str] | DomainError]], tuple[str, ...]]:
    """The sheet's rows after its header, numbered as Excel shows them (the header row 1), and
    the columns the header names: `columns`, or `columns` and then `optional`, as in a CSV file.

    The file and its header are checked here, before the first row is asked for (a DomainError
    `file` otherwise): a file that is not a workbook, or whose header is neither."""
    # Only when a spreadsheet is opened: it is not on the capture path. openpyxl ships no types.
    import openpyxl  # type: ignore[import-untyped]
    from openpyxl.utils.exceptions import InvalidFileException  # type: ignore[import-untyped]

    name = shown_name(path.name)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise _error(name, "tidak ditemukan", "was not found") from None
    except OSError as error:
        raise _error(
            name, f"tidak dapat dibaca ({error.strerror})", f"cannot be read ({error.strerror})"
        ) from None
    if not stat.S_ISREG(info.st_mode):
        raise _error(name, "bukan berkas biasa", "is not a regular file")
    if info.st_size > MAX_XLSX_BYTES:
        mb = MAX_XLSX_BYTES // (1024 * 1024)
        raise _error(
            name,
            f"terlalu besar (maks. {mb} MB); simpan sebagai CSV",
            f"is too large (max {mb} MB); save it as CSV",
        )
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise _error(
            name,
            "bukan lembar kerja Excel (.xlsx) yang sah",
            "is not a valid Excel workbook (.xlsx)",
        ) from None
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    found = [_text(v, False).strip().lower() for v in header or ()]
    while found and not found[-1]:
        found.pop()  # empty cells right of the header
    if optional and found == [*columns, *optional]:
        columns = (*columns, *optional)
    if found != list(columns):
        rows.close()  # the sheet's reader holds the file open (and the error's traceback it)
        book.close()
        expected = ",".join(columns) + "".join(f"[,{name}]" for name in optional)
        raise DomainError(
            "file",
            f"Baris judul {name} harus: {expected}",
            f"The header row of {name} must be: {expected}",
        )
    months = frozenset(i for i, column in enumerate(columns) if column in MONTH_COLUMNS)
    return _records(book, rows, len(columns), months), columns


def _records(
    book: object, rows: Iterator[tuple[object, ...]], width: int, months: frozenset[int]
) -> Iterator[tuple[int, list[str] | DomainError]]:
    try:
        for row_no, values in enumerate(rows, start=2):
            cells = [_text(v, i in months) for i, v in enumerate(values)]
            while len(cells) > width and not cells[-1].strip():
                cells.pop()  # empty cells right of the table
            yield row_no, cells
    finally:
        close = getattr(book, "close", None)
        if close is not None:
            close()


def _text(value: object, month: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return f"{value:%Y-%m}" if month else f"{value:%Y-%m-%d}"
    return str(value)


def _error(name: str, message_id: str, message_en: str) -> DomainError:
    return DomainError("file", f"Berkas {name} {message_id}.", f"File {name} {message_en}.")
