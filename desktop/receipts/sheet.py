"""Cut sheets: A5 with one copy a page, A4 with both copies and a cut line between them."""

from __future__ import annotations

from typing import Any

from reportlab.lib.pagesizes import A4, A5  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]

from desktop.receipts import sections
from desktop.receipts.flow import Flow, Style, draw
from desktop.receipts.fonts import SANS, SANS_BOLD
from desktop.receipts.model import ReceiptData
from desktop.receipts.qr import QrSymbol

A5_MARGIN = 12 * mm
A5_STYLE = Style(
    regular=SANS,
    bold=SANS_BOLD,
    body=9.5,
    small=7.5,
    title=13.0,
    total=17.0,
    mark=15.0,
    label_share=0.34,
)
A4_MARGIN_X = 12 * mm
A4_MARGIN_Y = 9 * mm
A4_GUTTER = 8 * mm  # between the two columns of one copy
A4_STYLE = Style(
    regular=SANS,
    bold=SANS_BOLD,
    body=8.5,
    small=7.0,
    title=12.0,
    total=15.0,
    mark=13.0,
    label_share=0.34,
    gap=1.4 * mm,
)
QR_WIDTH = 28 * mm


def draw_a5(canvas: Any, data: ReceiptData, symbol: QrSymbol | None) -> None:
    """One page per sheet, the receipt in one column."""
    page_width, page_height = A5
    width = page_width - 2 * A5_MARGIN
    for sheet in sections.sheets(data):
        flow = sections.one_column(data, sheet, symbol, width, A5_STYLE, QR_WIDTH)
        canvas.setPageSize(A5)
        _fit(canvas, flow, A5_MARGIN, page_height - A5_MARGIN, page_height - 2 * A5_MARGIN)
        canvas.showPage()


def draw_a4_two_copies(canvas: Any, data: ReceiptData, symbol: QrSymbol | None) -> None:
    """Participant's copy on the upper half, bank's on the lower, a dashed cut line between."""
    page_width, page_height = A4
    half = page_height / 2
    width = page_width - 2 * A4_MARGIN_X
    canvas.setPageSize(A4)
    for index, sheet in enumerate(sections.sheets(data)):
        flow = _two_columns(data, sheet, symbol, width)
        top = page_height - index * half - A4_MARGIN_Y
        _fit(canvas, flow, A4_MARGIN_X, top, half - 2 * A4_MARGIN_Y)
    _cut_line(canvas, page_width, half)
    canvas.showPage()


def _two_columns(data: ReceiptData, sheet: str, symbol: QrSymbol | None, width: float) -> Flow:
    """Header across; who and what on the left; money or checklist on the right.

    The QR code goes to the foot of the shorter column, so a long checklist still fits.
    """
    flow = Flow(width, A4_STYLE)
    sections.header(flow, data, sheet)
    column = (width - A4_GUTTER) / 2
    left = Flow(column, A4_STYLE)
    sections.identity(left, data)
    left.rule()
    sections.party(left, data)
    right = Flow(column, A4_STYLE)
    sections.money(right, data)
    sections.documents(right, data)
    sections.notes(right, data)
    shorter = left if left.height <= right.height else right
    sections.verification(shorter, symbol, QR_WIDTH)
    flow.place(left, 0.0, 0.0)
    flow.place(right, column + A4_GUTTER, 0.0)
    flow.gap(max(left.height, right.height))
    sections.signatures(flow, data)
    sections.footer(flow, data)
    return flow


def _fit(canvas: Any, flow: Flow, left: float, top: float, room: float) -> None:
    """Draw a flow at its size, or shrunk to `room` (centred) when a long checklist overflows."""
    if flow.height <= room:
        draw(canvas, flow.ops, left, top)
        return
    scale = room / flow.height
    canvas.saveState()
    canvas.translate(left + flow.width * (1 - scale) / 2, top)
    canvas.scale(scale, scale)
    draw(canvas, flow.ops, 0.0, 0.0)
    canvas.restoreState()


def _cut_line(canvas: Any, page_width: float, y: float) -> None:
    canvas.saveState()
    canvas.setLineWidth(0.5)
    canvas.setDash(4, 3)
    canvas.line(6 * mm, y, page_width - 6 * mm, y)
    canvas.setFont(SANS, 7)
    # Scissors and a word on white over the line, so it reads as "cut here".
    label = "✂ potong di sini"
    text_width = canvas.stringWidth(label, SANS, 7)
    canvas.setFillGray(1)
    canvas.rect(14 * mm - 1, y - 4, text_width + 2, 8, stroke=0, fill=1)
    canvas.setFillGray(0)
    canvas.drawString(14 * mm, y - 2.5, label)
    canvas.restoreState()
