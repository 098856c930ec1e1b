"""The effective-dated reference data (resources/reference, or a set pulled from the upstream):
each file read as JSON, validated by a pydantic model, and turned into the domain's values."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Any, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)

from desktop.domain.agents import CommissionScheme
from desktop.domain.claims import ClaimDocument, ClaimReason, JhtTax, Requirement
from desktop.domain.rates import BASIS_POINTS, BpuRateSet, BpuRelief, PuRateSet, RiskClass
from desktop.resources import resource_path

IDENTIFIER_KEYS = ("kpj", "npp", "payment_code")

T = TypeVar("T")


@dataclass(frozen=True)
class ReferenceData:
    provinces: Mapping[str, str]  # Kemendagri code "11" -> "Aceh"
    identifier_lengths: Mapping[str, int]  # "kpj", "npp", "payment_code" -> digits (the longest)
    bpu: tuple[BpuRateSet, ...]  # ascending effective_from
    pu: tuple[PuRateSet, ...]  # ascending effective_from
    jp_wage_caps: tuple[tuple[date, int], ...]  # (effective_from, cap), ascending
    claim_reasons: tuple[ClaimReason, ...]
    version: str
    jht_tax: JhtTax = field(default_factory=JhtTax)
    bpu_tiers_note: str = ""  # why the tier list is (or is not) a placeholder
    bpu_reliefs: tuple[BpuRelief, ...] = ()
    # Every length an identifier may have ("payment_code" -> (11, 12)); one length when absent.
    accepted_lengths: Mapping[str, tuple[int, ...]] = field(
        default_factory=lambda: MappingProxyType({})
    )

    # Perisai agents' commission schemes (agent_commission.json), ascending effective_from.
    agent_schemes: tuple[CommissionScheme, ...] = ()

    def lengths_of(self, identifier: str) -> tuple[int, ...]:
        return self.accepted_lengths.get(identifier) or (self.identifier_lengths[identifier],)


# --- the field types: each says what is wrong in words a reader of the file understands ---------


def _non_empty(value: str) -> str:
    if not value.strip():
        raise ValueError("expected a non-empty string")
    return value


def _iso_date(value: object) -> object:
    if not isinstance(value, str):
        raise ValueError("expected an ISO date YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError("expected an ISO date YYYY-MM-DD") from None


def _integer(value: object) -> object:
    # JSON true/false arrive as bool, which Python counts as int; 1.0 is no integer either.
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("expected an integer")
    return value


def _true_or_false(value: object) -> object:
    if not isinstance(value, bool):
        raise ValueError("expected true or false")
    return value


Text = Annotated[str, Field(strict=True), AfterValidator(_non_empty)]
IsoDate = Annotated[date, BeforeValidator(_iso_date)]
Integer = Annotated[int, BeforeValidator(_integer)]
Amount = Annotated[Integer, Field(ge=0)]
Positive = Annotated[Integer, Field(ge=1)]
BasisPoints = Annotated[Integer, Field(ge=0, le=BASIS_POINTS)]
Flag = Annotated[bool, BeforeValidator(_true_or_false)]


class _Model(BaseModel):
    """A part of a file: unknown keys are left alone (a newer set may carry more), the values
    are frozen."""

    model_config = ConfigDict(frozen=True, extra="ignore")


class _Documented(_Model):
    """A whole file: it says where its figures come from."""

    source: str | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _says_where_from(self) -> _Documented:
        if not (self.source or self.note):
            raise ValueError('needs a "source" or "note" string')
        return self


def _ascending(entries: list[T], start: Any, what: str) -> list[T]:
    starts = [start(entry) for entry in entries]
    if len(set(starts)) != len(starts):
        raise ValueError(f"two {what} share an effective_from date")
    return sorted(entries, key=start)


# --- the files ------------------------------------------------------------------------------------


def _province_code(code: str) -> str:
    if len(code) != 2 or not code.isascii() or not code.isdigit() or code[0] == "0":
        raise ValueError(f"{code!r}: expected a two-digit code")
    return code


class ProvincesFile(_Documented):
    provinces: dict[Annotated[str, AfterValidator(_province_code)], Text]


Length = Annotated[Integer, Field(ge=1, le=64)]


class IdentifiersFile(_Documented):
    lengths: dict[str, Length]
    accepted_lengths: dict[str, Annotated[list[Length], Field(min_length=1, max_length=8)]] = {}

    @model_validator(mode="after")
    def _every_identifier(self) -> IdentifiersFile:
        missing = [key for key in IDENTIFIER_KEYS if key not in self.lengths]
        if missing:
            raise ValueError(f"lengths: missing {', '.join(missing)}")
        for key, accepted in self.accepted_lengths.items():
            if self.lengths.get(key) != max(accepted):
                raise ValueError(f"accepted_lengths.{key}: the longest must equal lengths.{key}")
        return self


class IncomeTiers(_Model):
    tiers: Annotated[list[Positive], Field(min_length=1)]
    placeholder: Flag
    note: str = ""

    @model_validator(mode="after")
    def _ascending_and_said(self) -> IncomeTiers:
        if self.tiers != sorted(set(self.tiers)):
            raise ValueError("tiers: expected strictly ascending amounts")
        if self.placeholder and not self.note.strip():
            # A placeholder must say so in words, for the screen that shows the tier list.
            raise ValueError("a placeholder tier list needs a note saying so")
        return self


class BpuRates(_Model):
    effective_from: IsoDate
    jkk_bp: BasisPoints
    jkk_monthly_cap: Amount
    jkm_monthly: Amount
    jht_bp: BasisPoints
    income_tiers: IncomeTiers
    arrears_months: Annotated[Integer, Field(ge=0, le=120)] = 3
    advance_months: Annotated[Integer, Field(ge=1, le=120)] = 12


def _month(value: object) -> object:
    if not isinstance(value, str) or len(value) != 7:
        raise ValueError("expected a month YYYY-MM")
    try:
        return date.fromisoformat(f"{value}-01")
    except ValueError:
        raise ValueError("expected a month YYYY-MM") from None


Month = Annotated[date, BeforeValidator(_month)]


class BpuReliefEntry(_Model):
    code: Text
    name_id: Text
    name_en: Text
    source: Text
    sector: Text
    first_month: Month
    last_month: Month
    programs: Annotated[
        list[Annotated[str, Field(pattern=r"^(JKK|JKM|JHT)$")]], Field(min_length=1)
    ]
    discount_bp: Annotated[Integer, Field(ge=1, le=BASIS_POINTS)]

    @model_validator(mode="after")
    def _in_order(self) -> BpuReliefEntry:
        if self.last_month < self.first_month:
            raise ValueError("last_month: expected on or after first_month")
        return self


class BpuRatesFile(_Documented):
    rate_sets: Annotated[list[BpuRates], Field(min_length=1)]
    reliefs: list[BpuReliefEntry] = []

    @model_validator(mode="after")
    def _dated(self) -> BpuRatesFile:
        _ascending(self.rate_sets, lambda r: r.effective_from, "rate sets")
        return self


class PuRates(_Model):
    effective_from: IsoDate
    jkk_bp: dict[RiskClass, BasisPoints]
    jkm_employer_bp: BasisPoints
    jht_employer_bp: BasisPoints
    jht_worker_bp: BasisPoints
    jp_employer_bp: BasisPoints
    jp_worker_bp: BasisPoints
    jkp_employer_bp: BasisPoints = 0
    late_fine_bp_per_month: BasisPoints = 200

    @model_validator(mode="after")
    def _every_risk_class(self) -> PuRates:
        if set(self.jkk_bp) != set(RiskClass):
            raise ValueError(f"jkk_bp: expected exactly {', '.join(RiskClass)}")
        return self


class PuRatesFile(_Documented):
    rate_sets: Annotated[list[PuRates], Field(min_length=1)]

    @model_validator(mode="after")
    def _dated(self) -> PuRatesFile:
        _ascending(self.rate_sets, lambda r: r.effective_from, "rate sets")
        return self


class WageCap(_Model):
    effective_from: IsoDate
    cap: Positive


class WageCapsFile(_Documented):
    caps: Annotated[list[WageCap], Field(min_length=1)]

    @model_validator(mode="after")
    def _dated(self) -> WageCapsFile:
        _ascending(self.caps, lambda c: c.effective_from, "caps")
        return self


class DocumentNames(_Model):
    id: Text
    en: Text


class RequirementEntry(_Model):
    """One requirement met by any one of its documents."""

    code: Text
    any_of: Annotated[list[Text], Field(min_length=1)]
    name_id: Text
    name_en: Text


class ReasonEntry(_Model):
    code: Text
    name_id: Text
    name_en: Text
    requirements: list[Text | RequirementEntry]  # a document's code: that document alone
    optional_documents: list[Text] = []
    waiting_period_months: Annotated[Integer, Field(ge=0, le=120)]
    event_date_required: Flag
    min_membership_years: Annotated[Integer, Field(ge=0, le=60)] = 0
    once: Flag = False
    payout_share_percent: Annotated[Integer, Field(ge=1, le=100)] = 100
    payout_to_mortgage_bank: Flag = False


class JhtTaxEntry(_Model):
    rule: Text
    tax_free_up_to: Annotated[Integer, Field(ge=0)]
    rate_above_bp: Annotated[Integer, Field(ge=0, le=10_000)]
    confirmed: Flag
    note: Text


class ClaimReasonsFile(_Documented):
    documents: dict[str, DocumentNames]
    common_requirements: list[Text | RequirementEntry] = []
    common_optional_documents: list[Text] = []
    reasons: Annotated[list[ReasonEntry], Field(min_length=1)]
    jht_tax: JhtTaxEntry | None = None  # absent: the law's rule as the primer states it

    @model_validator(mode="after")
    def _consistent(self) -> ClaimReasonsFile:
        named = [self.common_optional_documents]
        named += [r.optional_documents for r in self.reasons]
        for requirement in [
            *self.common_requirements,
            *(q for r in self.reasons for q in r.requirements),
        ]:
            named.append([requirement] if isinstance(requirement, str) else requirement.any_of)
        for code in (code for codes in named for code in codes):
            if code not in self.documents:
                raise ValueError(f"unknown document {code!r}")
        codes = [reason.code for reason in self.reasons]
        if len(set(codes)) != len(codes):
            raise ValueError("two reasons share a code")
        return self

    def claim_reasons(self) -> tuple[ClaimReason, ...]:
        catalogue = {
            code: ClaimDocument(code, names.id, names.en) for code, names in self.documents.items()
        }

        def requirement(entry: str | RequirementEntry) -> Requirement:
            if isinstance(entry, str):
                doc = catalogue[entry]
                return Requirement(doc.code, (doc,), doc.name_id, doc.name_en)
            documents = tuple(catalogue[code] for code in entry.any_of)
            return Requirement(entry.code, documents, entry.name_id, entry.name_en)

        common = tuple(requirement(entry) for entry in self.common_requirements)
        optional = tuple(catalogue[code] for code in self.common_optional_documents)
        reasons = []
        for i, entry in enumerate(self.reasons):
            requirements = common + tuple(requirement(r) for r in entry.requirements)
            codes = [r.code for r in requirements]
            if not requirements or len(set(codes)) != len(codes):
                raise ValueError(f"reasons.{i}.requirements: expected distinct requirements")
            reasons.append(
                ClaimReason(
                    code=entry.code,
                    name_id=entry.name_id,
                    name_en=entry.name_en,
                    requirements=requirements,
                    optional_documents=tuple(catalogue[c] for c in entry.optional_documents)
                    + optional,
                    waiting_period_months=entry.waiting_period_months,
                    event_date_required=entry.event_date_required,
                    min_membership_years=entry.min_membership_years,
                    once=entry.once,
                    payout_share_percent=entry.payout_share_percent,
                    payout_to_mortgage_bank=entry.payout_to_mortgage_bank,
                )
            )
        return tuple(reasons)


class CommissionSchemeEntry(_Model):
    effective_from: IsoDate
    commission_bp: BasisPoints
    bonus: Amount
    bonus_min_new_participants: Positive
    institution_share_bp: BasisPoints
    confirmed: Flag
    source: Text


class AgentCommissionFile(_Documented):
    schemes: Annotated[list[CommissionSchemeEntry], Field(min_length=1)]

    @model_validator(mode="after")
    def _dated(self) -> AgentCommissionFile:
        _ascending(self.schemes, lambda s: s.effective_from, "schemes")
        return self

    def commission_schemes(self) -> tuple[CommissionScheme, ...]:
        return tuple(
            CommissionScheme(
                effective_from=s.effective_from,
                commission_bp=s.commission_bp,
                bonus=s.bonus,
                bonus_min_new=s.bonus_min_new_participants,
                institution_share_bp=s.institution_share_bp,
                confirmed=s.confirmed,
                source=s.source,
            )
            for s in sorted(self.schemes, key=lambda s: s.effective_from)
        )


AGENT_COMMISSION_FILE = "agent_commission.json"


class ManifestFile(_Documented):
    version: Text


def _bank_code(code: str) -> str:
    if not (code.isascii() and code.isalpha() and code.isupper() and 2 <= len(code) <= 10):
        raise ValueError(f"{code!r}: a bank code is 2-10 capital letters")
    return code


class PartnerBanksFile(_Documented):
    banks: dict[Annotated[str, AfterValidator(_bank_code)], Text] = Field(min_length=1)


# --- reading --------------------------------------------------------------------------------------

M = TypeVar("M", bound=BaseModel)


def _read(directory: Path, name: str, model: type[M]) -> M:
    """The file validated by `model`; ValueError naming the file and the place in it."""
    path = directory / name

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [key for key, _ in pairs]
        for key in keys:
            if keys.count(key) > 1:
                raise ValueError(f"{name}: duplicate key {key!r}")
        return dict(pairs)

    def no_constant(constant: str) -> Any:
        raise ValueError(f"{name}: {constant} is not allowed")

    try:
        data = json.loads(
            path.read_text(encoding="utf-8"),
            object_pairs_hook=no_duplicates,
            parse_constant=no_constant,
        )
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: cannot read reference data: {exc}") from exc
    if not isinstance(data, dict):
        raise ValueError(f"{name}: top level: expected an object")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ValueError(f"{name}: {_first_problem(exc)}") from None


def _first_problem(error: ValidationError) -> str:
    problem = error.errors(include_url=False)[0]
    where = ".".join(str(part) for part in problem["loc"]) or "top level"
    message = str(problem["msg"]).removeprefix("Value error, ")
    return f"{where}: {message}"


def _load(directory: Path) -> ReferenceData:
    bpu = _read(directory, "bpu_rates.json", BpuRatesFile)
    pu = _read(directory, "pu_rates.json", PuRatesFile)
    caps = _read(directory, "jp_wage_caps.json", WageCapsFile)
    claims = _read(directory, "claim_reasons.json", ClaimReasonsFile)
    try:
        reasons = claims.claim_reasons()
    except ValueError as exc:
        raise ValueError(f"claim_reasons.json: {exc}") from None
    bpu_sets = sorted(bpu.rate_sets, key=lambda r: r.effective_from)
    identifiers = _read(directory, "identifiers.json", IdentifiersFile)
    # A set from an upstream that does not publish the agents' scheme yet keeps the shipped one.
    commission_dir = (
        directory if (directory / AGENT_COMMISSION_FILE).exists() else resource_path("reference")
    )
    commission = _read(commission_dir, AGENT_COMMISSION_FILE, AgentCommissionFile)
    return ReferenceData(
        provinces=MappingProxyType(
            dict(_read(directory, "provinces.json", ProvincesFile).provinces)
        ),
        identifier_lengths=MappingProxyType(
            {key: identifiers.lengths[key] for key in IDENTIFIER_KEYS}
        ),
        accepted_lengths=MappingProxyType(
            {key: tuple(sorted(set(v))) for key, v in identifiers.accepted_lengths.items()}
        ),
        bpu=tuple(
            BpuRateSet(
                effective_from=r.effective_from,
                income_tiers=tuple(r.income_tiers.tiers),
                tiers_placeholder=r.income_tiers.placeholder,
                jkk_bp=r.jkk_bp,
                jkk_monthly_cap=r.jkk_monthly_cap,
                jkm_monthly=r.jkm_monthly,
                jht_bp=r.jht_bp,
                arrears_months=r.arrears_months,
                advance_months=r.advance_months,
            )
            for r in bpu_sets
        ),
        bpu_reliefs=tuple(
            BpuRelief(
                code=r.code,
                name_id=r.name_id,
                name_en=r.name_en,
                sector=r.sector,
                first_month=r.first_month,
                last_month=r.last_month,
                programs=frozenset(r.programs),
                discount_bp=r.discount_bp,
            )
            for r in bpu.reliefs
        ),
        pu=tuple(
            PuRateSet(
                effective_from=r.effective_from,
                jkk_bp=MappingProxyType({risk: r.jkk_bp[risk] for risk in RiskClass}),
                jkm_employer_bp=r.jkm_employer_bp,
                jht_employer_bp=r.jht_employer_bp,
                jht_worker_bp=r.jht_worker_bp,
                jp_employer_bp=r.jp_employer_bp,
                jp_worker_bp=r.jp_worker_bp,
                jkp_employer_bp=r.jkp_employer_bp,
                late_fine_bp_per_month=r.late_fine_bp_per_month,
            )
            for r in sorted(pu.rate_sets, key=lambda r: r.effective_from)
        ),
        jp_wage_caps=tuple(
            (c.effective_from, c.cap) for c in sorted(caps.caps, key=lambda c: c.effective_from)
        ),
        claim_reasons=reasons,
        jht_tax=JhtTax(
            tax_free_up_to=claims.jht_tax.tax_free_up_to,
            rate_above_bp=claims.jht_tax.rate_above_bp,
            confirmed=claims.jht_tax.confirmed,
        )
        if claims.jht_tax
        else JhtTax(),
        version=_read(directory, "manifest.json", ManifestFile).version,
        bpu_tiers_note=bpu_sets[-1].income_tiers.note,
        agent_schemes=commission.commission_schemes(),
    )


@cache
def _load_default() -> ReferenceData:
    return _load(resource_path("reference"))


@cache
def partner_banks() -> Mapping[str, str]:
    """The banks a counter may belong to, code -> name, in the shipped file's order
    (resources/reference/partner_banks.json): the setup wizard and `spo-counter init` offer
    these and refuse any other."""
    banks = _read(resource_path("reference"), "partner_banks.json", PartnerBanksFile).banks
    return MappingProxyType(dict(banks))


def load_reference(directory: Path | None = None) -> ReferenceData:
    """Reference data from `directory` (default: the shipped set, read once and cached).

    Raises ValueError naming the file, and the place in it, when a file is missing, not JSON or
    not as expected.
    """
    if directory is None:
        return _load_default()
    return _load(directory)
