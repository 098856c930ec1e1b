"""How a payment is tendered at the counter: cash (with the amount handed over) or account debit."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from desktop.domain.money import MAX_AMOUNT
from desktop.errors import DomainError

_ACCOUNT = re.compile(r"[0-9]{6,20}")


class Tender(StrEnum):
    CASH = "cash"
    DEBIT = "debit"


@dataclass(frozen=True)
class Payment:
    tender: Tender
    debit_account: str | None
    cash_given: int | None

    def change(self, total: int) -> int:
        return (self.cash_given - total) if self.cash_given is not None else 0


def validate_account_number(raw: str, field: str = "debit_account") -> str:
    value = re.sub(r"[\s.-]", "", raw)
    if not _ACCOUNT.fullmatch(value):
        raise DomainError(
            field,
            "Nomor rekening harus 6-20 angka.",
            "Account number must be 6-20 digits.",
        )
    return value


def validate_payment(
    tender: str, total: int, *, debit_account: str | None = None, cash_given: int | None = None
) -> Payment:
    """Cash may come with the amount handed over (never less than due); debit needs an account."""
    try:
        kind = Tender(tender.strip().lower())
    except ValueError:
        raise DomainError(
            "tender",
            "Cara bayar harus tunai (cash) atau debit rekening (debit).",
            "Tender must be cash or account debit.",
        ) from None
    if kind is Tender.DEBIT:
        if not debit_account:
            raise DomainError(
                "debit_account",
                "Nomor rekening wajib diisi untuk pembayaran debit.",
                "An account number is required for a debit payment.",
            )
        return Payment(kind, validate_account_number(debit_account), None)
    if cash_given is not None and (
        isinstance(cash_given, bool) or not total <= cash_given <= MAX_AMOUNT
    ):
        raise DomainError(
            "cash_given",
            "Uang yang diterima kurang dari jumlah yang harus dibayar.",
            "The cash handed over is less than the amount due.",
        )
    return Payment(kind, None, cash_given)
