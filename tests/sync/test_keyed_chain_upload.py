"""A forged transaction never reaches the upstream through the counter, and what the upstream can
and cannot tell about a keyed chain it never holds the key of (docs/sync-protocol.md)."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from desktop.counter import Counter
from desktop.errors import DomainError
from desktop.services.auth import User
from desktop.services.contributions import pay_bpu
from desktop.services.registration import register_participant
from desktop.services.verify import verify_store
from desktop.store.audit import KEYED_ACTION
from desktop.sync.client import sync
from desktop.sync.contract import statement_path
from desktop.sync.sandbox.server import RunningSandbox
from tests.helpers import FAST_RETRY, FakeClock
from tests.services.conftest import bpu_payment, registration
from tests.sync.sandbox_support import (
    CODE_A,
    TOKENS,
    changed,
    client,
    make_batch,
    post,
    statuses,
)
from tests.tamper import append_fake_contribution

TODAY = "2026-11-24"


@pytest.fixture
def sandbox(tmp_path: Path, clock: FakeClock) -> Iterator[RunningSandbox]:
    with RunningSandbox(f"sqlite:///{tmp_path / 'up.sqlite'}", TOKENS, clock=clock) as upstream:
        yield upstream


@pytest.fixture
def http(sandbox: RunningSandbox) -> Iterator[httpx.Client]:
    with client(sandbox) as session:
        yield session


def _held(http: httpx.Client) -> list[str]:
    items = http.get(statement_path(CODE_A), params={"date": TODAY}).json()["items"]
    return [item["receipt_no"] for item in items]


def test_a_fake_transaction_appended_without_the_key_is_never_uploaded(
    counter: Counter, teller: User, sandbox: RunningSandbox, http: httpx.Client
) -> None:
    register_participant(counter, teller, registration())
    pay_bpu(counter, teller, bpu_payment())
    assert sync(counter, sandbox.url, TOKENS[CODE_A], policy=FAST_RETRY).sent == 2
    receipt, seq = append_fake_contribution(counter.store.data_dir)
    with pytest.raises(DomainError) as refused:
        sync(counter, sandbox.url, TOKENS[CODE_A], policy=FAST_RETRY)
    assert refused.value.field == "audit_chain"
    assert f"Audit event #{seq} does not carry this counter's audit key" in refused.value.message_en
    assert receipt not in _held(http)
    assert len(_held(http)) == 2
    problems = verify_store(counter).problems
    assert [p.check for p in problems] == ["audit_chain"]
    assert f"#{seq}" in problems[0].message_en


def test_the_upstream_takes_the_switch_over_and_refuses_an_unkeyed_rewrite_of_what_it_holds(
    counter: Counter, teller: User, http: httpx.Client
) -> None:
    register_participant(counter, teller, registration())
    batch = make_batch(counter)
    assert batch.events[0].action == KEYED_ACTION
    assert statuses(post(http, batch)) == [("accepted", None)]
    # The held history cannot be replaced, keyed or not: the head only moves forward.
    rewritten = list(batch.events)
    rewritten[1] = rewritten[1].model_copy(update={"actor": "intruder"})
    reply = post(http, changed(batch, events=rewritten))
    assert (reply.status_code, reply.json()["code"]) == (409, "chain_rewritten")


def test_what_the_upstream_cannot_tell_a_keyed_hash_made_with_another_key(
    counter: Counter, teller: User, http: httpx.Client
) -> None:
    """Someone with the counter's token and a made-up keyed hash that continues the chain: the
    upstream, holding no key, takes it; the counter's verify and uploads never would."""
    register_participant(counter, teller, registration())
    batch = make_batch(counter)
    assert statuses(post(http, batch)) == [("accepted", None)]
    pay_bpu(counter, teller, bpu_payment())
    later = make_batch(counter, after_record=1, after_event=batch.events[-1].seq)
    forged = later.events[0].model_copy(
        update={"details": '{"amount":1}', "hash": secrets.token_hex(32)}
    )
    reply = post(http, changed(later, events=[forged], records=[]))
    assert reply.status_code == 200, reply.text
    assert reply.json()["chain_head"] == {"seq": forged.seq, "hash": forged.hash}
