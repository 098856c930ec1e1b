"""The sandbox holds each counter's audit chain: a batch must continue it, or nothing is stored."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from desktop.services.auth import User
from desktop.services.contributions import pay_bpu
from desktop.services.counter import Counter
from desktop.services.registration import register_participant
from desktop.store.audit import event_hash
from desktop.sync.contract import AuditEvent, UploadBatch, statement_path
from tests.services.conftest import bpu_payment, registration
from tests.sync.sandbox_support import CODE_A, changed, client, make_batch, post, running, statuses

TODAY = "2026-11-24"


@pytest.fixture
def http(tmp_path: Path) -> Iterator[httpx.Client]:
    with running(tmp_path) as sandbox, client(sandbox) as session:
        yield session


@pytest.fixture
def uploaded(counter: Counter, teller: User, http: httpx.Client) -> UploadBatch:
    """One registration uploaded; then a BPU payment captured, not yet uploaded."""
    register_participant(counter, teller, registration())
    batch = make_batch(counter)
    assert statuses(post(http, batch)) == [("accepted", None)]
    pay_bpu(counter, teller, bpu_payment())
    return batch


def _rehashed(event: AuditEvent, **changes: object) -> AuditEvent:
    """`event` with `changes`, its hash made to match: a forger who knows the rules."""
    moved = event.model_copy(update=changes)
    return moved.model_copy(update={"hash": event_hash(moved.prev_hash, moved.model_dump())})


def _held(http: httpx.Client) -> int:
    return len(http.get(statement_path(CODE_A), params={"date": TODAY}).json()["items"])


def _refused(response: httpx.Response, code: str) -> None:
    assert response.status_code == 409, response.text
    assert response.json()["code"] == code
    assert response.json()["contract"] == "spo-upload/1"


def test_a_retry_resending_acknowledged_events_continues_the_chain(
    counter: Counter, http: httpx.Client, uploaded: UploadBatch
) -> None:
    batch = make_batch(counter)  # every event again, from #1: a retry after a lost reply
    assert batch.events[0].seq == 1
    reply = post(http, batch)
    assert statuses(reply) == [("duplicate", None), ("accepted", None)]
    assert reply.json()["chain_head"] == {
        "seq": batch.events[-1].seq,
        "hash": batch.events[-1].hash,
    }


def test_only_the_events_after_the_head_are_enough(
    counter: Counter, http: httpx.Client, uploaded: UploadBatch
) -> None:
    head = uploaded.events[-1].seq
    batch = make_batch(counter, after_record=1, after_event=head)
    assert [event.seq for event in batch.events] == [head + 1]
    assert statuses(post(http, batch)) == [("accepted", None)]


def test_events_already_held_but_changed_are_a_rewritten_chain_and_nothing_is_stored(
    counter: Counter, http: httpx.Client, uploaded: UploadBatch
) -> None:
    batch = make_batch(counter)
    events = list(batch.events)
    events[2] = _rehashed(events[2], actor="spv02")
    _refused(post(http, changed(batch, events=events)), "chain_rewritten")
    assert _held(http) == 1
    # The untouched chain is still accepted afterwards: the refusal stored nothing.
    assert statuses(post(http, batch)) == [("duplicate", None), ("accepted", None)]


def test_a_new_event_that_does_not_follow_the_head_is_a_rewritten_chain(
    counter: Counter, http: httpx.Client, uploaded: UploadBatch
) -> None:
    head = uploaded.events[-1].seq
    batch = make_batch(counter, after_record=1, after_event=head)
    forked = _rehashed(batch.events[0], prev_hash="ab" * 32)
    _refused(post(http, changed(batch, events=[forked])), "chain_rewritten")
    assert _held(http) == 1


def test_a_missing_event_is_a_gap(
    counter: Counter, teller: User, http: httpx.Client, uploaded: UploadBatch
) -> None:
    pay_bpu(counter, teller, bpu_payment(period_start="2026-12"))
    head = uploaded.events[-1].seq
    batch = make_batch(counter, after_record=1, after_event=head + 1)  # event head+1 left out
    _refused(post(http, batch), "chain_gap")
    assert _held(http) == 1


def test_events_out_of_order_within_a_batch_are_a_gap(
    counter: Counter, teller: User, http: httpx.Client, uploaded: UploadBatch
) -> None:
    pay_bpu(counter, teller, bpu_payment(period_start="2026-12"))
    batch = make_batch(counter, after_record=1, after_event=uploaded.events[-1].seq)
    _refused(post(http, changed(batch, events=list(reversed(batch.events)))), "chain_gap")


def test_an_event_whose_hash_does_not_match_its_content_is_invalid(
    counter: Counter, http: httpx.Client, uploaded: UploadBatch
) -> None:
    batch = make_batch(counter, after_record=1, after_event=uploaded.events[-1].seq)
    forged = batch.events[0].model_copy(update={"details": '{"amount":1}'})  # hash left as it was
    _refused(post(http, changed(batch, events=[forged])), "chain_invalid")
    assert _held(http) == 1


def test_a_first_upload_must_start_at_the_first_event(counter: Counter, http: httpx.Client) -> None:
    batch = make_batch(counter, after_event=1)
    _refused(post(http, batch), "chain_gap")


def test_a_record_whose_event_was_never_sent_is_rejected(
    counter: Counter, teller: User, http: httpx.Client, uploaded: UploadBatch
) -> None:
    batch = make_batch(counter, after_record=1, after_event=uploaded.events[-1].seq)
    reply = post(http, changed(batch, events=[]))
    assert statuses(reply) == [("rejected", "digest_mismatch")]
    assert reply.json()["chain_head"]["seq"] == uploaded.events[-1].seq
