"""PU contribution breakdown: risk classes, employer/worker shares and the JP wage cap."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.contributions import (
    MAX_WAGE,
    Program,
    RiskClass,
    apply_rate,
    jp_wage_cap,
    parse_risk_class,
    quote_pu,
)
from desktop.domain.pu import pu_programs
from desktop.errors import DomainError
from desktop.reference import load_reference

REF = load_reference()
ON = date(2026, 11, 24)


@pytest.mark.parametrize(
    ("risk", "old_jkk", "jkk"),
    [
        (RiskClass.VERY_LOW, 12_000, 5_000),
        (RiskClass.LOW, 27_000, 20_000),
        (RiskClass.MEDIUM, 44_500, 37_500),
        (RiskClass.HIGH, 63_500, 56_500),
        (RiskClass.VERY_HIGH, 87_000, 80_000),
    ],
)
def test_jkk_by_risk_class(risk: RiskClass, old_jkk: int, jkk: int) -> None:
    """PP 6/2025: since 7 February 2025, 0,14 points of JKK are a JKP line; the total stays."""
    before = quote_pu(REF, wage=5_000_000, risk_class=risk, on=date(2025, 2, 6))
    assert before.lines[0].total == old_jkk
    assert Program.JKP not in {line.program for line in before.lines}
    q = quote_pu(REF, wage=5_000_000, risk_class=risk, on=ON)
    line = q.lines[0]
    assert (line.program, line.employer, line.worker, line.total) == (Program.JKK, jkk, 0, jkk)
    jkp = q.lines[-1]
    assert (jkp.program, jkp.employer, jkp.worker, jkp.total) == (Program.JKP, 7_000, 0, 7_000)
    assert (q.employer_total, q.total) == (before.employer_total, before.total)


def test_full_breakdown_below_the_cap() -> None:
    q = quote_pu(REF, wage=5_000_000, risk_class="very_low", on=ON)
    rows = [(line.program, line.employer, line.worker, line.total) for line in q.lines]
    assert rows == [
        (Program.JKK, 5_000, 0, 5_000),
        (Program.JKM, 15_000, 0, 15_000),
        (Program.JHT, 185_000, 100_000, 285_000),
        (Program.JP, 100_000, 50_000, 150_000),
        (Program.JKP, 7_000, 0, 7_000),
    ]
    assert q.jp_wage_base == 5_000_000
    assert (q.employer_total, q.worker_total, q.total) == (312_000, 150_000, 462_000)


def test_bill_programs_follow_pp_6_2025() -> None:
    assert Program.JKP not in pu_programs(REF, date(2025, 1, 1))
    assert pu_programs(REF, date(2025, 3, 1))[-1] is Program.JKP


@pytest.mark.parametrize(
    ("on", "cap"),
    [
        (date(2023, 3, 1), 9_559_600),
        (date(2024, 2, 29), 9_559_600),
        (date(2024, 3, 1), 10_042_300),
        (date(2025, 2, 28), 10_042_300),
        (date(2025, 3, 1), 10_547_400),
        (date(2026, 2, 28), 10_547_400),
        (date(2026, 3, 1), 11_086_300),
        (date(2030, 1, 1), 11_086_300),
    ],
)
def test_jp_wage_cap_effective_dates(on: date, cap: int) -> None:
    assert jp_wage_cap(REF, on) == cap
    q = quote_pu(REF, wage=20_000_000, risk_class=RiskClass.LOW, on=on)
    assert q.jp_wage_base == cap
    jp = q.lines[3]
    assert (jp.employer, jp.worker) == (apply_rate(cap, 200), apply_rate(cap, 100))
    # JHT has no cap.
    assert (q.lines[2].employer, q.lines[2].worker) == (740_000, 400_000)


def test_no_jp_cap_before_the_first_entry() -> None:
    with pytest.raises(LookupError):
        quote_pu(REF, wage=5_000_000, risk_class="low", on=date(2023, 2, 28))


@pytest.mark.parametrize(
    ("amount", "bp", "expected"),
    [
        (1_000_000, 100, 10_000),
        (11_086_300, 100, 110_863),
        (10_547_400, 200, 210_948),
        (1_234_567, 24, 2_963),  # 2962,96 -> 2963
        (1_000_250, 50, 5_001),  # 5001,25 -> 5001
        (1_000_100, 50, 5_001),  # 5000,50 -> 5001 (half up)
        (0, 174, 0),
    ],
)
def test_apply_rate_rounds_half_up(amount: int, bp: int, expected: int) -> None:
    assert apply_rate(amount, bp) == expected


@pytest.mark.parametrize("wage", [0, -1, MAX_WAGE + 1, 10**30, 1.5, True, "5000000", None])
def test_wage_rejected(wage: object) -> None:
    with pytest.raises(DomainError) as err:
        quote_pu(REF, wage=wage, risk_class="low", on=ON)  # type: ignore[arg-type]
    assert err.value.field == "wage"
    assert "Upah bulanan" in err.value.message_id
    assert "Monthly wage" in err.value.message_en


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("very_low", RiskClass.VERY_LOW),
        ("Very Low", RiskClass.VERY_LOW),
        ("very-high", RiskClass.VERY_HIGH),
        (" MEDIUM ", RiskClass.MEDIUM),
        (RiskClass.HIGH, RiskClass.HIGH),
    ],
)
def test_parse_risk_class(raw: str, expected: RiskClass) -> None:
    assert parse_risk_class(raw) is expected


@pytest.mark.parametrize("raw", ["", "extreme", "sangat rendah", "x" * 10_000, None, 3])
def test_unknown_risk_class(raw: object) -> None:
    with pytest.raises(DomainError) as err:
        quote_pu(REF, wage=5_000_000, risk_class=raw, on=ON)  # type: ignore[arg-type]
    assert err.value.field == "risk_class"


@settings(max_examples=300, deadline=None)
@given(st.integers(1, MAX_WAGE), st.sampled_from(list(RiskClass)))
def test_pu_invariants(wage: int, risk: RiskClass) -> None:
    q = quote_pu(REF, wage=wage, risk_class=risk, on=ON)
    assert q.jp_wage_base == min(wage, 11_086_300)
    assert q.employer_total == sum(line.employer for line in q.lines)
    assert q.worker_total == sum(line.worker for line in q.lines)
    assert q.total == q.employer_total + q.worker_total
    assert all(line.total == line.employer + line.worker for line in q.lines)
    # Rounding never moves a share by more than half a rupiah.
    jht = q.lines[2]
    assert abs(jht.employer * 10_000 - wage * 370) <= 5_000
