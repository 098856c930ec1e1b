"""The closing upload: the day's manifest proves to the upstream that none of the day is missing."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import date

import httpx
import pytest
import sqlalchemy as sa

from desktop.counter import Counter
from desktop.services.auth import User
from desktop.services.claims import hand_over_claim
from desktop.services.contributions import pay_bpu, pay_pu
from desktop.services.registration import register_participant
from desktop.services.voids import VoidTransaction, void_transaction
from desktop.store.schema import outbox
from desktop.sync.client import RetryPolicy, sync
from desktop.sync.contract import (
    ChainHead,
    DayCheck,
    DayManifest,
    DayTotals,
    KindTotal,
    manifest_path,
)
from desktop.sync.manifest import DayUploadResult, build_manifest, close_day_upload
from desktop.sync.reconcile import fetch_statement
from desktop.sync.sandbox import store as sandbox_store
from desktop.sync.sandbox.openapi import openapi_text
from desktop.sync.sandbox.server import RunningSandbox
from tests.conftest import PINS, FakeClock
from tests.services.conftest import bpu_payment, claim, pu_payment, registration
from tests.sync.faults import FaultyTransport
from tests.sync.sandbox_support import CODE_A, CODE_B, TOKENS, client, running

TODAY = date(2026, 11, 24)
TOKEN = TOKENS[CODE_A]
CLAIM = f"{CODE_A}-0000004"
REGISTRATION = f"{CODE_A}-0000001"


@pytest.fixture
def sandbox(sandbox_db_url: str, clock: FakeClock) -> Iterator[RunningSandbox]:
    """The sandbox upstream on SQLite, then on PostgreSQL (tests/sync/conftest.py)."""
    with running(sandbox_db_url, clock) as upstream:
        yield upstream


@pytest.fixture
def day(counter: Counter, teller: User) -> Counter:
    """A day of every kind: a registration, BPU and PU contributions, a claim, a void of the PU."""
    register_participant(counter, teller, registration())
    pay_bpu(counter, teller, bpu_payment(programs="JKK+JKM+JHT", months=3))
    paid = pay_pu(counter, teller, pu_payment())
    hand_over_claim(counter, teller, claim())
    void_transaction(
        counter, teller, VoidTransaction(paid.receipt_no, "Salah kode", "spv01", PINS["spv01"])
    )
    return counter


class Sleeps:
    """Stands in for time.sleep: records the waits instead of waiting."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def _close(
    counter: Counter, sandbox: RunningSandbox, on: date = TODAY, **kwargs: object
) -> DayUploadResult:
    return close_day_upload(
        counter,
        on,
        sandbox.url,
        TOKEN,
        rng=random.Random(5),
        sleep=Sleeps(),
        **kwargs,  # type: ignore[arg-type]
    )


def _put(sandbox: RunningSandbox, manifest: DayManifest, code: str = CODE_A) -> httpx.Response:
    with client(sandbox, code) as http:
        return http.put(
            manifest_path(manifest.counter_code, manifest.business_date.isoformat()),
            content=manifest.model_dump_json(),
            headers={"Content-Type": "application/json"},
        )


def _check(response: httpx.Response) -> DayCheck:
    assert response.status_code == 200, response.text
    return DayCheck.model_validate_json(response.content)


def _withhold(counter: Counter, seq: int) -> None:
    """Mark an outbox row sent that never went: the upload will not send it."""
    with counter.store.write() as connection:
        connection.execute(sa.update(outbox).where(outbox.c.seq == seq).values(status="sent"))


def _lose_upstream(db_url: str, receipt_no: str) -> None:
    """The upstream loses a record it had accepted (a restore from an older backup, say)."""
    store = sandbox_store.SandboxStore(db_url)
    try:
        with store.write() as connection:
            deleted = connection.execute(
                sa.delete(sandbox_store.records).where(
                    sandbox_store.records.c.receipt_no == receipt_no
                )
            ).rowcount
        assert deleted == 1
    finally:
        store.close()


def _held(counter: Counter, sandbox: RunningSandbox, on: date = TODAY) -> list[str]:
    statement = fetch_statement(counter, sandbox.url, TOKEN, on)
    return [item.receipt_no for item in statement.items]


def _outbox(counter: Counter) -> list[str]:
    with counter.store.read() as connection:
        return list(connection.execute(sa.select(outbox.c.status).order_by(outbox.c.seq)).scalars())


def _totals(**figures: tuple[int, int]) -> DayTotals:
    kinds = ("registration", "contribution", "claim_handover", "void")
    return DayTotals(
        **{
            kind: KindTotal(count=figures.get(kind, (0, 0))[0], amount=figures.get(kind, (0, 0))[1])
            for kind in kinds
        }
    )


EVERY_KIND = _totals(
    registration=(1, 0), contribution=(2, 110_400 + 924_000), claim_handover=(1, 0), void=(1, 0)
)


def test_the_manifest_counts_and_totals_the_day_and_anchors_it_in_the_chain(day: Counter) -> None:
    manifest = build_manifest(day, TODAY)
    assert manifest.totals == EVERY_KIND
    assert (manifest.first_receipt_no, manifest.last_receipt_no) == (
        f"{CODE_A}-0000001",
        f"{CODE_A}-0000005",
    )
    assert [item.seq for item in manifest.items] == [1, 2, 3, 4, 5]
    assert manifest.chain_head is not None
    # The day's last capture (the void) is the head: a login afterwards does not change the day.
    assert build_manifest(day, TODAY) == manifest


def test_a_day_of_every_kind_uploads_and_is_confirmed_complete(
    day: Counter, sandbox: RunningSandbox
) -> None:
    result = _close(day, sandbox)
    assert result.confirmed, result.message_en
    assert result.confirmed_at is not None
    assert (result.version, result.records, result.resent) == (1, 5, [])
    assert result.sync is not None
    assert result.sync.sent == 5
    assert "mengonfirmasi" in result.message()
    assert "5 transaksi" in result.message()
    assert _held(day, sandbox) == [f"{CODE_A}-{n:07d}" for n in range(1, 6)]

    again = _close(day, sandbox)  # sending the same manifest twice is fine
    assert again.confirmed
    assert (again.version, again.confirmed_at) == (1, result.confirmed_at)
    assert again.sync is not None
    assert again.sync.batches == 0


def test_the_check_names_a_record_withheld_from_the_upload(
    day: Counter, sandbox: RunningSandbox
) -> None:
    _withhold(day, 4)
    assert sync(day, sandbox.url, TOKEN).sent == 4
    check = _check(_put(sandbox, build_manifest(day, TODAY)))
    assert check.status == "incomplete"
    assert check.confirmed_at is None
    assert [(m.receipt_no, m.reason) for m in check.missing] == [(CLAIM, "not_received")]
    assert check.mismatches == []
    assert check.chain == "held"
    assert check.totals.claim_handover == KindTotal(count=0, amount=0)
    assert check.totals.contribution == EVERY_KIND.contribution


def test_a_withheld_record_is_sent_again_and_the_day_confirms(
    day: Counter, sandbox: RunningSandbox
) -> None:
    _withhold(day, 4)
    result = _close(day, sandbox)
    assert result.confirmed, result.message_en
    assert result.resent == [CLAIM]
    assert result.sync is not None
    assert result.sync.sent == 4  # the record upload alone would have left it out
    assert CLAIM in _held(day, sandbox)
    assert _outbox(day) == ["sent"] * 5


def test_a_manifest_that_leaves_out_a_withheld_record_is_caught_by_the_chain(
    day: Counter, sandbox: RunningSandbox
) -> None:
    _withhold(day, 4)
    sync(day, sandbox.url, TOKEN)
    honest = build_manifest(day, TODAY)
    lying = honest.model_copy(
        update={
            "items": [item for item in honest.items if item.seq != 4],
            "totals": honest.totals.model_copy(
                update={"claim_handover": KindTotal(count=0, amount=0)}
            ),
        }
    )
    check = _check(_put(sandbox, lying))
    assert check.status == "incomplete"
    assert [(m.receipt_no, m.reason) for m in check.missing] == [(CLAIM, "not_listed")]


def test_a_record_the_upstream_lost_is_sent_again_though_the_outbox_says_sent(
    day: Counter, sandbox: RunningSandbox, sandbox_db_url: str
) -> None:
    assert sync(day, sandbox.url, TOKEN).sent == 5
    _lose_upstream(sandbox_db_url, CLAIM)
    result = _close(day, sandbox)
    assert result.confirmed, result.message_en
    assert result.resent == [CLAIM]
    assert result.sync is not None
    assert result.sync.batches == 0
    assert CLAIM in _held(day, sandbox)


def test_an_upstream_restored_from_an_older_backup_gets_the_events_and_records_it_lost(
    day: Counter, sandbox: RunningSandbox, sandbox_db_url: str
) -> None:
    assert sync(day, sandbox.url, TOKEN).sent == 5
    third = build_manifest(day, TODAY).items[2]
    store = sandbox_store.SandboxStore(sandbox_db_url)
    try:  # back to just after the third record's capture: records 4 and 5 and their events gone
        with store.write() as connection:
            events = sandbox_store.audit_events
            cut = connection.execute(
                sa.select(events.c.seq, events.c.hash).where(events.c.entity_id == third.id)
            ).one()
            connection.execute(sa.delete(events).where(events.c.seq > cut.seq))
            connection.execute(
                sa.delete(sandbox_store.records).where(sandbox_store.records.c.seq > 3)
            )
            head = sa.update(sandbox_store.chain_heads).values(seq=cut.seq, hash=cut.hash)
            connection.execute(head)
    finally:
        store.close()
    result = _close(day, sandbox)
    assert result.confirmed, result.message_en
    assert result.resent == [CLAIM, f"{CODE_A}-0000005"]
    assert _held(day, sandbox) == [f"{CODE_A}-{n:07d}" for n in range(1, 6)]


def test_records_held_otherwise_than_the_manifest_says_are_mismatches(
    day: Counter, sandbox: RunningSandbox
) -> None:
    assert sync(day, sandbox.url, TOKEN).sent == 5
    honest = build_manifest(day, TODAY)
    changed = [
        item.model_copy(update={"digest": "e" * 64}) if item.seq == 2 else item
        for item in honest.items
        if item.seq != 4
    ]
    no_claim = honest.totals.model_copy(update={"claim_handover": KindTotal(count=0, amount=0)})
    check = _check(_put(sandbox, honest.model_copy(update={"items": changed, "totals": no_claim})))
    assert check.status == "incomplete"
    assert check.missing == []
    assert [(m.receipt_no, m.problem) for m in check.mismatches] == [
        (f"{CODE_A}-0000002", "different"),
        (CLAIM, "unexpected"),
    ]


def test_a_record_refused_when_sent_again_leaves_the_day_unconfirmed_and_is_quarantined(
    day: Counter, sandbox: RunningSandbox, sandbox_db_url: str
) -> None:
    sync(day, sandbox.url, TOKEN)
    # Lost upstream, but its NIK still counts as registered there: sending it again is refused.
    _lose_upstream(sandbox_db_url, REGISTRATION)
    result = _close(day, sandbox)
    assert not result.confirmed
    assert (result.problem, result.retryable) == ("refused", False)
    assert result.refused == [REGISTRATION]
    assert REGISTRATION in result.message()
    assert "Karantina" in result.message()
    assert _outbox(day)[0] == "quarantined"


@pytest.mark.parametrize(
    "faults",
    [
        pytest.param(["refuse", "refuse"], id="records"),
        pytest.param(["pass", "timeout", "timeout"], id="manifest"),
    ],
)
def test_a_network_failure_leaves_the_day_unconfirmed_and_a_retry_confirms(
    day: Counter, sandbox: RunningSandbox, faults: list[str | int]
) -> None:
    broken = FaultyTransport(plan=list(faults))
    result = _close(day, sandbox, transport=broken, policy=RetryPolicy(attempts=2))
    assert not result.confirmed
    assert (result.problem, result.retryable) == ("upstream", True)
    assert result.confirmed_at is None
    assert result.message().startswith("Hari 24-11-2026 sudah ditutup di loket")
    assert "tidak dapat dihubungi" in result.message()
    assert "not yet confirmed" in result.message("en")

    retried = _close(day, sandbox)
    assert retried.confirmed, retried.message_en
    assert _held(day, sandbox) == [f"{CODE_A}-{n:07d}" for n in range(1, 6)]


def test_a_day_without_captures_is_confirmed_empty(day: Counter, sandbox: RunningSandbox) -> None:
    yesterday = date(2026, 11, 23)
    manifest = build_manifest(day, yesterday)
    assert (manifest.items, manifest.chain_head, manifest.first_receipt_no) == ([], None, None)
    assert manifest.totals == _totals()
    result = _close(day, sandbox, on=yesterday)
    assert result.confirmed, result.message_en
    assert (result.records, result.version) == (0, 1)
    check = _check(_put(sandbox, manifest))
    assert (check.chain, check.totals) == ("none", _totals())


def test_more_captures_after_a_confirmed_day_make_a_new_version(
    day: Counter, sandbox: RunningSandbox, teller: User, clock: FakeClock
) -> None:
    first = _close(day, sandbox)
    assert (first.confirmed, first.version) == (True, 1)
    clock.advance(hours=1)  # the day reopened: one more payment on the same business date
    pay_bpu(day, teller, bpu_payment(period_start="2027-02"))
    second = _close(day, sandbox)
    assert second.confirmed, second.message_en
    assert (second.version, second.records) == (2, 6)
    assert second.confirmed_at is not None
    assert first.confirmed_at is not None
    assert second.confirmed_at > first.confirmed_at


def test_the_manifest_endpoint_refuses_what_is_not_the_counters_own_day(
    day: Counter, sandbox: RunningSandbox
) -> None:
    sync(day, sandbox.url, TOKEN)
    manifest = build_manifest(day, TODAY)
    with httpx.Client(base_url=sandbox.url, timeout=30) as anonymous:
        path = manifest_path(CODE_A, TODAY.isoformat())
        assert anonymous.put(path, content=manifest.model_dump_json()).status_code == 401
    assert _put(sandbox, manifest, code=CODE_B).status_code == 403

    def refused(changed: DayManifest, status: int, code: str) -> None:
        response = _put(sandbox, changed)
        assert response.status_code == status, response.text
        assert response.json()["code"] == code

    other_day = manifest.model_copy(update={"business_date": date(2026, 11, 25)})
    with client(sandbox) as http:
        response = http.put(
            manifest_path(CODE_A, TODAY.isoformat()),
            content=other_day.model_dump_json(),
            headers={"Content-Type": "application/json"},
        )
    assert response.status_code == 422
    assert response.json()["code"] == "date_mismatch"
    refused(
        manifest.model_copy(update={"last_receipt_no": f"{CODE_A}-0000004"}),
        422,
        "manifest_invalid",
    )
    assert manifest.chain_head is not None
    forged = ChainHead(seq=manifest.chain_head.seq, hash="f" * 64)
    refused(manifest.model_copy(update={"chain_head": forged}), 409, "chain_rewritten")
    assert _check(_put(sandbox, manifest)).status == "complete"


def test_the_published_contract_has_the_manifest_endpoint() -> None:
    document = json.loads(openapi_text())
    put = document["paths"][manifest_path("{counter_code}", "{business_date}")]["put"]
    assert put["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/DayManifest"
    )
    assert put["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/DayCheck"
    )
    assert {"401", "403", "409", "422"} <= set(put["responses"])
    for model in ("DayManifest", "ManifestItem", "DayTotals", "DayCheck", "MissingRecord"):
        assert model in document["components"]["schemas"]
