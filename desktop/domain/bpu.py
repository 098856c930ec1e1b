"""Contribution quote for a BPU (self-employed) participant paying at the counter."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from desktop.domain.money import format_rupiah
from desktop.domain.periods import add_months, month_index, pick_effective
from desktop.domain.programs import PROGRAM_ORDER, Program, parse_programs
from desktop.domain.rates import BpuRateSet, apply_rate
from desktop.errors import DomainError

if TYPE_CHECKING:
    from desktop.reference import ReferenceData

ALLOWED_MONTHS = (1, 3, 6, 12)
PERIOD_WINDOW_MONTHS = 12  # how far period_start may lie before or after the payment month
_MANDATORY = frozenset({Program.JKK, Program.JKM})
_ALLOWED = frozenset({Program.JKK, Program.JKM, Program.JHT})


@dataclass(frozen=True)
class ProgramAmount:
    program: Program
    monthly: int
    total: int


@dataclass(frozen=True)
class BpuQuote:
    monthly_income: int
    months: int
    period_start: date  # first day of the first covered month
    period_end: date  # first day of the last covered month
    lines: tuple[ProgramAmount, ...]  # in the order JKK, JKM, JHT
    monthly_total: int
    total: int


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def bpu_rate_set(ref: ReferenceData, on: date) -> BpuRateSet:
    return pick_effective(ref.bpu, on, lambda rates: rates.effective_from)


def income_tiers(ref: ReferenceData, on: date) -> tuple[int, ...]:
    return bpu_rate_set(ref, on).income_tiers


def _check_income(rates: BpuRateSet, monthly_income: int) -> None:
    tiers = rates.income_tiers
    # Type check first: 1000000.0 == 1000000, and a float must not pass as a tier.
    if not _is_int(monthly_income) or monthly_income not in tiers:
        low, high = format_rupiah(tiers[0]), format_rupiah(tiers[-1])
        raise DomainError(
            "monthly_income",
            f"Penghasilan bulanan harus salah satu tingkat dari daftar, {low} sampai {high}.",
            f"Monthly income must be one of the listed tiers, {low} to {high}.",
        )


def _check_programs(programs: Iterable[Program | str]) -> frozenset[Program]:
    chosen = parse_programs(programs)
    if not chosen <= _ALLOWED:
        raise DomainError(
            "programs",
            "Program JP dan JKP tidak tersedia untuk peserta BPU.",
            "The JP and JKP programs are not available to BPU participants.",
        )
    if not chosen >= _MANDATORY:
        raise DomainError(
            "programs",
            "Program JKK dan JKM wajib untuk peserta BPU.",
            "The JKK and JKM programs are mandatory for BPU participants.",
        )
    return chosen


def _check_months(months: int) -> None:
    if not _is_int(months) or months not in ALLOWED_MONTHS:
        allowed = ", ".join(str(m) for m in ALLOWED_MONTHS)
        raise DomainError(
            "months",
            f"Jumlah bulan harus salah satu dari {allowed}.",
            f"Number of months must be one of {allowed}.",
        )


def _check_period_start(period_start: date, on: date) -> date:
    if not isinstance(period_start, date):
        raise DomainError(
            "period_start", "Awal periode harus tanggal.", "Period start must be a date."
        )
    # A plain date even when given a datetime, so the quote compares and stores cleanly.
    first = date(period_start.year, period_start.month, 1)
    if abs(month_index(first) - month_index(on)) > PERIOD_WINDOW_MONTHS:
        raise DomainError(
            "period_start",
            f"Awal periode harus dalam {PERIOD_WINDOW_MONTHS} bulan dari bulan ini.",
            f"Period start must be within {PERIOD_WINDOW_MONTHS} months of the current month.",
        )
    return first


def _monthly(program: Program, rates: BpuRateSet, income: int) -> int:
    if program is Program.JKK:
        return min(apply_rate(income, rates.jkk_bp), rates.jkk_monthly_cap)
    if program is Program.JKM:
        return rates.jkm_monthly
    return apply_rate(income, rates.jht_bp)


def quote_bpu(
    ref: ReferenceData,
    *,
    monthly_income: int,
    programs: Iterable[Program | str],
    months: int,
    period_start: date,
    on: date,
) -> BpuQuote:
    """Amounts due for `months` months of the chosen programs at a declared income tier."""
    rates = bpu_rate_set(ref, on)
    _check_income(rates, monthly_income)
    chosen = _check_programs(programs)
    _check_months(months)
    start = _check_period_start(period_start, on)
    lines: list[ProgramAmount] = []
    for program in PROGRAM_ORDER:
        if program in chosen:
            monthly = _monthly(program, rates, monthly_income)
            lines.append(ProgramAmount(program, monthly, monthly * months))
    monthly_total = sum(line.monthly for line in lines)
    return BpuQuote(
        monthly_income=monthly_income,
        months=months,
        period_start=start,
        period_end=add_months(start, months - 1),
        lines=tuple(lines),
        monthly_total=monthly_total,
        total=monthly_total * months,
    )
