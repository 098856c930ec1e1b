"""JHT claim reasons, the document checklist, missing requirements and waiting periods."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.claims import (
    NPWP_DOCUMENT,
    DocStatus,
    claim_reason,
    claimable_share,
    documents_for,
    missing_requirements,
    npwp_required,
    validate_event_date,
    waiting_period_end,
    waiting_period_over,
)
from desktop.errors import DomainError
from desktop.reference import load_reference

REF = load_reference()
CODES = (
    "retirement",
    "resignation",
    "dismissal",
    "contract_end",
    "bpu_stopped",
    "leaving_indonesia",
    "disability",
    "death",
    "partial_10",
    "partial_30_housing",
)
BRANCH_PRACTICE = ("kartu_keluarga", "buku_tabungan", "pas_foto", "formulir_klaim")
ORIG, COPY, MISS = DocStatus.ORIGINAL, DocStatus.COPY, DocStatus.MISSING


def test_all_reasons_present_in_order() -> None:
    assert tuple(reason.code for reason in REF.claim_reasons) == CODES


@pytest.mark.parametrize("code", CODES)
def test_every_reason_needs_the_card_and_shows_branch_documents(code: str) -> None:
    reason = claim_reason(REF, code)
    assert reason.requirements[0].code == "kartu_peserta"
    assert reason.name_id
    assert reason.name_en
    assert tuple(d.code for d in reason.optional_documents[-4:]) == BRANCH_PRACTICE
    shown = [d.code for d in documents_for(reason, npwp_required=False)]
    assert len(shown) == len(set(shown))
    assert "npwp" not in shown


@pytest.mark.parametrize(
    ("code", "requirements"),
    [
        ("retirement", [["kartu_peserta"], ["ktp"]]),
        ("resignation", [["kartu_peserta"], ["ktp"], ["surat_pengunduran_diri", "paklaring"]]),
        (
            "dismissal",
            [
                ["kartu_peserta"],
                ["ktp"],
                [
                    "tanda_terima_laporan_phk",
                    "laporan_phk_pemberi_kerja",
                    "surat_phk_persetujuan",
                    "perjanjian_bersama",
                    "putusan_phi",
                ],
            ],
        ),
        ("contract_end", [["kartu_peserta"], ["ktp"], ["perjanjian_kerja_pkwt"]]),
        ("bpu_stopped", [["kartu_peserta"], ["ktp"]]),
        (
            "leaving_indonesia",
            [["kartu_peserta"], ["paspor"], ["surat_pernyataan_tidak_bekerja_di_indonesia"]],
        ),
        (
            "disability",
            [
                ["kartu_peserta"],
                ["ktp"],
                ["surat_keterangan_dokter_pemeriksa", "surat_keterangan_dokter_penasihat"],
            ],
        ),
        (
            "death",
            [
                ["kartu_peserta"],
                [
                    "akta_kematian",
                    "surat_keterangan_kematian_dokter",
                    "surat_keterangan_kematian_pejabat",
                ],
                ["surat_keterangan_ahli_waris", "penetapan_pengadilan_ahli_waris"],
                ["ktp_ahli_waris", "paspor_ahli_waris"],
            ],
        ),
        (
            "partial_10",
            [
                ["kartu_peserta"],
                ["ktp"],
                ["kartu_keluarga"],
                ["surat_keterangan_pemberi_kerja"],
                ["buku_tabungan"],
            ],
        ),
        (
            "partial_30_housing",
            [
                ["kartu_peserta"],
                ["ktp"],
                ["kartu_keluarga"],
                ["surat_keterangan_pemberi_kerja"],
                ["ppjb", "ajb", "dokumen_bank_kpr"],
            ],
        ),
    ],
)
def test_requirements_per_reason(code: str, requirements: list[list[str]]) -> None:
    reason = claim_reason(REF, code)
    assert [[d.code for d in r.any_of] for r in reason.requirements] == requirements


def test_death_optional_documents() -> None:
    reason = claim_reason(REF, "death")
    assert [d.code for d in reason.optional_documents] == [
        "akta_kelahiran_anak",
        "penetapan_perwalian",
        "surat_wasiat",
        *BRANCH_PRACTICE,
    ]


@pytest.mark.parametrize(
    ("code", "months", "event_required"),
    [
        ("retirement", 0, False),
        ("resignation", 1, True),
        ("dismissal", 1, True),
        ("contract_end", 0, True),
        ("death", 0, False),
    ],
)
def test_waiting_and_event_flags(code: str, months: int, event_required: bool) -> None:
    reason = claim_reason(REF, code)
    assert (reason.waiting_period_months, reason.event_date_required) == (months, event_required)


@pytest.mark.parametrize("code", ["", "RETIREMENT", "pensiun", "x" * 10_000, "retirement' OR 1=1"])
def test_unknown_reason(code: str) -> None:
    with pytest.raises(DomainError) as err:
        claim_reason(REF, code)
    assert err.value.field == "reason"
    assert "lasan klaim" in err.value.message_id  # unknown, or none chosen ("Pilih alasan klaim.")
    assert "claim reason" in err.value.message_en


@pytest.mark.parametrize(
    ("balance_above_50m", "had_partial_claim", "expected"),
    [(False, False, False), (True, False, True), (False, True, True), (True, True, True)],
)
def test_npwp_required(balance_above_50m: bool, had_partial_claim: bool, expected: bool) -> None:
    assert (
        npwp_required(balance_above_50m=balance_above_50m, had_partial_claim=had_partial_claim)
        is expected
    )


def test_documents_for_order_with_npwp() -> None:
    reason = claim_reason(REF, "resignation")
    assert [d.code for d in documents_for(reason, npwp_required=True)] == [
        "kartu_peserta",
        "ktp",
        "surat_pengunduran_diri",
        "paklaring",
        "npwp",
        *BRANCH_PRACTICE,
    ]
    assert NPWP_DOCUMENT in documents_for(reason, npwp_required=True)


@pytest.mark.parametrize(
    ("code", "documents", "npwp", "missing"),
    [
        ("retirement", {}, False, ["kartu_peserta", "ktp"]),
        ("retirement", {"kartu_peserta": ORIG, "ktp": COPY}, False, []),
        ("retirement", {"kartu_peserta": ORIG, "ktp": MISS}, False, ["ktp"]),
        ("retirement", {"kartu_peserta": ORIG, "ktp": ORIG}, True, ["npwp"]),
        ("retirement", {"kartu_peserta": ORIG, "ktp": ORIG, "npwp": COPY}, True, []),
        ("retirement", {"kartu_peserta": ORIG, "ktp": ORIG, "npwp": COPY}, False, []),
        ("resignation", {"kartu_peserta": ORIG, "ktp": ORIG}, False, ["bukti_pengunduran_diri"]),
        ("resignation", {"kartu_peserta": ORIG, "ktp": ORIG, "paklaring": COPY}, False, []),
        ("dismissal", {"kartu_peserta": ORIG, "ktp": ORIG, "perjanjian_bersama": ORIG}, False, []),
        (
            "dismissal",
            {"kartu_peserta": ORIG, "ktp": ORIG, "putusan_phi": MISS, "perjanjian_bersama": MISS},
            False,
            ["bukti_phk"],
        ),
        (
            "death",
            {"kartu_peserta": ORIG, "akta_kematian": ORIG, "paspor_ahli_waris": COPY},
            False,
            ["bukti_ahli_waris"],
        ),
        # A doctor's or an authority's death statement serves as well as the death certificate.
        (
            "death",
            {
                "kartu_peserta": ORIG,
                "surat_keterangan_kematian_pejabat": COPY,
                "surat_keterangan_ahli_waris": ORIG,
                "ktp_ahli_waris": COPY,
            },
            False,
            [],
        ),
        # Optional documents never count as missing.
        ("retirement", {"kartu_peserta": ORIG, "ktp": ORIG, "buku_tabungan": MISS}, False, []),
        (
            "death",
            {"surat_wasiat": ORIG},
            False,
            ["kartu_peserta", "bukti_kematian", "bukti_ahli_waris", "identitas_ahli_waris"],
        ),
        # String statuses from a form are accepted too.
        ("retirement", {"kartu_peserta": "original", "ktp": "copy"}, False, []),
    ],
)
def test_missing_requirements(
    code: str, documents: dict[str, DocStatus], npwp: bool, missing: list[str]
) -> None:
    reason = claim_reason(REF, code)
    result = missing_requirements(reason, documents, npwp_required=npwp)
    assert [r.code for r in result] == missing


@pytest.mark.parametrize(
    "documents",
    [
        {"paspor": ORIG},  # a real document, but not one for retirement
        {"unknown": ORIG},
        {"ktp": "received"},
        {"ktp": None},
        {"ktp": 1},
        {1: ORIG},
        {"'; DROP TABLE claims;--": ORIG},
    ],
)
def test_bad_documents(documents: dict[str, DocStatus]) -> None:
    reason = claim_reason(REF, "retirement")
    with pytest.raises(DomainError) as err:
        missing_requirements(reason, documents, npwp_required=False)
    assert err.value.field == "documents"


@pytest.mark.parametrize(
    ("event", "end"),
    [
        (date(2026, 1, 15), date(2026, 2, 15)),
        (date(2026, 1, 31), date(2026, 2, 28)),
        (date(2024, 1, 31), date(2024, 2, 29)),
        (date(2026, 12, 31), date(2027, 1, 31)),
        (date(2026, 3, 31), date(2026, 4, 30)),
    ],
)
def test_waiting_period_end(event: date, end: date) -> None:
    for code in ("resignation", "dismissal"):
        reason = claim_reason(REF, code)
        assert waiting_period_end(reason, event) == end
        assert waiting_period_over(reason, event, end) is True
        assert waiting_period_over(reason, event, date.fromordinal(end.toordinal() - 1)) is False


@pytest.mark.parametrize("code", ["retirement", "contract_end", "death", "partial_10"])
def test_no_waiting_period(code: str) -> None:
    reason = claim_reason(REF, code)
    assert waiting_period_end(reason, date(2026, 11, 1)) is None
    assert waiting_period_end(reason, None) is None
    assert waiting_period_over(reason, None, date(2026, 11, 1)) is True


def test_waiting_period_needs_event_date() -> None:
    with pytest.raises(DomainError) as err:
        waiting_period_over(claim_reason(REF, "resignation"), None, date(2026, 11, 1))
    assert err.value.field == "event_date"


@pytest.mark.parametrize(
    ("code", "event", "ok"),
    [
        ("resignation", date(2026, 11, 24), True),
        ("resignation", None, False),
        ("resignation", date(2026, 11, 25), False),
        ("contract_end", None, False),
        ("retirement", None, True),
        ("retirement", date(2026, 1, 1), True),
    ],
)
def test_validate_event_date(code: str, event: date | None, ok: bool) -> None:
    reason = claim_reason(REF, code)
    today = date(2026, 11, 24)
    if ok:
        assert validate_event_date(reason, event, today) == event
    else:
        with pytest.raises(DomainError) as err:
            validate_event_date(reason, event, today)
        assert err.value.field == "event_date"


def test_partial_claims_need_ten_years_are_taken_once_and_pay_their_share() -> None:
    ten = claim_reason(REF, "partial_10")
    thirty = claim_reason(REF, "partial_30_housing")
    assert (ten.min_membership_years, ten.once, ten.payout_share_percent) == (10, True, 10)
    assert (thirty.min_membership_years, thirty.once, thirty.payout_share_percent) == (10, True, 30)
    assert thirty.payout_to_mortgage_bank
    assert not ten.payout_to_mortgage_bank
    assert claimable_share(ten, 12_345_678) == 1_234_567
    assert claimable_share(thirty, 10_000_000) == 3_000_000
    assert claimable_share(claim_reason(REF, "retirement"), 10_000_000) == 10_000_000


def test_jht_tax_is_nothing_up_to_fifty_million_then_five_percent_of_the_rest() -> None:
    tax = REF.jht_tax
    assert not tax.confirmed  # the primer's rule, marked to be confirmed in the reference data
    assert tax.tax_on(50_000_000) == 0
    assert tax.tax_on(50_000_001) == 0
    assert tax.tax_on(60_000_000) == 500_000
    assert tax.tax_on(0) == 0
