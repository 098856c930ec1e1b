"""Hostile input to every validator gives DomainError (with its field), never another exception."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.claims import claim_reason
from desktop.domain.contributions import parse_programs, parse_risk_class, quote_bpu, quote_pu
from desktop.domain.identifiers import (
    normalize_phone,
    validate_email,
    validate_kpj,
    validate_name,
    validate_npp,
    validate_payment_code,
    validate_text,
)
from desktop.domain.money import parse_rupiah
from desktop.domain.nik import parse_nik
from desktop.errors import DomainError
from desktop.reference import load_reference

REF = load_reference()
TODAY = date(2026, 11, 24)

VALIDATORS: dict[str, tuple[str, Callable[[Any], object]]] = {
    "nik": ("nik", lambda raw: parse_nik(raw, REF.provinces, TODAY)),
    "kpj": ("kpj", lambda raw: validate_kpj(raw, 11)),
    "npp": ("npp", lambda raw: validate_npp(raw, 8)),
    "payment_code": ("payment_code", lambda raw: validate_payment_code(raw)),
    "phone": ("phone", normalize_phone),
    "email": ("email", validate_email),
    "full_name": ("full_name", validate_name),
    "amount": ("amount", parse_rupiah),
    "programs": ("programs", parse_programs),
    "risk_class": ("risk_class", parse_risk_class),
    "reason": ("reason", lambda raw: claim_reason(REF, raw)),
}


def outcome(call: Callable[[], object]) -> object:
    """The call's result, or the DomainError it raised (any other exception fails the test)."""
    try:
        return call()
    except DomainError as err:
        return err


HOSTILE: list[Any] = [
    "",
    " ",
    "x" * 1_000_000,
    "9" * 100_000,
    "1" * 4301,  # beyond Python's int() digit limit
    "\x00",
    "08123\x0045678",
    "\u202e08123456789",
    "\ufeff",
    "\ud800",
    "🙂" * 50,
    "１２３４５６７８９０１２",  # fullwidth digits
    "٣٢٠١٠١٠١٠١٩٠٠٠٠١",  # Arabic-Indic digits
    "'; DROP TABLE participants;--",
    "1 OR 1=1",
    "<script>alert(1)</script>",
    "${jndi:ldap://x}",
    "%s%s%s%n",
    "-1",
    "-999999999999999999999",
    "1e309",
    "NaN!",
    None,
    0,
    -1,
    10**100,
    1.5,
    b"JKK",
    ["JKK", None],
    {1: "JKK"},
]


@pytest.mark.parametrize("raw", HOSTILE, ids=lambda raw: repr(raw)[:30])
@pytest.mark.parametrize("name", sorted(VALIDATORS))
def test_hostile_input_gives_domain_error(name: str, raw: Any) -> None:
    field, validate = VALIDATORS[name]
    with pytest.raises(DomainError) as err:
        validate(raw)
    assert err.value.field == field
    assert err.value.message_id
    assert err.value.message_en
    # Messages never echo the input back (it may be megabytes, or end up in a log).
    if isinstance(raw, str) and len(raw) > 3:
        assert raw not in err.value.message_id


@pytest.mark.parametrize("raw", HOSTILE, ids=lambda raw: repr(raw)[:30])
def test_free_text_refuses_or_keeps_verbatim(raw: Any) -> None:
    # Free text may legitimately contain quotes or "DROP TABLE"; storage uses bound parameters.
    result = outcome(lambda: validate_text(raw, "address", max_length=200))
    if isinstance(result, DomainError):
        assert result.field == "address"
    else:
        assert result == raw.strip()


@pytest.mark.parametrize(
    "income", [-1, 0, -(10**30), 10**30, 1.0e6, float("nan"), float("inf"), "1000000", None, True]
)
def test_hostile_income(income: Any) -> None:
    with pytest.raises(DomainError) as err:
        quote_bpu(
            REF, monthly_income=income, programs="JKK+JKM", months=1, period_start=TODAY, on=TODAY
        )
    assert err.value.field == "monthly_income"


@pytest.mark.parametrize("months", [-1, 0, 10**30, float("nan"), 1.0, "1", None, True])
def test_hostile_months(months: Any) -> None:
    with pytest.raises(DomainError) as err:
        quote_bpu(
            REF,
            monthly_income=1_000_000,
            programs="JKK+JKM",
            months=months,
            period_start=TODAY,
            on=TODAY,
        )
    assert err.value.field == "months"


@pytest.mark.parametrize("period_start", [None, "2026-11-01", 20261101])
def test_hostile_period_start(period_start: Any) -> None:
    with pytest.raises(DomainError) as err:
        quote_bpu(
            REF,
            monthly_income=1_000_000,
            programs="JKK+JKM",
            months=1,
            period_start=period_start,
            on=TODAY,
        )
    assert err.value.field == "period_start"


@pytest.mark.parametrize("wage", [-1, 0, -(10**30), 10**30, float("nan"), float("inf"), "1", None])
def test_hostile_wage(wage: Any) -> None:
    with pytest.raises(DomainError) as err:
        quote_pu(REF, wage=wage, risk_class="low", on=TODAY)
    assert err.value.field == "wage"


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(sorted(VALIDATORS)), st.text(max_size=60))
def test_any_text_is_accepted_or_domain_error(name: str, raw: str) -> None:
    field, validate = VALIDATORS[name]
    result = outcome(lambda: validate(raw))
    if isinstance(result, DomainError):
        assert result.field == field


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_any_text_for_free_text(raw: str) -> None:
    result = outcome(lambda: validate_text(raw, "occupation", max_length=60, required=False))
    if isinstance(result, DomainError):
        assert result.field == "occupation"
    else:
        assert isinstance(result, str)
        assert len(result) <= 60
