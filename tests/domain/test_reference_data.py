"""The shipped reference data set and the loader's validation."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from desktop.domain.rates import RiskClass
from desktop.reference import load_reference
from desktop.resources import resource_path

SHIPPED = resource_path("reference")
KEMENDAGRI = {
    "11": "Aceh", "12": "Sumatera Utara", "13": "Sumatera Barat", "14": "Riau", "15": "Jambi",
    "16": "Sumatera Selatan", "17": "Bengkulu", "18": "Lampung", "19": "Kepulauan Bangka Belitung",
    "21": "Kepulauan Riau", "31": "DKI Jakarta", "32": "Jawa Barat", "33": "Jawa Tengah",
    "34": "DI Yogyakarta", "35": "Jawa Timur", "36": "Banten", "51": "Bali",
    "52": "Nusa Tenggara Barat", "53": "Nusa Tenggara Timur", "61": "Kalimantan Barat",
    "62": "Kalimantan Tengah", "63": "Kalimantan Selatan", "64": "Kalimantan Timur",
    "65": "Kalimantan Utara", "71": "Sulawesi Utara", "72": "Sulawesi Tengah",
    "73": "Sulawesi Selatan", "74": "Sulawesi Tenggara", "75": "Gorontalo", "76": "Sulawesi Barat",
    "81": "Maluku", "82": "Maluku Utara", "91": "Papua", "92": "Papua Barat",
    "93": "Papua Selatan", "94": "Papua Tengah", "95": "Papua Pegunungan", "96": "Papua Barat Daya",
}  # fmt: skip


def test_shipped_data() -> None:
    ref = load_reference()
    assert dict(ref.provinces) == KEMENDAGRI
    assert dict(ref.identifier_lengths) == {"kpj": 11, "npp": 8, "payment_code": 12}
    assert ref.lengths_of("payment_code") == (11, 12)  # sources conflict: both until upstream says
    assert ref.lengths_of("kpj") == (11,)
    assert ref.jp_wage_caps == (
        (date(2023, 3, 1), 9_559_600),
        (date(2024, 3, 1), 10_042_300),
        (date(2025, 3, 1), 10_547_400),
        (date(2026, 3, 1), 11_086_300),
    )
    bpu = ref.bpu[-1]
    assert (bpu.jkk_bp, bpu.jkk_monthly_cap, bpu.jkm_monthly, bpu.jht_bp) == (
        100,
        207_000,
        6_800,
        200,
    )
    assert (bpu.arrears_months, bpu.advance_months) == (3, 12)
    (relief,) = ref.bpu_reliefs
    assert (relief.sector, relief.first_month, relief.last_month) == (
        "transport",
        date(2026, 1, 1),
        date(2027, 3, 1),
    )
    assert (relief.programs, relief.discount_bp) == (frozenset({"JKK", "JKM"}), 5_000)
    old, pu = ref.pu
    assert dict(old.jkk_bp) == {
        RiskClass.VERY_LOW: 24,
        RiskClass.LOW: 54,
        RiskClass.MEDIUM: 89,
        RiskClass.HIGH: 127,
        RiskClass.VERY_HIGH: 174,
    }
    assert (pu.effective_from, pu.jkp_employer_bp, old.jkp_employer_bp) == (
        date(2025, 2, 7),
        14,
        0,
    )
    assert {risk: old.jkk_bp[risk] - pu.jkk_bp[risk] for risk in RiskClass} == dict.fromkeys(
        RiskClass, 14
    )
    assert (pu.jkm_employer_bp, pu.jht_employer_bp, pu.jht_worker_bp) == (30, 370, 200)
    assert (pu.jp_employer_bp, pu.jp_worker_bp) == (200, 100)
    assert ref.version


def test_default_load_is_cached() -> None:
    assert load_reference() is load_reference()


def test_every_file_names_its_source() -> None:
    for path in SHIPPED.glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert isinstance(data.get("source") or data.get("note"), str), path.name


def test_tier_list_is_labelled_placeholder() -> None:
    data = json.loads((SHIPPED / "bpu_rates.json").read_text(encoding="utf-8"))
    tiers = data["rate_sets"][-1]["income_tiers"]
    assert tiers["placeholder"] is True
    assert "upstream" in tiers["note"].lower()


def test_explicit_directory_is_not_cached(tmp_path: Path) -> None:
    shutil.copytree(SHIPPED, tmp_path / "ref")
    first = load_reference(tmp_path / "ref")
    assert first == load_reference(tmp_path / "ref")
    assert first is not load_reference(tmp_path / "ref")


Edit = Callable[[dict[str, Any]], None]


def _set(path: list[str | int], value: Any) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        target: Any = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return edit


def _delete(path: list[str | int]) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        target: Any = data
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return edit


def _undocumented(data: dict[str, Any]) -> None:
    data.pop("source")
    data.pop("note")


@pytest.mark.parametrize(
    ("file", "edit", "fragment"),
    [
        ("provinces.json", _set(["provinces", "1"], "X"), "two-digit"),
        ("provinces.json", _set(["provinces", "11"], ""), "non-empty string"),
        ("provinces.json", _undocumented, "source"),
        ("identifiers.json", _set(["lengths", "kpj"], "11"), "integer"),
        ("identifiers.json", _set(["lengths", "npp"], True), "integer"),
        ("identifiers.json", _delete(["lengths", "payment_code"]), "payment_code"),
        ("identifiers.json", _set(["accepted_lengths", "payment_code"], [11, 13]), "longest"),
        ("identifiers.json", _set(["accepted_lengths", "payment_code"], []), "at least 1"),
        ("bpu_rates.json", _set(["reliefs", 0, "first_month"], "2026-13"), "month YYYY-MM"),
        ("bpu_rates.json", _set(["reliefs", 0, "last_month"], "2025-12"), "after first_month"),
        ("bpu_rates.json", _set(["reliefs", 0, "programs"], ["JP"]), "reliefs.0.programs"),
        ("bpu_rates.json", _set(["reliefs", 0, "discount_bp"], 0), "discount_bp"),
        ("bpu_rates.json", _set(["rate_sets", 0, "arrears_months"], -1), "arrears_months"),
        ("pu_rates.json", _set(["rate_sets", 1, "jkp_employer_bp"], 1.5), "integer"),
        ("bpu_rates.json", _set(["rate_sets", 0, "jkk_bp"], 1.0), "integer"),
        ("bpu_rates.json", _set(["rate_sets", 0, "jkk_bp"], 20_000), "jkk_bp"),
        ("bpu_rates.json", _set(["rate_sets", 0, "effective_from"], "2015-13-01"), "ISO date"),
        ("bpu_rates.json", _set(["rate_sets", 0, "income_tiers", "tiers"], [2, 1]), "ascending"),
        ("bpu_rates.json", _set(["rate_sets", 0, "income_tiers", "tiers"], []), "at least 1 item"),
        (
            "bpu_rates.json",
            _delete(["rate_sets", 0, "income_tiers", "placeholder"]),
            "income_tiers.placeholder: Field required",
        ),
        (
            "bpu_rates.json",
            _set(["rate_sets", 0, "income_tiers", "placeholder"], "yes"),
            "true or false",
        ),
        ("bpu_rates.json", _set(["rate_sets"], {}), "list"),
        ("bpu_rates.json", _delete(["rate_sets", 0, "income_tiers", "note"]), "note"),
        ("pu_rates.json", _delete(["rate_sets", 0, "jkk_bp", "high"]), "very_low"),
        ("pu_rates.json", _set(["rate_sets", 0, "jp_worker_bp"], -1), "jp_worker_bp"),
        ("jp_wage_caps.json", _set(["caps", 1, "effective_from"], "2023-03-01"), "effective_from"),
        ("jp_wage_caps.json", _set(["caps", 0, "cap"], 0), "cap"),
        ("claim_reasons.json", _set(["reasons", 0, "requirements"], ["nope"]), "unknown document"),
        ("claim_reasons.json", _set(["reasons", 1, "code"], "retirement"), "share a code"),
        ("claim_reasons.json", _set(["reasons", 0, "requirements"], ["kartu_peserta"]), "distinct"),
        ("claim_reasons.json", _set(["reasons", 0, "waiting_period_months"], -1), "waiting"),
        ("claim_reasons.json", _set(["documents", "ktp"], {"id": "KTP"}), "documents.ktp.en"),
        ("manifest.json", _set(["version"], 3), "version"),
    ],
)
def test_malformed_data_names_the_file(
    tmp_path: Path, file: str, edit: Edit, fragment: str
) -> None:
    directory = tmp_path / "ref"
    shutil.copytree(SHIPPED, directory)
    path = directory / file
    data = json.loads(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(file)) as err:
        load_reference(directory)
    assert fragment in str(err.value)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("{", "cannot read"),
        ('{"source": "x", "source": "y"}', "duplicate key"),
        ('{"source": "x", "lengths": {"kpj": NaN}}', "NaN"),
        ("[]", "object"),
        (b"\xff\xfe", "cannot read"),
    ],
)
def test_unreadable_json(tmp_path: Path, text: str | bytes, fragment: str) -> None:
    directory = tmp_path / "ref"
    shutil.copytree(SHIPPED, directory)
    target = directory / "identifiers.json"
    if isinstance(text, bytes):
        target.write_bytes(text)
    else:
        target.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape("identifiers.json")) as err:
        load_reference(directory)
    assert fragment in str(err.value)


def test_missing_file(tmp_path: Path) -> None:
    directory = tmp_path / "ref"
    shutil.copytree(SHIPPED, directory)
    (directory / "jp_wage_caps.json").unlink()
    with pytest.raises(ValueError, match=re.escape("jp_wage_caps.json")):
        load_reference(directory)
