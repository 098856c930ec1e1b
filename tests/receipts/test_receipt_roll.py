"""The 80 mm roll: every character inside the 72 mm the head prints; as long as the content."""

from __future__ import annotations

import dataclasses

import pypdfium2
import pytest

from desktop.receipts.layout import render_pdf
from desktop.receipts.model import Line, Paper, ReceiptData
from tests.receipts.conftest import SAMPLES, claim_handover, registration, reprint

MM = 72 / 25.4
PAGE_WIDTH = 80 * MM
PRINTABLE = (4 * MM, 76 * MM)


def char_boxes(pdf: bytes) -> list[list[tuple[float, float, float, float]]]:
    """(left, bottom, right, top) in points of every drawn character, page by page."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        pages = []
        for page in document:
            text = page.get_textpage()
            boxes = [text.get_charbox(i) for i in range(text.count_chars())]
            # pdfium adds zero-width characters (spaces, line ends) it infers; nothing is drawn.
            pages.append([box for box in boxes if box[2] > box[0]])
        return pages
    finally:
        document.close()


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [page.get_size() for page in document]
    finally:
        document.close()


def hostile() -> ReceiptData:
    """Long names, an address without spaces, a long unbroken e-mail: all must wrap."""
    return dataclasses.replace(
        registration(),
        teller="Raden Mas Ngabehi Wiryo Kusumo Hadiningrat Sastro (teller01)",
        party=(
            Line("Nama", "Muhammad Abdurrahman Wahyu Kusumaningrat Prawirodirdjo Hadikusumo"),
            Line("Alamat", "Jl.Pangeran-Jayakarta-No.117-Blok-C-12-RT005-RW008-Kel.ManggaDua"),
            Line("Email", "muhammad.abdurrahman.wahyu.kusumaningrat@perusahaan-contoh.co.id"),
            Line("Nama ibu kandung yang sangat panjang sekali", "Sri"),
        ),
        footer=("W" * 80,),
    )


@pytest.mark.parametrize(
    "data",
    [*(make() for make in SAMPLES.values()), reprint(claim_handover(12)), hostile()],
    ids=[*SAMPLES, "reprint-claim-12", "hostile"],
)
def test_every_character_inside_the_printable_72_mm(data: ReceiptData) -> None:
    pdf = render_pdf(data, Paper.ROLL_80)
    for (width, _), boxes in zip(page_sizes(pdf), char_boxes(pdf), strict=True):
        assert width == pytest.approx(PAGE_WIDTH)
        assert boxes
        left = min(box[0] for box in boxes)
        right = max(box[2] for box in boxes)
        assert PRINTABLE[0] <= left, left / MM
        assert right <= PRINTABLE[1], right / MM


def test_height_grows_with_the_content() -> None:
    short = page_sizes(render_pdf(registration(), Paper.ROLL_80))
    long = page_sizes(render_pdf(claim_handover(documents=12), Paper.ROLL_80))
    assert len(short) == len(long) == 2
    assert long[0][1] > short[0][1] + 30 * MM
    few = page_sizes(render_pdf(claim_handover(documents=3), Paper.ROLL_80))
    assert long[0][1] > few[0][1]


def test_content_reaches_neither_end_of_the_paper() -> None:
    pdf = render_pdf(claim_handover(documents=12), Paper.ROLL_80)
    for (_, height), boxes in zip(page_sizes(pdf), char_boxes(pdf), strict=True):
        assert min(box[1] for box in boxes) > 5 * MM
        assert max(box[3] for box in boxes) < height - 2 * MM


@pytest.mark.parametrize("paper", [Paper.A5, Paper.A4_TWO_COPIES])
def test_sheets_keep_a_margin(paper: Paper) -> None:
    pdf = render_pdf(hostile(), paper)
    for (width, height), boxes in zip(page_sizes(pdf), char_boxes(pdf), strict=True):
        assert min(box[0] for box in boxes) >= 5 * MM
        assert max(box[2] for box in boxes) <= width - 5 * MM
        assert min(box[1] for box in boxes) >= 5 * MM
        assert max(box[3] for box in boxes) <= height - 5 * MM


def test_a_long_checklist_still_fits_on_a4() -> None:
    many = dataclasses.replace(claim_handover(12), documents=claim_handover(12).documents * 3)
    pdf = render_pdf(many, Paper.A4_TWO_COPIES)
    ((_width, height),) = page_sizes(pdf)
    (boxes,) = char_boxes(pdf)
    assert min(box[1] for box in boxes) > 0
    assert max(box[3] for box in boxes) < height
