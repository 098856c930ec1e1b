"""Rupiah formatting and parsing."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.money import format_rupiah, parse_rupiah
from desktop.errors import DomainError


@pytest.mark.parametrize(
    ("amount", "style", "expected"),
    [
        (0, "official", "Rp0"),
        (100, "official", "Rp100"),
        (1000, "official", "Rp1.000"),
        (16_800, "official", "Rp16.800"),
        (1_080_000, "official", "Rp1.080.000"),
        (999_999_999_999, "official", "Rp999.999.999.999"),
        (-16_800, "official", "-Rp16.800"),
        (1_080_000, "spaced", "Rp 1.080.000"),
        (-16_800, "spaced", "-Rp 16.800"),
        (0, "spaced", "Rp 0"),
    ],
)
def test_format_rupiah(amount: int, style: str, expected: str) -> None:
    assert format_rupiah(amount, style) == expected


def test_format_rupiah_default_is_official() -> None:
    assert format_rupiah(1_080_000) == "Rp1.080.000"


def test_format_rupiah_unknown_style() -> None:
    with pytest.raises(ValueError, match="style"):
        format_rupiah(1, "fancy")


@pytest.mark.parametrize("amount", [1.5, "100", True, None])
def test_format_rupiah_needs_int(amount: object) -> None:
    with pytest.raises(TypeError):
        format_rupiah(amount)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0", 0),
        ("1080000", 1_080_000),
        ("1.080.000", 1_080_000),
        ("Rp1.080.000", 1_080_000),
        ("Rp 1.080.000", 1_080_000),
        ("rp 16.800", 16_800),
        ("Rp. 16.800", 16_800),
        ("  16800  ", 16_800),
        ("999.999.999.999", 999_999_999_999),
        ("00100", 100),
    ],
)
def test_parse_rupiah(raw: str, expected: int) -> None:
    assert parse_rupiah(raw) == expected


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("", "rupiah utuh"),
        ("   ", "rupiah utuh"),
        ("Rp", "rupiah utuh"),
        ("1.080.000,50", "rupiah utuh"),
        ("1080000,00", "rupiah utuh"),
        ("16,800", "rupiah utuh"),
        ("-16800", "rupiah utuh"),
        ("-Rp16.800", "rupiah utuh"),
        ("1.08.000", "rupiah utuh"),
        ("1.0800", "rupiah utuh"),
        ("1.080.", "rupiah utuh"),
        (".080", "rupiah utuh"),
        ("1e6", "rupiah utuh"),
        ("Rp  100", "rupiah utuh"),
        ("١٠٠", "rupiah utuh"),
        ("100 rupiah", "rupiah utuh"),
        ("1000000000000", "paling banyak"),
        ("9" * 5000, "paling banyak"),
    ],
)
def test_parse_rupiah_rejects(raw: str, fragment: str) -> None:
    with pytest.raises(DomainError) as err:
        parse_rupiah(raw)
    assert err.value.field == "amount"
    assert fragment in err.value.message_id
    assert err.value.message_id.startswith("Jumlah")
    assert err.value.message_en.startswith("Amount")


def test_parse_rupiah_limits_and_field() -> None:
    assert parse_rupiah("500.000", "cash_received", maximum=500_000) == 500_000
    with pytest.raises(DomainError) as err:
        parse_rupiah("500.001", "cash_received", maximum=500_000)
    assert err.value.field == "cash_received"
    assert err.value.message_id == "Uang diterima paling banyak Rp500.000."
    with pytest.raises(DomainError, match="paling sedikit Rp1"):
        parse_rupiah("0", minimum=1)


amounts = st.integers(min_value=0, max_value=999_999_999_999)


@settings(max_examples=300, deadline=None)
@given(amounts, st.sampled_from(["official", "spaced"]))
def test_format_parse_round_trip(amount: int, style: str) -> None:
    text = format_rupiah(amount, style)
    assert re.fullmatch(r"Rp ?[0-9]{1,3}(\.[0-9]{3})*", text)
    assert parse_rupiah(text) == amount
    assert parse_rupiah(str(amount)) == amount


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_negative_is_the_positive_with_a_sign(amount: int) -> None:
    text = format_rupiah(amount)
    assert text == ("-" if amount < 0 else "") + format_rupiah(abs(amount))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30))
def test_parse_any_text_gives_int_or_domain_error(raw: str) -> None:
    try:
        amount = parse_rupiah(raw)
    except DomainError as err:
        error: DomainError | None = err
    else:
        error = None
        assert 0 <= amount <= 999_999_999_999
    assert error is None or error.field == "amount"
