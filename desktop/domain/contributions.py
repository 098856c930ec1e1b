"""Contribution rules in one import: programs, BPU and PU quotes, risk classes and rate sets."""

from __future__ import annotations

from desktop.domain.bpu import (
    ALLOWED_MONTHS,
    BpuQuote,
    ProgramAmount,
    bpu_rate_set,
    income_tiers,
    quote_bpu,
)
from desktop.domain.programs import PROGRAM_ORDER, Program, parse_programs
from desktop.domain.pu import MAX_WAGE, PuLine, PuQuote, jp_wage_cap, parse_risk_class, quote_pu
from desktop.domain.rates import BpuRateSet, PuRateSet, RiskClass, apply_rate

__all__ = [
    "ALLOWED_MONTHS",
    "MAX_WAGE",
    "PROGRAM_ORDER",
    "BpuQuote",
    "BpuRateSet",
    "Program",
    "ProgramAmount",
    "PuLine",
    "PuQuote",
    "PuRateSet",
    "RiskClass",
    "apply_rate",
    "bpu_rate_set",
    "income_tiers",
    "jp_wage_cap",
    "parse_programs",
    "parse_risk_class",
    "quote_bpu",
    "quote_pu",
]
