"""Wrapping by font metrics: no line wider than its column, no character lost."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop.receipts.flow import wrap
from desktop.receipts.fonts import CONDENSED, register_fonts

register_fonts()
WIDTH = 198.0  # the roll's column, in points


@given(st.text(alphabet=st.sampled_from("aW1 .-•–"), max_size=300))
def test_lines_fit_and_keep_every_character(text: str) -> None:
    lines = wrap(text, CONDENSED, 8.5, WIDTH)
    assert all(stringWidth(line, CONDENSED, 8.5) <= WIDTH for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_words_break_at_spaces_when_they_can() -> None:
    text = "Jl. Pangeran Jayakarta No. 117 Blok C-12, RT 005/RW 008, Kel. Mangga Dua Selatan"
    lines = wrap(text, CONDENSED, 8.5, 120.0)
    assert len(lines) > 1
    assert " ".join(lines) == text


def test_a_word_longer_than_the_line_is_cut() -> None:
    lines = wrap("x" * 200, CONDENSED, 8.5, WIDTH)
    assert len(lines) > 1
    assert "".join(lines) == "x" * 200
