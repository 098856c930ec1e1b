"""JHT claim handover rules: reasons, the document checklist, what is missing, waiting periods."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from desktop.domain.periods import add_months
from desktop.errors import DomainError

if TYPE_CHECKING:
    from desktop.reference import ReferenceData


class DocStatus(StrEnum):
    ORIGINAL = "original"
    COPY = "copy"  # a photocopy: "Fotokopi" on receipts ("Salinan" marks a reprinted receipt)
    ELECTRONIC = "electronic"  # presented electronically (Permenaker 4/2022)
    MISSING = "missing"


@dataclass(frozen=True)
class ClaimDocument:
    code: str
    name_id: str
    name_en: str


@dataclass(frozen=True)
class Requirement:
    """Met when any one of its documents is received, as original or copy."""

    code: str
    any_of: tuple[ClaimDocument, ...]
    name_id: str
    name_en: str


@dataclass(frozen=True)
class ClaimReason:
    code: str
    name_id: str
    name_en: str
    requirements: tuple[Requirement, ...]
    optional_documents: tuple[ClaimDocument, ...]  # shown on the checklist, never "missing"
    waiting_period_months: int  # from the event date; 0 for none
    event_date_required: bool
    min_membership_years: int = 0  # the partial claims: 10 years of membership
    once: bool = False  # a partial claim is taken once per participant
    payout_share_percent: int = 100  # of the JHT balance: 10 or 30 for the partial claims
    payout_to_mortgage_bank: bool = False  # the 30% housing claim is paid to the mortgage bank


@dataclass(frozen=True)
class JhtTax:
    """PPh 21 final on a lump-sum JHT: nothing up to the threshold, a rate on the part above.

    `confirmed` is False while the rule is the domain primer's and not a tax office's word; the
    upstream computes the tax of a decided claim and its figure is the one paid.
    """

    tax_free_up_to: int = 50_000_000
    rate_above_bp: int = 500  # basis points: 500 = 5%
    confirmed: bool = False

    def tax_on(self, gross: int) -> int:
        """The tax on `gross` rupiah, rounded down to the rupiah."""
        if gross < 0:
            raise ValueError("gross must not be negative")
        return max(gross - self.tax_free_up_to, 0) * self.rate_above_bp // 10_000


def claimable_share(reason: ClaimReason, balance: int) -> int:
    """What a decided claim pays of the JHT balance: all, or 10% / 30% for the partial ones."""
    return balance * reason.payout_share_percent // 100


# The NPWP rule (balance above Rp50.000.000 or an earlier partial claim) is law, not per-reason
# data; the teller answers the two questions, so only the document itself is defined here.
NPWP_DOCUMENT = ClaimDocument("npwp", "NPWP (Nomor Pokok Wajib Pajak)", "NPWP (tax number)")
NPWP_REQUIREMENT = Requirement("npwp", (NPWP_DOCUMENT,), NPWP_DOCUMENT.name_id, "Tax number (NPWP)")

_RECEIVED = frozenset({DocStatus.ORIGINAL, DocStatus.COPY, DocStatus.ELECTRONIC})


def claim_reason(ref: ReferenceData, code: str) -> ClaimReason:
    if code == "" or (isinstance(code, str) and not code.strip()):
        raise DomainError("reason", "Pilih alasan klaim.", "Choose the claim reason.")
    for reason in ref.claim_reasons:
        if reason.code == code:
            return reason
    raise DomainError("reason", "Alasan klaim tidak dikenal.", "Unknown claim reason.")


def npwp_required(*, balance_above_50m: bool, had_partial_claim: bool) -> bool:
    return balance_above_50m or had_partial_claim


def requirements_for(reason: ClaimReason, *, npwp_required: bool) -> tuple[Requirement, ...]:
    """The reason's requirements, plus NPWP when the teller says it is needed."""
    extra = (NPWP_REQUIREMENT,) if npwp_required else ()
    return reason.requirements + extra


def documents_for(reason: ClaimReason, *, npwp_required: bool) -> tuple[ClaimDocument, ...]:
    """Every document the checklist shows, in order: required ones, NPWP, then optional ones."""
    documents: list[ClaimDocument] = []
    for requirement in requirements_for(reason, npwp_required=npwp_required):
        documents.extend(requirement.any_of)
    documents.extend(reason.optional_documents)
    # One document may serve several requirements; the checklist lists it once.
    return tuple(dict.fromkeys(documents))


def _status(value: object) -> DocStatus:
    if isinstance(value, str):
        try:
            return DocStatus(value)
        except ValueError:
            pass
    raise DomainError(
        "documents",
        "Status dokumen harus asli, fotokopi, elektronik atau tidak ada.",
        "Document status must be original, copy, electronic or missing.",
    )


def missing_requirements(
    reason: ClaimReason,
    documents: Mapping[str, DocStatus],
    *,
    npwp_required: bool,
) -> tuple[Requirement, ...]:
    """Requirements none of whose documents was received; absent codes count as missing."""
    # NPWP is always a known code: a teller may take it even when it is not required.
    known = {doc.code for doc in documents_for(reason, npwp_required=True)}
    received: set[str] = set()
    for code, status in documents.items():
        if not isinstance(code, str) or code not in known:
            raise DomainError(
                "documents",
                "Dokumen tidak dikenal untuk alasan klaim ini.",
                "Unknown document for this claim reason.",
            )
        if _status(status) in _RECEIVED:
            received.add(code)
    return tuple(
        requirement
        for requirement in requirements_for(reason, npwp_required=npwp_required)
        if not any(doc.code in received for doc in requirement.any_of)
    )


def validate_event_date(reason: ClaimReason, event_date: date | None, today: date) -> date | None:
    """The resignation/PHK/contract end date: required for some reasons, never in the future."""
    if event_date is None:
        if reason.event_date_required:
            raise DomainError(
                "event_date",
                "Tanggal kejadian (pengunduran diri/PHK/akhir kontrak) wajib diisi.",
                "Event date (resignation/dismissal/contract end) is required.",
            )
        return None
    if not isinstance(event_date, date):
        raise DomainError("event_date", "Tanggal kejadian tidak valid.", "Event date is invalid.")
    if event_date > today:
        raise DomainError(
            "event_date",
            "Tanggal kejadian tidak boleh di masa depan.",
            "Event date must not be in the future.",
        )
    return event_date


def waiting_period_end(reason: ClaimReason, event_date: date | None) -> date | None:
    """First day the claim may be handed over; None when the reason has no waiting period."""
    if reason.waiting_period_months <= 0:
        return None
    if event_date is None:
        raise DomainError(
            "event_date",
            "Tanggal kejadian diperlukan untuk menghitung masa tunggu.",
            "Event date is needed to work out the waiting period.",
        )
    return add_months(event_date, reason.waiting_period_months)


def waiting_period_over(reason: ClaimReason, event_date: date | None, today: date) -> bool:
    end = waiting_period_end(reason, event_date)
    return end is None or today >= end
