"""QR codes for receipts: segno computes the matrix, the canvas gets one path of rectangles."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

import segno

QUIET_ZONE = 4  # modules of white around the symbol, as ISO/IEC 18004 asks for


@dataclass(frozen=True)
class QrSymbol:
    """A QR symbol's dark modules as horizontal runs: (row, first column, length)."""

    modules: int  # symbol width in modules, without the quiet zone
    runs: tuple[tuple[int, int, int], ...]

    @property
    def width_with_quiet_zone(self) -> int:
        return self.modules + 2 * QUIET_ZONE

    @cached_property
    def path_operators(self) -> str:
        """The runs as PDF rectangles in module units, y up, the quiet zone's corner at 0 0.

        Written once per symbol as integers: formatting thousands of float coordinates through
        reportlab's path objects was a quarter of a roll receipt's time.
        """
        top = self.modules + QUIET_ZONE
        rects = [
            f"{QUIET_ZONE + col} {top - row - 1} {length} 1 re" for row, col, length in self.runs
        ]
        return "\n".join([*rects, "f"])


@lru_cache(maxsize=64)
def encode(text: str) -> QrSymbol:
    """Encode with error correction M exactly (no boosting) as a regular, not micro, QR code."""
    qr = segno.make(text, error="m", boost_error=False, micro=False)
    runs: list[tuple[int, int, int]] = []
    for row_no, row in enumerate(qr.matrix):
        col, width = 0, len(row)
        while col < width:
            if row[col]:
                start = col
                while col < width and row[col]:
                    col += 1
                runs.append((row_no, start, col - start))
            else:
                col += 1
    return QrSymbol(modules=len(qr.matrix), runs=tuple(runs))


def draw_qr(canvas: Any, symbol: QrSymbol, x: float, y: float, size: float) -> None:
    """Draw `symbol` in a square of `size` points (quiet zone included) with lower-left at x, y.

    One filled path of row runs: a few hundred rectangles instead of a few thousand modules,
    and no hairline seams between neighbouring modules when a viewer anti-aliases.
    """
    module = size / symbol.width_with_quiet_zone
    canvas.saveState()
    canvas.transform(module, 0, 0, module, x, y)
    canvas.setFillGray(0)
    canvas.addLiteral(symbol.path_operators)
    canvas.restoreState()
