"""A counter whose claims the sandbox decides at once, for the payout tests: a claim handed over,
uploaded, auto-decided and learned back (its handover receipt number)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

import pytest

from desktop.counter import Counter
from desktop.services.auth import User
from desktop.services.claims import hand_over_claim
from desktop.services.upload import Upload, upload
from desktop.sync.sandbox.server import RunningSandbox
from tests.services.conftest import claim
from tests.sync.claims_support import claims_sandbox
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
        yield running


def decided_claim(counter: Counter, teller: User, **changes: Any) -> str:
    """A claim handed over here, uploaded, decided upstream and learned: its receipt number."""
    handed = hand_over_claim(counter, teller, dataclasses.replace(claim(), **SITI | changes))
    outcome = upload(counter, Upload(pull_reference=False))
    assert outcome.problem is None
    if not outcome.claim_changes:  # decided in the same upload: learned by the next one
        assert upload(counter, Upload(pull_reference=False)).problem is None
    return handed.receipt_no
