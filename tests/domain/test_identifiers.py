"""KPJ/NPP/payment code, mobile number, email, name and free-text validation."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.identifiers import (
    normalize_phone,
    validate_email,
    validate_kpj,
    validate_name,
    validate_npp,
    validate_payment_code,
    validate_text,
)
from desktop.errors import DomainError


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("12345678901", "12345678901"),
        ("123 4567 8901", "12345678901"),
        ("123.4567.890-1", "12345678901"),
    ],
)
def test_valid_kpj(raw: str, expected: str) -> None:
    assert validate_kpj(raw, 11) == expected


@pytest.mark.parametrize(
    "raw", ["", "1234567890", "123456789012", "1234567890A", "12345678901\n", "١٢٣٤٥٦٧٨٩٠١"]
)
def test_invalid_kpj(raw: str) -> None:
    with pytest.raises(DomainError) as err:
        validate_kpj(raw, 11)
    assert err.value.field == "kpj"
    assert err.value.message_id == "Nomor KPJ harus 11 digit angka."
    assert err.value.message_en == "KPJ number must be 11 digits."


@pytest.mark.parametrize(
    ("func", "raw", "length", "field", "ok"),
    [
        (validate_npp, "12345678", 8, "npp", True),
        (validate_npp, "1234-5678", 8, "npp", True),
        (validate_npp, "1234567", 8, "npp", False),
        (validate_payment_code, "123456789012", 12, "payment_code", True),
        (validate_payment_code, "1234 5678 9012", 12, "payment_code", True),
        (validate_payment_code, "12345678901", 12, "payment_code", False),
        (validate_payment_code, "12345678901x", 12, "payment_code", False),
    ],
)
def test_npp_and_payment_code(func: object, raw: str, length: int, field: str, ok: bool) -> None:
    assert callable(func)
    if ok:
        assert func(raw, length) == raw.replace(" ", "").replace("-", "")
    else:
        with pytest.raises(DomainError) as err:
            func(raw, length)
        assert err.value.field == field
        assert f"{length} digit" in err.value.message_id


def test_payment_code_default_length() -> None:
    assert validate_payment_code("123456789012") == "123456789012"
    # Sources give 11 and 12 digits: both pass until the reference data says which.
    assert validate_payment_code("1234-5678-901") == "12345678901"


def test_identifier_length_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        validate_kpj("1", 0)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("081234567890", "081234567890"),
        ("0812-3456-7890", "081234567890"),
        ("0812 3456 7890", "081234567890"),
        ("+6281234567890", "081234567890"),
        ("+62 812-3456-7890", "081234567890"),
        ("6281234567890", "081234567890"),
        ("0812345678", "0812345678"),
        ("0812345678901", "0812345678901"),
        (" 081234567890 ", "081234567890"),
    ],
)
def test_valid_phone(raw: str, expected: str) -> None:
    assert normalize_phone(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "081234567",  # 9 digits
        "08123456789012",  # 14 digits
        "0212345678",  # landline
        "+6221234567",
        "81234567890",
        "+1 555 123 4567",
        "0812.3456.7890",
        "0812345678a",
        "(0812) 345678",
        "+62+81234567890",
    ],
)
def test_invalid_phone(raw: str) -> None:
    with pytest.raises(DomainError) as err:
        normalize_phone(raw)
    assert err.value.field == "phone"
    assert "Nomor HP" in err.value.message_id
    assert "Mobile number" in err.value.message_en


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("budi@example.com", "budi@example.com"),
        ("  Budi.Santoso@Example.CO.ID ", "Budi.Santoso@example.co.id"),
        ("a+tag@mail-server.id", "a+tag@mail-server.id"),
        ("o'neil@example.org", "o'neil@example.org"),
    ],
)
def test_valid_email(raw: str, expected: str) -> None:
    assert validate_email(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "budi",
        "budi@",
        "@example.com",
        "budi@example",
        "budi@@example.com",
        "bu di@example.com",
        "budi@exa mple.com",
        "budi@example..com",
        "budi@.example.com",
        "budi@example.com.",
        "budi@-example.com",
        ".budi@example.com",
        "budi.@example.com",
        "bu..di@example.com",
        "budi@example.c",
        "budi@example.123",
        "budi\x00@example.com",
        "büdi@example.com",
        "a" * 65 + "@example.com",
        "a@" + "b" * 250 + ".com",
        "x'; DROP TABLE users;--@example.com",
    ],
)
def test_invalid_email(raw: str) -> None:
    with pytest.raises(DomainError) as err:
        validate_email(raw)
    assert err.value.field == "email"
    assert "email" in err.value.message_id
    assert "Email" in err.value.message_en


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Budi Santoso", "Budi Santoso"),
        ("  Budi   Santoso  ", "Budi Santoso"),
        ("Siti Nur-Aini", "Siti Nur-Aini"),
        ("Ma'ruf Amin", "Ma'ruf Amin"),
        ("Moh. Hatta", "Moh. Hatta"),
        ("Renée Müller", "Renée Müller"),
        ("Rene\u0301e", "Renée"),  # combining accent composed to one character
        ("Jo", "Jo"),
        ("Budi\u00a0Santoso", "Budi Santoso"),  # no-break space collapsed
    ],
)
def test_valid_name(raw: str, expected: str) -> None:
    assert validate_name(raw) == expected


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("", "minimal 2"),
        ("   ", "minimal 2"),
        ("B", "minimal 2"),
        ("Budi2", "hanya boleh"),
        ("Budi, S.T.", "hanya boleh"),
        ("Budi\nSantoso", "tidak diperbolehkan"),
        ("Budi\tSantoso", "tidak diperbolehkan"),
        ("Budi\u200bSantoso", "tidak diperbolehkan"),  # zero-width space
        ("Budi\u202eSantoso", "tidak diperbolehkan"),  # right-to-left override
        ("Robert'); DROP TABLE students;--", "hanya boleh"),
        ("<script>", "hanya boleh"),
        ("...", "harus berisi huruf"),
        ("x" * 101, "maksimal 100"),
    ],
)
def test_invalid_name(raw: str, fragment: str) -> None:
    with pytest.raises(DomainError) as err:
        validate_name(raw)
    assert err.value.field == "full_name"
    assert fragment in err.value.message_id
    assert err.value.message_id.startswith("Nama lengkap")
    assert err.value.message_en.startswith("Full name")


def test_name_field_and_length_pass_through() -> None:
    assert validate_name("Ani", "mother_maiden_name", max_length=3) == "Ani"
    with pytest.raises(DomainError) as err:
        validate_name("Anita", "mother_maiden_name", max_length=3)
    assert err.value.field == "mother_maiden_name"
    assert err.value.message_id.startswith("Nama ibu kandung")


@pytest.mark.parametrize(
    ("raw", "required", "expected"),
    [
        ("  Jl. Merdeka No. 1, RT 01/RW 02  ", True, "Jl. Merdeka No. 1, RT 01/RW 02"),
        ("Pedagang", True, "Pedagang"),
        ("", False, ""),
        ("   ", False, ""),
    ],
)
def test_valid_text(raw: str, required: bool, expected: str) -> None:
    assert validate_text(raw, "address", max_length=60, required=required) == expected


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("", "wajib diisi"),
        ("  ", "wajib diisi"),
        ("x" * 61, "maksimal 60"),
        ("Jl. Merdeka\n", "tidak diperbolehkan"),
        ("Jl.\x1bMerdeka", "tidak diperbolehkan"),
        ("Jl. \u2028Merdeka", "tidak diperbolehkan"),
    ],
)
def test_invalid_text(raw: str, fragment: str) -> None:
    with pytest.raises(DomainError) as err:
        validate_text(raw, "address", max_length=60)
    assert err.value.field == "address"
    assert fragment in err.value.message_id
    assert err.value.message_id.startswith("Alamat")
    assert err.value.message_en.startswith("Address")


def test_unknown_field_still_has_a_readable_message() -> None:
    with pytest.raises(DomainError) as err:
        validate_text("", "something_new", max_length=10)
    assert err.value.field == "something_new"
    assert err.value.message_id == "Isian ini wajib diisi."
    assert err.value.message_en == "This field is required."


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_name_is_clean_or_refused(raw: str) -> None:
    try:
        name = validate_name(raw)
    except DomainError as err:
        error: DomainError | None = err
    else:
        error = None
        assert name == name.strip()
        assert "  " not in name
        assert 2 <= len(name) <= 100
    assert error is None or error.field == "full_name"


@settings(max_examples=200, deadline=None)
@given(st.from_regex(r"(\+62|62|0)8[0-9 -]{7,14}", fullmatch=True))
def test_phone_canonical_or_refused(raw: str) -> None:
    try:
        phone = normalize_phone(raw)
    except DomainError as err:
        error: DomainError | None = err
    else:
        error = None
        assert phone.startswith("08")
        assert phone.isdigit()
        assert 10 <= len(phone) <= 13
        assert normalize_phone(phone) == phone
    assert error is None or error.field == "phone"
