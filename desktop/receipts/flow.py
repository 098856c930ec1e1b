"""Measure first, draw later: a column of receipt content as a list of drawing operations.

A `Flow` lays content out top-down in a column of fixed width and records what to draw with
y measured downwards from the column's top. Its final `height` is known before anything is
drawn, which is how a roll receipt gets a page exactly as long as its content.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.pdfbase.pdfmetrics import stringWidth  # type: ignore[import-untyped]

from desktop.receipts.qr import QrSymbol, draw_qr

ASCENT = 0.93  # DejaVu's ascent per point of size: the baseline below a row's top
LEADING = 1.22  # row height per point of size (DejaVu's ascent + descent is 1.16)


@dataclass(frozen=True)
class Style:
    """Fonts and sizes of one paper format."""

    regular: str
    bold: str
    body: float  # points
    small: float
    title: float
    total: float
    mark: float  # the reprint band "SALINAN KE-n"
    label_share: float  # share of the column width given to a row's label
    gap: float = 1.6 * mm  # space between sections


# An operation: a tag and its arguments, replayed by `draw`.
Op = tuple[Any, ...]


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Split into lines no wider than `width`; a word longer than a line is broken too."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        words = paragraph.split()
        line = ""
        for word in words:
            candidate = f"{line} {word}" if line else word
            if stringWidth(candidate, font, size) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            line = ""
            # A long NIK-like token or e-mail address: break it between characters.
            while stringWidth(word, font, size) > width:
                cut = _longest_prefix(word, font, size, width)
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    return lines


def _longest_prefix(word: str, font: str, size: float, width: float) -> int:
    cut = 1
    while cut < len(word) and stringWidth(word[: cut + 1], font, size) <= width:
        cut += 1
    return cut


class Flow:
    """A column of receipt content, `width` points wide, laid out from the top down."""

    def __init__(self, width: float, style: Style) -> None:
        self.width = width
        self.style = style
        self.y = 0.0
        self.ops: list[Op] = []

    @property
    def height(self) -> float:
        return self.y

    def gap(self, height: float | None = None) -> None:
        self.y += self.style.gap if height is None else height

    def text(
        self,
        text: str,
        *,
        bold: bool = False,
        size: float | None = None,
        align: str = "left",
        indent: float = 0.0,
    ) -> None:
        """Wrapped lines across the column (minus `indent` on each side when centred)."""
        size = size or self.style.body
        font = self.style.bold if bold else self.style.regular
        width = self.width - 2 * indent
        for line in wrap(text, font, size, width):
            x = {"left": indent, "center": self.width / 2, "right": self.width - indent}[align]
            self.ops.append(("text", align, x, self.y + ASCENT * size, font, size, line, 0.0))
            self.y += LEADING * size

    def row(
        self,
        label: str,
        value: str,
        *,
        bold: bool = False,
        label_bold: bool = False,
        value_size: float | None = None,
        right: bool = False,
        hang: float = 0.0,
    ) -> None:
        """Label on the left, value beside it (left-aligned, or against the right edge).

        `hang` indents the label's continuation lines (a numbered list's text under its text).
        """
        style = self.style
        size = style.body
        value_size = value_size or size
        value_font = style.bold if bold else style.regular
        label_font = style.bold if label_bold else style.regular
        label_width = self.width * style.label_share
        value_x = label_width + 1.5 * mm
        label_lines = wrap(label, label_font, size, label_width - hang)
        if right:
            # Amounts: one line, flush right; the label takes what the figure leaves free.
            figure = stringWidth(value, value_font, value_size)
            label_room = max(self.width - figure - 2 * mm - hang, 1)
            label_lines = wrap(label, label_font, size, label_room)
            value_lines = [value]
        else:
            value_lines = wrap(value, value_font, value_size, self.width - value_x)
        # Label and value share the first baseline, whatever their sizes.
        baseline = self.y + ASCENT * max(size, value_size)
        value_at = (self.width, "right") if right else (value_x, "left")
        self.y = max(
            self._lines(label_lines[:1], (0.0, "left"), baseline, label_font, size),
            self._lines(
                label_lines[1:], (hang, "left"), baseline + LEADING * size, label_font, size
            ),
            self._lines(value_lines, value_at, baseline, value_font, value_size),
        )

    def _lines(
        self, lines: list[str], at: tuple[float, str], baseline: float, font: str, size: float
    ) -> float:
        """Record lines from `baseline` down; return the bottom of the last one."""
        if not lines:
            return self.y
        x, align = at
        for i, line in enumerate(lines):
            self.ops.append(
                ("text", align, x, baseline + i * LEADING * size, font, size, line, 0.0)
            )
        return baseline + (len(lines) - 1) * LEADING * size + (LEADING - ASCENT) * size

    def rule(self, *, dashed: bool = False, weight: float = 0.6) -> None:
        """A horizontal line across the column, with a little air on both sides."""
        self.y += 0.8 * mm
        self.ops.append(("line", 0.0, self.y, self.width, self.y, weight, dashed))
        self.y += 1.2 * mm

    def band(self, text: str, *, size: float) -> None:
        """White bold text on a black bar across the column: impossible to overlook."""
        height = LEADING * size + 1.6 * mm
        self.ops.append(("rect", 0.0, self.y, self.width, height, True, 0.0))
        baseline = self.y + 0.8 * mm + ASCENT * size
        self.ops.append(
            ("text", "center", self.width / 2, baseline, self.style.bold, size, text, 1.0)
        )
        self.y += height

    def boxed(self, build: Flow, *, padding: float = 1.5 * mm, weight: float = 0.8) -> None:
        """Place another flow (built `2 * padding` narrower) inside a frame."""
        height = build.height + 2 * padding
        inset = weight / 2  # the stroke stays inside the column
        self.ops.append(
            ("rect", inset, self.y + inset, self.width - weight, height - weight, False, weight)
        )
        self.place(build, padding, padding)
        self.y += height

    def inner(self, padding: float = 1.5 * mm) -> Flow:
        """An empty flow for `boxed`, as wide as the box's inside."""
        return Flow(self.width - 2 * padding, self.style)

    def place(self, other: Flow, dx: float, dy: float) -> None:
        """Copy another flow's operations here, shifted (does not move this flow's cursor)."""
        self.ops.append(("flow", dx, self.y + dy, other.ops))

    def qr(self, symbol: QrSymbol, size: float) -> None:
        """A QR code of `size` points (quiet zone included), centred."""
        self.ops.append(("qr", (self.width - size) / 2, self.y, size, symbol))
        self.y += size


def draw(canvas: Any, ops: list[Op], left: float, top: float) -> None:
    """Replay operations with the column's top-left corner at (left, top) in page points."""
    for op in ops:
        tag = op[0]
        if tag == "text":
            _, align, x, y, font, size, line, gray = op
            canvas.setFont(font, size)
            if gray:
                canvas.setFillGray(gray)
            if align == "left":
                canvas.drawString(left + x, top - y, line)
            elif align == "right":
                canvas.drawRightString(left + x, top - y, line)
            else:
                canvas.drawCentredString(left + x, top - y, line)
            if gray:
                canvas.setFillGray(0)
        elif tag == "line":
            _, x1, y1, x2, y2, weight, dashed = op
            canvas.setLineWidth(weight)
            canvas.setDash(2, 2) if dashed else canvas.setDash()
            canvas.line(left + x1, top - y1, left + x2, top - y2)
            canvas.setDash()
        elif tag == "rect":
            _, x, y, w, h, fill, weight = op
            if not fill:
                canvas.setLineWidth(weight)
            canvas.rect(left + x, top - y - h, w, h, stroke=0 if fill else 1, fill=1 if fill else 0)
        elif tag == "flow":
            _, dx, dy, inner = op
            draw(canvas, inner, left + dx, top - dy)
        elif tag == "qr":
            _, x, y, size, symbol = op
            draw_qr(canvas, symbol, left + x, top - y - size, size)
