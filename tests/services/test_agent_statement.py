"""An agent's statement for a month, its figures against hand-computed ones, and its files:
a formula in an address escaped in the CSV and the XLSX (read back), the PDF read back."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]
from pypdf import PdfReader

from desktop.counter import Counter
from desktop.errors import DomainError
from desktop.services.agent_statement import AgentStatement, agent_statement
from desktop.services.agent_statement_files import save_statement, spreadsheet_text
from desktop.services.auth import User
from desktop.services.contributions import pay_bpu
from desktop.services.registration import register_participant
from desktop.services.voids import write_void
from tests.services.agents_support import ACTIVE, OTHER, name, nik, with_register
from tests.services.conftest import bpu_payment, registration

FORMULA = '=HYPERLINK("http://contoh.id/x","Klik")'


def _bring(counter: Counter, teller: User, new: int) -> None:
    """`new` participants the agent registers this month (the first one's address a formula),
    and three payments the agent brings: Rp16.800 (1 month JKK+JKM), Rp110.400 (3 months with
    JHT), Rp201.600 (12 months JKK+JKM); plus payments the agent did not bring."""
    with_register(counter)
    for serial in range(1, new + 1):
        register_participant(
            counter,
            teller,
            registration(
                nik=nik(serial),
                full_name=name(serial),
                address=FORMULA if serial == 1 else f"Jl. Kenanga No. {serial}, Jakarta",
                programs="JKK+JKM+JHT" if serial == 2 else "JKK+JKM",
                agent_code=ACTIVE,
            ),
        )
    register_participant(counter, teller, registration(nik=nik(900), agent_code=OTHER))
    register_participant(counter, teller, registration(nik=nik(901)))
    pay_bpu(counter, teller, bpu_payment(participant=nik(1), agent_code=ACTIVE))
    pay_bpu(counter, teller, bpu_payment(participant=nik(2), months=3, agent_code=ACTIVE))
    pay_bpu(counter, teller, bpu_payment(participant=nik(3), months=12, agent_code=ACTIVE))
    pay_bpu(counter, teller, bpu_payment(participant=nik(900), agent_code=OTHER))
    pay_bpu(counter, teller, bpu_payment(participant=nik(901)))


@pytest.fixture
def fifty(counter: Counter, teller: User) -> AgentStatement:
    _bring(counter, teller, 50)
    return agent_statement(counter, ACTIVE, "2026-11")


def test_fifty_new_participants_earn_the_bonus(fifty: AgentStatement) -> None:
    # Collected 16.800 + 110.400 + 201.600 = 328.800; 7,5% = 24.660; with the Rp500.000 bonus
    # 524.660, of which the institution's 10% is 52.466 and the agent keeps 472.194.
    e = fifty.earnings
    assert len(fifty.registered) == 50
    assert (e.collected, e.commission, e.bonus) == (328_800, 24_660, 500_000)
    assert (e.total, e.institution_share, e.agent_share) == (524_660, 52_466, 472_194)
    assert fifty.by_program == {"JKK": 160_000, "JKM": 108_800, "JHT": 60_000}
    assert [c.amount for c in fifty.collected] == [16_800, 110_400, 201_600]
    assert fifty.collected[0].participant == name(1)


def test_forty_nine_earn_no_bonus(counter: Counter, teller: User) -> None:
    _bring(counter, teller, 49)
    e = agent_statement(counter, ACTIVE, "2026-11").earnings
    # 24.660 commission alone: the institution's 10% is 2.466, the agent keeps 22.194.
    assert (e.new_participants, e.bonus, e.total) == (49, 0, 24_660)
    assert (e.institution_share, e.agent_share) == (2_466, 22_194)


def test_a_voided_registration_or_payment_does_not_count(
    counter: Counter, teller: User, supervisor: User
) -> None:
    _bring(counter, teller, 50)
    first = agent_statement(counter, ACTIVE, "2026-11")
    write_void(counter, teller, supervisor, first.registered[-1].receipt_no, "Salah input data")
    write_void(counter, teller, supervisor, first.collected[0].receipt_no, "Salah input data")
    after = agent_statement(counter, ACTIVE, "2026-11").earnings
    assert (after.new_participants, after.bonus) == (49, 0)
    assert after.collected == 328_800 - 16_800


def test_another_month_has_nothing(fifty: AgentStatement, counter: Counter) -> None:
    empty = agent_statement(counter, ACTIVE, "2026-10")
    assert (empty.registered, empty.collected, empty.earnings.total) == ((), (), 0)


@pytest.mark.parametrize(
    ("code", "month", "field"),
    [("PRS-9999", "2026-11", "agent"), ("", "2026-11", "agent"), (ACTIVE, "2026-13", "month")],
)
def test_refused_naming_the_field(counter: Counter, code: str, month: str, field: str) -> None:
    with_register(counter)
    with pytest.raises(DomainError) as refused:
        agent_statement(counter, code, month)
    assert refused.value.field == field


def test_a_month_not_begun_is_refused(counter: Counter) -> None:
    with_register(counter)
    with pytest.raises(DomainError) as refused:
        agent_statement(counter, ACTIVE, "2026-12")
    assert refused.value.field == "month"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (FORMULA, "'" + FORMULA),
        ("+62 812", "'+62 812"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Jl. Mawar = 5", "Jl. Mawar = 5"),
    ],
)
def test_spreadsheet_text(text: str, shown: str) -> None:
    assert spreadsheet_text(text) == shown


def test_csv_escapes_the_formula(fifty: AgentStatement, tmp_path: Path) -> None:
    path = save_statement(fifty, tmp_path / "agen.csv")
    text = path.read_bytes().decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(text), delimiter=";") for cell in row]
    assert "'" + FORMULA in cells
    assert FORMULA not in cells
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert ["Bagian lembaga 10%", "52466"] in rows
    assert ["Bagian agen", "472194"] in rows


def test_xlsx_escapes_the_formula_and_keeps_numbers(fifty: AgentStatement, tmp_path: Path) -> None:
    path = save_statement(fifty, tmp_path / "agen.xlsx")
    sheet = load_workbook(path).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    texts = {cell.value for cell in cells if cell.data_type == "s"}
    assert "'" + FORMULA in texts
    values = {row[0].value: row[1].value for row in sheet.iter_rows() if len(row) > 1}
    assert values["Komisi 7,5%"] == 24_660
    assert values["Bagian lembaga 10%"] == 52_466
    with zipfile.ZipFile(path) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet_xml  # no formula anywhere in the file


def test_pdf_reads_back(fifty: AgentStatement, tmp_path: Path) -> None:
    path = save_statement(fifty, tmp_path / "agen.pdf")
    text = " ".join(page.extract_text() for page in PdfReader(path).pages)
    for expected in (
        "LAPORAN AGEN PERISAI",
        "Dewi Lestari (PRS-0101)",
        "Yayasan Karya Sejahtera",
        "November 2026",
        "Rp328.800",
        "Rp24.660",
        "Rp500.000",
        "Rp52.466",
        "Rp472.194",
        name(50),
    ):
        assert expected in text, expected
    assert "3171••••••••0001" in text  # NIKs masked


def test_another_format_is_refused_and_nothing_written(
    fifty: AgentStatement, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(DomainError) as refused:
        save_statement(fifty, out / "agen.ods")
    assert refused.value.field == "out"
    assert not list(out.iterdir())
