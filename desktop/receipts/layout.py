"""Receipt PDFs: `render_pdf` lays a receipt out for its paper and returns the file's bytes."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import Any

from reportlab import rl_config  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]

from desktop.receipts import roll, sheet
from desktop.receipts.fonts import register_fonts
from desktop.receipts.model import Paper, ReceiptData
from desktop.receipts.qr import encode

AUTHOR = "SPO Counter"
# Binary (only deflated) streams: ASCII85 on top makes files a quarter larger, and without
# reportlab's optional C accelerator its pure-Python encoder cost ~10% of a receipt. Nothing
# else in the application writes PDFs, so this process-wide setting touches only receipts.
rl_config.useA85 = 0
# Words of a title kept in capitals: program and product names, not Indonesian words.
_ACRONYMS = {"JHT", "JKK", "JKM", "JP", "JKP", "BPU", "PU", "NIK", "KPJ", "NPP", "BPJS"}


def render_pdf(data: ReceiptData, paper: Paper, *, title_meta: str | None = None) -> bytes:
    """The receipt as a PDF: two sheets (participant's and bank's) on `paper`."""
    register_fonts()
    buffer = io.BytesIO()
    canvas = _canvas(buffer, paper)
    _metadata(canvas, data, title_meta)
    _draw(canvas, data, paper)
    canvas.save()
    return buffer.getvalue()


def render_batch_pdf(
    receipts: Sequence[ReceiptData],
    paper: Paper,
    *,
    title: str,
    after: Callable[[Any], None] | None = None,
) -> bytes:
    """Several receipts in one PDF, each on its own pages as `render_pdf` lays it out, then
    whatever `after` draws (a collective visit's A4 receipt): one print job for the batch."""
    register_fonts()
    buffer = io.BytesIO()
    canvas = _canvas(buffer, paper)
    canvas.setTitle(title)
    canvas.setAuthor(AUTHOR)
    canvas.setCreator(AUTHOR)
    if receipts:
        canvas.setSubject(receipts[0].counter_code)
    for data in receipts:
        _draw(canvas, data, paper)
    if after is not None:
        after(canvas)
    canvas.save()
    return buffer.getvalue()


def _canvas(buffer: io.BytesIO, paper: Paper) -> Any:
    # invariant: no creation time or random document ID, so the same receipt gives the same bytes.
    # Starting in the paper's own font keeps reportlab's default Helvetica (not embedded) out.
    font = roll.STYLE.regular if paper is Paper.ROLL_80 else sheet.A5_STYLE.regular
    return Canvas(buffer, invariant=1, pageCompression=1, lang="id-ID", initialFontName=font)


def _draw(canvas: Any, data: ReceiptData, paper: Paper) -> None:
    symbol = encode(data.qr_text) if data.qr_text else None
    if paper is Paper.ROLL_80:
        roll.draw_sheets(canvas, data, symbol)
    elif paper is Paper.A5:
        sheet.draw_a5(canvas, data, symbol)
    else:
        sheet.draw_a4_two_copies(canvas, data, symbol)


def document_title(data: ReceiptData) -> str:
    """ "TANDA TERIMA PENDAFTARAN" + number -> "Tanda Terima Pendaftaran BNI-0123-01-0000042"."""
    words = [w if w in _ACRONYMS else w.capitalize() for w in data.title.split()]
    return " ".join([*words, data.receipt_no])


def _metadata(canvas: Any, data: ReceiptData, title_meta: str | None) -> None:
    canvas.setTitle(title_meta or document_title(data))
    canvas.setAuthor(AUTHOR)
    canvas.setCreator(AUTHOR)
    canvas.setSubject(data.counter_code)
    keywords = [data.receipt_no, data.counter_code, data.kind]
    if data.is_copy:
        keywords.append(f"salinan {data.copy_number}")
    canvas.setKeywords(", ".join(keywords))
