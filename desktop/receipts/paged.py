"""Paginated documents made of measured flows: blocks placed on pages, tables that continue.

A block never splits; a block marked `keep_with_next` (a heading, the rows of a short table)
moves to the next page together with what follows it; a table row that starts a new page
brings its table's header with it. Used by the day close report (day_report.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.units import mm  # type: ignore[import-untyped]

from desktop.receipts.flow import Flow, Style

KEEP_WHOLE_ROWS = 8  # a table of this many rows or fewer is never split


@dataclass
class Block:
    flow: Flow
    keep_with_next: bool = False  # headings
    repeat: Flow | None = None  # a table row: its table's header, repeated on a new page


@dataclass
class Page:
    ops: list[Any] = field(default_factory=list)
    y: float = 0.0


def paginate(blocks: list[Block], room: float) -> list[list[Any]]:
    """The blocks placed on pages `room` points tall: each page's drawing operations."""
    pages = [Page()]

    def put(flow: Flow) -> None:
        page = pages[-1]
        page.ops.append(("flow", 0.0, page.y, flow.ops))
        page.y += flow.height

    index = 0
    while index < len(blocks):
        block = blocks[index]
        needed = chain_height(blocks, index)
        if needed > room:  # a chain longer than a page: only the block and the one after it
            needed = sum(b.flow.height for b in blocks[index : index + 2])
        page = pages[-1]
        if page.y and page.y + needed > room:
            pages.append(Page())
            if block.repeat is not None:
                put(block.repeat)
        put(block.flow)
        index += 1
    return [page.ops for page in pages]


def chain_height(blocks: list[Block], index: int) -> float:
    """Height of the block and every block it is kept with (up to the first not kept)."""
    height = 0.0
    for block in blocks[index:]:
        height += block.flow.height
        if not block.keep_with_next:
            break
    return height


class Builder:
    """A document's body as blocks, each a measured Flow the width of the page's column.

    `style` is the text's, `table` the tables' (narrower, for columns of figures).
    """

    def __init__(self, width: float, style: Style, table: Style) -> None:
        self.width = width
        self.style = style
        self.table_style = table
        self.blocks: list[Block] = []
        self.section = 0

    def flow(self, style: Style | None = None) -> Flow:
        return Flow(self.width, style or self.style)

    def add(self, flow: Flow, *, keep_with_next: bool = False, repeat: Flow | None = None) -> None:
        self.blocks.append(Block(flow, keep_with_next, repeat))

    def heading(self, text: str) -> None:
        self.section += 1
        flow = self.flow()
        flow.gap(1.6 * self.style.gap)
        flow.text(f"{self.section}. {text}", bold=True, size=11.0)
        flow.rule(weight=0.8)
        self.add(flow, keep_with_next=True)

    def gap(self, height: float = 1.5 * mm) -> None:
        flow = self.flow()
        flow.gap(height)
        self.add(flow)

    def paragraph(self, text: str, *, bold: bool = False, size: float | None = None) -> None:
        flow = self.flow()
        flow.text(text, bold=bold, size=size)
        self.add(flow)

    def table(
        self,
        columns: Sequence[Column],
        rows: Iterable[Sequence[str]],
        total: Sequence[str] | None = None,
    ) -> None:
        """A header, rows, and an optional total row (bold, under a rule)."""
        style, titles = self.table_style, [c.title for c in columns]
        header = table_row(self.width, style, columns, titles, bold=True, rule=True)
        self.add(header, keep_with_next=True)
        body = [table_row(self.width, style, columns, row) for row in rows]
        if total is not None:
            body.append(table_row(self.width, style, columns, total, bold=True, above=True))
        # A short table stays in one piece; a long one continues under a repeated header.
        whole = len(body) <= KEEP_WHOLE_ROWS
        for number, row in enumerate(body, start=1):
            self.add(row, keep_with_next=whole and number < len(body), repeat=header)


@dataclass(frozen=True)
class Column:
    title: str
    share: float  # of the table's width
    right: bool = False


def table_row(
    width: float,
    style: Style,
    columns: Sequence[Column],
    values: Sequence[str],
    *,
    bold: bool = False,
    rule: bool = False,
    above: bool = False,
) -> Flow:
    """One row: each cell wrapped in its own column; the row as tall as its tallest cell.

    `rule` draws a line under the row (a header), `above` one over it (a total).
    """
    row = Flow(width, style)
    if above:
        row.rule(weight=0.4)
    row.gap(0.6 * mm)
    total_share = sum(c.share for c in columns)
    x = 0.0
    tallest = 0.0
    pad = 3 * mm  # between columns, so a right-aligned figure never touches the next text
    for column, value in zip(columns, values, strict=True):
        cell_width = width * column.share / total_share
        cell = Flow(cell_width - pad, style)
        cell.text(value, bold=bold, align="right" if column.right else "left")
        row.place(cell, x, 0.0)
        tallest = max(tallest, cell.height)
        x += cell_width
    row.gap(tallest)
    if rule:
        row.rule(weight=0.5)
    else:
        row.gap(0.4 * mm)
    return row
