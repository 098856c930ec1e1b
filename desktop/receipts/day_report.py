"""The day close report as an A4 PDF: laid out with the receipts' flows and fonts, paginated.

Content is built as blocks (each a measured `Flow`), then placed on pages top-down (paged.py): a
block never splits, a heading stays with what follows it, and a table continued on a new page
repeats its header. Page headers and footers are drawn last, once the number of pages is known.
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Sequence
from typing import Any

from reportlab import rl_config  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]

from desktop.domain.money import format_rupiah
from desktop.receipts.day_report_model import CountEntry, DayReport
from desktop.receipts.flow import Flow, Style, draw
from desktop.receipts.fonts import CONDENSED, CONDENSED_BOLD, SANS, SANS_BOLD, register_fonts
from desktop.receipts.paged import Block, Builder, Column, paginate, table_row

# The same process-wide setting the receipts use (layout.py), set here too so the report's bytes
# never depend on whether a receipt was rendered first in this process.
rl_config.useA85 = 0

AUTHOR = "SPO Counter"
TITLE = "LAPORAN TUTUP HARI"
MARGIN_X = 15 * mm
MARGIN_TOP = 12 * mm
MARGIN_BOTTOM = 14 * mm
HEAD_ROOM = 9 * mm  # the running header on every page
FOOT_ROOM = 7 * mm
STYLE = Style(
    regular=SANS,
    bold=SANS_BOLD,
    body=9.0,
    small=7.5,
    title=15.0,
    total=11.0,
    mark=11.0,
    label_share=0.30,
    gap=2.2 * mm,
)
# Tables: condensed, so a full receipt number and a reason share a line.
TABLE = Style(
    regular=CONDENSED,
    bold=CONDENSED_BOLD,
    body=8.0,
    small=7.0,
    title=11.0,
    total=9.0,
    mark=9.0,
    label_share=0.5,
    gap=1.0 * mm,
)
NONE = "Tidak ada."


def render_day_report(report: DayReport) -> bytes:
    """The report as PDF bytes; the same report always gives the same bytes (no timestamps)."""
    register_fonts()
    page_width, page_height = A4
    width = page_width - 2 * MARGIN_X
    room = page_height - MARGIN_TOP - MARGIN_BOTTOM - HEAD_ROOM - FOOT_ROOM
    pages = paginate(_blocks(report, width), room)
    buffer = io.BytesIO()
    canvas = Canvas(
        buffer,
        pagesize=A4,
        invariant=1,
        pageCompression=1,
        lang="id-ID",
        initialFontName=SANS,
    )
    canvas.setTitle(f"Laporan Tutup Hari {report.report_no}")
    canvas.setAuthor(AUTHOR)
    canvas.setCreator(AUTHOR)
    canvas.setSubject(report.counter_code)
    canvas.setKeywords(
        ", ".join((report.report_no, report.counter_code, report.business_date, "tutup hari"))
    )
    top = page_height - MARGIN_TOP
    for number, ops in enumerate(pages, start=1):
        _running_header(canvas, report, top, width)
        draw(canvas, ops, MARGIN_X, top - HEAD_ROOM)
        _running_footer(canvas, report, number, len(pages), width)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _money(amount: int) -> str:
    return format_rupiah(amount)


def _signed(amount: int) -> str:
    return f"+{format_rupiah(amount)}" if amount > 0 else format_rupiah(amount)


def _blocks(report: DayReport, width: float) -> list[Block]:
    b = Builder(width, STYLE, TABLE)
    _title(b, report)
    _cash(b, report)
    _debit(b, report)
    _kinds(b, report)
    _programs(b, report)
    _tenders(b, report)
    _receipts(b, report)
    _voids(b, report)
    if report.refunds:
        _refunds(b, report)
    if report.payouts:
        _payouts(b, report)
    _reprints(b, report)
    _never_printed(b, report)
    _unacknowledged(b, report)
    if report.earlier_versions:
        _history(b, report)
    _signatures(b, report)
    return b.blocks


def _title(b: Builder, r: DayReport) -> None:
    flow = b.flow()
    flow.text(r.bank, bold=True, size=STYLE.title)
    flow.text(f"{r.branch} · {r.counter_label} · {r.counter_code}")
    flow.gap()
    flow.text(TITLE, bold=True, size=17.0)
    flow.text(f"Nomor {r.report_no} · versi {r.version}", bold=True, size=10.5)
    flow.gap()
    facts = Flow(b.width, dataclasses.replace(STYLE, label_share=0.16))
    facts.row("Hari kerja", r.business_date_text, bold=True)
    facts.row("Dibuka", r.opened)
    facts.row("Ditutup", f"{r.closed_at} oleh {r.closed_by}")
    facts.row("Disetujui", r.approved_by or "-")
    flow.place(facts, 0.0, 0.0)
    flow.gap(facts.height)
    if r.auto_opened:
        flow.gap(0.5 * STYLE.gap)
        flow.text(
            "Hari kerja dibuka otomatis oleh transaksi pertama, dengan modal awal Rp0"
            + (" (modal awal dicatat kemudian)." if r.opening_count else "."),
            size=STYLE.small,
        )
    if r.version > 1:
        flow.gap()
        previous = r.earlier_versions[-1].report_no if r.earlier_versions else "-"
        flow.band(f"VERSI {r.version} — MENGGANTIKAN {previous}", size=STYLE.mark)
    b.add(flow)


def _cash(b: Builder, r: DayReport) -> None:
    b.heading("Kas di laci (hitungan buta)")
    flow = b.flow()
    gutter = 8 * mm
    column = (b.width - gutter) / 2
    box = Flow(column, STYLE)
    inner = box.inner(2 * mm)
    inner.row("Modal awal", _money(r.opening_float), right=True)
    inner.row("+ Tunai diterima", _money(r.cash_received), right=True)
    inner.row("− Tunai dibatalkan", _money(r.cash_voided), right=True)
    if r.cash_refunded:
        inner.row("− Iuran dikembalikan", _money(r.cash_refunded), right=True)
    if r.cash_paid_out:
        inner.row("− Jaminan dibayar tunai", _money(r.cash_paid_out), right=True)
    inner.rule(weight=0.4)
    inner.row("Kas seharusnya", _money(r.expected_cash), bold=True, label_bold=True, right=True)
    inner.row("Kas dihitung", _money(r.counted_cash), bold=True, label_bold=True, right=True)
    inner.rule(weight=0.4)
    side = " (lebih)" if r.variance > 0 else " (kurang)" if r.variance < 0 else ""
    inner.row(
        f"SELISIH{side}",
        _signed(r.variance),
        bold=True,
        label_bold=True,
        value_size=STYLE.total,
        right=True,
    )
    box.boxed(inner, padding=2 * mm)
    if r.variance:
        box.gap(0.6 * STYLE.gap)
        box.row("Alasan selisih", r.variance_reason or "-")
        box.row("Disetujui", r.approved_by or "-")
    else:
        box.gap(0.6 * STYLE.gap)
        box.text("Kas cocok: tidak ada selisih.", size=STYLE.small)
    right = Flow(column, STYLE)
    right.text(f"Hitungan {r.count.at} oleh {r.count.by}", size=STYLE.small)
    _count_table(right, r.count)
    flow.place(box, 0.0, 0.0)
    flow.place(right, column + gutter, 0.0)
    flow.gap(max(box.height, right.height))
    b.add(flow)
    if r.earlier_counts:
        b.gap()
        b.paragraph(
            "Hitungan sebelumnya untuk penutupan ini (dicatat sebelum kas seharusnya terlihat):",
            size=STYLE.small,
        )
        b.table(
            [
                Column("Waktu", 1.6),
                Column("Oleh", 2.2),
                Column("Dihitung", 1.4, right=True),
                Column("Selisih", 1.4, right=True),
            ],
            [
                (c.at, c.by, _money(c.total), _signed(c.total - r.expected_cash))
                for c in r.earlier_counts
            ],
        )
    if r.opening_count is not None:
        b.gap()
        lines = ", ".join(f"{line.denomination} × {line.pieces}" for line in r.opening_count.lines)
        b.paragraph(
            f"Modal awal dihitung {r.opening_count.at} oleh {r.opening_count.by}: "
            f"{_money(r.opening_count.total)} ({lines or '-'}).",
            size=STYLE.small,
        )


def _count_table(flow: Flow, count: CountEntry) -> None:
    columns = [
        Column("Pecahan", 1.7),
        Column("Lembar/keping", 1.5, right=True),
        Column("Jumlah", 1.5, right=True),
    ]
    counted = [line for line in count.lines if line.pieces]
    rows = [(line.denomination, str(line.pieces), _money(line.amount)) for line in counted]
    header = table_row(flow.width, TABLE, columns, [c.title for c in columns], bold=True, rule=True)
    body = [
        table_row(flow.width, TABLE, columns, row) for row in rows or [("(laci kosong)", "0", "")]
    ]
    for cells in [header, *body]:
        flow.place(cells, 0.0, 0.0)
        flow.gap(cells.height)
    flow.rule(weight=0.4)
    total = table_row(flow.width, TABLE, columns, ["Total", "", _money(count.total)], bold=True)
    flow.place(total, 0.0, 0.0)
    flow.gap(total.height)


def _debit(b: Builder, r: DayReport) -> None:
    b.heading("Debit rekening (tidak masuk laci)")
    flow = b.flow()
    box = Flow(b.width * 0.48, STYLE)
    box.row("Debit diterima", _money(r.debit_received), right=True)
    box.row("− Debit dibatalkan", _money(r.debit_voided), right=True)
    if r.debit_refunded:
        box.row("− Debit dikembalikan", _money(r.debit_refunded), right=True)
    box.row("Debit bersih", _money(r.debit_net), bold=True, label_bold=True, right=True)
    flow.place(box, 0.0, 0.0)
    flow.gap(box.height)
    b.add(flow)


_AMOUNT_COLUMNS = (
    Column("Jumlah", 1.0, right=True),
    Column("Nilai", 1.7, right=True),
    Column("Batal", 0.9, right=True),
    Column("Nilai batal", 1.7, right=True),
    Column("Bersih", 1.7, right=True),
)


def _amounts(count: int, amount: int, voided_count: int, voided_amount: int) -> tuple[str, ...]:
    return (
        str(count),
        _money(amount),
        str(voided_count),
        _money(voided_amount),
        _money(amount - voided_amount),
    )


def _kinds(b: Builder, r: DayReport) -> None:
    b.heading("Transaksi menurut jenis")
    rows = [
        (k.label, *_amounts(k.count, k.amount, k.voided_count, k.voided_amount)) for k in r.kinds
    ]
    # Refunds are money out: listed, but not added to what was taken.
    total = sum(k.amount for k in r.kinds if k.kind not in ("refund", "benefit_payment"))
    voided = sum(k.voided_amount for k in r.kinds)
    b.table(
        [Column("Jenis", 2.6), *_AMOUNT_COLUMNS],
        rows,
        total=(
            "Jumlah",
            *_amounts(r.transaction_count, total, sum(k.voided_count for k in r.kinds), voided),
        ),
    )
    b.gap()
    b.paragraph(
        "Pembatalan dihitung sebagai transaksi tersendiri (tanpa nilai); nilai yang dibatalkan "
        "tercatat pada jenis transaksi aslinya."
        + (
            " Pengembalian iuran dan pembayaran jaminan adalah uang keluar: nilainya tidak ikut "
            "dijumlahkan."
            if r.refunds or r.payouts
            else ""
        ),
        size=STYLE.small,
    )


def _programs(b: Builder, r: DayReport) -> None:
    b.heading("Iuran menurut program (tanpa yang dibatalkan)")
    if not r.programs:
        b.paragraph(NONE)
        return
    b.table(
        [
            Column("Program", 3.0),
            Column("Pembayaran", 1.2, right=True),
            Column("Nilai", 1.8, right=True),
        ],
        [(p.label, str(p.count), _money(p.amount)) for p in r.programs],
        total=("Jumlah", "", _money(sum(p.amount for p in r.programs))),
    )


def _tenders(b: Builder, r: DayReport) -> None:
    b.heading("Menurut cara bayar")
    rows = [
        (t.label, *_amounts(t.count, t.amount, t.voided_count, t.voided_amount)) for t in r.tenders
    ]
    b.table([Column("Cara bayar", 2.6), *_AMOUNT_COLUMNS], rows)


def _receipts(b: Builder, r: DayReport) -> None:
    b.heading("Nomor tanda terima")
    if r.first_receipt is None:
        b.paragraph("Tidak ada transaksi pada hari kerja ini.")
        return
    b.paragraph(f"{r.first_receipt} s.d. {r.last_receipt} · {r.transaction_count} nomor", bold=True)


def _voids(b: Builder, r: DayReport) -> None:
    b.heading("Pembatalan")
    if not r.voids:
        b.paragraph(NONE)
        return
    b.table(
        [
            Column("Waktu", 1.3),
            Column("Bukti batal", 2.4),
            Column("Dibatalkan", 2.4),
            Column("Jenis", 1.3),
            Column("Nilai", 1.4, right=True),
            Column("Alasan", 2.2),
            Column("Disetujui", 1.8),
        ],
        [
            (
                v.at,
                v.void_receipt_no,
                v.voided_receipt_no,
                f"{v.voided_kind} ({v.tender})" if v.tender != "-" else v.voided_kind,
                _money(v.amount),
                v.reason,
                v.approved_by,
            )
            for v in r.voids
        ],
    )


def _refunds(b: Builder, r: DayReport) -> None:
    b.heading("Pengembalian iuran (ditolak server pusat)")
    b.table(
        [
            Column("Waktu", 1.3),
            Column("Bukti kembali", 2.4),
            Column("Iuran asal", 2.4),
            Column("Nilai", 1.6, right=True),
            Column("Alasan server pusat", 2.6),
            Column("Disetujui", 1.8),
        ],
        [
            (
                f.at,
                f.refund_receipt_no,
                f.refunded_receipt_no,
                f"{_money(f.amount)} ({f.tender})",
                f.reason,
                f.approved_by,
            )
            for f in r.refunds
        ],
    )


def _payouts(b: Builder, r: DayReport) -> None:
    b.heading("Pembayaran jaminan JHT")
    b.table(
        [
            Column("Waktu", 1.3),
            Column("Bukti bayar", 2.4),
            Column("Klaim", 2.4),
            Column("Penerima", 2.0),
            Column("Nilai bersih", 1.8, right=True),
            Column("Cara / referensi", 2.2),
            Column("Disetujui", 1.6),
        ],
        [
            (
                p.at,
                p.receipt_no,
                p.claim_receipt_no,
                p.claimant,
                _money(p.net),
                p.method if p.method == "tunai" else f"transfer {p.reference}",
                p.approved_by,
            )
            for p in r.payouts
        ],
    )


def _reprints(b: Builder, r: DayReport) -> None:
    b.heading("Cetak ulang (salinan)")
    if not r.reprints:
        b.paragraph(NONE)
        return
    b.table(
        [
            Column("Tanda terima", 2.2),
            Column("Salinan ke", 1.0, right=True),
            Column("Waktu", 1.8),
            Column("Oleh", 2.4),
        ],
        [(p.receipt_no, str(p.copy_number), p.at, p.by) for p in r.reprints],
    )


def _never_printed(b: Builder, r: DayReport) -> None:
    b.heading("Tanda terima yang belum pernah berhasil dicetak")
    if not r.never_printed:
        b.paragraph(NONE)
        return
    b.paragraph(f"{len(r.never_printed)} tanda terima:", bold=True)
    for line in receipt_ranges(r.never_printed):
        b.paragraph(line)


def _unacknowledged(b: Builder, r: DayReport) -> None:
    b.heading("Belum diterima server pusat")
    pending = [u.receipt_no for u in r.unacknowledged if u.status == "pending"]
    quarantined = [u for u in r.unacknowledged if u.status == "quarantined"]
    if not r.unacknowledged:
        b.paragraph(NONE if not r.transaction_count else "Semua transaksi hari ini sudah diterima.")
        return
    b.paragraph(
        f"Menunggu kirim: {len(pending)} · Ditolak (karantina): {len(quarantined)}", bold=True
    )
    for line in receipt_ranges(pending):
        b.paragraph(line)
    if quarantined:
        b.table(
            [Column("Tanda terima ditolak", 2.0), Column("Alasan server pusat", 6.0)],
            [(q.receipt_no, q.reason) for q in quarantined],
        )
    b.paragraph(
        "Pengiriman ke server pusat berjalan terpisah dari penutupan (dari halaman "
        "Unggah atau Tutup hari); laporan ini tidak berubah karenanya.",
        size=STYLE.small,
    )


def _history(b: Builder, r: DayReport) -> None:
    b.heading("Riwayat versi laporan")
    b.table(
        [
            Column("Laporan", 3.2),
            Column("Ditutup", 1.8),
            Column("Dihitung", 1.4, right=True),
            Column("Selisih", 1.2, right=True),
            Column("Dibuka kembali", 2.6),
            Column("Alasan", 2.2),
        ],
        [
            (
                e.report_no,
                e.closed_at,
                _money(e.counted_cash),
                _signed(e.variance),
                f"{e.reopened_at} oleh {e.reopened_by}",
                e.reason,
            )
            for e in r.earlier_versions
        ],
    )


def _signatures(b: Builder, r: DayReport) -> None:
    flow = b.flow()
    flow.gap(3 * STYLE.gap)
    gutter = 12 * mm
    column = (b.width - gutter) / 2
    for index, (role, who) in enumerate(
        (("Teller (yang menghitung)", r.count.by), ("Supervisor", r.approved_by or ""))
    ):
        box = Flow(column, STYLE)
        box.text(role, size=STYLE.small)
        box.gap(16 * mm)
        box.rule(weight=0.5)
        box.text(who or "Nama:", size=STYLE.small)
        flow.place(box, index * (column + gutter), 0.0)
        last = box
    flow.gap(last.height)
    b.add(flow)


def receipt_ranges(numbers: Sequence[str], per_line: int = 4) -> list[str]:
    """Receipt numbers as runs, a few per line: "BNI-0123-01-0000003 s.d. 0000150, ..."."""
    runs: list[tuple[str, str]] = []
    previous: int | None = None
    for number in numbers:
        digits = number.rpartition("-")[2]
        seq = int(digits) if digits.isdigit() else None
        if runs and seq is not None and previous is not None and seq == previous + 1:
            runs[-1] = (runs[-1][0], digits)
        else:
            runs.append((number, ""))
        previous = seq
    texts = [f"{first} s.d. {last}" if last else first for first, last in runs]
    return [", ".join(texts[i : i + per_line]) for i in range(0, len(texts), per_line)]


# --- running header and footer --------------------------------------------------------------------


def _running_header(canvas: Any, r: DayReport, top: float, width: float) -> None:
    running_header(canvas, f"{r.bank} · {r.branch} · {r.counter_label}", f"{TITLE} {r.report_no}",
                   top, width)  # fmt: skip


def _running_footer(canvas: Any, r: DayReport, number: int, pages: int, width: float) -> None:
    running_footer(
        canvas,
        "Laporan tidak dapat diubah; membuka kembali hari kerja menghasilkan versi baru. "
        f"Hari kerja {r.business_date}, versi {r.version}.",
        number,
        pages,
        width,
    )


def running_header(canvas: Any, left: str, right: str, top: float, width: float) -> None:
    """An A4 report's line over each page: where it comes from, and what it is (bold)."""
    canvas.setFont(CONDENSED, 7.5)
    canvas.drawString(MARGIN_X, top - 7.5, left)
    canvas.setFont(CONDENSED_BOLD, 7.5)
    canvas.drawRightString(MARGIN_X + width, top - 7.5, right)
    canvas.setLineWidth(0.4)
    canvas.line(MARGIN_X, top - 10.5, MARGIN_X + width, top - 10.5)


def running_footer(canvas: Any, note: str, number: int, pages: int, width: float) -> None:
    """An A4 report's line under each page: a note, and the page's number of how many."""
    y = MARGIN_BOTTOM
    canvas.setLineWidth(0.4)
    canvas.line(MARGIN_X, y + 9, MARGIN_X + width, y + 9)
    canvas.setFont(CONDENSED, 7.0)
    canvas.drawString(MARGIN_X, y, note)
    canvas.drawRightString(MARGIN_X + width, y, f"Halaman {number} dari {pages}")
