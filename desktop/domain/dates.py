"""Dates as people write them at the counter and in agents' files."""

from __future__ import annotations

from datetime import date, datetime

from desktop.errors import DomainError

_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y")


def parse_date(raw: str | date, field: str, label_id: str, label_en: str) -> date:
    """YYYY-MM-DD or DD/MM/YYYY (also DD-MM-YYYY)."""
    if isinstance(raw, date):
        return raw
    text = raw.strip()
    if len(text) <= 10:
        for fmt in _FORMATS:
            try:
                return datetime.strptime(text, fmt).date()
            except ValueError:
                continue
    raise DomainError(
        field,
        f"{label_id} harus tanggal yang ada, ditulis TTTT-BB-HH atau HH/BB/TTTT.",
        f"{label_en} must be a real date written YYYY-MM-DD or DD/MM/YYYY.",
    )


def parse_month(raw: str | date, field: str, label_id: str, label_en: str) -> date:
    """A month written YYYY-MM, returned as its first day."""
    if isinstance(raw, date):
        return raw.replace(day=1)
    text = raw.strip()
    # Parsed by hand: strptime costs a tenth of a millisecond, on the path of every payment.
    if len(text) == 7 and text[4] == "-" and text[:4].isdigit() and text[5:].isdigit():
        year, month = int(text[:4]), int(text[5:])
        if 1900 <= year <= 2999 and 1 <= month <= 12:
            return date(year, month, 1)
    raise DomainError(
        field,
        f"{label_id} harus bulan yang ada, ditulis TTTT-BB (mis. 2026-11).",
        f"{label_en} must be a month written YYYY-MM (e.g. 2026-11).",
    )
