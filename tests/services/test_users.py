"""Managing users: a supervisor resets a PIN, unlocks and deactivates (with their own PIN,
audited); everyone changes their own PIN; refusals name the field and change nothing."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from desktop.counter import Counter
from desktop.domain.users import Role
from desktop.errors import DomainError
from desktop.services.auth import login
from desktop.services.users import (
    change_pin,
    deactivate_user,
    list_users,
    reset_pin,
    unlock_user,
)
from desktop.services.verify import verify_store
from desktop.store.schema import audit_events, users
from tests.conftest import PINS, FakeClock

NEW_PIN = "918273"


def lock_out(counter: Counter, user_id: str) -> None:
    for _ in range(5):
        with pytest.raises(DomainError):
            login(counter, user_id, "999999")


def events(counter: Counter) -> list[tuple[str, str | None, str | None]]:
    """(action, actor, user concerned) of every user.* event after the counter was set up."""
    with counter.store.read() as connection:
        rows = connection.execute(
            sa.select(audit_events.c.action, audit_events.c.actor, audit_events.c.entity_id)
            .where(audit_events.c.action.like("user.%"), audit_events.c.action != "user.add")
            .order_by(audit_events.c.seq)
        ).all()
    return [(row.action, row.actor, row.entity_id) for row in rows]


def stored(counter: Counter, user_id: str) -> sa.RowMapping:
    with counter.store.read() as connection:
        return connection.execute(sa.select(users).where(users.c.id == user_id)).mappings().one()


def by_spv01(**pins: str) -> dict[str, str]:
    return {"supervisor_id": "spv01", "supervisor_pin": PINS["spv01"], **pins}


# --- reset ----------------------------------------------------------------------------------------


def test_a_supervisor_resets_a_forgotten_pin_and_the_lock_goes_with_it(counter: Counter) -> None:
    lock_out(counter, "teller01")
    entry = reset_pin(counter, user_id="teller01", new_pin=NEW_PIN, **by_spv01())
    assert (entry.id, entry.locked_until) == ("teller01", None)
    assert login(counter, "teller01", NEW_PIN).id == "teller01"
    with pytest.raises(DomainError, match="PIN salah"):
        login(counter, "teller01", PINS["teller01"])  # the old PIN is gone
    assert events(counter) == [
        ("user.locked", "teller01", "teller01"),
        ("user.pin_reset", "spv01", "teller01"),
    ]
    assert verify_store(counter).ok


def test_the_audit_never_holds_a_pin_or_its_hash(counter: Counter) -> None:
    reset_pin(counter, user_id="teller01", new_pin=NEW_PIN, **by_spv01())
    pin_hash = stored(counter, "teller01")["pin_hash"]
    with counter.store.read() as connection:
        details = " ".join(str(d) for d in connection.scalars(sa.select(audit_events.c.details)))
    assert NEW_PIN not in details
    assert pin_hash not in details


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"new_pin": "111111"}, "pin", "terlalu mudah ditebak"),
        ({"new_pin": "12"}, "pin", "PIN harus 6-8 angka"),
        ({"user_id": "x"}, "user_id", "ID pengguna harus"),
        ({"user_id": "nobody"}, "user_id", "Pengguna nobody tidak ada"),
        (
            {"supervisor_id": "teller02", "supervisor_pin": PINS["teller02"]},
            "supervisor_id",
            "oleh supervisor",
        ),
        ({"supervisor_pin": "000000"}, "supervisor_pin", "PIN salah"),
    ],
)
def test_a_reset_refused_names_the_field_and_changes_nothing(
    counter: Counter, changes: dict[str, str], field: str, message: str
) -> None:
    command = {"user_id": "teller01", "new_pin": NEW_PIN, **by_spv01(), **changes}
    before = stored(counter, "teller01")
    with pytest.raises(DomainError, match=message) as refused:
        reset_pin(counter, **command)
    assert refused.value.field == field
    assert stored(counter, "teller01")["pin_hash"] == before["pin_hash"]
    assert events(counter) == []


def test_a_bad_new_pin_costs_the_supervisor_no_try(counter: Counter) -> None:
    with pytest.raises(DomainError):
        reset_pin(counter, user_id="teller01", new_pin="123456", **by_spv01())
    assert stored(counter, "spv01")["failed_attempts"] == 0


# --- unlock ---------------------------------------------------------------------------------------


def test_a_supervisor_unlocks_before_the_30_minutes_are_over(counter: Counter) -> None:
    lock_out(counter, "teller01")
    assert list_users(counter)[2].locked_at(counter.now()) is not None
    entry = unlock_user(counter, user_id="teller01", **by_spv01())
    assert entry.locked_at(counter.now()) is None
    assert login(counter, "teller01", PINS["teller01"]).id == "teller01"
    # The count starts afresh: a wrong PIN now leaves 4 tries.
    with pytest.raises(DomainError, match="Sisa 4 kali"):
        login(counter, "teller01", "999999")
    assert events(counter)[-1] == ("user.unlock", "spv01", "teller01")


def test_unlocking_an_account_not_locked_is_said(counter: Counter, clock: FakeClock) -> None:
    with pytest.raises(DomainError, match="tidak sedang terkunci") as refused:
        unlock_user(counter, user_id="teller01", **by_spv01())
    assert refused.value.field == "user_id"
    lock_out(counter, "teller01")
    clock.advance(minutes=31)  # the lock has ended by itself
    with pytest.raises(DomainError, match="tidak sedang terkunci"):
        unlock_user(counter, user_id="teller01", **by_spv01())


def test_a_locked_supervisor_cannot_unlock_anyone_another_one_unlocks_them(
    counter: Counter,
) -> None:
    lock_out(counter, "spv01")
    with pytest.raises(DomainError, match="terkunci") as refused:
        unlock_user(counter, user_id="spv01", **by_spv01())
    assert refused.value.field == "supervisor_pin"
    unlock_user(counter, user_id="spv01", supervisor_id="spv02", supervisor_pin=PINS["spv02"])
    assert login(counter, "spv01", PINS["spv01"]).is_supervisor


# --- deactivate -----------------------------------------------------------------------------------


def test_a_deactivated_user_cannot_log_in_and_is_told_so(counter: Counter) -> None:
    entry = deactivate_user(counter, user_id="teller02", **by_spv01())
    assert not entry.active
    with pytest.raises(DomainError) as refused:
        login(counter, "teller02", PINS["teller02"])
    assert refused.value.field == "user_id"
    assert refused.value.message() == "Pengguna teller02 sudah dinonaktifkan. Hubungi supervisor."
    assert refused.value.message("en") == ("User teller02 has been deactivated. Call a supervisor.")
    # A wrong PIN is just a wrong PIN: who is deactivated is no stranger's business.
    with pytest.raises(DomainError, match="ID pengguna atau PIN salah"):
        login(counter, "teller02", "999999")
    assert [(u.id, u.active) for u in list_users(counter)][3] == ("teller02", False)
    assert events(counter) == [("user.deactivate", "spv01", "teller02")]


def test_a_deactivated_supervisor_approves_nothing(counter: Counter) -> None:
    deactivate_user(counter, user_id="spv02", **by_spv01())
    with pytest.raises(DomainError, match="dinonaktifkan") as refused:
        unlock_user(
            counter, user_id="teller01", supervisor_id="spv02", supervisor_pin=PINS["spv02"]
        )
    assert refused.value.field == "supervisor_id"


def test_a_supervisor_cannot_deactivate_themselves(counter: Counter) -> None:
    with pytest.raises(DomainError, match="dirinya sendiri") as refused:
        deactivate_user(counter, user_id="spv01", **by_spv01())
    assert refused.value.field == "user_id"
    assert stored(counter, "spv01")["active"]


def test_the_last_active_supervisor_stays(counter: Counter) -> None:
    deactivate_user(counter, user_id="spv02", **by_spv01())
    with pytest.raises(DomainError) as refused:
        deactivate_user(counter, user_id="spv01", **by_spv01())
    assert refused.value.message("en") == (
        "spv01 is the last active supervisor and cannot be deactivated."
    )
    assert stored(counter, "spv01")["active"]


def test_a_teller_deactivates_no_one_and_nobody_twice(counter: Counter) -> None:
    with pytest.raises(DomainError, match="oleh supervisor"):
        deactivate_user(
            counter, user_id="teller02", supervisor_id="teller01", supervisor_pin=PINS["teller01"]
        )
    deactivate_user(counter, user_id="teller02", **by_spv01())
    with pytest.raises(DomainError, match="sudah dinonaktifkan"):
        deactivate_user(counter, user_id="teller02", **by_spv01())
    with pytest.raises(DomainError, match="sudah dinonaktifkan"):
        reset_pin(counter, user_id="teller02", new_pin=NEW_PIN, **by_spv01())
    assert events(counter) == [("user.deactivate", "spv01", "teller02")]


# --- change one's own PIN -------------------------------------------------------------------------


def test_everyone_changes_their_own_pin(counter: Counter) -> None:
    user = change_pin(counter, user_id="teller01", old_pin=PINS["teller01"], new_pin=NEW_PIN)
    assert (user.id, user.role) == ("teller01", Role.TELLER)
    assert login(counter, "teller01", NEW_PIN).id == "teller01"
    with pytest.raises(DomainError):
        login(counter, "teller01", PINS["teller01"])
    assert events(counter) == [("user.pin_change", "teller01", "teller01")]


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        ("000000", NEW_PIN, "old_pin", "ID pengguna atau PIN salah. Sisa 4 kali"),
        (PINS["teller01"], "123456", "new_pin", "terlalu mudah ditebak"),
        (PINS["teller01"], "", "new_pin", "PIN harus 6-8 angka"),
        (PINS["teller01"], PINS["teller01"], "new_pin", "berbeda dari PIN lama"),
    ],
)
def test_a_pin_change_refused_names_the_field_and_keeps_the_pin(
    counter: Counter, old: str, new: str, field: str, message: str
) -> None:
    with pytest.raises(DomainError, match=message) as refused:
        change_pin(counter, user_id="teller01", old_pin=old, new_pin=new)
    assert refused.value.field == field
    assert login(counter, "teller01", PINS["teller01"]).id == "teller01"
    assert events(counter) == []


def test_a_locked_account_cannot_change_its_pin(counter: Counter) -> None:
    lock_out(counter, "teller01")
    with pytest.raises(DomainError, match="terkunci"):
        change_pin(counter, user_id="teller01", old_pin=PINS["teller01"], new_pin=NEW_PIN)
