"""The DejaVu fonts shipped in resources/fonts, registered with reportlab once per process."""

from __future__ import annotations

from functools import cache

from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped]

from desktop.resources import resource_path

# Registered names; each is also the shipped file's stem. Only TTF fonts we ship are used (and
# embedded as subsets), so a receipt looks the same on every PC and prints "•", "–" and "Rp".
SANS = "DejaVuSans"
SANS_BOLD = "DejaVuSans-Bold"
CONDENSED = "DejaVuSansCondensed"
CONDENSED_BOLD = "DejaVuSansCondensed-Bold"
ALL_FONTS = (SANS, SANS_BOLD, CONDENSED, CONDENSED_BOLD)


@cache
def register_fonts() -> tuple[str, ...]:
    """Register the shipped fonts; parsing a TTF takes milliseconds, so only the first call does."""
    for name in ALL_FONTS:
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", f"{name}.ttf"))))
    return ALL_FONTS
