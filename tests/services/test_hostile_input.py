"""Hostile input on every service: always a DomainError naming a field, never a crash or a write."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa

from desktop.counter import Counter
from desktop.errors import DomainError
from desktop.services.auth import User, login
from desktop.services.capture import Captured
from desktop.services.claims import hand_over_claim
from desktop.services.contributions import pay_bpu, pay_pu
from desktop.services.registration import register_participant
from desktop.services.users import change_pin, deactivate_user, reset_pin, unlock_user
from desktop.services.voids import VoidTransaction, void_transaction
from desktop.store.schema import audit_events, outbox, transactions, users
from tests.services.conftest import bpu_payment, claim, pu_payment, registration

HOSTILE = [
    "",
    " ",
    "x" * 100_000,
    "9" * 5_000,
    "'; DROP TABLE transactions; --",
    "Robert'); DELETE FROM participants;--",
    "\x00\x01\x02",
    "line\nbreak",
    "\u202etxet\u202c",  # right-to-left override
    "\ud800",  # a lone surrogate
    "𝟘𝟙𝟚𝟛𝟜𝟝𝟞𝟟𝟠𝟡𝟘𝟙𝟚𝟛𝟜𝟝",  # mathematical digits
    "٣١٧١٠١١٧٠٨٨٥٠٠٠٢",  # Arabic-Indic digits
    "-1000000",
    "99999999999999999999999999",
    "1e9",
    "NaN",
    "%s%n{0}",
    "😀😀😀",
]

Service = Callable[[Counter, User, Any], Captured]
FORMS: list[tuple[str, Service, Any]] = [
    ("registration", register_participant, registration()),
    ("bpu", pay_bpu, bpu_payment()),
    ("pu", pay_pu, pu_payment()),
    ("claim", hand_over_claim, claim()),
    (
        "void",
        void_transaction,
        VoidTransaction("BNI-0123-01-0000001", "Salah input nominal", "spv01", "135790"),
    ),
]
CASES = [
    pytest.param(service, command, field.name, value, id=f"{name}.{field.name}[{i}]")
    for name, service, command in FORMS
    for field in dataclasses.fields(command)
    if field.type in ("str", "str | int", "int | str")
    for i, value in enumerate(HOSTILE)
]


@pytest.mark.parametrize(("service", "command", "field", "value"), CASES)
def test_hostile_text_in_any_field_is_refused_cleanly(
    counter: Counter,
    teller: User,
    registered: Captured,
    service: Service,
    command: Any,
    field: str,
    value: str,
) -> None:
    with counter.store.read() as connection:
        before = connection.execute(sa.select(sa.func.count()).select_from(transactions)).scalar()
    refused: DomainError | None = None
    try:
        service(counter, teller, dataclasses.replace(command, **{field: value}))
    except DomainError as error:
        refused = error
    # Some fields accept odd but valid text (an address with an emoji is still an address).
    written = 0 if refused else 1
    if refused is not None:
        assert refused.field
        assert refused.message("id")
        assert refused.message("en")
    with counter.store.read() as connection:
        after = connection.execute(sa.select(sa.func.count()).select_from(transactions)).scalar()
        queued = connection.execute(sa.select(sa.func.count()).select_from(outbox)).scalar()
    assert after == before + written
    assert queued == after


@pytest.mark.parametrize("value", [10**30, -(10**12), True, -1])
def test_hostile_numbers_are_refused(
    counter: Counter, teller: User, registered: Captured, value: int
) -> None:
    with pytest.raises(DomainError):
        pay_bpu(counter, teller, bpu_payment(monthly_income=value))
    with pytest.raises(DomainError):
        pay_pu(counter, teller, pu_payment(billed={"JHT": value}))
    with pytest.raises(DomainError):
        register_participant(
            counter,
            teller,
            registration(nik="3201014501900001", monthly_income=value, sex="P", birth_date=""),
        )


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_login_input_is_refused(counter: Counter, value: str) -> None:
    with pytest.raises(DomainError):
        login(counter, value, value)


USER_CHANGES: list[tuple[str, Callable[..., object], dict[str, str]]] = [
    (
        "reset_pin",
        reset_pin,
        {
            "user_id": "teller01",
            "new_pin": "918273",
            "supervisor_id": "spv01",
            "supervisor_pin": "135790",
        },
    ),
    (
        "unlock",
        unlock_user,
        {"user_id": "teller01", "supervisor_id": "spv01", "supervisor_pin": "135790"},
    ),
    (
        "deactivate",
        deactivate_user,
        {"user_id": "teller01", "supervisor_id": "spv01", "supervisor_pin": "135790"},
    ),
    ("change_pin", change_pin, {"user_id": "teller01", "old_pin": "102938", "new_pin": "918273"}),
]


@pytest.mark.parametrize(
    ("service", "command", "field"),
    [
        pytest.param(service, command, field, id=f"{name}.{field}")
        for name, service, command in USER_CHANGES
        for field in command
    ],
)
def test_hostile_input_to_a_user_change_changes_no_user(
    counter: Counter, service: Callable[..., object], command: dict[str, str], field: str
) -> None:
    def users_now() -> list[tuple[object, ...]]:
        with counter.store.read() as connection:
            rows = connection.execute(sa.select(users.c.id, users.c.pin_hash, users.c.active))
            return [tuple(row) for row in rows]

    def changes_audited() -> int:
        with counter.store.read() as connection:
            query = sa.select(sa.func.count()).where(
                audit_events.c.action.in_(
                    ("user.pin_reset", "user.unlock", "user.deactivate", "user.pin_change")
                )
            )
            return int(connection.execute(query).scalar_one())

    before = users_now()
    for value in HOSTILE:
        with pytest.raises(DomainError) as refused:
            service(counter, **{**command, field: value})
        assert refused.value.message("id")
        assert refused.value.message("en")
    assert users_now() == before
    assert changes_audited() == 0
