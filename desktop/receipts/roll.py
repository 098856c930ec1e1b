"""The 80 mm thermal roll: one page per sheet, as long as its content.

The page is the paper, 80 mm wide; everything is drawn inside the 72 mm the print head reaches
(4 mm each side), with 1 mm more to spare for a roll that sits slightly off-centre.
"""

from __future__ import annotations

import math
from typing import Any

from reportlab.lib.units import mm  # type: ignore[import-untyped]

from desktop.receipts.flow import Style, draw
from desktop.receipts.fonts import CONDENSED, CONDENSED_BOLD
from desktop.receipts.model import ReceiptData
from desktop.receipts.qr import QrSymbol
from desktop.receipts.sections import one_column, sheets

PAGE_WIDTH = 80 * mm
PRINTABLE_WIDTH = 72 * mm
EDGE = (PAGE_WIDTH - PRINTABLE_WIDTH) / 2
PADDING = 1 * mm
TOP = 4 * mm
BOTTOM = 10 * mm  # the cutter sits above the print head: leave paper to tear off
QR_WIDTH = 30 * mm
# Condensed: about 46 characters a line, like a thermal printer's own font.
STYLE = Style(
    regular=CONDENSED,
    bold=CONDENSED_BOLD,
    body=8.5,
    small=7.0,
    title=11.5,
    total=15.0,
    mark=13.0,
    label_share=0.37,
)


def draw_sheets(canvas: Any, data: ReceiptData, symbol: QrSymbol | None) -> None:
    """One page per sheet; each page's height is measured from its content first."""
    width = PRINTABLE_WIDTH - 2 * PADDING
    for sheet in sheets(data):
        flow = one_column(data, sheet, symbol, width, STYLE, QR_WIDTH)
        # Whole points: a printer keeps a custom paper's length to the point, and a page a
        # fraction longer than its paper would be shrunk to fit, a hair narrower than the roll.
        height = float(math.ceil(TOP + flow.height + BOTTOM))
        canvas.setPageSize((PAGE_WIDTH, height))
        draw(canvas, flow.ops, EDGE + PADDING, height - TOP)
        canvas.showPage()
