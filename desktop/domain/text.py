"""Text checks and clean-up: forbidden characters, identifiers, the upstream's refusals as read."""

from __future__ import annotations

import re
import unicodedata

# Controls, format characters (bidi overrides, zero-width), surrogates, private use, unassigned,
# and line/paragraph separators: none belong in a form field or on a printed receipt.
_FORBIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})

_ASCII_DIGITS = re.compile(r"[0-9]+")


def has_forbidden_char(value: str) -> bool:
    return any(unicodedata.category(ch) in _FORBIDDEN_CATEGORIES for ch in value)


def strip_separators(raw: str) -> str:
    """Drop the spaces, dots and dashes people type inside numbers (and nothing else)."""
    return raw.replace(" ", "").replace(".", "").replace("-", "")


def is_ascii_digits(value: str) -> bool:
    # str.isdigit() also accepts Arabic-Indic and other digits, which are not valid here.
    return _ASCII_DIGITS.fullmatch(value) is not None


def refusal_text(stored: str) -> str:
    """The upstream's reason as a person reads it: "period_paid: Iuran ..." -> "Iuran ..."."""
    code, sep, reason = stored.partition(": ")
    return reason if sep and code.replace("_", "").isalnum() and code.islower() else stored
