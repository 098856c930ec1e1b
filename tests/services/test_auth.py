"""Logging in by PIN, the lockout after 5 wrong tries, and supervisor approvals."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from desktop.counter import Counter
from desktop.domain.users import Role
from desktop.errors import DomainError
from desktop.services.auth import User, approve, login
from desktop.services.setup import add_user
from desktop.store.store import Store
from tests.conftest import PINS, FakeClock


def test_the_right_pin_logs_in(counter: Counter) -> None:
    user = login(counter, "teller01", PINS["teller01"])
    assert (user.id, user.name, user.is_supervisor) == ("teller01", "Dewi Lestari", False)


@pytest.mark.parametrize(("user_id", "pin"), [("teller01", "000000"), ("nobody", "102938")])
def test_a_wrong_pin_or_unknown_user_is_refused_alike(
    counter: Counter, user_id: str, pin: str
) -> None:
    with pytest.raises(DomainError, match="ID pengguna atau PIN salah") as caught:
        login(counter, user_id, pin)
    assert caught.value.field == "pin"
    assert "Wrong user id or PIN" in caught.value.message("en")


def test_the_remaining_tries_are_counted_down(counter: Counter) -> None:
    for left in (4, 3, 2, 1):
        with pytest.raises(DomainError, match=f"Sisa {left} kali"):
            login(counter, "teller01", "999999")


def test_five_wrong_pins_lock_for_30_minutes_even_with_the_right_pin(
    counter: Counter, clock: FakeClock
) -> None:
    for _ in range(4):
        with pytest.raises(DomainError):
            login(counter, "teller01", "999999")
    with pytest.raises(DomainError, match=r"terkunci .* sampai pukul 10:30 WIB"):
        login(counter, "teller01", "999999")
    clock.advance(minutes=29)
    with pytest.raises(DomainError, match="terkunci"):
        login(counter, "teller01", PINS["teller01"])
    clock.advance(minutes=1, seconds=1)
    assert login(counter, "teller01", PINS["teller01"]).id == "teller01"


def test_the_lock_survives_a_restart(data_dir: Path, clock: FakeClock) -> None:
    store = Store(data_dir)
    counter = Counter(store, clock=clock)
    for _ in range(5):
        with pytest.raises(DomainError):
            login(counter, "teller02", "999999")
    store.close()
    reopened = Store(data_dir)
    try:
        with pytest.raises(DomainError, match="terkunci"):
            login(Counter(reopened, clock=clock), "teller02", PINS["teller02"])
    finally:
        reopened.close()


def test_a_good_login_resets_the_count(counter: Counter) -> None:
    for _ in range(4):
        with pytest.raises(DomainError):
            login(counter, "teller01", "999999")
    login(counter, "teller01", PINS["teller01"])
    with pytest.raises(DomainError, match="Sisa 4 kali"):
        login(counter, "teller01", "999999")


def test_wrong_pins_typed_while_the_right_one_is_checked_still_count(
    counter: Counter, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The owner's right PIN forgives the tries before it, never those that came after it:
    someone guessing while the owner logs in still locks the account after 5 guesses."""
    checking, release = threading.Event(), threading.Event()
    real_verify = PasswordHasher.verify

    def verify(hasher: PasswordHasher, pin_hash: str, pin: str) -> bool:
        if pin == PINS["teller01"]:
            checking.set()
            release.wait(timeout=30)  # the wrong PINs below are tried meanwhile
        return real_verify(hasher, pin_hash, pin)

    monkeypatch.setattr(PasswordHasher, "verify", verify)
    with ThreadPoolExecutor(1) as pool:
        owner = pool.submit(login, counter, "teller01", PINS["teller01"])
        assert checking.wait(timeout=30)
        for left in (3, 2, 1):
            with pytest.raises(DomainError, match=f"Sisa {left} kali"):
                login(counter, "teller01", "999999")
        # The fifth try counted: the account is at its limit while the right PIN is checked.
        with pytest.raises(DomainError, match="terkunci"):
            login(counter, "teller01", "999999")
        release.set()
        assert owner.result(timeout=30) == User("teller01", "Dewi Lestari", Role.TELLER)
    # The owner is in; the 4 guesses made meanwhile still count, so one more locks.
    with pytest.raises(DomainError, match="terkunci"):
        login(counter, "teller01", "999999")


def test_a_supervisor_approves_a_tellers_request(counter: Counter) -> None:
    teller = login(counter, "teller01", PINS["teller01"])
    assert approve(counter, "spv01", PINS["spv01"], requested_by=teller).id == "spv01"


def test_a_teller_cannot_approve(counter: Counter) -> None:
    teller = login(counter, "teller01", PINS["teller01"])
    with pytest.raises(DomainError, match="oleh supervisor") as caught:
        approve(counter, "teller02", PINS["teller02"], requested_by=teller)
    assert caught.value.field == "supervisor_id"


def test_a_supervisor_cannot_approve_their_own_request(counter: Counter) -> None:
    supervisor = login(counter, "spv01", PINS["spv01"])
    with pytest.raises(DomainError, match="sendiri"):
        approve(counter, "spv01", PINS["spv01"], requested_by=supervisor)


def test_a_wrong_supervisor_pin_names_the_supervisor_pin_field(counter: Counter) -> None:
    teller = login(counter, "teller01", PINS["teller01"])
    with pytest.raises(DomainError) as caught:
        approve(counter, "spv01", "999999", requested_by=teller)
    assert caught.value.field == "supervisor_pin"


def test_only_a_supervisor_adds_users_and_ids_are_unique(counter: Counter) -> None:
    teller = login(counter, "teller01", PINS["teller01"])
    with pytest.raises(DomainError, match="Hanya supervisor"):
        add_user(
            counter, by=teller, user_id="teller03", name="Rina Wati", role="teller", pin="918273"
        )
    supervisor = login(counter, "spv01", PINS["spv01"])
    with pytest.raises(DomainError, match="sudah dipakai"):
        add_user(
            counter,
            by=supervisor,
            user_id="teller01",
            name="Rina Wati",
            role="teller",
            pin="918273",
        )


@pytest.mark.parametrize(
    "pin", ["12345", "123456789", "111111", "123456", "654321", "12a456", "１２３９８７"]
)
def test_weak_or_malformed_new_pins_are_refused(counter: Counter, pin: str) -> None:
    supervisor = login(counter, "spv01", PINS["spv01"])
    with pytest.raises(DomainError) as caught:
        add_user(
            counter, by=supervisor, user_id="teller03", name="Rina Wati", role="teller", pin=pin
        )
    assert caught.value.field == "pin"
