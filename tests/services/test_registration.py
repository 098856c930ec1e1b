"""Registering a BPU participant: one transaction writes record, receipt number, audit, outbox."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from desktop.counter import Counter
from desktop.errors import DomainError, FieldsError
from desktop.services.auth import User
from desktop.services.capture import Captured
from desktop.services.registration import (
    check_nik_free,
    check_registration,
    register_participant,
)
from desktop.services.voids import VoidTransaction, void_transaction
from desktop.store.records import load_records
from desktop.store.schema import audit_events, outbox, participants, registrations, transactions
from tests.conftest import PINS
from tests.services.conftest import NIK_MAN, NIK_WOMAN, registration


def _count(counter: Counter, table: sa.Table) -> int:
    with counter.store.read() as connection:
        return int(connection.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())


def test_a_registration_is_stored_with_receipt_audit_event_and_outbox_row(
    counter: Counter, teller: User
) -> None:
    captured = register_participant(counter, teller, registration())
    assert captured.receipt_no == "BNI-0123-01-0000001"
    assert captured.kind == "registration"
    assert captured.amount == 0
    assert captured.business_date.isoformat() == "2026-11-24"
    with counter.store.read() as connection:
        row = connection.execute(sa.select(registrations)).mappings().one()
        txn = connection.execute(sa.select(transactions)).mappings().one()
        event = (
            connection.execute(
                sa.select(audit_events).where(audit_events.c.entity_id == captured.transaction_id)
            )
            .mappings()
            .one()
        )
        queued = connection.execute(sa.select(outbox)).mappings().one()
    assert row["full_name"] == "Joko Susanto"
    assert row["phone"] == "081234567890"
    assert row["monthly_income"] == 1_000_000
    assert row["programs"] == "JKK+JKM"
    assert txn["teller_id"] == "teller01"
    assert txn["timezone"] == "Asia/Jakarta"
    assert event["action"] == "registration"
    assert event["record_digest"]
    # The audit log is read by bank IT: no NIK in it.
    assert NIK_MAN not in json.dumps(dict(event))
    assert queued["seq"] == txn["seq"]
    assert queued["status"] == "pending"
    with counter.store.read() as connection:
        record = load_records(connection)[captured.transaction_id]
    assert record["details"] is not None
    assert record["details"]["nik"] == NIK_MAN


def test_birth_date_and_sex_are_taken_from_the_nik_when_left_empty(
    counter: Counter, teller: User
) -> None:
    register_participant(
        counter,
        teller,
        registration(nik=NIK_WOMAN, full_name="Ratna Handayani", birth_date="", sex=""),
    )
    with counter.store.read() as connection:
        row = connection.execute(sa.select(registrations)).mappings().one()
    assert (row["birth_date"], row["sex"]) == ("1990-01-05", "P")


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"birth_date": "18/08/1985"}, "birth_date", "tidak sesuai dengan NIK"),
        ({"sex": "P"}, "sex", "tidak sesuai dengan NIK"),
        ({"sex": "X"}, "sex", "L atau P"),
        ({"nik": "3171011708850000"}, "nik", ""),
        ({"nik": "0071011708850002"}, "nik", ""),
        ({"full_name": "J0ko"}, "full_name", ""),
        ({"phone": "12345"}, "phone", ""),
        ({"email": "joko@"}, "email", ""),
        ({"monthly_income": "1.234.567"}, "monthly_income", ""),
        ({"programs": "JHT"}, "programs", ""),
        ({"programs": "JKK+JKM+JP"}, "programs", ""),
        ({"address": ""}, "address", ""),
        ({"agent_code": "P!"}, "agent_code", "Perisai"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(
    counter: Counter, teller: User, changes: dict[str, str], field: str, words: str
) -> None:
    with pytest.raises(DomainError, match=words or None) as caught:
        register_participant(counter, teller, registration(**changes))
    assert caught.value.field == field
    assert caught.value.message("en") != caught.value.message("id")
    assert _count(counter, transactions) == 0
    assert _count(counter, participants) == 0
    assert _count(counter, outbox) == 0


def test_a_nik_already_registered_is_refused_naming_the_earlier_receipt(
    counter: Counter, teller: User, registered: Captured
) -> None:
    with pytest.raises(DomainError, match=registered.receipt_no) as caught:
        register_participant(counter, teller, registration(full_name="Joko Susanto Baru"))
    assert caught.value.field == "nik"
    assert _count(counter, transactions) == 1


def test_the_nik_is_checked_after_removing_spaces_dots_and_dashes(
    counter: Counter, teller: User, registered: Captured
) -> None:
    with pytest.raises(DomainError, match=registered.receipt_no):
        register_participant(counter, teller, registration(nik="3171.0117-0885 0002"))


def test_a_voided_registration_can_be_registered_again(
    counter: Counter, teller: User, registered: Captured
) -> None:
    void_transaction(
        counter,
        teller,
        VoidTransaction(registered.receipt_no, "Salah ketik nama", "spv01", PINS["spv01"]),
    )
    again = register_participant(counter, teller, registration(full_name="Joko Susanto Putra"))
    assert again.receipt_no == "BNI-0123-01-0000003"
    assert _count(counter, participants) == 1


def test_every_wrong_field_is_said_at_once_in_form_order_and_nothing_is_written(
    counter: Counter, teller: User
) -> None:
    bad = registration(
        nik="317101170885000",  # 15 digits
        full_name="",
        phone="12",
        monthly_income="",
        agent_code="x",
    )
    with pytest.raises(FieldsError) as caught:
        register_participant(counter, teller, bad)
    fields = [error.field for error in caught.value.errors]
    assert fields == ["nik", "full_name", "phone", "monthly_income", "agent_code"]
    assert caught.value.field == "nik"  # the first, for a caller that knows only one
    assert _count(counter, registrations) == 0
    assert _count(counter, transactions) == 0
    # The form's check as the teller goes is the save's own: the same errors, no store.
    assert [(e.field, e.message_id) for e in check_registration(counter, bad)] == [
        (e.field, e.message_id) for e in caught.value.errors
    ]
    assert check_registration(counter, registration()) == ()


def test_a_nik_already_registered_is_found_when_the_field_is_left(
    counter: Counter, teller: User
) -> None:
    check_nik_free(counter, NIK_MAN)  # nobody yet
    first = register_participant(counter, teller, registration())
    with pytest.raises(DomainError) as caught:
        check_nik_free(counter, f"{NIK_MAN[:6]}.{NIK_MAN[6:12]}.{NIK_MAN[12:]}")
    assert caught.value.field == "nik"
    assert (
        caught.value.message_id
        == f"NIK ini sudah terdaftar dengan tanda terima {first.receipt_no}."
    )
    # What the save itself refuses, word for word.
    with pytest.raises(DomainError) as saved:
        register_participant(counter, teller, registration())
    assert saved.value.message_id == caught.value.message_id
    check_nik_free(counter, "31710")  # no NIK yet: the field's own check says so
