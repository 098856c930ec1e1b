"""The recovery sheet: one A4 page with a counter's recovery code (desktop/recovery_code.py),
as text, as a QR code, and in the PDF's keywords (so `spo-counter keys restore` reads it from the
file itself), with what to do with it."""

from __future__ import annotations

import io
from dataclasses import dataclass
from textwrap import wrap

from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]

from desktop.receipts.fonts import SANS, SANS_BOLD, register_fonts
from desktop.receipts.qr import draw_qr, encode

AUTHOR = "SPO Counter"
MARGIN = 56.0
CODE_FONT = "Courier-Bold"  # one of PDF's own fonts: every character as wide, O and 0 distinct


@dataclass(frozen=True)
class RecoverySheet:
    counter_code: str
    branch_name: str
    store_id: str
    made_on: str  # the counter's local date and time, as printed
    made_by: str  # the supervisor's id and name
    secrets: tuple[str, ...]  # the names of the secrets the code carries
    code: str


_STEPS_ID = (
    "1. Pasang SPO Counter di PC baru.",
    "2. Salin folder data loket (dari disk lama atau dari cadangan) ke PC baru.",
    "3. Jalankan:  spo-counter --data-dir FOLDER keys restore LEMBAR.pdf",
    "   (atau berkas teks berisi kode di bawah, diketik atau dipindai dari QR).",
    "4. Jalankan:  spo-counter --data-dir FOLDER verify",
)
_STEPS_EN = (
    "Lost or broken PC: install SPO Counter on the new PC, copy the data folder to it (from",
    "the old disk or a backup), run 'spo-counter --data-dir FOLDER keys restore SHEET.pdf' (or",
    "a text file with the code below, typed or scanned from the QR code), then 'verify'.",
)


def render_recovery_sheet(sheet: RecoverySheet) -> bytes:
    """The sheet as PDF bytes (no timestamps but the one printed on it)."""
    register_fonts()
    page_width, page_height = A4
    width = page_width - 2 * MARGIN
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1, lang="id-ID", initialFontName=SANS)
    canvas.setTitle(f"Lembar Pemulihan Kunci {sheet.counter_code}")
    canvas.setAuthor(AUTHOR)
    canvas.setCreator(AUTHOR)
    canvas.setSubject(sheet.counter_code)
    canvas.setKeywords(sheet.code)
    y = page_height - MARGIN
    canvas.setFont(SANS_BOLD, 16)
    canvas.drawString(MARGIN, y - 16, "Lembar Pemulihan Kunci Loket")
    canvas.setFont(SANS, 10)
    canvas.drawString(MARGIN, y - 32, "Recovery sheet of the counter's keys")
    canvas.setFont(SANS_BOLD, 11)
    canvas.drawRightString(MARGIN + width, y - 16, "RAHASIA · SECRET")
    y -= 58
    for label, value in (
        ("Loket / Counter", sheet.counter_code),
        ("Cabang / Branch", sheet.branch_name),
        ("Dibuat / Made", f"{sheet.made_on} oleh/by {sheet.made_by}"),
        ("ID data / Store id", sheet.store_id),
        ("Kunci / Keys", ", ".join(sheet.secrets)),
    ):
        canvas.setFont(SANS, 9.5)
        canvas.drawString(MARGIN, y, label)
        canvas.setFont(SANS_BOLD, 9.5)
        canvas.drawString(MARGIN + 120, y, value)
        y -= 15
    y -= 8
    y = _box(
        canvas,
        y,
        width,
        (
            "Simpan lembar ini di brankas cabang, jangan di PC atau di samping cadangan data:",
            "siapa pun yang memegangnya bisa membuka data loket (NIK, nama, rekening).",
            "Keep this sheet in the branch safe, never on the PC or beside a backup: whoever",
            "holds it can open the counter's data. Delete the PDF file once it is printed.",
        ),
    )
    y -= 18
    canvas.setFont(SANS_BOLD, 11)
    canvas.drawString(MARGIN, y, "Bila PC hilang atau rusak")
    y -= 16
    canvas.setFont(SANS, 9.5)
    for line in _STEPS_ID:
        canvas.drawString(MARGIN, y, line)
        y -= 13
    y -= 4
    canvas.setFont(SANS, 8.5)
    for line in _STEPS_EN:
        canvas.drawString(MARGIN, y, line)
        y -= 11
    y -= 14
    canvas.setFont(SANS_BOLD, 11)
    canvas.drawString(MARGIN, y, "Kode pemulihan / Recovery code")
    y -= 20
    groups = sheet.code.split("-")
    canvas.setFont(CODE_FONT, 11.5)
    for line in wrap(" ".join(groups), 60):
        canvas.drawString(MARGIN, y, line)
        y -= 16
    size = min(width, y - MARGIN - 10)
    if size > 120:
        draw_qr(canvas, encode(sheet.code), MARGIN + (width - size) / 2, y - 8 - size, size)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _box(canvas: Canvas, y: float, width: float, lines: tuple[str, ...]) -> float:
    height = 14 * len(lines) + 12
    canvas.setLineWidth(1.2)
    canvas.rect(MARGIN, y - height, width, height)
    canvas.setFont(SANS_BOLD, 9.5)
    for number, line in enumerate(lines):
        canvas.drawString(MARGIN + 10, y - 18 - 14 * number, line)
    return y - height
