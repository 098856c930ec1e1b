"""Effective-dated contribution rate sets from reference data, and integer rate arithmetic."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

BASIS_POINTS = 10_000  # 1% = 100 bp


class RiskClass(StrEnum):
    VERY_LOW = "very_low"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    VERY_HIGH = "very_high"


@dataclass(frozen=True)
class BpuRateSet:
    effective_from: date
    income_tiers: tuple[int, ...]  # ascending, whole rupiah
    tiers_placeholder: bool  # True while the shipped list is not the official one
    jkk_bp: int
    jkk_monthly_cap: int
    jkm_monthly: int  # flat amount, not a rate
    jht_bp: int
    arrears_months: int = 3  # how many months back a payment may reach (Perdir 22/2022)
    advance_months: int = 12  # how far past the month paid through a payment may reach


@dataclass(frozen=True)
class BpuRelief:
    """A contribution relief for one sector over a range of contribution months (PP 50/2025)."""

    code: str
    name_id: str
    name_en: str
    sector: str
    first_month: date  # first day of the first contribution month it covers
    last_month: date  # first day of the last one
    programs: frozenset[str]  # the programs it reduces
    discount_bp: int  # of each reduced program's monthly amount


@dataclass(frozen=True)
class PuRateSet:
    effective_from: date
    jkk_bp: Mapping[RiskClass, int]  # employer pays all of JKK
    jkm_employer_bp: int
    jht_employer_bp: int
    jht_worker_bp: int
    jp_employer_bp: int
    jp_worker_bp: int
    # Since PP 6/2025 part of JKK funds JKP: a JKP line billed to the employer (0 before).
    jkp_employer_bp: int = 0
    late_fine_bp_per_month: int = 200  # of an employer's bill, a month past its due date


def apply_rate(amount: int, bp: int) -> int:
    """`amount` x `bp`/10000 rounded half up to the whole rupiah (amount and bp non-negative).

    The primer gives no rounding rule; half up is what a teller computing by hand expects, and
    every example in the primer is exact anyway.
    """
    return (amount * bp + BASIS_POINTS // 2) // BASIS_POINTS
