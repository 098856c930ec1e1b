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


@dataclass(frozen=True)
class PuRateSet:
    effective_from: date
    jkk_bp: Mapping[RiskClass, int]  # employer pays all of JKK
    jkm_employer_bp: int
    jht_employer_bp: int
    jht_worker_bp: int
    jp_employer_bp: int
    jp_worker_bp: int


def apply_rate(amount: int, bp: int) -> int:
    """`amount` x `bp`/10000 rounded half up to the whole rupiah (amount and bp non-negative).

    The primer gives no rounding rule; half up is what a teller computing by hand expects, and
    every example in the primer is exact anyway.
    """
    return (amount * bp + BASIS_POINTS // 2) // BASIS_POINTS
