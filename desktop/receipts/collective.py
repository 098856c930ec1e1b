"""The agent's collective receipt of a visit (A4): every participant paid for, one a row, the
total in figures and words, the tender, and the signatures of agent and teller.

Laid out with the day report's blocks (paged.py): a long list continues on the next page under
its repeated header. Drawn on a canvas of its own or after the participants' receipts, so the
whole batch is one PDF and one print job (layout.render_batch_pdf).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]

from desktop.receipts.day_report import STYLE, TABLE
from desktop.receipts.flow import Flow, draw
from desktop.receipts.fonts import CONDENSED, CONDENSED_BOLD, SANS, register_fonts
from desktop.receipts.model import Line
from desktop.receipts.paged import Builder, Column, paginate

TITLE = "TANDA TERIMA KOLEKTIF IURAN"
MARGIN_X = 15 * mm
MARGIN_TOP = 12 * mm
MARGIN_BOTTOM = 14 * mm
HEAD_ROOM = 9 * mm
FOOT_ROOM = 7 * mm
COLUMNS = (
    Column("No", 0.04, right=True),
    Column("Nama peserta", 0.22),
    Column("NIK", 0.18),
    Column("Program", 0.12),
    Column("Periode", 0.10),
    Column("Jumlah", 0.12, right=True),
    Column("No. tanda terima", 0.20),
)


@dataclass(frozen=True)
class CollectiveRow:
    """One participant paid for in the visit, as printed (NIK already masked)."""

    name: str
    nik: str
    programs: str
    period: str
    amount: str
    receipt_no: str


@dataclass(frozen=True)
class CollectiveReceipt:
    """Everything the collective receipt shows; strings final, in Indonesian."""

    bank: str
    branch: str
    counter_code: str
    counter_label: str
    teller: str
    issued_at: str
    agent: tuple[Line, ...]  # the agent's code, and name and institution when known
    rows: tuple[CollectiveRow, ...]
    total: str
    total_words: str
    tender: tuple[Line, ...]  # Tunai: total, received, change; or the account debited
    payee: str = "BPJS Ketenagakerjaan"
    # Rows of the agent's file that were not paid (refused or dropped): "baris 7: NIK ...".
    not_paid: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        first, last = self.rows[0].receipt_no, self.rows[-1].receipt_no
        return f"Tanda Terima Kolektif {first} s.d. {last.rpartition('-')[2]}"


def render_collective_pdf(receipt: CollectiveReceipt) -> bytes:
    """The collective receipt alone as a PDF (the same pages the batch ends with)."""
    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(
        buffer, pagesize=A4, invariant=1, pageCompression=1, lang="id-ID", initialFontName=SANS
    )
    canvas.setTitle(receipt.title)
    draw_collective(canvas, receipt)
    canvas.save()
    return buffer.getvalue()


def draw_collective(canvas: Any, receipt: CollectiveReceipt) -> None:
    """The receipt's A4 pages on `canvas`, each with its running header and page number."""
    page_width, page_height = A4
    width = page_width - 2 * MARGIN_X
    room = page_height - MARGIN_TOP - MARGIN_BOTTOM - HEAD_ROOM - FOOT_ROOM
    pages = paginate(_blocks(receipt, width), room)
    top = page_height - MARGIN_TOP
    for number, ops in enumerate(pages, start=1):
        canvas.setPageSize(A4)
        canvas.setFont(CONDENSED, 7.5)
        canvas.drawString(MARGIN_X, top - 7.5, f"{receipt.bank} · {receipt.branch}")
        canvas.setFont(CONDENSED_BOLD, 7.5)
        canvas.drawRightString(MARGIN_X + width, top - 7.5, TITLE)
        canvas.setLineWidth(0.4)
        canvas.line(MARGIN_X, top - 10.5, MARGIN_X + width, top - 10.5)
        draw(canvas, ops, MARGIN_X, top - HEAD_ROOM)
        canvas.setFont(CONDENSED, 7.0)
        canvas.drawString(
            MARGIN_X,
            MARGIN_BOTTOM,
            "Setiap peserta menerima tanda terima sendiri; nomor-nomornya tercantum di atas.",
        )
        canvas.drawRightString(
            MARGIN_X + width, MARGIN_BOTTOM, f"Halaman {number} dari {len(pages)}"
        )
        canvas.showPage()


def _blocks(r: CollectiveReceipt, width: float) -> list[Any]:
    b = Builder(width, STYLE, TABLE)
    head = b.flow()
    head.text(r.bank, bold=True, size=STYLE.title)
    head.text(f"{r.branch} · {r.counter_label} · {r.counter_code}")
    head.gap()
    head.text(TITLE, bold=True, size=17.0)
    head.text(f"Untuk {r.payee}, dibayar melalui {r.bank}", size=STYLE.small)
    head.gap()
    facts = Flow(width, STYLE)
    for line in (*r.agent, Line("Waktu", r.issued_at), Line("Teller", r.teller)):
        facts.row(line.label, line.value)
    facts.row("Jumlah peserta", str(len(r.rows)), bold=True)
    head.place(facts, 0.0, 0.0)
    head.gap(facts.height)
    b.add(head)
    b.gap(3 * mm)
    rows = [
        (str(n), x.name, x.nik, x.programs, x.period, x.amount, x.receipt_no)
        for n, x in enumerate(r.rows, start=1)
    ]
    b.table(COLUMNS, rows, total=("", "TOTAL", "", "", "", r.total, ""))
    money = b.flow()
    money.gap()
    money.row("Terbilang", r.total_words, bold=True)
    for line in r.tender:
        money.row(line.label, line.value)
    b.add(money)
    if r.not_paid:
        b.gap()
        b.paragraph("Baris berkas agen yang tidak dibayar:", bold=True)
        for text in r.not_paid:
            b.paragraph(text, size=STYLE.small)
    sign = b.flow()
    sign.gap(3 * STYLE.gap)
    gutter = 12 * mm
    column = (width - gutter) / 2
    last = None
    for index, role in enumerate(("Agen Perisai (penyetor)", "Teller")):
        box = Flow(column, STYLE)
        box.text(role, size=STYLE.small)
        box.gap(16 * mm)
        box.rule(weight=0.5)
        box.text("Nama:", size=STYLE.small)
        sign.place(box, index * (column + gutter), 0.0)
        last = box
    if last is not None:
        sign.gap(last.height)
    b.add(sign)
    return b.blocks
