"""Rupiah amounts: whole-rupiah integers formatted as "Rp1.080.000" and parsed from teller input."""

from __future__ import annotations

import re

from desktop.domain.labels import label
from desktop.errors import DomainError

STYLES = ("official", "spaced")
# The largest amount a counter takes in one transaction (just under Rp1 triliun): far above any
# real bill, far below what SQLite's 64-bit integers hold.
MAX_AMOUNT = 999_999_999_999

# Either plain digits or dot-grouped thousands; "Rp" prefix optional, with or without a space.
_AMOUNT = re.compile(r"(?:[Rr][Pp]\.? ?)?([0-9]+|[0-9]{1,3}(?:\.[0-9]{3})+)")


def group_thousands(amount: int) -> str:
    """Digits of a non-negative integer with a dot between thousands: 1080000 -> "1.080.000"."""
    return f"{amount:,}".replace(",", ".")


def format_rupiah(amount: int, style: str = "official") -> str:
    """ "Rp1.080.000" (official spelling) or "Rp 1.080.000" (common bank style); "-Rp16.800"."""
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise TypeError(f"amount must be an int of rupiah, got {type(amount).__name__}")
    if style not in STYLES:
        raise ValueError(f"unknown rupiah style {style!r}; expected one of {STYLES}")
    prefix = "Rp " if style == "spaced" else "Rp"
    sign = "-" if amount < 0 else ""
    return f"{sign}{prefix}{group_thousands(abs(amount))}"


def parse_rupiah(
    raw: str,
    field: str = "amount",
    *,
    maximum: int = MAX_AMOUNT,
    minimum: int = 0,
) -> int:
    """Whole rupiah typed by a teller: "1080000", "1.080.000", "Rp1.080.000", "Rp 1.080.000"."""
    name_id, name_en = label(field)
    match = _AMOUNT.fullmatch(raw.strip()) if isinstance(raw, str) else None
    if match is None:
        raise DomainError(
            field,
            f"{name_id} harus berupa jumlah rupiah utuh, mis. 1.080.000.",
            f"{name_en} must be a whole rupiah amount, e.g. 1.080.000.",
        )
    digits = match.group(1).replace(".", "").lstrip("0") or "0"
    # Compare lengths first: int() of a very long digit string is slow or refused by Python.
    if len(digits) > len(str(maximum)) or int(digits) > maximum:
        raise DomainError(
            field,
            f"{name_id} paling banyak {format_rupiah(maximum)}.",
            f"{name_en} must be at most {format_rupiah(maximum)}.",
        )
    amount = int(digits)
    if amount < minimum:
        raise DomainError(
            field,
            f"{name_id} paling sedikit {format_rupiah(minimum)}.",
            f"{name_en} must be at least {format_rupiah(minimum)}.",
        )
    return amount
