"""Contribution breakdown for a PU (wage earner) at a monthly wage, employer and worker shares."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from desktop.domain.money import format_rupiah
from desktop.domain.periods import pick_effective
from desktop.domain.programs import Program
from desktop.domain.rates import PuRateSet, RiskClass, apply_rate
from desktop.errors import DomainError

if TYPE_CHECKING:
    from desktop.reference import ReferenceData

# A sanity bound against typing errors, not a legal figure: no monthly wage comes near it.
MAX_WAGE = 10_000_000_000


@dataclass(frozen=True)
class PuLine:
    program: Program
    employer: int
    worker: int
    total: int


@dataclass(frozen=True)
class PuQuote:
    wage: int
    risk_class: RiskClass
    jp_wage_base: int  # the wage, capped at the JP wage cap in force
    # JKK, JKM, JHT, JP, and since PP 6/2025 JKP: 0,14 points of the employer's JKK recomposed
    # into a JKP line, the total unchanged. Before it no JKP line (a zero line only clutters).
    lines: tuple[PuLine, ...]
    employer_total: int
    worker_total: int
    total: int


def pu_rate_set(ref: ReferenceData, on: date) -> PuRateSet:
    return pick_effective(ref.pu, on, lambda rates: rates.effective_from)


def pu_programs(ref: ReferenceData, period: date) -> tuple[Program, ...]:
    """The programs an employer's bill for `period` has lines for (JKP since PP 6/2025)."""
    base = (Program.JKK, Program.JKM, Program.JHT, Program.JP)
    try:
        rates = pu_rate_set(ref, period)
    except LookupError:
        return base
    return (*base, Program.JKP) if rates.jkp_employer_bp else base


def jp_wage_cap(ref: ReferenceData, on: date) -> int:
    return pick_effective(ref.jp_wage_caps, on, lambda entry: entry[0])[1]


def parse_risk_class(raw: RiskClass | str) -> RiskClass:
    """A risk class from its value ("very_low"), any case, spaces or dashes for underscores."""
    if isinstance(raw, str) and len(raw) <= 20:
        key = raw.strip().lower().replace(" ", "_").replace("-", "_")
        try:
            return RiskClass(key)
        except ValueError:
            pass
    choices = ", ".join(RiskClass)
    raise DomainError(
        "risk_class",
        f"Tingkat risiko tidak dikenal. Pilihan: {choices}.",
        f"Unknown risk class. Choices: {choices}.",
    )


def _line(program: Program, base: int, employer_bp: int, worker_bp: int) -> PuLine:
    # Each share is rounded on its own, as it is billed to a different party.
    employer, worker = apply_rate(base, employer_bp), apply_rate(base, worker_bp)
    return PuLine(program, employer, worker, employer + worker)


def quote_pu(ref: ReferenceData, *, wage: int, risk_class: RiskClass | str, on: date) -> PuQuote:
    """Monthly PU contributions for `wage` at the rates and JP wage cap in force on `on`."""
    if isinstance(wage, bool) or not isinstance(wage, int) or not 0 < wage <= MAX_WAGE:
        raise DomainError(
            "wage",
            f"Upah bulanan harus lebih dari Rp0 dan paling banyak {format_rupiah(MAX_WAGE)}.",
            f"Monthly wage must be above Rp0 and at most {format_rupiah(MAX_WAGE)}.",
        )
    risk = parse_risk_class(risk_class)
    rates = pu_rate_set(ref, on)
    jp_base = min(wage, jp_wage_cap(ref, on))
    lines = (
        _line(Program.JKK, wage, rates.jkk_bp[risk], 0),
        _line(Program.JKM, wage, rates.jkm_employer_bp, 0),
        _line(Program.JHT, wage, rates.jht_employer_bp, rates.jht_worker_bp),
        _line(Program.JP, jp_base, rates.jp_employer_bp, rates.jp_worker_bp),
    ) + ((_line(Program.JKP, wage, rates.jkp_employer_bp, 0),) if rates.jkp_employer_bp else ())
    employer_total = sum(line.employer for line in lines)
    worker_total = sum(line.worker for line in lines)
    return PuQuote(
        wage=wage,
        risk_class=risk,
        jp_wage_base=jp_base,
        lines=lines,
        employer_total=employer_total,
        worker_total=worker_total,
        total=employer_total + worker_total,
    )


def late_fine(ref: ReferenceData, total: int, due_date: date, on: date) -> tuple[int, int]:
    """(started months past `due_date`, the fine for them) for a bill of `total` paid on `on`:
    the rate a month is reference data (2% in 2025)."""
    if on <= due_date:
        return 0, 0
    months = (on.year - due_date.year) * 12 + on.month - due_date.month
    if on.day > due_date.day:
        months += 1
    months = max(months, 1)
    rate = pu_rate_set(ref, due_date).late_fine_bp_per_month
    return months, apply_rate(total, rate * months)
