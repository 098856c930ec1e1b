"""NIK parsing, normalisation and identifier masking."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.nik import mask_identifier, normalize_nik, parse_nik
from desktop.errors import DomainError
from desktop.reference import load_reference

PROVINCES = load_reference().provinces
TODAY = date(2026, 11, 24)


@pytest.mark.parametrize(
    ("raw", "birth", "sex", "province"),
    [
        ("3201010101900001", date(1990, 1, 1), "L", "Jawa Barat"),
        ("3201014101900001", date(1990, 1, 1), "P", "Jawa Barat"),
        ("3171017112990123", date(1999, 12, 31), "P", "DKI Jakarta"),
        ("3201012902000001", date(2000, 2, 29), "L", "Jawa Barat"),
        ("3201 0101 0190 0001", date(1990, 1, 1), "L", "Jawa Barat"),
        ("32.01.01-010190-0001", date(1990, 1, 1), "L", "Jawa Barat"),
        ("9101010101900001", date(1990, 1, 1), "L", "Papua"),
        ("9201010101900001", date(1990, 1, 1), "L", "Papua Barat"),
        ("9301010101900001", date(1990, 1, 1), "L", "Papua Selatan"),
        ("9401010101900001", date(1990, 1, 1), "L", "Papua Tengah"),
        ("9501010101900001", date(1990, 1, 1), "L", "Papua Pegunungan"),
        ("9601010101900001", date(1990, 1, 1), "L", "Papua Barat Daya"),
        ("6501010101900001", date(1990, 1, 1), "L", "Kalimantan Utara"),
        # Two-digit years: this century when the date is not in the future, else the last one.
        ("3201012411260001", date(2026, 11, 24), "L", "Jawa Barat"),
        ("3201012511260001", date(1926, 11, 25), "L", "Jawa Barat"),
        ("3201010101250001", date(2025, 1, 1), "L", "Jawa Barat"),
        ("3201010101270001", date(1927, 1, 1), "L", "Jawa Barat"),
        ("3201990101900001", date(1990, 1, 1), "L", "Jawa Barat"),
        ("3269010101900001", date(1990, 1, 1), "L", "Jawa Barat"),
        ("3271010101900001", date(1990, 1, 1), "L", "Jawa Barat"),
    ],
)
def test_valid_nik(raw: str, birth: date, sex: str, province: str) -> None:
    info = parse_nik(raw, PROVINCES, TODAY)
    assert info.nik == normalize_nik(raw)
    assert info.birth_date == birth
    assert info.sex == sex
    assert info.province_name == province
    assert info.province_code == info.nik[:2]
    assert info.regency_code == info.nik[2:4]
    assert info.district_code == info.nik[4:6]
    assert info.serial == info.nik[12:]


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("", "16 digit"),
        ("320101010190000", "16 digit"),
        ("32010101019000011", "16 digit"),
        ("320101010190000A", "16 digit"),
        ("3201_010101900001", "16 digit"),
        ("3201\t010101900001", "16 digit"),
        ("٣٢٠١٠١٠١٠١٩٠٠٠٠١", "16 digit"),  # Arabic-Indic digits are not NIK digits
        ("1001010101900001", "provinsi"),
        ("2001010101900001", "provinsi"),
        ("9701010101900001", "provinsi"),
        ("3200010101900001", "kabupaten"),
        ("3270010101900001", "kabupaten"),
        ("3201000101900001", "kecamatan"),
        ("3201010001900001", "tidak valid"),  # day 00
        ("3201013201900001", "tidak valid"),  # day 32
        ("3201014001900001", "tidak valid"),  # day 40 is neither sex
        ("3201017201900001", "tidak valid"),  # women's day 72
        ("3201010100900001", "tidak valid"),  # month 00
        ("3201010113900001", "tidak valid"),  # month 13
        ("3201013102900001", "tidak valid"),  # 31 February
        ("3201012902010001", "tidak valid"),  # 29 February 2001 / 1901
        ("3201010101900000", "0000"),
    ],
)
def test_invalid_nik(raw: str, fragment: str) -> None:
    with pytest.raises(DomainError) as err:
        parse_nik(raw, PROVINCES, TODAY)
    assert err.value.field == "nik"
    assert fragment in err.value.message_id
    assert "NIK" in err.value.message_id
    assert "NIK" in err.value.message_en


def test_future_birth_date_in_both_centuries() -> None:
    # 29 Feb 2028 is in the future and 1928 is a leap year too, so 1928 is chosen.
    assert parse_nik("3201012902280001", PROVINCES, TODAY).birth_date == date(1928, 2, 29)
    # 29 Feb 00 exists only in 2000 (1900 was no leap year): before that day it is in the future.
    with pytest.raises(DomainError, match="masa depan") as err:
        parse_nik("3201012902000001", PROVINCES, date(2000, 1, 15))
    assert err.value.message_en == "The birth date in the NIK must not be in the future."


def test_unknown_province_follows_mapping() -> None:
    with pytest.raises(DomainError, match="provinsi"):
        parse_nik("3201010101900001", {"11": "Aceh"}, TODAY)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("3201 0101-0190.0001", "3201010101900001"),
        (" 32 ", "32"),
        ("32\t01", "32\t01"),  # only spaces, dots and dashes are removed
        ("32_01", "32_01"),
    ],
)
def test_normalize_nik(raw: str, expected: str) -> None:
    assert normalize_nik(raw) == expected


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("3201010101900001", "3201••••••••0001"),
        ("12345678901", "1234•••8901"),
        ("123456789", "1234•6789"),
        ("12345678", "••••••78"),
        ("123", "•23"),
        ("12", "••"),
        ("1", "•"),
        ("", ""),
    ],
)
def test_mask_identifier(value: str, masked: str) -> None:
    assert mask_identifier(value) == masked


@st.composite
def valid_nik(draw: st.DrawFn) -> tuple[str, date, str]:
    province = draw(st.sampled_from(sorted(PROVINCES)))
    regency = draw(st.sampled_from([*range(1, 70), *range(71, 100)]))
    district = draw(st.integers(1, 99))
    born = draw(st.dates(TODAY - timedelta(days=36_000), TODAY))
    sex = draw(st.sampled_from("LP"))
    serial = draw(st.integers(1, 9999))
    day = born.day + (40 if sex == "P" else 0)
    nik = (
        f"{province}{regency:02d}{district:02d}{day:02d}{born.month:02d}{born.year % 100:02d}"
        f"{serial:04d}"
    )
    return nik, born, sex


@settings(max_examples=300, deadline=None)
@given(valid_nik())
def test_generated_nik_round_trips(case: tuple[str, date, str]) -> None:
    nik, born, sex = case
    info = parse_nik(nik, PROVINCES, TODAY)
    assert (info.nik, info.birth_date, info.sex) == (nik, born, sex)
    assert mask_identifier(nik) == nik[:4] + "•" * 8 + nik[-4:]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40) | st.from_regex(r"[0-9 .-]{10,24}", fullmatch=True))
def test_any_text_is_parsed_or_refused_with_domain_error(raw: str) -> None:
    try:
        info = parse_nik(raw, PROVINCES, TODAY)
    except DomainError as err:
        error: DomainError | None = err
    else:
        error = None
        assert len(info.nik) == 16
        assert info.birth_date <= TODAY
    assert error is None or error.field == "nik"
