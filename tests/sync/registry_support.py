"""Fixtures of the sandbox's registry for the tests: participants and bills from elsewhere."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any, Final

from desktop.counter import Counter
from desktop.services.auth import User
from desktop.services.capture import Captured
from desktop.sync.client import sync
from desktop.sync.sandbox.registry import Fixtures
from desktop.sync.sandbox.server import RunningSandbox
from tests.helpers import FakeClock

# Registered online (JMO), paid through October 2026, a courier: PP 50/2025 applies.
NIK_COURIER: Final = "3273015203880004"
KPJ_COURIER: Final = "23010000457"
# Registered by a Perisai agent, paid through November 2026 at a post office.
NIK_TRADER: Final = "3578010101900003"
KPJ_TRADER: Final = "23010000458"
# Stopped paying in June 2026: more than 3 unpaid months.
NIK_LAPSED: Final = "3171014512800005"
CODE_DUE: Final = "987654321012"  # due 15/12/2026: not late on 24/11/2026
CODE_LATE: Final = "98765432101"  # 11 digits, due 15/10/2026: two started months late
CODE_PAID: Final = "987654321099"

FIXTURES: Final[dict[str, Any]] = {
    "participants": [
        {
            "nik": NIK_COURIER,
            "kpj": KPJ_COURIER,
            "full_name": "Siti Aminah",
            "birth_date": "1988-03-12",
            "category": "bpu",
            "monthly_income": 1_000_000,
            "programs": ["JKK", "JKM", "JHT"],
            "paid_through": "2026-10",
            "jht_balance": 2_450_000,
            "sector": "transport",
        },
        {
            "nik": NIK_TRADER,
            "kpj": KPJ_TRADER,
            "full_name": "Bambang Wijaya",
            "birth_date": "1990-01-01",
            "category": "bpu",
            "monthly_income": 2_000_000,
            "programs": ["JKK", "JKM"],
            "paid_through": "2026-11",
            "sector": "trade",
        },
        {
            "nik": NIK_LAPSED,
            "full_name": "Rahmawati",
            "birth_date": "1980-12-05",
            "monthly_income": 1_000_000,
            "programs": ["JKK", "JKM"],
            "paid_through": "2026-06",
        },
    ],
    "bills": [
        {
            "payment_code": CODE_DUE,
            "npp": "15070955",
            "employer": "PT Sinar Abadi",
            "period": "2026-11",
            "lines": {"JKK": 10_000, "JKM": 30_000, "JHT": 570_000, "JP": 300_000, "JKP": 14_000},
            "due_date": "2026-12-15",
        },
        {
            "payment_code": CODE_LATE,
            "npp": "15070956",
            "employer": "CV Maju Bersama",
            "period": "2026-09",
            "lines": {"JKK": 20_000, "JKM": 15_000, "JHT": 285_000},
            "due_date": "2026-10-15",
        },
        {
            "payment_code": CODE_PAID,
            "npp": "15070957",
            "employer": "PT Lunas Jaya",
            "period": "2026-10",
            "lines": {"JKK": 5_000, "JKM": 15_000},
            "due_date": "2026-11-15",
            "paid": True,
        },
    ],
}


def fixtures() -> Fixtures:
    return Fixtures.model_validate(FIXTURES)


def write_fixtures(folder: Path) -> Path:
    path = folder / "fixtures.json"
    path.write_text(json.dumps(FIXTURES), encoding="utf-8")
    return path


# The token of the template counter (BNI-0123-01) on a sandbox holding these fixtures.
TOKEN: Final = "token-bni-0123-01"


def registry_sandbox(folder: Path) -> RunningSandbox:
    """A real sandbox on loopback whose registry holds FIXTURES, on the tests' clock, its store
    a file in `folder`; use it as a context manager."""
    return RunningSandbox(
        f"sqlite:///{folder / 'upstream.sqlite'}",
        {"BNI-0123-01": TOKEN},
        clock=FakeClock(),
        fixtures=fixtures(),
    )


def refused_payment(
    counter: Counter, teller: User, upstream: RunningSandbox, token: str
) -> Captured:
    """Bambang (whom the registry knows) registered at this counter and November paid here in
    cash, which the post office took already: uploaded to `upstream` (holding these fixtures),
    the payment is refused (`period_paid`) and quarantined. Returns the payment."""
    from desktop.services.contributions import pay_bpu
    from desktop.services.registration import register_participant
    from tests.services.conftest import bpu_payment, registration

    register_participant(
        counter,
        teller,
        registration(
            nik=NIK_TRADER,
            full_name="Bambang Wijaya",
            birth_date="1990-01-01",
            monthly_income="2.000.000",
        ),
    )
    paid = pay_bpu(counter, teller, bpu_payment(participant=NIK_TRADER, cash_given=50_000))
    upload(counter, upstream, token)
    return paid


def upload(counter: Counter, upstream: RunningSandbox, token: str) -> None:
    sync(counter, upstream.url, token, rng=random.Random(7), sleep=lambda _s: None)
