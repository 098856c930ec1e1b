"""Voids: a new record referencing the original, for today only, approved by another supervisor."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from desktop.counter import Counter
from desktop.errors import DomainError
from desktop.services.auth import User
from desktop.services.capture import Captured
from desktop.services.contributions import pay_bpu
from desktop.services.journal import journal
from desktop.services.voids import VoidTransaction, void_transaction
from desktop.store.schema import transactions, voids
from tests.conftest import PINS, FakeClock
from tests.services.conftest import bpu_payment


def _void(
    receipt: str, supervisor: str = "spv01", reason: str = "Salah input nominal"
) -> VoidTransaction:
    return VoidTransaction(receipt, reason, supervisor, PINS.get(supervisor, "999999"))


def test_a_void_references_the_original_which_stays_untouched(
    counter: Counter, teller: User, registered: Captured
) -> None:
    paid = pay_bpu(counter, teller, bpu_payment())
    void = void_transaction(counter, teller, _void(paid.receipt_no.lower()))
    assert void.kind == "void"
    assert void.receipt_no.endswith("0000003")
    with counter.store.read() as connection:
        row = connection.execute(sa.select(voids)).mappings().one()
        original = connection.execute(
            sa.select(transactions.c.amount).where(transactions.c.seq == paid.seq)
        ).scalar_one()
    assert (row["voided_seq"], row["approved_by"], row["reason"]) == (
        paid.seq,
        "spv01",
        "Salah input nominal",
    )
    assert original == 16_800
    entries = {e.receipt_no: e for e in journal(counter)}
    assert entries[paid.receipt_no].status == "voided"
    assert entries[paid.receipt_no].voided_by == void.receipt_no


def test_a_voided_period_can_be_paid_again(
    counter: Counter, teller: User, registered: Captured
) -> None:
    paid = pay_bpu(counter, teller, bpu_payment())
    void_transaction(counter, teller, _void(paid.receipt_no))
    assert pay_bpu(counter, teller, bpu_payment()).amount == 16_800


def test_a_supervisor_cannot_approve_their_own_void(
    counter: Counter, supervisor: User, registered: Captured
) -> None:
    paid = pay_bpu(counter, supervisor, bpu_payment())
    with pytest.raises(DomainError, match="sendiri") as caught:
        void_transaction(counter, supervisor, _void(paid.receipt_no, "spv01"))
    assert caught.value.field == "supervisor_id"
    assert void_transaction(counter, supervisor, _void(paid.receipt_no, "spv02")).kind == "void"


def test_a_teller_cannot_approve_a_void(
    counter: Counter, teller: User, registered: Captured
) -> None:
    with pytest.raises(DomainError, match="supervisor"):
        void_transaction(
            counter,
            teller,
            VoidTransaction(registered.receipt_no, "Salah ketik", "teller02", PINS["teller02"]),
        )


@pytest.mark.parametrize(
    ("reason", "field"), [("", "reason"), ("ok", "reason"), ("x" * 201, "reason")]
)
def test_a_void_needs_a_reason(
    counter: Counter, teller: User, registered: Captured, reason: str, field: str
) -> None:
    with pytest.raises(DomainError) as caught:
        void_transaction(counter, teller, _void(registered.receipt_no, reason=reason))
    assert caught.value.field == field


def test_only_the_open_business_day_can_be_voided(
    counter: Counter, teller: User, registered: Captured, clock: FakeClock
) -> None:
    clock.advance(days=1)
    with pytest.raises(DomainError, match="hari kerja yang sedang berjalan"):
        void_transaction(counter, teller, _void(registered.receipt_no))


def test_nothing_is_voided_twice_and_a_void_is_never_voided(
    counter: Counter, teller: User, registered: Captured
) -> None:
    paid = pay_bpu(counter, teller, bpu_payment())
    void = void_transaction(counter, teller, _void(paid.receipt_no))
    with pytest.raises(DomainError, match=f"sudah dibatalkan dengan {void.receipt_no}"):
        void_transaction(counter, teller, _void(paid.receipt_no))
    with pytest.raises(DomainError, match="tidak dapat dibatalkan"):
        void_transaction(counter, teller, _void(void.receipt_no))
    with pytest.raises(DomainError, match="tidak ditemukan"):
        void_transaction(counter, teller, _void("BNI-0123-01-9999999"))


def test_a_registration_with_payments_cannot_be_voided_first(
    counter: Counter, teller: User, registered: Captured
) -> None:
    paid = pay_bpu(counter, teller, bpu_payment())
    with pytest.raises(DomainError, match=paid.receipt_no):
        void_transaction(counter, teller, _void(registered.receipt_no))
    void_transaction(counter, teller, _void(paid.receipt_no))
    assert void_transaction(counter, teller, _void(registered.receipt_no)).kind == "void"
