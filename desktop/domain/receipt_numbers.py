"""Receipt numbers: the counter code, then a gapless 7-digit sequence (BNI-0123-01-0000042)."""

from __future__ import annotations

import re

from desktop.errors import DomainError

_RECEIPT_NO = re.compile(r"[A-Z]{2,10}-[A-Z0-9]{1,10}-[0-9]{2}-[0-9]{7}")


def receipt_number(counter_code: str, seq: int) -> str:
    return f"{counter_code}-{seq:07d}"


def receipt_seq(receipt_no: str) -> int:
    """The sequence a valid receipt number ends with: how the store finds it."""
    return int(receipt_no.rsplit("-", 1)[-1])


def validate_receipt_no(raw: str, field: str = "receipt_no") -> str:
    value = raw.strip().upper()
    if len(value) > 40 or not _RECEIPT_NO.fullmatch(value):
        raise DomainError(
            field,
            "Nomor tanda terima ditulis seperti BNI-0123-01-0000042.",
            "A receipt number is written like BNI-0123-01-0000042.",
        )
    return value
