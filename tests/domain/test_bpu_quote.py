"""BPU contribution quotes and program parsing."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from desktop.domain.bpu import explain_paid
from desktop.domain.contributions import (
    ALLOWED_MONTHS,
    BpuQuote,
    Program,
    income_tiers,
    parse_programs,
    quote_bpu,
)
from desktop.errors import DomainError
from desktop.reference import load_reference

REF = load_reference()
ON = date(2026, 11, 24)
START = date(2026, 11, 1)


def quote(
    income: int = 1_000_000,
    programs: str | Iterable[str] = "JKK+JKM",
    months: int = 1,
    period_start: date = START,
) -> BpuQuote:
    return quote_bpu(
        REF,
        monthly_income=income,
        programs=programs,
        months=months,
        period_start=period_start,
        on=ON,
    )


@pytest.mark.parametrize(
    ("programs", "months", "monthly", "total"),
    [
        ("JKK+JKM", 1, 16_800, 16_800),
        ("JKK+JKM+JHT", 1, 36_800, 36_800),
        ("JKK+JKM", 3, 16_800, 50_400),
        ("JKK+JKM+JHT", 3, 36_800, 110_400),
        ("JKK+JKM", 6, 16_800, 100_800),
        ("JKK+JKM+JHT", 6, 36_800, 220_800),
        ("JKK+JKM", 12, 16_800, 201_600),
        ("JKK+JKM+JHT", 12, 36_800, 441_600),
    ],
)
def test_domain_md_examples(programs: str, months: int, monthly: int, total: int) -> None:
    q = quote(1_000_000, programs, months)
    assert (q.monthly_total, q.total) == (monthly, total)
    assert q.total == sum(line.total for line in q.lines)
    assert all(line.total == line.monthly * months for line in q.lines)


def test_lines_in_program_order_with_amounts() -> None:
    q = quote(1_000_000, ["jht", "JKM", "Jkk"], 3)
    assert [(line.program, line.monthly, line.total) for line in q.lines] == [
        (Program.JKK, 10_000, 30_000),
        (Program.JKM, 6_800, 20_400),
        (Program.JHT, 20_000, 60_000),
    ]


def test_highest_tier_jkk_at_cap() -> None:
    q = quote(20_700_000, "JKK+JKM+JHT")
    assert [line.monthly for line in q.lines] == [207_000, 6_800, 414_000]


def test_jkk_cap_comes_from_the_data() -> None:
    rates = REF.bpu[-1]
    capped = replace(REF, bpu=(replace(rates, jkk_monthly_cap=50_000),))
    q = quote_bpu(
        capped,
        monthly_income=20_700_000,
        programs="JKK+JKM",
        months=1,
        period_start=START,
        on=ON,
    )
    assert q.lines[0].monthly == 50_000


@pytest.mark.parametrize(
    ("period_start", "months", "start", "end"),
    [
        (date(2026, 11, 24), 1, date(2026, 11, 1), date(2026, 11, 1)),
        (date(2026, 11, 30), 3, date(2026, 11, 1), date(2027, 1, 1)),
        (date(2026, 8, 15), 3, date(2026, 8, 1), date(2026, 10, 1)),  # 3 months of arrears
        (date(2026, 11, 1), 12, date(2026, 11, 1), date(2027, 10, 1)),
        (date(2027, 10, 31), 1, date(2027, 10, 1), date(2027, 10, 1)),
    ],
)
def test_period(period_start: date, months: int, start: date, end: date) -> None:
    q = quote(months=months, period_start=period_start)
    assert (q.period_start, q.period_end) == (start, end)


@pytest.mark.parametrize("period_start", [date(2026, 7, 31), date(2025, 11, 1), date(1900, 1, 1)])
def test_arrears_reach_three_months_back(period_start: date) -> None:
    """Perdir 22/PERDIR.02/072022: arrears at most 3 months back (was 12 before issue 15)."""
    with pytest.raises(DomainError) as err:
        quote(period_start=period_start)
    assert err.value.field == "period_start"
    assert "Tunggakan paling lama 3 bulan" in err.value.message_id
    assert "08/2026" in err.value.message_id
    assert "3 months back" in err.value.message_en


@pytest.mark.parametrize(
    ("period_start", "months"), [(date(2027, 11, 1), 1), (date(2026, 12, 1), 12)]
)
def test_ahead_reaches_twelve_months_past_the_month_paid(period_start: date, months: int) -> None:
    with pytest.raises(DomainError) as err:
        quote(months=months, period_start=period_start)
    assert err.value.field == "period_start"
    assert "paling lambat 10/2027" in err.value.message_id


def test_ahead_counts_from_the_month_paid_through() -> None:
    def paid(through: date | None) -> BpuQuote:
        return quote_bpu(
            REF,
            monthly_income=1_000_000,
            programs="JKK+JKM",
            months=12,
            period_start=date(2027, 4, 1),
            on=ON,
            paid_through=through,
        )

    assert paid(date(2027, 3, 1)).period_end == date(2028, 3, 1)
    with pytest.raises(DomainError) as err:
        paid(date(2027, 2, 1))
    assert "paling lambat 02/2028" in err.value.message_id
    with pytest.raises(DomainError):
        paid(None)


def test_arrears_and_advance_come_from_the_data() -> None:
    rates = REF.bpu[-1]
    wide = replace(REF, bpu=(replace(rates, arrears_months=12, advance_months=24),))
    q = quote_bpu(
        wide,
        monthly_income=1_000_000,
        programs="JKK+JKM",
        months=12,
        period_start=date(2025, 11, 1),
        on=ON,
    )
    assert q.period_end == date(2026, 10, 1)


def transport(
    period_start: date,
    on: date,
    months: int = 1,
    programs: str = "JKK+JKM",
    sector: str = "transport",
) -> BpuQuote:
    return quote_bpu(
        REF,
        monthly_income=1_000_000,
        programs=programs,
        months=months,
        period_start=period_start,
        on=on,
        sector=sector,
    )


def test_pp50_halves_jkk_and_jkm_for_transport_as_its_own_line() -> None:
    q = transport(START, ON)
    assert q.total == 8_400  # DOMAIN.md: Rp16.800 to Rp8.400 at the lowest tier
    assert [line.total for line in q.lines] == [10_000, 6_800]  # the full amounts stay
    (relief,) = q.reliefs
    assert (relief.code, relief.name_id, relief.total) == ("PP50_2025", "Diskon PP 50/2025", 8_400)
    assert [(a.program, a.monthly) for a in relief.amounts] == [
        (Program.JKK, 5_000),
        (Program.JKM, 3_400),
    ]
    assert q.net_lines() == {"JKK": 5_000, "JKM": 3_400}
    with_jht = transport(START, ON, programs="JKK+JKM+JHT")
    assert with_jht.total == 28_400  # JHT is not reduced
    assert with_jht.net_lines()["JHT"] == 20_000


def test_pp50_only_for_the_transport_sector() -> None:
    assert transport(START, ON, sector="trade").reliefs == ()
    assert quote().reliefs == ()


def test_pp50_only_from_january_2026_to_march_2027() -> None:
    before = transport(date(2025, 12, 1), date(2025, 12, 10))
    assert (before.reliefs, before.total) == ((), 16_800)
    # February to July 2027: February and March reduced, April to July not.
    spanning = transport(date(2027, 2, 1), date(2027, 2, 10), months=6)
    assert spanning.reliefs[0].months == 2
    assert spanning.total == 6 * 16_800 - 2 * 8_400
    assert transport(date(2026, 1, 1), date(2026, 1, 5)).total == 8_400


def test_explain_paid_finds_the_relief_again() -> None:
    q = transport(START, ON, months=3)
    found = explain_paid(
        REF, monthly_income=1_000_000, months=3, period_start=START, on=ON, paid=q.net_lines()
    )
    assert found == q
    plain = quote(months=3)
    assert (
        explain_paid(
            REF,
            monthly_income=1_000_000,
            months=3,
            period_start=START,
            on=ON,
            paid=plain.net_lines(),
        )
        == plain
    )
    off = {"JKK": 29_999, "JKM": 20_400}
    assert (
        explain_paid(REF, monthly_income=1_000_000, months=3, period_start=START, on=ON, paid=off)
        is None
    )


@pytest.mark.parametrize("income", [0, -1_000_000, 999_999, 1_000_001, 1_250_000, 20_700_001])
def test_income_not_a_tier(income: int) -> None:
    with pytest.raises(DomainError) as err:
        quote(income)
    assert err.value.field == "monthly_income"
    assert "Rp1.000.000" in err.value.message_id
    assert "Rp20.700.000" in err.value.message_id
    assert "Rp20.700.000" in err.value.message_en


@pytest.mark.parametrize("income", [1_000_000.0, True, "1000000", None])
def test_income_must_be_int(income: object) -> None:
    with pytest.raises(DomainError) as err:
        quote(income)  # type: ignore[arg-type]
    assert err.value.field == "monthly_income"


@pytest.mark.parametrize("months", [0, 2, 4, 24, -1, 3.0, True, "3"])
def test_months_not_allowed(months: object) -> None:
    with pytest.raises(DomainError) as err:
        quote(months=months)  # type: ignore[arg-type]
    assert err.value.field == "months"
    assert "1, 3, 6, 12" in err.value.message_id


@pytest.mark.parametrize(
    ("programs", "fragment"),
    [
        ("JKK", "wajib"),
        ("JKM+JHT", "wajib"),
        ("JHT", "wajib"),
        ("JKK+JKM+JP", "tidak tersedia"),
        ("JKK+JKM+JKP", "tidak tersedia"),
        ("JKK+JKM+XYZ", "tidak dikenal"),
        ("", "minimal satu"),
    ],
)
def test_program_rules(programs: str, fragment: str) -> None:
    with pytest.raises(DomainError) as err:
        quote(programs=programs)
    assert err.value.field == "programs"
    assert fragment in err.value.message_id


def test_income_tiers_placeholder() -> None:
    tiers = income_tiers(REF, ON)
    assert tiers[0] == 1_000_000
    assert tiers[-1] == 20_700_000
    assert list(tiers) == sorted(set(tiers))
    assert REF.bpu[-1].tiers_placeholder is True
    assert "PLACEHOLDER" in REF.bpu_tiers_note


def test_no_rates_before_the_first_rate_set() -> None:
    with pytest.raises(LookupError):
        income_tiers(REF, date(2000, 1, 1))


def test_effective_dated_rate_sets() -> None:
    old = REF.bpu[0]
    new = replace(old, effective_from=date(2027, 1, 1), jkm_monthly=7_000)
    ref = replace(REF, bpu=(new, old))  # order in the tuple does not matter
    totals = [
        quote_bpu(
            ref,
            monthly_income=1_000_000,
            programs="JKK+JKM",
            months=1,
            period_start=on,
            on=on,
        ).monthly_total
        for on in (date(2026, 12, 31), date(2027, 1, 1))
    ]
    assert totals == [16_800, 17_000]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("JKK+JKM+JHT", {Program.JKK, Program.JKM, Program.JHT}),
        ("jkk + jkm", {Program.JKK, Program.JKM}),
        ("JKK, JKM, JHT", {Program.JKK, Program.JKM, Program.JHT}),
        ("JKK JKM JKM", {Program.JKK, Program.JKM}),
        (["JP", "jkp"], {Program.JP, Program.JKP}),
        ((Program.JKK,), {Program.JKK}),
        ("+JKK+", {Program.JKK}),
    ],
)
def test_parse_programs(raw: str | list[str], expected: set[Program]) -> None:
    assert parse_programs(raw) == frozenset(expected)


@pytest.mark.parametrize(
    "raw", ["", "   ", "+", "JKK+ABC", "JKK;DROP TABLE", ["JKK", 1], [None], 42, ["JKK"] * 11]
)
def test_parse_programs_rejects(raw: object) -> None:
    with pytest.raises(DomainError) as err:
        parse_programs(raw, "billed")  # type: ignore[arg-type]
    assert err.value.field == "billed"


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(income_tiers(REF, ON)),
    st.booleans(),
    st.sampled_from(ALLOWED_MONTHS),
    st.integers(-3, 11),
)
def test_quote_invariants(income: int, jht: bool, months: int, offset: int) -> None:
    assume(offset + months <= 12)  # the last month at most 12 past last month
    year, month0 = divmod(2026 * 12 + 10 + offset, 12)
    q = quote(
        income, "JKK+JKM+JHT" if jht else "JKK+JKM", months, period_start=date(year, month0 + 1, 9)
    )
    assert q.period_start.day == 1
    assert q.period_end.day == 1
    assert q.monthly_total == sum(line.monthly for line in q.lines)
    assert q.total == q.monthly_total * months
    jkk = q.lines[0].monthly
    assert jkk == min(income // 100, 207_000)
    assert len(q.lines) == (3 if jht else 2)
