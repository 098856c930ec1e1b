"""Loads and validates the effective-dated reference data shipped in resources/reference."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

from desktop.domain.claims import ClaimDocument, ClaimReason, Requirement
from desktop.domain.rates import BASIS_POINTS, BpuRateSet, PuRateSet, RiskClass
from desktop.resources import resource_path

IDENTIFIER_KEYS = ("kpj", "npp", "payment_code")

T = TypeVar("T")


@dataclass(frozen=True)
class ReferenceData:
    provinces: Mapping[str, str]  # Kemendagri code "11" -> "Aceh"
    identifier_lengths: Mapping[str, int]  # "kpj", "npp", "payment_code" -> digits
    bpu: tuple[BpuRateSet, ...]  # ascending effective_from
    pu: tuple[PuRateSet, ...]  # ascending effective_from
    jp_wage_caps: tuple[tuple[date, int], ...]  # (effective_from, cap), ascending
    claim_reasons: tuple[ClaimReason, ...]
    version: str
    bpu_tiers_note: str = ""  # why the tier list is (or is not) a placeholder


class _File:
    """One JSON file being read; every complaint names the file and the place in it."""

    def __init__(self, directory: Path, name: str) -> None:
        self.name = name
        path = directory / name
        try:
            text = path.read_text(encoding="utf-8")
            self.data: Any = json.loads(
                text, object_pairs_hook=self._no_duplicates, parse_constant=self._no_constant
            )
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValueError(f"{path}: cannot read reference data: {exc}") from exc

    def _no_duplicates(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                raise ValueError(f"{self.name}: duplicate key {key!r}")
            result[key] = value
        return result

    def _no_constant(self, name: str) -> Any:
        raise ValueError(f"{self.name}: {name} is not allowed")

    def fail(self, where: str, problem: str) -> ValueError:
        return ValueError(f"{self.name}: {where}: {problem}")

    def obj_(self, value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, "expected an object")
        return value

    def list_(self, value: Any, where: str, *, nonempty: bool = True) -> list[Any]:
        if not isinstance(value, list) or (nonempty and not value):
            raise self.fail(where, "expected a non-empty list" if nonempty else "expected a list")
        return value

    def str_(self, value: Any, where: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, "expected a non-empty string")
        return value

    def int_(self, value: Any, where: str, *, low: int = 0, high: int | None = None) -> int:
        # JSON true/false arrive as bool, which Python counts as int.
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(where, "expected an integer")
        if value < low or (high is not None and value > high):
            raise self.fail(where, f"expected {low}..{high if high is not None else ''}")
        return value

    def bool_(self, value: Any, where: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail(where, "expected true or false")
        return value

    def date_(self, value: Any, where: str) -> date:
        try:
            return date.fromisoformat(self.str_(value, where))
        except ValueError as exc:
            raise self.fail(where, "expected an ISO date YYYY-MM-DD") from exc

    def bp_(self, value: Any, where: str) -> int:
        return self.int_(value, where, high=BASIS_POINTS)

    def documented(self) -> dict[str, Any]:
        top = self.obj_(self.data, "top level")
        if not any(isinstance(top.get(key), str) for key in ("source", "note")):
            raise self.fail("top level", 'needs a "source" or "note" string')
        return top


def _ascending(file: _File, entries: list[tuple[date, T]], where: str) -> tuple[T, ...]:
    entries.sort(key=lambda entry: entry[0])
    starts = [start for start, _ in entries]
    if len(set(starts)) != len(starts):
        raise file.fail(where, "two entries share an effective_from date")
    return tuple(value for _, value in entries)


def _provinces(directory: Path) -> Mapping[str, str]:
    file = _File(directory, "provinces.json")
    raw = file.obj_(file.documented().get("provinces"), "provinces")
    result: dict[str, str] = {}
    for code, name in raw.items():
        if len(code) != 2 or not code.isascii() or not code.isdigit() or code[0] == "0":
            raise file.fail(f"provinces.{code}", "expected a two-digit code")
        result[code] = file.str_(name, f"provinces.{code}")
    return MappingProxyType(result)


def _identifier_lengths(directory: Path) -> Mapping[str, int]:
    file = _File(directory, "identifiers.json")
    raw = file.obj_(file.documented().get("lengths"), "lengths")
    lengths = {
        key: file.int_(raw.get(key), f"lengths.{key}", low=1, high=64) for key in IDENTIFIER_KEYS
    }
    return MappingProxyType(lengths)


def _bpu(directory: Path) -> tuple[tuple[BpuRateSet, ...], str]:
    file = _File(directory, "bpu_rates.json")
    entries: list[tuple[date, BpuRateSet]] = []
    notes: list[str] = []
    for i, item in enumerate(file.list_(file.documented().get("rate_sets"), "rate_sets")):
        where = f"rate_sets[{i}]"
        raw = file.obj_(item, where)
        tiers_raw = file.obj_(raw.get("income_tiers"), f"{where}.income_tiers")
        tiers = tuple(
            file.int_(t, f"{where}.income_tiers.tiers", low=1)
            for t in file.list_(tiers_raw.get("tiers"), f"{where}.income_tiers.tiers")
        )
        if list(tiers) != sorted(set(tiers)):
            raise file.fail(f"{where}.income_tiers.tiers", "expected strictly ascending amounts")
        start = file.date_(raw.get("effective_from"), f"{where}.effective_from")
        rates = BpuRateSet(
            effective_from=start,
            income_tiers=tiers,
            tiers_placeholder=file.bool_(
                tiers_raw.get("placeholder"), f"{where}.income_tiers.placeholder"
            ),
            jkk_bp=file.bp_(raw.get("jkk_bp"), f"{where}.jkk_bp"),
            jkk_monthly_cap=file.int_(raw.get("jkk_monthly_cap"), f"{where}.jkk_monthly_cap"),
            jkm_monthly=file.int_(raw.get("jkm_monthly"), f"{where}.jkm_monthly"),
            jht_bp=file.bp_(raw.get("jht_bp"), f"{where}.jht_bp"),
        )
        entries.append((start, rates))
        note = tiers_raw.get("note", "")
        if rates.tiers_placeholder:
            # A placeholder must say so in words, for the screen that shows the tier list.
            note = file.str_(note, f"{where}.income_tiers.note")
        notes.append(str(note))
    ordered = _ascending(file, entries, "rate_sets")
    return ordered, notes[-1] if notes else ""


def _pu(directory: Path) -> tuple[PuRateSet, ...]:
    file = _File(directory, "pu_rates.json")
    entries: list[tuple[date, PuRateSet]] = []
    for i, item in enumerate(file.list_(file.documented().get("rate_sets"), "rate_sets")):
        where = f"rate_sets[{i}]"
        raw = file.obj_(item, where)
        jkk_raw = file.obj_(raw.get("jkk_bp"), f"{where}.jkk_bp")
        if set(jkk_raw) != {str(risk) for risk in RiskClass}:
            raise file.fail(f"{where}.jkk_bp", f"expected exactly {', '.join(RiskClass)}")
        jkk = {risk: file.bp_(jkk_raw[risk], f"{where}.jkk_bp.{risk}") for risk in RiskClass}
        start = file.date_(raw.get("effective_from"), f"{where}.effective_from")

        def bp(key: str, where: str = where, raw: dict[str, Any] = raw) -> int:
            return file.bp_(raw.get(key), f"{where}.{key}")

        rates = PuRateSet(
            effective_from=start,
            jkk_bp=MappingProxyType(jkk),
            jkm_employer_bp=bp("jkm_employer_bp"),
            jht_employer_bp=bp("jht_employer_bp"),
            jht_worker_bp=bp("jht_worker_bp"),
            jp_employer_bp=bp("jp_employer_bp"),
            jp_worker_bp=bp("jp_worker_bp"),
        )
        entries.append((start, rates))
    return _ascending(file, entries, "rate_sets")


def _jp_wage_caps(directory: Path) -> tuple[tuple[date, int], ...]:
    file = _File(directory, "jp_wage_caps.json")
    entries: list[tuple[date, tuple[date, int]]] = []
    for i, item in enumerate(file.list_(file.documented().get("caps"), "caps")):
        raw = file.obj_(item, f"caps[{i}]")
        start = file.date_(raw.get("effective_from"), f"caps[{i}].effective_from")
        cap = file.int_(raw.get("cap"), f"caps[{i}].cap", low=1)
        entries.append((start, (start, cap)))
    return _ascending(file, entries, "caps")


def _claim_reasons(directory: Path) -> tuple[ClaimReason, ...]:
    file = _File(directory, "claim_reasons.json")
    top = file.documented()
    catalogue: dict[str, ClaimDocument] = {}
    for code, names in file.obj_(top.get("documents"), "documents").items():
        raw = file.obj_(names, f"documents.{code}")
        catalogue[code] = ClaimDocument(
            code,
            file.str_(raw.get("id"), f"documents.{code}.id"),
            file.str_(raw.get("en"), f"documents.{code}.en"),
        )

    def document(code: Any, where: str) -> ClaimDocument:
        found = catalogue.get(file.str_(code, where))
        if found is None:
            raise file.fail(where, f"unknown document {code!r}")
        return found

    def requirement(item: Any, where: str) -> Requirement:
        if isinstance(item, str):  # shorthand: one document, named after it
            doc = document(item, where)
            return Requirement(doc.code, (doc,), doc.name_id, doc.name_en)
        raw = file.obj_(item, where)
        any_of = tuple(
            document(code, f"{where}.any_of")
            for code in file.list_(raw.get("any_of"), f"{where}.any_of")
        )
        return Requirement(
            file.str_(raw.get("code"), f"{where}.code"),
            any_of,
            file.str_(raw.get("name_id"), f"{where}.name_id"),
            file.str_(raw.get("name_en"), f"{where}.name_en"),
        )

    common = tuple(
        requirement(item, "common_requirements")
        for item in file.list_(
            top.get("common_requirements"), "common_requirements", nonempty=False
        )
    )
    common_optional = tuple(
        document(code, "common_optional_documents")
        for code in file.list_(
            top.get("common_optional_documents"), "common_optional_documents", nonempty=False
        )
    )
    reasons: list[ClaimReason] = []
    for i, item in enumerate(file.list_(top.get("reasons"), "reasons")):
        where = f"reasons[{i}]"
        raw = file.obj_(item, where)
        own = tuple(
            requirement(r, f"{where}.requirements")
            for r in file.list_(raw.get("requirements"), f"{where}.requirements", nonempty=False)
        )
        optional = tuple(
            document(code, f"{where}.optional_documents")
            for code in file.list_(
                raw.get("optional_documents"), f"{where}.optional_documents", nonempty=False
            )
        )
        requirements = common + own
        codes = [r.code for r in requirements]
        if not requirements or len(set(codes)) != len(codes):
            raise file.fail(f"{where}.requirements", "expected distinct requirements")
        reasons.append(
            ClaimReason(
                code=file.str_(raw.get("code"), f"{where}.code"),
                name_id=file.str_(raw.get("name_id"), f"{where}.name_id"),
                name_en=file.str_(raw.get("name_en"), f"{where}.name_en"),
                requirements=requirements,
                optional_documents=optional + common_optional,
                waiting_period_months=file.int_(
                    raw.get("waiting_period_months"), f"{where}.waiting_period_months", high=120
                ),
                event_date_required=file.bool_(
                    raw.get("event_date_required"), f"{where}.event_date_required"
                ),
            )
        )
    if len({reason.code for reason in reasons}) != len(reasons):
        raise file.fail("reasons", "two reasons share a code")
    return tuple(reasons)


def _version(directory: Path) -> str:
    file = _File(directory, "manifest.json")
    return file.str_(file.documented().get("version"), "version")


def _load(directory: Path) -> ReferenceData:
    bpu, tiers_note = _bpu(directory)
    return ReferenceData(
        provinces=_provinces(directory),
        identifier_lengths=_identifier_lengths(directory),
        bpu=bpu,
        pu=_pu(directory),
        jp_wage_caps=_jp_wage_caps(directory),
        claim_reasons=_claim_reasons(directory),
        version=_version(directory),
        bpu_tiers_note=tiers_note,
    )


@cache
def _load_default() -> ReferenceData:
    return _load(resource_path("reference"))


def load_reference(directory: Path | None = None) -> ReferenceData:
    """Reference data from `directory` (default: the shipped set, read once and cached).

    Raises ValueError naming the file when a file is missing, not JSON or not as expected.
    """
    if directory is None:
        return _load_default()
    return _load(directory)
