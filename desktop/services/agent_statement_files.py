"""An agent's statement as files for the bank's accounts: PDF, CSV or XLSX, written whole.

A text cell a spreadsheet would read as a formula (one starting with = + - @, a tab or a
carriage return: `=HYPERLINK(...)` in an address) is written with an apostrophe in front, in the
CSV and in the XLSX alike, so it shows as the text it is and never runs (OWASP, "CSV Injection").
Amounts are numbers, never text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Final, Literal

from desktop.domain.agents import percent_text
from desktop.errors import DomainError
from desktop.files import shown_name, write_atomically
from desktop.services.agent_statement import AgentStatement
from desktop.services.agents import INSTITUTION_KINDS

Cell = str | int
FORMATS: Final = ("pdf", "csv", "xlsx")
Format = Literal["pdf", "csv", "xlsx"]
_FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value: str) -> str:
    """`value` as a spreadsheet shows it as text: an apostrophe before a formula's first
    character."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def statement_rows(statement: AgentStatement) -> Iterator[Sequence[Cell]]:
    """The statement as rows of cells: a summary, then the registrations and the payments."""
    s, e, a = statement, statement.earnings, statement.agent
    kind = INSTITUTION_KINDS.get(a.institution_kind, (a.institution_kind,))[0]
    yield ("Laporan agen Perisai", s.month_text)
    yield ("Loket", s.counter_code)
    yield ("Kode agen", a.code)
    yield ("Nama agen", a.name)
    yield ("Lembaga", f"{a.institution_name} ({kind}, {a.institution_code})")
    yield ("Peserta baru didaftarkan", len(s.registered))
    for program, amount in s.by_program.items():
        yield (f"Iuran dihimpun {program}", amount)
    yield ("Iuran dihimpun", e.collected)
    yield (f"Komisi {percent_text(s.scheme.commission_bp)}", e.commission)
    yield (f"Bonus ({s.scheme.bonus_min_new} peserta baru atau lebih)", e.bonus)
    yield ("Jumlah komisi dan bonus", e.total)
    yield (f"Bagian lembaga {percent_text(s.scheme.institution_share_bp)}", e.institution_share)
    yield ("Bagian agen", e.agent_share)
    yield ()
    yield ("Pendaftaran", "Tanggal", "Nama", "NIK", "Alamat", "Program")
    for r in s.registered:
        yield (r.receipt_no, r.business_date, r.full_name, r.nik, r.address, r.programs)
    yield ()
    programs = list(s.by_program)
    yield ("Pembayaran", "Tanggal", "Peserta", "Periode awal", "Periode akhir", *programs, "Jumlah")
    for c in s.collected:
        amounts = [c.lines.get(p, 0) for p in programs]
        yield (c.receipt_no, c.business_date, c.participant, c.period_start, c.period_end,
               *amounts, c.amount)  # fmt: skip


def statement_csv(statement: AgentStatement) -> bytes:
    """UTF-8 with a byte-order mark (Excel then reads the names right), `;`-separated as
    Indonesian Excel expects, CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for row in statement_rows(statement):
        writer.writerow([spreadsheet_text(c) if isinstance(c, str) else c for c in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def statement_xlsx(statement: AgentStatement) -> bytes:
    from openpyxl import Workbook  # type: ignore[import-untyped]

    book = Workbook()
    sheet = book.active
    sheet.title = f"Agen {statement.agent.code}"[:31]
    for number, row in enumerate(statement_rows(statement), start=1):
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(row=number, column=column)
            if isinstance(value, str):
                cell.value = spreadsheet_text(value)
                cell.data_type = "s"  # openpyxl would take a leading "=" for a formula
            else:
                cell.value = value
                cell.number_format = "#,##0"
    sheet.column_dimensions["A"].width = 44
    for letter in "BCDEFGHIJK":
        sheet.column_dimensions[letter].width = 18
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def statement_format(path: Path, given: str | None = None) -> Format:
    """The format asked for, else the file's extension; DomainError `out` for another."""
    name = (given or path.suffix.lstrip(".") or "pdf").lower()
    for known in FORMATS:
        if name == known:
            return known
    raise DomainError(
        "out",
        f"Laporan agen hanya dapat disimpan sebagai PDF, CSV atau XLSX, bukan {name!r}.",
        f"An agent statement is saved as PDF, CSV or XLSX only, not {name!r}.",
    )


def save_statement(statement: AgentStatement, path: Path, format: str | None = None) -> Path:
    """Write the statement to `path` whole (temporary file, then renamed): never half a file."""
    chosen = statement_format(path, format)
    if chosen == "pdf":
        from desktop.receipts.agent_statement import render_agent_statement

        data = render_agent_statement(statement)
    elif chosen == "csv":
        data = statement_csv(statement)
    else:
        data = statement_xlsx(statement)
    if not path.parent.is_dir():
        raise DomainError(
            "out",
            f"Folder {shown_name(path.parent)} tidak ada.",
            f"The folder {shown_name(path.parent)} does not exist.",
        )
    try:
        write_atomically(path, data)
    except OSError as error:
        raise DomainError(
            "out",
            f"Laporan agen tidak dapat disimpan di {shown_name(path)}: {error.strerror or error}",
            f"The agent statement cannot be saved as {shown_name(path)}: {error.strerror or error}",
        ) from None
    return path


def default_name(statement: AgentStatement, format: str) -> str:
    return f"agen-{statement.agent.code}-{statement.month_text}.{format}"
