"""The QR code on every receipt decodes, with a real decoder from a rendered page, to qr_text."""

from __future__ import annotations

import io

import pypdfium2
import pytest
import segno
import zxingcpp
from reportlab.pdfgen.canvas import Canvas

from desktop.receipts.layout import render_pdf
from desktop.receipts.model import Paper
from desktop.receipts.qr import QUIET_ZONE, draw_qr, encode
from tests.receipts.conftest import SAMPLES, contribution_bpu, reprint

MM = 72 / 25.4


def decoded(pdf: bytes, page_no: int = 0, dpi: int = 300) -> list[str]:
    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[page_no].render(scale=dpi / 72).to_pil()
    finally:
        document.close()
    return [barcode.text for barcode in zxingcpp.read_barcodes(image)]


@pytest.mark.parametrize("paper", list(Paper))
@pytest.mark.parametrize("kind", list(SAMPLES))
def test_qr_decodes_to_qr_text(kind: str, paper: Paper) -> None:
    data = SAMPLES[kind]()
    pdf = render_pdf(data, paper)
    # A4 carries both copies, each with its code.
    assert decoded(pdf) == [data.qr_text] * (2 if paper is Paper.A4_TWO_COPIES else 1)


def test_bank_sheet_and_reprint_carry_the_code_too() -> None:
    data = reprint(contribution_bpu())
    assert decoded(render_pdf(data, Paper.ROLL_80), page_no=1) == [data.qr_text]
    assert decoded(render_pdf(data, Paper.A5), page_no=1) == [data.qr_text]


def test_roll_code_reads_at_thermal_printer_resolution() -> None:
    data = contribution_bpu()
    assert decoded(render_pdf(data, Paper.ROLL_80), dpi=203) == [data.qr_text]


def test_encode_is_error_correction_m_without_boosting() -> None:
    text = SAMPLES["registration"]().qr_text
    symbol = encode(text)
    reference = segno.make(text, error="m", boost_error=False, micro=False)
    assert reference.error == "M"
    assert symbol.modules == len(reference.matrix)
    assert symbol.width_with_quiet_zone == symbol.modules + 2 * QUIET_ZONE
    # The runs cover exactly the dark modules.
    dark = {(r, c) for r, row in enumerate(reference.matrix) for c, v in enumerate(row) if v}
    covered = {(r, c + i) for r, c, n in symbol.runs for i in range(n)}
    assert covered == dark


def test_draw_qr_alone_decodes_with_its_quiet_zone() -> None:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(40 * MM, 40 * MM), invariant=1)
    symbol = encode("SPO1|BNI-0123-01-0000001")
    size = 34 * MM
    draw_qr(canvas, symbol, 3 * MM, 3 * MM, size)
    canvas.showPage()
    canvas.save()
    assert decoded(buffer.getvalue()) == ["SPO1|BNI-0123-01-0000001"]


def test_roll_code_is_about_30_mm_wide() -> None:
    data = contribution_bpu()
    document = pypdfium2.PdfDocument(render_pdf(data, Paper.ROLL_80))
    try:
        image = document[0].render(scale=300 / 72).to_pil()
    finally:
        document.close()
    (barcode,) = zxingcpp.read_barcodes(image)
    xs = [barcode.position.top_left.x, barcode.position.top_right.x]
    width_mm = (max(xs) - min(xs)) / 300 * 25.4
    assert 28 <= width_mm <= 32
