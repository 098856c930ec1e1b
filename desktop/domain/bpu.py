"""Contribution quote for a BPU (self-employed) participant paying at the counter."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from desktop.domain.money import format_rupiah
from desktop.domain.periods import add_months, month_index, pick_effective
from desktop.domain.programs import PROGRAM_ORDER, Program, parse_programs
from desktop.domain.rates import BpuRateSet, BpuRelief, apply_rate
from desktop.errors import DomainError

if TYPE_CHECKING:
    from desktop.reference import ReferenceData

ALLOWED_MONTHS = (1, 3, 6, 12)
_MANDATORY = frozenset({Program.JKK, Program.JKM})
_ALLOWED = frozenset({Program.JKK, Program.JKM, Program.JHT})


@dataclass(frozen=True)
class ProgramAmount:
    program: Program
    monthly: int
    total: int


@dataclass(frozen=True)
class ReliefLine:
    """A relief taken off the quote, shown as its own line: per program, monthly and in all."""

    code: str
    name_id: str
    name_en: str
    months: int  # months of the period it covers
    amounts: tuple[ProgramAmount, ...]
    total: int


@dataclass(frozen=True)
class BpuQuote:
    monthly_income: int
    months: int
    period_start: date  # first day of the first covered month
    period_end: date  # first day of the last covered month
    lines: tuple[ProgramAmount, ...]  # in the order JKK, JKM, JHT, before any relief
    monthly_total: int  # before any relief
    total: int  # what is paid: the lines less the reliefs
    reliefs: tuple[ReliefLine, ...] = ()

    def net_lines(self) -> dict[str, int]:
        """What is paid per program ("JKK" -> rupiah): the amounts a payment records."""
        cut: dict[Program, int] = {}
        for relief in self.reliefs:
            for amount in relief.amounts:
                cut[amount.program] = cut.get(amount.program, 0) + amount.total
        return {line.program.value: line.total - cut.get(line.program, 0) for line in self.lines}


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


def _check_period(
    period_start: date, months: int, on: date, rates: BpuRateSet, paid_through: date | None
) -> date:
    """The first month of the period, once it lies within what may be paid on `on`: at most
    `arrears_months` back and at most `advance_months` past the month paid through."""
    if not isinstance(period_start, date):
        raise DomainError(
            "period_start", "Awal periode harus tanggal.", "Period start must be a date."
        )
    # A plain date even when given a datetime, so the quote compares and stores cleanly.
    first = date(period_start.year, period_start.month, 1)
    this_month = date(on.year, on.month, 1)
    earliest = add_months(this_month, -rates.arrears_months)
    if first < earliest:
        raise DomainError(
            "period_start",
            f"Tunggakan paling lama {rates.arrears_months} bulan ke belakang: periode awal "
            f"paling awal {earliest:%m/%Y}.",
            f"Arrears reach at most {rates.arrears_months} months back: the first month may be "
            f"{earliest:%m/%Y} at the earliest.",
        )
    # Nothing paid yet (or not known): counted from last month, so 12 months ahead is this month
    # and the 11 after it.
    baseline = (
        add_months(this_month, -1)
        if paid_through is None
        else date(paid_through.year, paid_through.month, 1)
    )
    latest_end = add_months(baseline, rates.advance_months)
    if add_months(first, months - 1) > latest_end:
        raise DomainError(
            "period_start",
            f"Iuran di muka paling jauh {rates.advance_months} bulan setelah bulan lunas: "
            f"periode terakhir paling lambat {latest_end:%m/%Y}.",
            f"Contributions ahead reach at most {rates.advance_months} months past the month "
            f"paid through: the last month may be {latest_end:%m/%Y} at the latest.",
        )
    return first


def _monthly(program: Program, rates: BpuRateSet, income: int) -> int:
    if program is Program.JKK:
        return min(apply_rate(income, rates.jkk_bp), rates.jkk_monthly_cap)
    if program is Program.JKM:
        return rates.jkm_monthly
    return apply_rate(income, rates.jht_bp)


def _reliefs(
    reliefs: Iterable[BpuRelief],
    sector: str | None,
    lines: Iterable[ProgramAmount],
    start: date,
    months: int,
) -> tuple[ReliefLine, ...]:
    if not sector:
        return ()
    found: list[ReliefLine] = []
    period = [add_months(start, i) for i in range(months)]
    for relief in reliefs:
        if relief.sector != sector:
            continue
        covered = sum(1 for month in period if relief.first_month <= month <= relief.last_month)
        amounts = tuple(
            ProgramAmount(line.program, cut, cut * covered)
            for line in lines
            if line.program.value in relief.programs
            for cut in (apply_rate(line.monthly, relief.discount_bp),)
        )
        total = sum(amount.total for amount in amounts)
        if total:
            found.append(
                ReliefLine(relief.code, relief.name_id, relief.name_en, covered, amounts, total)
            )
    return tuple(found)


def _compute(
    ref: ReferenceData,
    rates: BpuRateSet,
    *,
    monthly_income: int,
    chosen: frozenset[Program],
    months: int,
    start: date,
    sector: str | None,
) -> BpuQuote:
    lines = tuple(
        ProgramAmount(program, monthly, monthly * months)
        for program in PROGRAM_ORDER
        if program in chosen
        for monthly in (_monthly(program, rates, monthly_income),)
    )
    reliefs = _reliefs(ref.bpu_reliefs, sector, lines, start, months)
    monthly_total = sum(line.monthly for line in lines)
    return BpuQuote(
        monthly_income=monthly_income,
        months=months,
        period_start=start,
        period_end=add_months(start, months - 1),
        lines=lines,
        monthly_total=monthly_total,
        total=monthly_total * months - sum(relief.total for relief in reliefs),
        reliefs=reliefs,
    )


def quote_bpu(
    ref: ReferenceData,
    *,
    monthly_income: int,
    programs: Iterable[Program | str],
    months: int,
    period_start: date,
    on: date,
    sector: str | None = None,
    paid_through: date | None = None,
) -> BpuQuote:
    """Amounts due for `months` months of the chosen programs at a declared income tier.

    `sector` (the upstream's, e.g. "transport") brings the reliefs in force for it; `paid_through`
    (the last month paid, when known) bounds how far ahead the period may reach.
    """
    rates = bpu_rate_set(ref, on)
    _check_income(rates, monthly_income)
    chosen = _check_programs(programs)
    _check_months(months)
    start = _check_period(period_start, months, on, rates, paid_through)
    return _compute(
        ref,
        rates,
        monthly_income=monthly_income,
        chosen=chosen,
        months=months,
        start=start,
        sector=sector,
    )


def explain_paid(
    ref: ReferenceData,
    *,
    monthly_income: int,
    months: int,
    period_start: date,
    on: date,
    paid: Mapping[str, int],
) -> BpuQuote | None:
    """The quote whose lines are exactly the program amounts paid, with the relief that made
    them (if any), from the reference data in force on `on`; None when no quote gives them.

    A payment stores what was paid per program; a receipt shows the full amounts and the relief
    as its own line, found again here rather than stored twice.
    """
    try:
        rates = bpu_rate_set(ref, on)
        chosen = parse_programs(paid)
    except (LookupError, DomainError):
        return None
    for sector in (None, *sorted({relief.sector for relief in ref.bpu_reliefs})):
        quote = _compute(
            ref,
            rates,
            monthly_income=monthly_income,
            chosen=chosen,
            months=months,
            start=period_start,
            sector=sector,
        )
        if quote.net_lines() == dict(paid):
            return quote
    return None


def payable_window(ref: ReferenceData, on: date, paid_through: date | None) -> tuple[date, date]:
    """The first and last month that may be paid on `on`: the month after the one paid through
    (but at most `arrears_months` back) to `advance_months` past the month paid through."""
    rates = bpu_rate_set(ref, on)
    this_month = date(on.year, on.month, 1)
    earliest = add_months(this_month, -rates.arrears_months)
    baseline = (
        add_months(this_month, -1)
        if paid_through is None
        else date(paid_through.year, paid_through.month, 1)
    )
    first = max(earliest, add_months(baseline, 1))
    return first, add_months(baseline, rates.advance_months)


def unpaid_months(on: date, paid_through: date | None) -> int:
    """Months before `on`'s month not paid (contributions fall due within their month)."""
    if paid_through is None:
        return 0
    return max(0, month_index(on) - month_index(paid_through) - 1)
