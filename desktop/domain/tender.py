"""How a payment is tendered at the counter: cash (with the amount handed over) or account debit."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from desktop.domain.money import MAX_AMOUNT
from desktop.errors import Checks, DomainError

_ACCOUNT = re.compile(r"[0-9]{6,20}")
# The bank's reference of a debit: an EDC approval code (6 characters), a retrieval reference
# (12 digits) or a core-banking journal number; letters and digits, as printed on the slip.
_REFERENCE = re.compile(r"[A-Z0-9]{4,20}")


class Tender(StrEnum):
    CASH = "cash"
    DEBIT = "debit"


@dataclass(frozen=True)
class Payment:
    tender: Tender
    debit_account: str | None
    cash_given: int | None
    debit_reference: str | None = None  # the bank's reference of a debit (required on one taken)

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


def validate_debit_reference(raw: str) -> str:
    """The bank's reference of a debit as printed (spaces and hyphens dropped, upper case)."""
    value = re.sub(r"[\s-]", "", raw).upper()
    if not value:
        raise DomainError(
            "debit_reference",
            "Nomor referensi debit wajib diisi: salin dari struk EDC atau bukti debit bank.",
            "The debit reference is required: copy it from the EDC slip or the bank's debit "
            "record.",
        )
    if not _REFERENCE.fullmatch(value):
        raise DomainError(
            "debit_reference",
            "Nomor referensi debit harus 4-20 huruf atau angka, seperti tercetak di struk.",
            "The debit reference must be 4-20 letters or digits, as printed on the slip.",
        )
    return value


def validate_payment(
    tender: str,
    total: int,
    *,
    debit_account: str | None = None,
    cash_given: int | None = None,
    debit_reference: str | None = None,
) -> Payment:
    """Cash may come with the amount handed over (never less than due); debit needs an account
    and the bank's reference of the debit."""
    try:
        kind = Tender(tender.strip().lower())
    except ValueError:
        raise DomainError(
            "tender",
            "Cara bayar harus tunai (cash) atau debit rekening (debit).",
            "Tender must be cash or account debit.",
        ) from None
    if kind is Tender.DEBIT:
        checks = Checks()  # the account and the reference both said at once
        if not debit_account:
            checks.add(
                DomainError(
                    "debit_account",
                    "Nomor rekening wajib diisi untuk pembayaran debit.",
                    "An account number is required for a debit payment.",
                )
            )
        account = checks.take(lambda: validate_account_number(debit_account or ""))
        reference = checks.take(lambda: validate_debit_reference(debit_reference or ""))
        checks.done()
        return Payment(kind, account, None, reference)
    if cash_given is not None and (
        isinstance(cash_given, bool) or not total <= cash_given <= MAX_AMOUNT
    ):
        raise DomainError(
            "cash_given",
            "Uang yang diterima kurang dari jumlah yang harus dibayar.",
            "The cash handed over is less than the amount due.",
        )
    return Payment(kind, None, cash_given)
