"""A Perisai agent's collective visit: the agent's file opened, every row's verdict shown before
anything is written, one tender for the batch, each row captured as its own transaction.

The window (ui/visit/) and the command (`spo-counter import contributions FILE --check`, and the
import itself) share the import's core (desktop/services/imports.py): the same per-row write,
the same savepoint per row inside group commits, the same dry run for the verdicts. A row
refused never blocks the others; a crash leaves whole rows only (a committed group), never half
of one; the receipts of what was committed are the ones printed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import sqlalchemy as sa

from desktop.counter import Counter
from desktop.domain.money import format_rupiah
from desktop.domain.nik import mask_identifier
from desktop.domain.tender import Tender, validate_payment
from desktop.domain.terbilang import terbilang_rupiah
from desktop.errors import DomainError
from desktop.receipts.collective import CollectiveReceipt, CollectiveRow, draw_collective
from desktop.receipts.content import month_text
from desktop.receipts.layout import render_batch_pdf
from desktop.receipts.model import Line, Paper
from desktop.services.agents import Agent, agent_by_code, checked_agent
from desktop.services.auth import User
from desktop.services.capture import Captured
from desktop.services.imports import (
    CONTRIBUTION_COLUMNS,
    CONTRIBUTION_FIELDS,
    CONTRIBUTION_OPTIONAL,
    Asker,
    ImportResult,
    Progress,
    Row,
    Stopped,
    Write,
    check_rows,
    contribution_writer,
    import_rows,
    read_rows,
)
from desktop.services.inquiry import InquiryLink
from desktop.services.lookup import participant_name
from desktop.services.receipts import IssuedReceipt, counter_paper, issue_receipt
from desktop.store.schema import contribution_lines, contributions, participants, transactions

COLUMNS = CONTRIBUTION_COLUMNS  # participant, months, monthly_income, programs, period_start
# A visit is what one agent brings to the counter at once; a longer list is an import.
MAX_VISIT_ROWS = 1000


@dataclass(frozen=True)
class VisitRow:
    """One row of the agent's file as the teller sees it (and may edit): its row number in the
    file and a value for each of COLUMNS; `broken` when the row could not be read at all."""

    row: int
    values: tuple[str, ...]
    broken: str = ""  # why the row is unreadable (its message), or ""

    def as_row(self) -> dict[str, str]:
        return dict(zip(COLUMNS, self.values, strict=True))

    def edited(self, column: str, value: str) -> VisitRow:
        values = list(self.values)
        values[COLUMNS.index(column)] = value
        return replace(self, values=tuple(values), broken="")


@dataclass(frozen=True)
class Verdict:
    """A row accepted (who, what, how much; its receipt once captured) or refused: the column
    and why, in the teller's language."""

    row: int
    field: str = ""  # "" when accepted
    message: str = ""
    name: str = ""
    nik: str = ""  # masked, as on receipts
    programs: str = ""
    period: str = ""
    amount: int = 0
    receipt_no: str = ""

    @property
    def accepted(self) -> bool:
        return not self.field


@dataclass(frozen=True)
class VisitCheck:
    verdicts: tuple[Verdict, ...]
    upstream: str | None = None  # as ImportResult.upstream

    @property
    def total(self) -> int:
        return sum(v.amount for v in self.verdicts if v.accepted)

    @property
    def accepted(self) -> tuple[Verdict, ...]:
        return tuple(v for v in self.verdicts if v.accepted)


@dataclass(frozen=True)
class CaptureVisit:
    """The batch to capture: the rows kept (refused rows are dropped or fixed first), the agent,
    and the one tender for the total."""

    agent_code: str
    rows: tuple[VisitRow, ...]
    tender: str = "cash"
    cash_given: int | None = None  # cash: what the agent handed over (None: exactly the total)
    debit_account: str = ""
    debit_reference: str = ""  # debit: the bank's reference of the one debit for the batch


@dataclass(frozen=True)
class VisitResult:
    agent: Agent  # from the register
    verdicts: tuple[Verdict, ...]  # every row, by row: the paid carry their receipt number
    tender: str
    cash_given: int | None
    debit_account: str
    stopped: Stopped | None = None
    debit_reference: str = ""
    not_paid: tuple[str, ...] = field(default_factory=tuple)  # "baris 7: reason" per row left

    @property
    def paid(self) -> tuple[Verdict, ...]:
        return tuple(v for v in self.verdicts if v.accepted)

    @property
    def total(self) -> int:
        return sum(v.amount for v in self.paid)

    @property
    def change(self) -> int:
        return 0 if self.cash_given is None else self.cash_given - self.total


def open_visit(path: Path) -> tuple[VisitRow, ...]:
    """The agent's file (CSV, or the .xlsx itself), every row held for the teller to see and
    fix. A file that cannot be read, or has the wrong header, is a DomainError `file`."""
    rows: list[VisitRow] = []
    # A file's own agent_code column (as `import contributions` takes) is not read: every row of
    # a visit is the agent's the teller names for it.
    for row_no, row in read_rows(path, COLUMNS, CONTRIBUTION_OPTIONAL):
        if len(rows) >= MAX_VISIT_ROWS:
            raise DomainError(
                "file",
                f"Berkas kunjungan paling banyak {MAX_VISIT_ROWS} baris; berkas lebih panjang "
                "diimpor dengan 'spo-counter import contributions'.",
                f"A visit's file has at most {MAX_VISIT_ROWS} rows; a longer file is imported "
                "with 'spo-counter import contributions'.",
            )
        if isinstance(row, DomainError):
            rows.append(VisitRow(row_no, ("",) * len(COLUMNS), broken=row.message("id")))
        else:
            rows.append(VisitRow(row_no, tuple(row[c] for c in COLUMNS)))
    return tuple(rows)


def check_visit(
    counter: Counter,
    actor: User,
    rows: Sequence[VisitRow],
    *,
    lang: str = "id",
    link: InquiryLink | None = None,
) -> VisitCheck:
    """Every row's verdict, nothing written: each row paid as it would be, in order (two rows
    paying the same months: the second is refused), then all of it rolled back."""
    return _check(counter, actor, rows, lang, _asked(counter, link, rows))


def _asked(counter: Counter, link: InquiryLink | None, rows: Sequence[VisitRow]) -> Asker:
    """The upstream asked about every participant first, outside any write: the store is not
    held while the network answers, and the answers are kept (not rolled back with a check)."""
    asker = Asker(counter, link)
    for row in rows:
        if not row.broken:
            asker.ask(row.as_row()["participant"])
    return asker


def _check(
    counter: Counter, actor: User, rows: Sequence[VisitRow], lang: str, asker: Asker
) -> VisitCheck:
    described: dict[int, Verdict] = {}
    write = _described(counter, contribution_writer(counter, actor, asker), described)
    result = check_rows(counter, _numbered(rows), write, lang=lang, fields=CONTRIBUTION_FIELDS)
    verdicts = _verdicts(rows, result, described, written=False)
    return VisitCheck(verdicts, asker.state(lang))


def capture_visit(
    counter: Counter,
    actor: User,
    cmd: CaptureVisit,
    *,
    lang: str = "id",
    link: InquiryLink | None = None,
    progress: Callable[[Progress], None] | None = None,
) -> VisitResult:
    """The batch captured: the rows checked again, the tender checked against their total
    (nothing written when it falls short), then each accepted row paid as its own transaction
    (a savepoint per row inside group commits, as an import). Rows refused now (the store moved
    on since the check) are reported and not paid; the change is worked out on what was."""
    agent = visit_agent(counter, cmd.agent_code)
    if not cmd.rows:
        raise DomainError("rows", "Tidak ada baris untuk dibayar.", "There are no rows to pay for.")
    asker = _asked(counter, link, cmd.rows)
    checked = _check(counter, actor, cmd.rows, lang, asker)
    if not checked.accepted:
        raise DomainError(
            "rows",
            "Tidak ada baris yang diterima: perbaiki atau hapus baris yang ditolak.",
            "No row is accepted: fix or drop the refused rows.",
        )
    payment = validate_payment(
        cmd.tender,
        checked.total,
        debit_account=cmd.debit_account or None,
        cash_given=cmd.cash_given,
        debit_reference=cmd.debit_reference or None,
    )
    ok_rows = {v.row for v in checked.accepted}
    to_pay = [r for r in cmd.rows if r.row in ok_rows]
    described: dict[int, Verdict] = {}
    write = _described(
        counter,
        contribution_writer(
            counter,
            actor,
            asker,
            tender=payment.tender.value,
            debit_account=payment.debit_account or "",
            debit_reference=payment.debit_reference or "",
            agent_code=agent.code,  # each payment names the agent: their statement counts it
        ),
        described,
    )
    result = import_rows(
        counter,
        _numbered(to_pay),
        write,
        lang=lang,
        fields=CONTRIBUTION_FIELDS,
        progress=progress,
    )
    verdicts = _verdicts(to_pay, result, described, written=True)
    refused_now = (v for v in checked.verdicts if not v.accepted)  # accepted at the check
    every_row = tuple(sorted((*verdicts, *refused_now), key=lambda v: v.row))
    # Cash: what the agent handed over is for the rows checked; a row refused now (the store
    # moved on since) goes back to the agent in the change.
    received = payment.cash_given if payment.cash_given is not None else checked.total
    return VisitResult(
        agent=agent,
        verdicts=every_row,
        tender=payment.tender.value,
        cash_given=received if payment.tender is Tender.CASH else None,
        debit_account=payment.debit_account or "",
        debit_reference=payment.debit_reference or "",
        stopped=result.stopped,
        not_paid=tuple(f"baris {v.row}: {v.message}" for v in every_row if not v.accepted),
    )


def visit_agent(counter: Counter, raw: str) -> Agent:
    """The agent the visit is for, from the register: named, listed and active (DomainError
    `agent_code` otherwise, nothing written)."""
    with counter.store.read() as connection:
        code = checked_agent(connection, raw)
    agent = agent_by_code(counter, code) if code is not None else None
    if agent is None:
        raise DomainError(
            "agent_code",
            "Isi kode agen Perisai yang membawa berkas ini.",
            "Enter the code of the Perisai agent who brought this file.",
        )
    return agent


@dataclass(frozen=True)
class RenderedVisit:
    """Every participant's receipt and the agent's collective receipt, as one PDF."""

    issues: tuple[IssuedReceipt, ...]
    collective: CollectiveReceipt
    pdf: bytes

    @property
    def title(self) -> str:
        return self.collective.title

    @property
    def receipt_no(self) -> str:
        """What the teller hears the batch as: its first receipt number."""
        return self.collective.rows[0].receipt_no

    @property
    def file_name(self) -> str:
        return f"kolektif-{self.receipt_no}.pdf"


def visit_receipts(
    counter: Counter, actor: User, result: VisitResult, *, paper: Paper | None = None
) -> RenderedVisit:
    """Each paid row's receipt issued (the original) and the collective receipt made, rendered
    as one PDF: the participants' receipts on the counter's paper, then the A4 collective one."""
    if not result.paid:
        raise DomainError("rows", "Tidak ada baris yang dibayar.", "No row was paid.")
    chosen = paper or counter_paper(counter)
    issues = tuple(issue_receipt(counter, actor, v.receipt_no, paper=chosen) for v in result.paid)
    collective = collective_receipt(counter, actor, result, issues[0].data.issued_at)
    pdf = render_batch_pdf(
        [i.data for i in issues],
        chosen,
        title=collective.title,
        after=lambda canvas: draw_collective(canvas, collective),
    )
    return RenderedVisit(issues, collective, pdf)


def collective_receipt(
    counter: Counter, actor: User, result: VisitResult, issued_at: str
) -> CollectiveReceipt:
    profile = counter.profile
    money = format_rupiah
    agent = result.agent
    tender: tuple[Line, ...]
    if result.tender == Tender.DEBIT.value:
        # As on each receipt: the account masked.
        tender = (
            Line("Cara bayar", f"Debit rekening {mask_identifier(result.debit_account)}"),
            Line("Ref. debit", result.debit_reference),
        )
    else:
        given = result.cash_given if result.cash_given is not None else result.total
        tender = (
            Line("Cara bayar", "Tunai"),
            Line("Total", money(result.total)),
            Line("Diterima", money(given)),
            Line("Kembali", money(given - result.total)),
        )
    return CollectiveReceipt(
        bank=profile.bank_code,
        branch=f"{profile.branch_name} ({profile.branch_code})",
        counter_code=profile.counter_code,
        counter_label=f"Loket {profile.counter_no:02d}",
        teller=f"{actor.name} ({actor.id})",
        issued_at=issued_at,
        agent=(
            Line("Agen Perisai", f"{agent.name} ({agent.code})"),
            Line("Lembaga", agent.institution_name),
        ),
        rows=tuple(
            CollectiveRow(v.name, v.nik, v.programs, v.period, money(v.amount), v.receipt_no)
            for v in result.paid
        ),
        total=money(result.total),
        total_words=terbilang_rupiah(result.total).upper(),
        tender=tender,
        not_paid=result.not_paid,
    )


# --- the rows through the import's core -----------------------------------------------------------


def _numbered(
    rows: Iterable[VisitRow],
) -> Iterable[tuple[int, Row | DomainError]]:
    for row in rows:
        if row.broken:
            yield row.row, DomainError("row", row.broken, row.broken)
        else:
            yield row.row, row.as_row()


def _described(
    counter: Counter,
    write: Write,
    described: dict[int, Verdict],
) -> Write:
    """The row's write, and who and what it paid read back from what it wrote (inside its
    savepoint: a check's rows are read before they are rolled back)."""

    def write_and_describe(row: Row) -> Captured:
        captured = write(row)
        described[captured.seq] = _describe(counter, captured)
        return captured

    return write_and_describe


def _describe(counter: Counter, captured: Captured) -> Verdict:
    with counter.store.read() as connection:
        found = connection.execute(
            sa.select(participants.c.nik, contributions.c.period_start, contributions.c.period_end)
            .select_from(transactions)
            .join(participants, participants.c.id == transactions.c.participant_id)
            .join(contributions, contributions.c.seq == transactions.c.seq)
            .where(transactions.c.seq == captured.seq)
        ).one()
        programs = connection.execute(
            sa.select(contribution_lines.c.program).where(contribution_lines.c.seq == captured.seq)
        ).scalars()
        named = participant_name(connection, found.nik)
        order = ("JKK", "JKM", "JHT", "JP", "JKP")
        shown = sorted(programs, key=lambda p: order.index(p) if p in order else len(order))
    start = date.fromisoformat(found.period_start)
    end = date.fromisoformat(found.period_end)
    period = month_text(start) if start == end else f"{month_text(start)} - {month_text(end)}"
    return Verdict(
        row=0,
        name=named[0] if named else "-",
        nik=mask_identifier(found.nik),
        programs="+".join(dict.fromkeys(shown)),
        period=period,
        amount=captured.amount,
        receipt_no=captured.receipt_no,
    )


def _verdicts(
    rows: Sequence[VisitRow],
    result: ImportResult,
    described: dict[int, Verdict],
    *,
    written: bool,
) -> tuple[Verdict, ...]:
    """One verdict a row, in the file's order; a row the import never reached (stopped) is
    refused with what stopped it."""
    by_row: dict[int, Verdict] = {}
    seen = {v.receipt_no: v for v in described.values()}
    for ok in result.accepted:
        # A check's number was never kept: not shown.
        number = ok.receipt_no if written else ""
        by_row[ok.row] = replace(seen[ok.receipt_no], row=ok.row, receipt_no=number)
    for bad in result.rejected:
        by_row[bad.row] = Verdict(bad.row, bad.field, bad.message)
    stop = result.stopped
    out = []
    for row in rows:
        verdict = by_row.get(row.row)
        if verdict is None:
            reason = stop.message if stop is not None else ""
            verdict = Verdict(row.row, stop.field if stop is not None else "row", reason)
        out.append(verdict)
    return tuple(out)
