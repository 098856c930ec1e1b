"""Rules for counter users: ids, roles and PINs."""

from __future__ import annotations

import re
from enum import StrEnum
from itertools import pairwise

from desktop.errors import DomainError

PIN_MIN, PIN_MAX = 6, 8
_USER_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{2,29}")


class Role(StrEnum):
    TELLER = "teller"
    SUPERVISOR = "supervisor"


def validate_user_id(raw: str, field: str = "user_id") -> str:
    value = raw.strip()
    if not _USER_ID.fullmatch(value):
        raise DomainError(
            field,
            "ID pengguna harus 3-30 huruf, angka, titik, garis bawah atau tanda hubung.",
            "User id must be 3-30 letters, digits, dots, underscores or hyphens.",
        )
    return value


def validate_role(raw: str) -> Role:
    try:
        return Role(raw.strip().lower())
    except ValueError:
        raise DomainError(
            "role",
            "Peran harus 'teller' atau 'supervisor'.",
            "Role must be 'teller' or 'supervisor'.",
        ) from None


def validate_new_pin(pin: str, field: str = "pin") -> str:
    """A PIN a person can type at a counter, but not one a bystander guesses at the first try."""
    if not (pin.isascii() and pin.isdigit() and PIN_MIN <= len(pin) <= PIN_MAX):
        raise DomainError(
            field,
            f"PIN harus {PIN_MIN}-{PIN_MAX} angka.",
            f"PIN must be {PIN_MIN}-{PIN_MAX} digits.",
        )
    digits = [int(ch) for ch in pin]
    steps = {b - a for a, b in pairwise(digits)}
    if len(set(digits)) == 1 or steps in ({1}, {-1}):
        raise DomainError(
            field,
            "PIN terlalu mudah ditebak (angka sama atau berurutan).",
            "PIN is too easy to guess (repeated or consecutive digits).",
        )
    return pin
