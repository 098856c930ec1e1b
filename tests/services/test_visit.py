"""A Perisai agent's collective visit (issue 18): every row's verdict before anything is written,
one tender for the batch, each row its own transaction, the receipts and the collective receipt
as one PDF."""

from __future__ import annotations

import io
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from pypdf import PdfReader

from desktop.counter import Counter
from desktop.errors import DomainError
from desktop.services import imports
from desktop.services.auth import User
from desktop.services.verify import verify_store
from desktop.services.visit import (
    CaptureVisit,
    capture_visit,
    check_visit,
    open_visit,
    visit_receipts,
)
from desktop.store.schema import contribution_agents, debit_references, transactions
from desktop.store.store import Store
from tests.helpers import FakeClock
from tests.visit_support import (
    BAD_ROWS,
    name,
    register_participants,
    visit_csv,
    visit_xlsx,
)

ROOT = Path(__file__).resolve().parents[2]


def _count(counter: Counter) -> int:
    with counter.store.read() as connection:
        return int(
            connection.execute(sa.select(sa.func.count()).select_from(transactions)).scalar_one()
        )


def _last_seq(counter: Counter) -> int:
    with counter.store.read() as connection:
        return int(connection.execute(sa.select(sa.func.max(transactions.c.seq))).scalar_one())


@pytest.fixture
def registered(counter: Counter, teller: User, tmp_path: Path) -> int:
    register_participants(counter, teller, tmp_path)
    return _count(counter)


@pytest.mark.parametrize("make", [visit_csv, visit_xlsx], ids=["csv", "xlsx"])
def test_the_check_gives_every_rows_verdict_and_writes_nothing(
    counter: Counter,
    teller: User,
    tmp_path: Path,
    registered: int,
    make: Callable[[Path], Path],
) -> None:
    rows = open_visit(make(tmp_path))
    assert len(rows) == 60
    checked = check_visit(counter, teller, rows, lang="en")
    refused = {v.row: v.field for v in checked.verdicts if not v.accepted}
    assert refused == BAD_ROWS
    first = checked.verdicts[0]
    assert (first.row, first.name, first.nik, first.programs) == (
        2,
        name(2),
        "3171••••••••0002",
        "JKK+JKM+JHT",
    )
    assert (first.amount, first.receipt_no) == (36_800, "")
    assert checked.total == 55 * 36_800
    by_row = {v.row: v for v in checked.verdicts}
    assert "already paid" in by_row[51].message
    assert _count(counter) == registered  # nothing written: no transaction, no number taken


def test_a_visit_is_captured_row_by_row_with_one_tender_and_prints_as_one_pdf(
    counter: Counter, teller: User, tmp_path: Path, registered: int
) -> None:
    rows = open_visit(visit_csv(tmp_path))
    kept = tuple(r for r in rows if r.row not in BAD_ROWS)
    total = 55 * 36_800
    with pytest.raises(DomainError) as short:
        capture_visit(
            counter, teller, CaptureVisit("PRS-101", kept, cash_given=total - 1), lang="en"
        )
    assert short.value.field == "cash_given"
    assert _count(counter) == registered
    result = capture_visit(
        counter, teller, CaptureVisit("prs-101", kept, cash_given=2_100_000), lang="en"
    )
    assert (result.agent.code, result.agent.name) == ("PRS-101", "Sri Mulyani")
    assert (len(result.paid), result.total) == (55, total)
    assert result.change == 2_100_000 - total
    assert _count(counter) == registered + 55
    numbers = [int(v.receipt_no.rpartition("-")[2]) for v in result.paid]
    assert numbers == list(range(numbers[0], numbers[0] + 55))  # one after another, no gap
    assert numbers[0] == _last_seq(counter) - 54
    rendered = visit_receipts(counter, teller, result)
    text = [p.extract_text() for p in PdfReader(io.BytesIO(rendered.pdf)).pages]
    for verdict in result.paid:
        assert any(verdict.receipt_no in page and "BUKTI PEMBAYARAN IURAN" in page for page in text)
    collective = "\n".join(p for p in text if "TANDA TERIMA KOLEKTIF IURAN" in p)
    assert "Sri Mulyani (PRS-101)" in collective
    assert "Yayasan Karya Sejahtera" in collective
    # Each payment names the agent: the agent's statement counts the visit's collections.
    with counter.store.read() as connection:
        agents_of = connection.execute(
            sa.select(contribution_agents.c.agent_code, sa.func.count())
            .join(transactions, transactions.c.seq == contribution_agents.c.seq)
            .where(transactions.c.receipt_no.in_([v.receipt_no for v in result.paid]))
            .group_by(contribution_agents.c.agent_code)
        ).all()
    assert [tuple(a) for a in agents_of] == [("PRS-101", 55)]
    for verdict in result.paid:
        assert verdict.receipt_no in collective
        assert verdict.name in collective
    assert "3171••••••••0002" in collective
    assert "3171011708850002" not in collective  # masked as on receipts
    assert "Rp2.024.000" in collective  # the total
    assert "Rp76.000" in collective  # the change from Rp2.100.000
    assert verify_store(counter).ok


def test_a_crash_mid_batch_leaves_only_whole_rows(
    counter: Counter,
    teller: User,
    tmp_path: Path,
    registered: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Groups of 10 rows; a crash (an exception no row expects) in the 25th row's write, after
    its transaction and audit event were written: the rows before it are committed whole, the
    25th is not there at all, the receipts gapless, the audit chain whole. (The check before
    the capture pays the 55 rows once, rolled back: the crash comes on call 55 + 25.)"""
    monkeypatch.setattr(imports, "GROUP_ROWS", 10)
    before = _last_seq(counter)
    rows = tuple(r for r in open_visit(visit_csv(tmp_path)) if r.row not in BAD_ROWS)
    from desktop.services import capture as capture_module

    real = capture_module.captures.queue_for_upload
    calls = {"n": 0}

    def queue(connection: sa.Connection, seq: int) -> None:
        calls["n"] += 1
        if calls["n"] == 55 + 25:
            raise RuntimeError("the power went")
        real(connection, seq)

    monkeypatch.setattr(capture_module.captures, "queue_for_upload", queue)
    result = capture_visit(counter, teller, CaptureVisit("PRS-101", rows), lang="en")
    assert result.stopped is not None
    assert result.stopped.field == "bug"
    assert len(result.paid) == 24
    # The cash was handed over for the 55 rows checked: the 31 not paid go back in the change,
    # and the collective receipt lists them.
    assert result.cash_given == 55 * 36_800
    assert result.change == 31 * 36_800
    assert len(result.not_paid) == 31
    assert result.not_paid[0] == "baris 29: RuntimeError: the power went"  # the 25th row kept
    assert _count(counter) == registered + 24
    numbers = [int(v.receipt_no.rpartition("-")[2]) for v in result.paid]
    assert numbers == list(range(before + 1, before + 25))
    assert _last_seq(counter) == before + 24
    assert verify_store(counter).ok


def test_a_debit_visit_names_the_account_masked_and_each_row_is_a_debit(
    counter: Counter, teller: User, tmp_path: Path, registered: int
) -> None:
    rows = tuple(r for r in open_visit(visit_csv(tmp_path)) if r.row not in BAD_ROWS)[:3]
    with pytest.raises(DomainError) as no_account:
        capture_visit(counter, teller, CaptureVisit("PRS-101", rows, tender="debit"), lang="en")
    assert no_account.value.field == "debit_account"
    no_reference = CaptureVisit("PRS-101", rows, tender="debit", debit_account="1234567890")
    with pytest.raises(DomainError) as unreferenced:
        capture_visit(counter, teller, no_reference, lang="en")
    assert unreferenced.value.field == "debit_reference"
    for code in ("P!", "", "PRS-999"):  # not a code, none, not in the register
        with pytest.raises(DomainError) as bad_agent:
            capture_visit(counter, teller, CaptureVisit(code, rows), lang="en")
        assert bad_agent.value.field == "agent_code"
    assert _count(counter) == registered
    result = capture_visit(
        counter,
        teller,
        CaptureVisit(
            "PRS-101",
            rows,
            tender="debit",
            debit_account="1234-5678-90",
            debit_reference="edc 123-456",
        ),
        lang="en",
    )
    with counter.store.read() as connection:
        tenders = connection.execute(
            sa.select(transactions.c.tender, transactions.c.debit_account).where(
                transactions.c.receipt_no.in_([v.receipt_no for v in result.paid])
            )
        ).all()
    assert [tuple(t) for t in tenders] == [("debit", "1234567890")] * 3
    rendered = visit_receipts(counter, teller, result)
    collective = PdfReader(io.BytesIO(rendered.pdf)).pages[-1].extract_text()
    assert "Debit rekening 1234••7890" in collective
    assert "Ref. debit\nEDC123456" in collective
    with counter.store.read() as connection:
        references = connection.execute(
            sa.select(debit_references.c.reference)
            .join(transactions, transactions.c.seq == debit_references.c.seq)
            .where(transactions.c.receipt_no.in_([v.receipt_no for v in result.paid]))
        ).scalars()
        assert list(references) == ["EDC123456"] * 3  # each row's payment names the one debit
    assert "1234567890" not in collective


# The power goes while a visit is being paid: the child pays the batch in groups of 10 and dies
# (no rollback, no clean-up: os._exit) while writing its 25th row, five rows into its third
# group. The check before the capture paid the 55 rows once, rolled back: calls 1-55.
CHILD = """
import os, sys
from pathlib import Path
from desktop.counter import Counter
from desktop.domain.users import Role
from desktop.services import capture, imports
from desktop.services.auth import User
from desktop.services.visit import CaptureVisit, capture_visit, open_visit
from desktop.store.store import Store
from tests.helpers import FakeClock
from tests.visit_support import BAD_ROWS

data_dir, csv_file = Path(sys.argv[1]), Path(sys.argv[2])
imports.GROUP_ROWS = 10
real = capture.captures.queue_for_upload
calls = {"n": 0}

def queue(connection, seq):
    calls["n"] += 1
    real(connection, seq)
    if calls["n"] == 55 + 25:
        os._exit(9)  # the 25th row written in its savepoint, its group not committed

capture.captures.queue_for_upload = queue
store = Store(data_dir)
counter = Counter(store, clock=FakeClock())
rows = tuple(r for r in open_visit(csv_file) if r.row not in BAD_ROWS)
capture_visit(counter, User("teller01", "Dewi", Role.TELLER), CaptureVisit("PRS-101", rows))
sys.exit("the child was meant to die in the visit")
"""


def test_a_power_cut_mid_visit_leaves_whole_rows_and_the_rest_is_paid_after(
    data_dir: Path, teller: User, tmp_path: Path
) -> None:
    store = Store(data_dir)
    try:
        counter = Counter(store, clock=FakeClock())
        register_participants(counter, teller, tmp_path)
        before = _last_seq(counter)
    finally:
        store.close()
    csv_file = visit_csv(tmp_path)
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(data_dir), str(csv_file)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert child.returncode == 9, child.stderr
    store = Store(data_dir)
    try:
        counter = Counter(store, clock=FakeClock())
        # Two groups of 10 committed before the cut; the third group's five rows are not there.
        assert _last_seq(counter) == before + 20
        assert verify_store(counter).ok
        # The same file again: the 20 rows paid are refused as paid, naming their receipts; the
        # other 35 are accepted and paid, numbered on without a gap.
        rows = tuple(r for r in open_visit(csv_file) if r.row not in BAD_ROWS)
        checked = check_visit(counter, teller, rows, lang="en")
        refused = [v for v in checked.verdicts if not v.accepted]
        assert len(refused) == 20
        assert all("already paid" in v.message for v in refused)
        kept = tuple(r for r in rows if r.row in {v.row for v in checked.accepted})
        result = capture_visit(counter, teller, CaptureVisit("PRS-101", kept), lang="en")
        assert len(result.paid) == 35
        assert _last_seq(counter) == before + 55
        assert verify_store(counter).ok
    finally:
        store.close()


def test_an_import_reads_the_agents_spreadsheet_with_its_agent_column(
    counter: Counter, teller: User, tmp_path: Path, registered: int
) -> None:
    """`import contributions` takes the .xlsx itself, its optional agent_code column too: the
    NIK typed as a number reads as its digits, each payment names its agent."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(
        ["participant", "months", "monthly_income", "programs", "period_start", "agent_code"]
    )
    sheet.append([3171011708850002, 1, 1000000, "JKK+JKM+JHT", "2026-11", "PRS-101"])
    sheet.append([3171011708850003, 3, None, None, "2026-11", "PRS-999"])  # not in the register
    path = tmp_path / "agen.xlsx"
    book.save(path)
    result = imports.import_contributions(counter, teller, path, lang="en")
    assert [a.row for a in result.accepted] == [2]
    assert [(r.row, r.field) for r in result.rejected] == [(3, "agent_code")]
    with counter.store.read() as connection:
        named = connection.execute(
            sa.select(contribution_agents.c.agent_code)
            .join(transactions, transactions.c.seq == contribution_agents.c.seq)
            .where(transactions.c.receipt_no == result.accepted[0].receipt_no)
        ).scalar_one()
    assert named == "PRS-101"


@pytest.mark.usefixtures("registry_upstream")
def test_a_visit_asks_the_upstream_about_participants_registered_elsewhere(
    counter: Counter, teller: User
) -> None:
    """The sandbox upstream on loopback: a courier registered online pays through the visit
    (named by the upstream, PP 50/2025's relief applied); a trader the upstream says is paid
    through November is refused for November."""
    from desktop.services.visit import VisitRow
    from tests.sync.registry_support import NIK_COURIER, NIK_TRADER

    rows = (
        VisitRow(2, (NIK_COURIER, "1", "", "", "2026-11")),
        VisitRow(3, (NIK_TRADER, "1", "", "", "2026-11")),
    )
    checked = check_visit(counter, teller, rows, lang="en")
    assert checked.upstream == "online"
    courier, trader = checked.verdicts
    assert (courier.accepted, courier.name) == (True, "Siti Aminah")
    assert courier.amount < 36_800  # JKK and JKM halved for transport workers
    assert (trader.accepted, trader.field) == (False, "period_start")
    result = capture_visit(counter, teller, CaptureVisit("PRS-101", rows[:1]), lang="en")
    assert [(v.name, v.amount) for v in result.paid] == [("Siti Aminah", courier.amount)]
