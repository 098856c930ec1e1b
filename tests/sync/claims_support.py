"""A sandbox that decides JHT claims, for the tests: the registry's fixtures plus two wage
earners (a balance above Rp50.000.000; a membership too short for a partial claim), the admin
token, and `--auto-decide` or not."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any, Final

from desktop.sync.sandbox.registry import Fixtures
from desktop.sync.sandbox.server import RunningSandbox
from tests.helpers import FakeClock
from tests.sync.registry_support import FIXTURES, TOKEN

ADMIN_TOKEN: Final = "admin-token-bpjs"
# A second counter of the branch, where a claim handed over at the first may be paid.
CODE_OTHER: Final = "BNI-0123-02"
TOKEN_OTHER: Final = "token-bni-0123-02"
# A wage earner whose JHT balance is above Rp50.000.000: the tax is 5% of the part above.
NIK_RICH: Final = "3174011505700001"
KPJ_RICH: Final = "23010000777"
# A member since 2020: too short a membership for a partial claim.
NIK_NEW: Final = "3174015505950002"
EXTRA: Final[list[dict[str, Any]]] = [
    {
        "nik": NIK_RICH,
        "kpj": KPJ_RICH,
        "full_name": "Hendra Gunawan",
        "birth_date": "1970-05-15",
        "monthly_income": 1_000_000,
        "programs": ["JKK", "JKM", "JHT"],
        "paid_through": "2026-10",
        "jht_balance": 80_000_000,
        "member_since": "2001-02-01",
    },
    {
        "nik": NIK_NEW,
        "full_name": "Maya Sari",
        "birth_date": "1995-05-15",
        "monthly_income": 1_000_000,
        "programs": ["JKK", "JKM", "JHT"],
        "paid_through": "2026-10",
        "jht_balance": 9_000_000,
        "member_since": "2020-01-01",
    },
]


def claim_fixtures() -> Fixtures:
    data = copy.deepcopy(FIXTURES)
    data["participants"] += EXTRA
    return Fixtures.model_validate(data)


def claims_sandbox(folder: Path, *, auto_decide: bool) -> RunningSandbox:
    """A real sandbox on loopback (the counter BNI-0123-01's token is TOKEN, BNI-0123-02's
    TOKEN_OTHER), its store a file in `folder`; use it as a context manager."""
    return RunningSandbox(
        f"sqlite:///{folder / 'upstream.sqlite'}",
        {"BNI-0123-01": TOKEN, CODE_OTHER: TOKEN_OTHER},
        clock=FakeClock(),
        fixtures=claim_fixtures(),
        admin_token=ADMIN_TOKEN,
        auto_decide=auto_decide,
    )
