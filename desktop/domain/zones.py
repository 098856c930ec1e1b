"""The three Indonesian time zones a counter can be in, by IANA name, with their local labels."""

from __future__ import annotations

from desktop.errors import DomainError

ZONE_LABELS = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Jayapura": "WIT",
}


def validate_timezone(raw: str) -> str:
    value = raw.strip()
    if value not in ZONE_LABELS:
        names = ", ".join(ZONE_LABELS)
        raise DomainError(
            "timezone",
            f"Zona waktu harus salah satu dari: {names}.",
            f"Time zone must be one of: {names}.",
        )
    return value


def zone_label(timezone: str) -> str:
    return ZONE_LABELS.get(timezone, timezone)
