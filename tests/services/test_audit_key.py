"""The counter's audit key: made once in the keystore, outside the data folder and the database;
a PC without it cannot vouch for the chain; a keystore that fails is said, not a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop.counter import Counter
from desktop.errors import DomainError
from desktop.keystore import AUDIT_KEY, KeyStore, KeyStoreError
from desktop.paths import DB_FILENAME
from desktop.services.auth import User
from desktop.services.registration import register_participant
from desktop.services.verify import verify_store
from desktop.store.store import Store
from tests.helpers import FakeClock
from tests.services.conftest import registration


class _MemoryKeeper:
    def __init__(self) -> None:
        self.kept: dict[str, bytes] = {}

    def get(self, account: str) -> bytes | None:
        return self.kept.get(account)

    def put(self, account: str, secret: bytes) -> None:
        self.kept[account] = secret

    def delete(self, account: str) -> None:
        self.kept.pop(account, None)


class _BrokenKeeper(_MemoryKeeper):
    def get(self, account: str) -> bytes | None:
        raise KeyStoreError("the key file cannot be read: permission denied")


def test_the_key_is_made_on_first_use_kept_and_never_in_the_database(tmp_path: Path) -> None:
    keys = KeyStore("a-store", _MemoryKeeper())
    store = Store(tmp_path)
    try:
        counter = Counter(store, clock=FakeClock(), keys=keys)
        assert counter.kept_audit_key() is None  # verify never makes one
        made = counter.audit_key
        assert made.fresh
        assert len(made.secret) == 32
        assert keys.get(AUDIT_KEY) == made.secret
        assert counter.kept_audit_key() == made.secret
        again = Counter(store, clock=FakeClock(), keys=keys).audit_key
        assert (again.secret, again.fresh) == (made.secret, False)
    finally:
        store.close()
    assert made.secret not in (tmp_path / DB_FILENAME).read_bytes()


def test_a_keystore_that_fails_is_a_message(tmp_path: Path) -> None:
    store = Store(tmp_path)
    try:
        counter = Counter(store, clock=FakeClock(), keys=KeyStore("a-store", _BrokenKeeper()))
        with pytest.raises(DomainError) as caught:
            _ = counter.audit_key
        assert caught.value.field == "keystore"
        assert "permission denied" in caught.value.message_en
    finally:
        store.close()


def test_a_copied_data_folder_on_a_pc_without_the_key_cannot_be_vouched_for(
    counter: Counter, teller: User, tmp_path: Path
) -> None:
    """The copy keeps its store id; the keys stayed with the PC (here: another keystore)."""
    register_participant(counter, teller, registration())
    copy = tmp_path / "copy"
    shutil.copytree(counter.store.data_dir, copy)
    store = Store(copy)
    try:
        elsewhere = Counter(store, clock=FakeClock(), keys=KeyStore("copy", _MemoryKeeper()))
        problems = verify_store(elsewhere).problems
    finally:
        store.close()
    assert [p.check for p in problems] == ["audit_chain"]
    assert "this PC does not keep the counter's audit key" in problems[0].message_en
    assert "#1" in problems[0].message_en
