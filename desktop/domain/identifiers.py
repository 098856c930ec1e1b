"""Validation of BPJS numbers, mobile numbers, email addresses, names and free text."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from desktop.domain.labels import label
from desktop.domain.text import has_forbidden_char, is_ascii_digits, strip_separators
from desktop.errors import DomainError

_NUMBER_NAMES: dict[str, tuple[str, str]] = {
    "kpj": ("Nomor KPJ", "KPJ number"),
    "npp": ("NPP", "NPP"),
    "payment_code": ("Kode iuran", "Payment code"),
}


def _digits(raw: str, field: str, length: int | Sequence[int]) -> str:
    lengths = (length,) if isinstance(length, int) else tuple(length)
    if not lengths or min(lengths) <= 0:
        raise ValueError(f"identifier length must be positive, got {length}")
    name_id, name_en = _NUMBER_NAMES[field]
    value = strip_separators(raw) if isinstance(raw, str) else ""
    if len(value) not in lengths or not is_ascii_digits(value):
        said_id = " atau ".join(str(n) for n in lengths)
        said_en = " or ".join(str(n) for n in lengths)
        raise DomainError(
            field,
            f"{name_id} harus {said_id} digit angka.",
            f"{name_en} must be {said_en} digits.",
        )
    return value


def validate_kpj(raw: str, length: int) -> str:
    return _digits(raw, "kpj", length)


def validate_npp(raw: str, length: int) -> str:
    return _digits(raw, "npp", length)


def validate_payment_code(raw: str, length: int | Sequence[int] = (11, 12)) -> str:
    """A payment code of one of the lengths the reference data accepts (sources say 11 or 12)."""
    return _digits(raw, "payment_code", length)


_PHONE_MIN, _PHONE_MAX = 10, 13  # digits in the 08... form


def normalize_phone(raw: str) -> str:
    """Indonesian mobile number in the canonical "08..." form (from 08.., +628.., 628..)."""
    error = DomainError(
        "phone",
        "Nomor HP harus nomor seluler Indonesia 08..., 10-13 digit.",
        "Mobile number must be an Indonesian mobile number 08..., 10-13 digits.",
    )
    if not isinstance(raw, str):
        raise error
    value = raw.strip().replace(" ", "").replace("-", "")
    if value.startswith("+62"):
        value = "0" + value[3:]
    elif value.startswith("62"):
        value = "0" + value[2:]
    if not is_ascii_digits(value) or not value.startswith("08"):
        raise error
    if not _PHONE_MIN <= len(value) <= _PHONE_MAX:
        raise error
    return value


_EMAIL_MAX = 254
_LOCAL_MAX = 64
_LOCAL = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
_DOMAIN_LABEL = re.compile(r"[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?")
_TLD = re.compile(r"[A-Za-z]{2,63}")


def validate_email(raw: str) -> str:
    """A plausible address, not RFC-complete: ASCII local part, dotted domain (lowercased)."""
    error = DomainError(
        "email",
        "Alamat email tidak valid.",
        "Email address is not valid.",
    )
    if not isinstance(raw, str):
        raise error
    value = raw.strip()
    if not value or len(value) > _EMAIL_MAX or value.count("@") != 1:
        raise error
    local, domain = value.split("@")
    if len(local) > _LOCAL_MAX or _LOCAL.fullmatch(local) is None:
        raise error
    labels = domain.split(".")
    if len(labels) < 2 or _TLD.fullmatch(labels[-1]) is None:
        raise error
    if any(_DOMAIN_LABEL.fullmatch(part) is None for part in labels):
        raise error
    return f"{local}@{domain.lower()}"


# Name punctuation: apostrophe (Ma'ruf), right single quote typed by phones, dot (Moh.), and the
# hyphen, which occurs in double names and is accepted on KTP data ("Siti Nur-Aini").
_NAME_PUNCTUATION = frozenset("'’.-")
_NAME_MIN = 2


def _too_long(field: str, max_length: int) -> DomainError:
    name_id, name_en = label(field)
    return DomainError(
        field,
        f"{name_id} maksimal {max_length} karakter.",
        f"{name_en} must have at most {max_length} characters.",
    )


def _check_raw_length(raw: str, field: str, max_length: int) -> None:
    # Refuse pasted megabytes before the per-character checks; the slack allows for surrounding
    # whitespace and decomposed accents that trimming and NFC will remove.
    if isinstance(raw, str) and len(raw) > 4 * max_length + 100:
        raise _too_long(field, max_length)


def _clean(raw: str, field: str) -> str:
    name_id, name_en = label(field)
    if not isinstance(raw, str) or has_forbidden_char(raw):
        raise DomainError(
            field,
            f"{name_id} berisi karakter yang tidak diperbolehkan.",
            f"{name_en} contains characters that are not allowed.",
        )
    # NFC so that "e" + combining accent and "é" are the same text and count as one character.
    return unicodedata.normalize("NFC", raw)


def validate_name(raw: str, field: str = "full_name", max_length: int = 100) -> str:
    """A person's name: letters, spaces, apostrophes, dots and hyphens; whitespace collapsed."""
    name_id, name_en = label(field)
    _check_raw_length(raw, field, max_length)
    value = " ".join(_clean(raw, field).split())
    if len(value) < _NAME_MIN:
        raise DomainError(
            field,
            f"{name_id} minimal {_NAME_MIN} karakter.",
            f"{name_en} must have at least {_NAME_MIN} characters.",
        )
    if len(value) > max_length:
        raise _too_long(field, max_length)
    for ch in value:
        if ch == " " or ch in _NAME_PUNCTUATION:
            continue
        # Letters of any script, and combining marks left over after NFC.
        if unicodedata.category(ch)[0] not in ("L", "M"):
            raise DomainError(
                field,
                f"{name_id} hanya boleh berisi huruf, spasi, titik, tanda petik dan tanda hubung.",
                f"{name_en} may contain only letters, spaces, dots, apostrophes and hyphens.",
            )
    if not any(unicodedata.category(ch)[0] == "L" for ch in value):
        raise DomainError(
            field,
            f"{name_id} harus berisi huruf.",
            f"{name_en} must contain letters.",
        )
    return value


def validate_text(raw: str, field: str, *, max_length: int, required: bool = True) -> str:
    """Free text (address, occupation, place of birth): trimmed, printable, bounded."""
    name_id, name_en = label(field)
    _check_raw_length(raw, field, max_length)
    value = _clean(raw, field).strip()
    if not value:
        if required:
            raise DomainError(field, f"{name_id} wajib diisi.", f"{name_en} is required.")
        return ""
    if len(value) > max_length:
        raise _too_long(field, max_length)
    return value
