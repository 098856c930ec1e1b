"""Contribution payments: BPU by NIK or KPJ with DOMAIN.md's figures, PU by payment code."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from desktop.counter import Counter
from desktop.errors import DomainError, FieldsError
from desktop.services.auth import User
from desktop.services.capture import Captured
from desktop.services.contributions import (
    check_bpu_period,
    check_payment_code,
    pay_bpu,
    pay_pu,
)
from desktop.services.registration import register_participant
from desktop.store.schema import contribution_lines, contributions, participants, transactions
from tests.services.conftest import NIK_MAN, bpu_payment, pu_payment, registration


def _lines(counter: Counter, captured: Captured) -> dict[str, int]:
    with counter.store.read() as connection:
        rows = connection.execute(
            sa.select(contribution_lines.c.program, contribution_lines.c.amount).where(
                contribution_lines.c.seq == captured.seq
            )
        )
        return {program: amount for program, amount in rows}


@pytest.mark.parametrize(
    ("programs", "months", "total"),
    [
        ("JKK+JKM", 1, 16_800),
        ("JKK+JKM+JHT", 1, 36_800),
        ("JKK+JKM", 3, 50_400),
        ("JKK+JKM+JHT", 3, 110_400),
        ("JKK+JKM", 6, 100_800),
        ("JKK+JKM+JHT", 6, 220_800),
        ("JKK+JKM", 12, 201_600),
        ("JKK+JKM+JHT", 12, 441_600),
    ],
)
def test_bpu_totals_match_the_domain_examples(
    counter: Counter, teller: User, registered: Captured, programs: str, months: int, total: int
) -> None:
    paid = pay_bpu(counter, teller, bpu_payment(programs=programs, months=months))
    assert paid.amount == total
    lines = _lines(counter, paid)
    assert sum(lines.values()) == total
    assert lines["JKM"] == 6_800 * months


def test_income_and_programs_default_to_the_registration(counter: Counter, teller: User) -> None:
    register_participant(
        counter, teller, registration(monthly_income=2_000_000, programs="JKK+JKM+JHT")
    )
    paid = pay_bpu(counter, teller, bpu_payment())
    assert _lines(counter, paid) == {"JKK": 20_000, "JKM": 6_800, "JHT": 40_000}


def test_a_participant_is_found_by_kpj_once_the_upstream_gave_one(
    counter: Counter, teller: User, registered: Captured
) -> None:
    with counter.store.write() as connection:
        connection.execute(
            sa.update(participants).where(participants.c.nik == NIK_MAN).values(kpj="12345678901")
        )
    paid = pay_bpu(counter, teller, bpu_payment(participant="123 4567 8901"))
    with counter.store.read() as connection:
        by = connection.execute(
            sa.select(contributions.c.identified_by).where(contributions.c.seq == paid.seq)
        ).scalar_one()
    assert by == "kpj"


def test_an_unknown_participant_is_refused_with_a_masked_number(
    counter: Counter, teller: User
) -> None:
    with pytest.raises(DomainError, match="belum terdaftar") as caught:
        pay_bpu(counter, teller, bpu_payment())
    assert caught.value.field == "participant"
    assert NIK_MAN not in caught.value.message("id")
    assert "3171••••••••0002" in caught.value.message("id")


def test_a_period_already_paid_is_refused_naming_the_receipt(
    counter: Counter, teller: User, registered: Captured
) -> None:
    first = pay_bpu(counter, teller, bpu_payment(months=3, period_start="2026-11"))
    with pytest.raises(DomainError, match=first.receipt_no) as caught:
        pay_bpu(counter, teller, bpu_payment(months=1, period_start="2027-01"))
    assert caught.value.field == "period_start"
    following = pay_bpu(counter, teller, bpu_payment(months=1, period_start="2027-02"))
    assert following.receipt_no.endswith("0000003")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"months": 2}, "months"),
        ({"months": "satu"}, "months"),
        ({"period_start": "2026-13"}, "period_start"),
        ({"period_start": "2020-01"}, "period_start"),
        ({"monthly_income": "-1000000"}, "monthly_income"),
        ({"programs": "JKK"}, "programs"),
        ({"participant": "12345"}, "participant"),
        ({"tender": "cek"}, "tender"),
        ({"tender": "debit"}, "debit_account"),
        ({"tender": "debit", "debit_account": "12ab"}, "debit_account"),
        ({"tender": "debit", "debit_account": "0123456789"}, "debit_reference"),
        (
            {"tender": "debit", "debit_account": "0123456789", "debit_reference": "AB/12"},
            "debit_reference",
        ),
        ({"tender": "cash", "cash_given": 10_000}, "cash_given"),
    ],
)
def test_bad_bpu_input_names_the_field_and_writes_nothing(
    counter: Counter, teller: User, registered: Captured, changes: dict[str, object], field: str
) -> None:
    with pytest.raises(DomainError) as caught:
        pay_bpu(counter, teller, bpu_payment(**changes))
    assert caught.value.field == field
    with counter.store.read() as connection:
        assert (
            connection.execute(sa.select(sa.func.count()).select_from(contributions)).scalar() == 0
        )


def test_cash_given_is_kept_for_the_change(
    counter: Counter, teller: User, registered: Captured
) -> None:
    paid = pay_bpu(counter, teller, bpu_payment(cash_given=20_000))
    with counter.store.read() as connection:
        txn = (
            connection.execute(sa.select(transactions).where(transactions.c.seq == paid.seq))
            .mappings()
            .one()
        )
    assert (txn["tender"], txn["cash_given"], txn["amount"]) == ("cash", 20_000, 16_800)


def test_a_pu_bill_is_paid_once_against_its_payment_code(counter: Counter, teller: User) -> None:
    paid = pay_pu(counter, teller, pu_payment())
    assert paid.amount == 924_000
    assert _lines(counter, paid) == {"JKK": 24_000, "JKM": 30_000, "JHT": 570_000, "JP": 300_000}
    with pytest.raises(DomainError, match=paid.receipt_no) as caught:
        pay_pu(counter, teller, pu_payment(npp="87654321"))
    assert caught.value.field == "payment_code"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"payment_code": "12345"}, "payment_code"),
        ({"npp": "1234"}, "npp"),
        ({"employer_name": ""}, "employer_name"),
        ({"period": "10/2026"}, "period"),
        ({"billed": {}}, "billed"),
        ({"period": "2025-01", "billed": {"JKP": 1000}}, "billed"),  # before PP 6/2025
        ({"billed": {"JKK": "-5"}}, "billed"),
        ({"billed": {"JHT": "1,5"}}, "billed"),
        ({"billed": {"XYZ": 1000}}, "billed"),
    ],
)
def test_bad_pu_input_names_the_field(
    counter: Counter, teller: User, changes: dict[str, object], field: str
) -> None:
    with pytest.raises(DomainError) as caught:
        pay_pu(counter, teller, pu_payment(**changes))
    assert caught.value.field == field


def test_a_pu_bill_since_pp_6_2025_has_a_jkp_line(counter: Counter, teller: User) -> None:
    """0,14 points of JKK fund JKP since 7 February 2025: the bill's JKP line is taken as is."""
    billed = {"JKK": 10_000, "JKM": 30_000, "JHT": 570_000, "JP": 300_000, "JKP": 14_000}
    paid = pay_pu(counter, teller, pu_payment(billed=billed))
    assert _lines(counter, paid) == billed
    assert paid.amount == 924_000


@pytest.mark.parametrize("code", ["12345678901", "1234 5678 901", "123456789012"])
def test_payment_codes_of_11_and_12_digits_are_taken(
    counter: Counter, teller: User, code: str
) -> None:
    paid = pay_pu(counter, teller, pu_payment(payment_code=code))
    with counter.store.read() as connection:
        stored = connection.execute(
            sa.select(contributions.c.payment_code).where(contributions.c.seq == paid.seq)
        ).scalar_one()
    assert stored == code.replace(" ", "")


@pytest.mark.parametrize("code", ["1234567890", "1234567890123"])
def test_payment_codes_of_other_lengths_are_refused(
    counter: Counter, teller: User, code: str
) -> None:
    with pytest.raises(DomainError) as caught:
        pay_pu(counter, teller, pu_payment(payment_code=code))
    assert caught.value.field == "payment_code"
    assert "11 atau 12 digit" in caught.value.message_id


def test_a_transport_worker_pays_half_jkk_and_jkm(
    counter: Counter, teller: User, registered: Captured
) -> None:
    paid = pay_bpu(counter, teller, bpu_payment(months=3, sector="transport"))
    assert paid.amount == 3 * 8_400
    assert _lines(counter, paid) == {"JKK": 15_000, "JKM": 10_200}


def test_ahead_is_bounded_by_the_month_paid_here(
    counter: Counter, teller: User, registered: Captured
) -> None:
    with pytest.raises(DomainError) as caught:
        pay_bpu(counter, teller, bpu_payment(period_start="2027-11"))
    assert "paling lambat 10/2027" in caught.value.message_id
    pay_bpu(counter, teller, bpu_payment(months=12, period_start="2026-11"))
    # Paid through October 2027 now: November 2027 lies within 12 months of it.
    paid = pay_bpu(counter, teller, bpu_payment(period_start="2027-11"))
    assert paid.amount == 16_800


def test_arrears_older_than_three_months_are_refused(
    counter: Counter, teller: User, registered: Captured
) -> None:
    with pytest.raises(DomainError) as caught:
        pay_bpu(counter, teller, bpu_payment(period_start="2026-07"))
    assert caught.value.field == "period_start"
    assert pay_bpu(counter, teller, bpu_payment(period_start="2026-08")).amount == 16_800


def test_a_month_paid_here_is_found_when_the_period_is_chosen_naming_the_receipt(
    counter: Counter, teller: User, registered: Captured
) -> None:
    check_bpu_period(counter, NIK_MAN, 3, "2026-11")  # nothing paid yet
    first = pay_bpu(counter, teller, bpu_payment(months=3, period_start="2026-11"))
    with pytest.raises(DomainError) as caught:
        check_bpu_period(counter, NIK_MAN, 1, "2027-01")
    assert caught.value.field == "period_start"
    assert caught.value.message_id == (
        f"Sebagian periode ini sudah dibayar dengan tanda terima {first.receipt_no}."
    )
    with pytest.raises(DomainError) as saved:  # what the save says, word for word
        pay_bpu(counter, teller, bpu_payment(months=1, period_start="2027-01"))
    assert saved.value.message_id == caught.value.message_id
    check_bpu_period(counter, NIK_MAN, 1, "2027-02")


def test_a_used_payment_code_is_found_when_the_field_is_left_naming_the_receipt(
    counter: Counter, teller: User
) -> None:
    check_payment_code(counter, "1234 5678 9012")
    paid = pay_pu(counter, teller, pu_payment())
    with pytest.raises(DomainError) as caught:
        check_payment_code(counter, "1234-5678-9012")
    assert caught.value.field == "payment_code"
    assert caught.value.message_id == (
        f"Kode iuran ini sudah dibayar dengan tanda terima {paid.receipt_no}."
    )
    with pytest.raises(DomainError) as short:
        check_payment_code(counter, "12345")
    assert short.value.field == "payment_code"


def test_every_wrong_field_of_a_payment_is_said_at_once(
    counter: Counter, teller: User, registered: Captured
) -> None:
    with pytest.raises(FieldsError) as bpu:
        pay_bpu(
            counter,
            teller,
            bpu_payment(participant="12345", months=2, tender="debit", debit_account="12ab"),
        )
    assert [e.field for e in bpu.value.errors] == [
        "months",
        "debit_account",
        "debit_reference",
        "participant",
    ]
    with pytest.raises(FieldsError) as pu:
        pay_pu(
            counter,
            teller,
            pu_payment(npp="1234", employer_name="", billed={}, debit_reference=""),
        )
    assert [e.field for e in pu.value.errors] == [
        "npp",
        "employer_name",
        "billed",
        "debit_reference",
    ]
    with counter.store.read() as connection:
        assert (
            connection.execute(sa.select(sa.func.count()).select_from(contributions)).scalar() == 0
        )
