"""An agent's monthly statement as an A4 PDF, laid out like the day close report (paged.py)."""

from __future__ import annotations

import dataclasses
import io
from typing import Any

from reportlab import rl_config  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]

from desktop.domain.agents import percent_text
from desktop.domain.money import format_rupiah
from desktop.receipts.day_report import (
    FOOT_ROOM,
    HEAD_ROOM,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    STYLE,
    TABLE,
    running_footer,
    running_header,
)
from desktop.receipts.flow import Flow, draw
from desktop.receipts.fonts import SANS, register_fonts
from desktop.receipts.paged import Builder, Column, paginate
from desktop.services.agent_statement import AgentStatement
from desktop.services.agents import INSTITUTION_KINDS

rl_config.useA85 = 0  # as the receipts and the day report: bytes independent of render order

AUTHOR = "SPO Counter"
TITLE = "LAPORAN AGEN PERISAI"
MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def month_name(statement: AgentStatement) -> str:
    return f"{MONTHS[statement.month.month - 1]} {statement.month.year}"


def render_agent_statement(statement: AgentStatement) -> bytes:
    """The statement as PDF bytes."""
    register_fonts()
    page_width, page_height = A4
    width = page_width - 2 * MARGIN_X
    room = page_height - MARGIN_TOP - MARGIN_BOTTOM - HEAD_ROOM - FOOT_ROOM
    pages = paginate(_blocks(statement, width), room)
    buffer = io.BytesIO()
    canvas = Canvas(
        buffer, pagesize=A4, invariant=1, pageCompression=1, lang="id-ID", initialFontName=SANS
    )
    title = f"Laporan Agen Perisai {statement.agent.code} {statement.month_text}"
    canvas.setTitle(title)
    canvas.setAuthor(AUTHOR)
    canvas.setCreator(AUTHOR)
    canvas.setSubject(statement.counter_code)
    top = page_height - MARGIN_TOP
    for number, ops in enumerate(pages, start=1):
        _header(canvas, statement, top, width)
        draw(canvas, ops, MARGIN_X, top - HEAD_ROOM)
        _footer(canvas, statement, number, len(pages), width)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _blocks(s: AgentStatement, width: float) -> list[Any]:
    b = Builder(width, STYLE, TABLE)
    a, e = s.agent, s.earnings
    flow = b.flow()
    flow.text(s.bank_code, bold=True, size=STYLE.title)
    flow.text(f"{s.branch_name} · {s.counter_code}")
    flow.gap()
    flow.text(TITLE, bold=True, size=17.0)
    flow.text(f"Bulan {month_name(s)}", bold=True, size=10.5)
    flow.gap()
    facts = Flow(b.width, dataclasses.replace(STYLE, label_share=0.18))
    kind = INSTITUTION_KINDS.get(a.institution_kind, (a.institution_kind,))[0]
    facts.row("Agen", f"{a.name} ({a.code})", bold=True)
    facts.row("Lembaga", f"{a.institution_name} · {kind} · {a.institution_code}")
    facts.row("Status", "aktif" if a.active else "tidak aktif")
    facts.row("Dibuat", f"{s.made_at:%d/%m/%Y %H:%M} {s.made_at.tzname() or ''}".rstrip())
    flow.place(facts, 0.0, 0.0)
    flow.gap(facts.height)
    b.add(flow)

    b.heading("Ringkasan")
    b.table(
        [Column("Uraian", 3.2), Column("Nilai", 1.6, right=True)],
        [
            ("Peserta baru didaftarkan", str(len(s.registered))),
            ("Pembayaran iuran dihimpun", str(len(s.collected))),
            ("Iuran dihimpun", format_rupiah(e.collected)),
            (
                f"Komisi {percent_text(s.scheme.commission_bp)} dari iuran",
                format_rupiah(e.commission),
            ),
            (
                f"Bonus ({s.scheme.bonus_min_new} peserta baru atau lebih sebulan)",
                format_rupiah(e.bonus),
            ),
            ("Jumlah komisi dan bonus", format_rupiah(e.total)),
            (
                f"Bagian lembaga ({percent_text(s.scheme.institution_share_bp)})",
                format_rupiah(e.institution_share),
            ),
        ],
        total=("Bagian agen", format_rupiah(e.agent_share)),
    )
    b.gap()
    note = f"Menurut skema komisi yang berlaku sejak {s.scheme.effective_from:%d/%m/%Y}" + (
        "." if s.scheme.confirmed else " (data referensi; angkanya belum dikonfirmasi BPJS)."
    )
    b.paragraph(note, size=STYLE.small)
    if e.bonus == 0:
        short = max(s.scheme.bonus_min_new - len(s.registered), 0)
        b.paragraph(
            f"Bonus belum tercapai: kurang {short} peserta baru bulan ini.", size=STYLE.small
        )

    b.heading("Iuran dihimpun menurut program")
    if not s.by_program:
        b.paragraph("Tidak ada pembayaran iuran yang dibawa agen ini bulan ini.")
    else:
        b.table(
            [Column("Program", 3.2), Column("Nilai", 1.6, right=True)],
            [(p, format_rupiah(v)) for p, v in s.by_program.items()],
            total=("Jumlah", format_rupiah(e.collected)),
        )

    b.heading("Peserta baru")
    if not s.registered:
        b.paragraph("Tidak ada pendaftaran yang dibawa agen ini bulan ini.")
    else:
        b.table(
            [
                Column("Tanda terima", 2.2),
                Column("Tanggal", 1.1),
                Column("Nama", 2.0),
                Column("NIK", 1.6),
                Column("Program", 1.2),
            ],
            [
                (r.receipt_no, _date(r.business_date), r.full_name, r.nik, r.programs)
                for r in s.registered
            ],
        )

    b.heading("Pembayaran iuran")
    if not s.collected:
        b.paragraph("Tidak ada.")
    else:
        b.table(
            [
                Column("Tanda terima", 2.2),
                Column("Tanggal", 1.1),
                Column("Peserta", 2.0),
                Column("Periode", 1.4),
                Column("Jumlah", 1.4, right=True),
            ],
            [
                (
                    c.receipt_no,
                    _date(c.business_date),
                    c.participant,
                    _period(c.period_start, c.period_end),
                    format_rupiah(c.amount),
                )
                for c in s.collected
            ],
            total=("Jumlah", "", "", "", format_rupiah(e.collected)),
        )
    return b.blocks


def _date(iso: str) -> str:
    return f"{iso[8:10]}/{iso[5:7]}/{iso[:4]}"


def _period(start: str, end: str) -> str:
    first = f"{start[5:7]}/{start[:4]}"
    return first if start == end else f"{first} s.d. {end[5:7]}/{end[:4]}"


def _header(canvas: Any, s: AgentStatement, top: float, width: float) -> None:
    left = f"{s.bank_code} · {s.branch_name} · {s.counter_code}"
    running_header(canvas, left, f"{TITLE} {s.agent.code} · {month_name(s)}", top, width)


def _footer(canvas: Any, _s: AgentStatement, number: int, pages: int, width: float) -> None:
    note = (
        "Menurut transaksi loket ini yang tidak dibatalkan atau dikembalikan; "
        "BPJS Ketenagakerjaan menetapkan komisi yang dibayarkan."
    )
    running_footer(canvas, note, number, pages, width)
