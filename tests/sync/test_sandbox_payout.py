"""The upstream's side of paying a claim out, over loopback: a payout is reserved before money
moves and confirmed after; one reservation holds a claim at a time, whichever counter asks, so
two counters racing for one claim get one hold; a cancelled payout releases it; a paid claim is
never reserved nor released again, and the counter that handed it over learns it is paid."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest

from desktop.counter import Counter
from desktop.services.auth import User
from desktop.services.claim_status import ClaimQuery, ClaimState, find_claims
from desktop.services.claims import hand_over_claim
from desktop.services.upload import Upload, upload
from desktop.sync.contract import CLAIM_LOOKUP_PATH, ClaimLookup, PayoutState, payout_path
from desktop.sync.sandbox.server import RunningSandbox
from tests.services.conftest import claim
from tests.sync.claims_support import CODE_OTHER, TOKEN_OTHER, claims_sandbox
from tests.sync.registry_support import NIK_COURIER, TOKEN

SITI = {
    "nik": NIK_COURIER,
    "participant_name": "Siti Aminah",
    "payout_account_holder": "Siti Aminah",
}


@pytest.fixture
def deciding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[RunningSandbox]:
    with claims_sandbox(tmp_path, auto_decide=True) as running:
        monkeypatch.setenv("SPO_UPSTREAM_URL", running.url)
        monkeypatch.setenv("SPO_UPSTREAM_TOKEN", TOKEN)
        yield running


def _decided(counter: Counter, teller: User, **changes: Any) -> str:
    """A claim handed over here, uploaded and decided: its id."""
    handed = hand_over_claim(counter, teller, dataclasses.replace(claim(), **SITI | changes))
    assert upload(counter, Upload(pull_reference=False)).problem is None
    (row,) = find_claims(counter, ClaimQuery(search=handed.receipt_no))
    return row.claim_id


@pytest.fixture
def approved(counter: Counter, teller: User, deciding: RunningSandbox) -> str:
    return _decided(counter, teller)


def post(sandbox: RunningSandbox, token: str, path: str, body: dict[str, Any]) -> httpx.Response:
    with httpx.Client(base_url=sandbox.url) as http:
        return http.post(path, json=body, headers={"Authorization": f"Bearer {token}"})


def reserve(sandbox: RunningSandbox, token: str, claim_id: str, reservation: str) -> httpx.Response:
    return post(sandbox, token, payout_path(claim_id, "reserve"), {"reservation_id": reservation})


def confirm(sandbox: RunningSandbox, token: str, claim_id: str, reservation: str) -> httpx.Response:
    body = {
        "reservation_id": reservation,
        "method": "transfer",
        "reference": "TRF-20261124-0001",
        "receipt_no": "BNI-0123-02-0000007",
        "paid_at": "2026-11-24T04:00:00+00:00",
    }
    return post(sandbox, token, payout_path(claim_id, "confirm"), body)


def release(sandbox: RunningSandbox, token: str, claim_id: str, reservation: str) -> httpx.Response:
    return post(sandbox, token, payout_path(claim_id, "release"), {"reservation_id": reservation})


def code(response: httpx.Response) -> tuple[int, str]:
    return response.status_code, str(response.json().get("code", ""))


def test_a_payout_is_reserved_then_confirmed_once_and_the_claim_is_paid(
    counter: Counter, approved: str, deciding: RunningSandbox
) -> None:
    mine, theirs = str(uuid.uuid4()), str(uuid.uuid4())
    held = reserve(deciding, TOKEN, approved, mine)
    assert held.status_code == 200, held.text
    state = PayoutState.model_validate_json(held.content)
    assert (state.status, state.counter_code, state.net) == ("reserved", "BNI-0123-01", 2_450_000)
    # Asked again (a lost answer, a restart): the same hold back.
    assert (
        PayoutState.model_validate_json(reserve(deciding, TOKEN, approved, mine).content) == state
    )
    # Another counter is refused while it is held, and cannot release it.
    assert code(reserve(deciding, TOKEN_OTHER, approved, theirs)) == (409, "claim_reserved")
    assert code(release(deciding, TOKEN_OTHER, approved, mine)) == (409, "reservation_not_held")
    # Cancelled: released, and another counter may hold it then.
    freed = release(deciding, TOKEN, approved, mine)
    assert freed.json()["status"] == "released"
    assert reserve(deciding, TOKEN_OTHER, approved, theirs).json()["counter_code"] == CODE_OTHER
    assert code(confirm(deciding, TOKEN, approved, mine)) == (409, "reservation_not_held")
    paid = confirm(deciding, TOKEN_OTHER, approved, theirs)
    assert paid.json()["status"] == "paid"
    assert confirm(deciding, TOKEN_OTHER, approved, theirs).json() == paid.json()  # again: same
    assert code(reserve(deciding, TOKEN, approved, str(uuid.uuid4()))) == (409, "claim_paid")
    assert code(release(deciding, TOKEN_OTHER, approved, theirs)) == (409, "claim_paid")
    # The counter that took the claim learns it is paid.
    assert upload(counter, Upload(pull_reference=False)).claim_changes == 1
    (row,) = find_claims(counter, ClaimQuery(status="paid"))
    assert (row.claim_id, row.net) == (approved, 2_450_000)
    assert find_claims(counter, ClaimQuery(status="approved")) == ()


def test_two_counters_reserving_one_claim_at_once_get_one_hold(
    approved: str, deciding: RunningSandbox
) -> None:
    for _round in range(5):
        tries = [(TOKEN, str(uuid.uuid4())), (TOKEN_OTHER, str(uuid.uuid4()))]
        with ThreadPoolExecutor(2) as pool:
            answers = list(pool.map(lambda t: reserve(deciding, t[0], approved, t[1]), tries))
        assert sorted(a.status_code for a in answers) == [200, 409]
        winner = next(t for t, a in zip(tries, answers, strict=True) if a.status_code == 200)
        assert release(deciding, winner[0], approved, winner[1]).status_code == 200


def test_only_an_approved_claim_is_reserved_and_a_cash_payout_names_no_reference(
    counter: Counter, teller: User, approved: str, deciding: RunningSandbox
) -> None:
    rejected = _decided(counter, teller, documents={"kartu_peserta": "original"})
    assert code(reserve(deciding, TOKEN, rejected, str(uuid.uuid4()))) == (
        409,
        "claim_not_approved",
    )
    assert code(reserve(deciding, TOKEN, str(uuid.uuid4()), str(uuid.uuid4()))) == (
        404,
        "not_found",
    )
    mine = str(uuid.uuid4())
    reserve(deciding, TOKEN, approved, mine)
    cash = {
        "reservation_id": mine,
        "method": "cash",
        "reference": "TRF-1",
        "receipt_no": "BNI-0123-01-0000009",
        "paid_at": "2026-11-24T04:00:00+00:00",
    }
    wrong = post(deciding, TOKEN, payout_path(approved, "confirm"), cash)
    assert code(wrong) == (422, "reference_mismatch")
    assert code(reserve(deciding, "no-such-token", approved, mine))[0] == 401
    assert (
        find_claims(counter, ClaimQuery(status=ClaimState.APPROVED.value))[0].claim_id == approved
    )


def look_up(sandbox: RunningSandbox, token: str | None, **params: str) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    with httpx.Client(base_url=sandbox.url) as http:
        return http.get(CLAIM_LOOKUP_PATH, params=params, headers=headers)


def test_any_counter_looks_a_claim_up_by_its_receipt_number_or_the_nik(
    counter: Counter, approved: str, deciding: RunningSandbox
) -> None:
    (row,) = find_claims(counter, ClaimQuery(status="approved"))
    by_receipt = look_up(deciding, TOKEN_OTHER, receipt_no=row.receipt_no)
    assert by_receipt.status_code == 200, by_receipt.text
    (held,) = ClaimLookup.model_validate_json(by_receipt.content).claims
    assert (held.claim_id, held.counter_code, held.status) == (approved, "BNI-0123-01", "approved")
    assert (held.gross, held.tax, held.net) == (2_450_000, 0, 2_450_000)
    assert (held.participant_name, held.payout_account) == ("Siti Aminah", row.payout_account)
    assert held.held_by is None
    reserve(deciding, TOKEN_OTHER, approved, str(uuid.uuid4()))
    (by_nik,) = look_up(deciding, TOKEN, nik=NIK_COURIER).json()["claims"]
    assert (by_nik["receipt_no"], by_nik["held_by"]) == (row.receipt_no, CODE_OTHER)
    assert look_up(deciding, TOKEN, nik="3273012345678999").json()["claims"] == []
    assert code(look_up(deciding, TOKEN)) == (422, "invalid_query")
    both = look_up(deciding, TOKEN, nik=NIK_COURIER, receipt_no=row.receipt_no)
    assert code(both) == (422, "invalid_query")
    assert look_up(deciding, TOKEN, nik="12").status_code == 422
    assert look_up(deciding, None, nik=NIK_COURIER).status_code == 401
