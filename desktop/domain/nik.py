"""NIK (Indonesian national ID number) parsing and masking of sensitive identifiers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from desktop.domain.text import is_ascii_digits, strip_separators
from desktop.errors import DomainError

NIK_LENGTH = 16
MASK_CHAR = "•"
_FEMALE_DAY_OFFSET = 40


@dataclass(frozen=True)
class NikInfo:
    nik: str
    province_code: str
    province_name: str
    regency_code: str
    district_code: str
    birth_date: date
    sex: str  # "L" (laki-laki) or "P" (perempuan)
    serial: str


def normalize_nik(raw: str) -> str:
    """Remove spaces, dots and dashes; any other character stays and fails validation."""
    return strip_separators(raw)


def _fail(message_id: str, message_en: str) -> DomainError:
    return DomainError("nik", message_id, message_en)


def _birth_date(day: int, month: int, yy: int, today: date) -> date:
    # The year has two digits: try this century first, then the previous one, and keep the most
    # recent date that exists and is not in the future (a NIK of a newborn is legitimate).
    century = today.year // 100 * 100
    exists_in_future = False
    for base in (century, century - 100):
        try:
            candidate = date(base + yy, month, day)
        except ValueError:
            continue
        if candidate <= today:
            return candidate
        exists_in_future = True
    if exists_in_future:
        raise _fail(
            "Tanggal lahir pada NIK tidak boleh di masa depan.",
            "The birth date in the NIK must not be in the future.",
        )
    raise _fail(
        "Tanggal lahir pada NIK tidak valid.",
        "The birth date in the NIK is not a valid date.",
    )


def parse_nik(raw: str, provinces: Mapping[str, str], today: date) -> NikInfo:
    """Check a NIK (PP RR SS DDMMYY NNNN) and return what it encodes."""
    if not isinstance(raw, str):
        raise _fail("NIK harus 16 digit angka.", "NIK must be 16 digits.")
    nik = normalize_nik(raw)
    if len(nik) != NIK_LENGTH or not is_ascii_digits(nik):
        raise _fail("NIK harus 16 digit angka.", "NIK must be 16 digits.")
    province_code, regency_code, district_code = nik[0:2], nik[2:4], nik[4:6]
    province_name = provinces.get(province_code)
    if province_name is None:
        raise _fail(
            "Kode provinsi pada NIK tidak dikenal.",
            "The province code in the NIK is unknown.",
        )
    regency = int(regency_code)
    # 01-69 are regencies and 71-99 cities; 00 and 70 belong to neither range.
    if regency == 0 or regency == 70:
        raise _fail(
            "Kode kabupaten/kota pada NIK tidak valid.",
            "The regency/city code in the NIK is invalid.",
        )
    if district_code == "00":
        raise _fail(
            "Kode kecamatan pada NIK tidak valid.",
            "The district code in the NIK is invalid.",
        )
    day = int(nik[6:8])
    sex = "L"
    if day > _FEMALE_DAY_OFFSET:
        day -= _FEMALE_DAY_OFFSET
        sex = "P"
    birth_date = _birth_date(day, int(nik[8:10]), int(nik[10:12]), today)
    serial = nik[12:16]
    if serial == "0000":
        raise _fail(
            "Nomor urut pada NIK tidak boleh 0000.",
            "The serial number in the NIK must not be 0000.",
        )
    return NikInfo(
        nik=nik,
        province_code=province_code,
        province_name=province_name,
        regency_code=regency_code,
        district_code=district_code,
        birth_date=birth_date,
        sex=sex,
        serial=serial,
    )


def mask_identifier(value: str) -> str:
    """Hide the middle of a NIK/KPJ for screens and receipts: "3201••••••••0001"."""
    length = len(value)
    if length > 8:
        return value[:4] + MASK_CHAR * (length - 8) + value[-4:]
    if length > 2:
        return MASK_CHAR * (length - 2) + value[-2:]
    # Showing "the last 2" of a 1-2 character value would show all of it.
    return MASK_CHAR * length
