"""A counter whose claims the sandbox decides at once, for the payout tests: a claim handed over,
uploaded, auto-decided and learned back (its handover receipt number)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

import pytest

from desktop.counter import Counter
from desktop.domain.users import Role
from desktop.services.auth import User
from desktop.services.business_day import open_day
from desktop.services.claims import hand_over_claim
from desktop.services.setup import add_user, init_counter
from desktop.services.upload import Upload, upload
from desktop.store.store import Store
from desktop.sync.sandbox.server import RunningSandbox
from tests.conftest import PINS, FakeClock
from tests.services.conftest import claim
from tests.sync.claims_support import CODE_OTHER, claims_sandbox
from tests.sync.registry_support import NIK_COURIER, TOKEN

SITI: Final = {
    "nik": NIK_COURIER,
    "participant_name": "Siti Aminah",
    "payout_account_holder": "Siti Aminah",
}
SITI_NET: Final = 2_450_000  # her auto-decided claim's net (no tax below Rp50.000.000)


@pytest.fixture
def deciding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[RunningSandbox]:
    with claims_sandbox(tmp_path, auto_decide=True) as running:
        monkeypatch.setenv("SPO_UPSTREAM_URL", running.url)
        monkeypatch.setenv("SPO_UPSTREAM_TOKEN", TOKEN)
        monkeypatch.setenv("SPO_PIN", PINS["teller01"])  # the command's teller (tests/cli)
        yield running


FLOAT: Final = "100000=50"  # Rp5.000.000 in the drawer


def claims_ready(
    data_dir: Path, clock: FakeClock, teller: User, *people: dict[str, str]
) -> list[str]:
    """For the command's tests: claims handed over in the store at `data_dir`, uploaded and
    approved, the day opened with FLOAT; the store closed again for the command to open."""
    store = Store(data_dir)
    try:
        counter = Counter(store, clock=clock)
        open_day(counter, teller, FLOAT)
        return [decided_claim(counter, teller, **person) for person in people]
    finally:
        store.close()


def second_counter(folder: Path, clock: FakeClock) -> Path:
    """Another PC set up as the branch's counter 02 (BNI-0123-02, its token TOKEN_OTHER), its
    own store in `folder` with the same supervisor and teller01: a counter the claims handed
    over in the tests' usual counter (01) are not in."""
    folder.mkdir(parents=True, exist_ok=True)
    store = Store(folder)
    counter = Counter(store, clock=clock)
    init_counter(
        counter,
        bank_code="BNI",
        branch_code="0123",
        branch_name="KC Jakarta Kota",
        counter_no=2,
        timezone="Asia/Jakarta",
        supervisor_id="spv01",
        supervisor_name="Siti Rahmawati",
        supervisor_pin=PINS["spv01"],
    )
    spv = User("spv01", "Siti Rahmawati", Role.SUPERVISOR)
    add_user(counter, by=spv, user_id="teller01", name="Dewi Lestari", role="teller",
             pin=PINS["teller01"])  # fmt: skip
    assert counter.profile.counter_code == CODE_OTHER
    store.close()
    return folder


def decided_claim(counter: Counter, teller: User, **changes: Any) -> str:
    """A claim handed over here, uploaded, decided upstream and learned: its receipt number."""
    handed = hand_over_claim(counter, teller, dataclasses.replace(claim(), **SITI | changes))
    outcome = upload(counter, Upload(pull_reference=False))
    assert outcome.problem is None
    if not outcome.claim_changes:  # decided in the same upload: learned by the next one
        assert upload(counter, Upload(pull_reference=False)).problem is None
    return handed.receipt_no
