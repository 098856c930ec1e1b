"""Shared fixtures: a fresh counter store in tmp_path with a supervisor and tellers logged in."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.counter import Counter
from desktop.domain.users import Role
from desktop.paths import DB_FILENAME
from desktop.services.auth import User
from desktop.services.setup import add_user, init_counter
from desktop.store.store import Store
from tests.helpers import START, FakeClock

__all__ = ["PINS", "START", "FakeClock"]

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PINS = {"spv01": "135790", "spv02": "246801", "teller01": "102938", "teller02": "564738"}


@pytest.fixture(scope="session")
def template_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One set-up counter made once (argon2 hashing is slow on purpose); tests get copies."""
    folder = tmp_path_factory.mktemp("template")
    store = Store(folder)
    counter = Counter(store, clock=FakeClock())
    init_counter(
        counter,
        bank_code="BNI",
        branch_code="0123",
        branch_name="KC Jakarta Kota",
        counter_no=1,
        timezone="Asia/Jakarta",
        supervisor_id="spv01",
        supervisor_name="Siti Rahmawati",
        supervisor_pin=PINS["spv01"],
    )
    spv = User("spv01", "Siti Rahmawati", Role.SUPERVISOR)
    for user_id, name, role in (
        ("spv02", "Budi Santoso", "supervisor"),
        ("teller01", "Dewi Lestari", "teller"),
        ("teller02", "Agus Setiawan", "teller"),
    ):
        add_user(counter, by=spv, user_id=user_id, name=name, role=role, pin=PINS[user_id])
    store.close()
    return folder


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def data_dir(template_store: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "counter"
    folder.mkdir()
    shutil.copy2(template_store / DB_FILENAME, folder / DB_FILENAME)
    return folder


@pytest.fixture
def counter(data_dir: Path, clock: FakeClock) -> Iterator[Counter]:
    store = Store(data_dir)
    yield Counter(store, clock=clock)
    store.close()


@pytest.fixture
def teller() -> User:
    return User("teller01", "Dewi Lestari", Role.TELLER)


@pytest.fixture
def supervisor() -> User:
    return User("spv01", "Siti Rahmawati", Role.SUPERVISOR)
