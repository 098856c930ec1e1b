"""The sandbox holds each counter's audit chain: a batch must continue it, or nothing is stored."""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import httpx
import pytest

from desktop.counter import Counter
from desktop.services.auth import User
from desktop.services.contributions import pay_bpu
from desktop.services.registration import register_participant
from desktop.store.audit import GENESIS_HASH, event_hash
from desktop.sync.contract import AuditEvent, UploadBatch, statement_path
from tests.services.conftest import bpu_payment, registration
from tests.sync.sandbox_support import CODE_A, changed, client, make_batch, post, running, statuses

TODAY = "2026-11-24"


@pytest.fixture
def http(sandbox_db_url: str) -> Iterator[httpx.Client]:
    with running(sandbox_db_url) as sandbox, client(sandbox) as session:
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


def test_an_event_hashed_without_the_key_after_the_chain_was_keyed_is_invalid(
    counter: Counter, http: httpx.Client, uploaded: UploadBatch
) -> None:
    """The upstream cannot recompute a keyed hash, but a forger without the key can only hash
    the unkeyed way, which the upstream recognises."""
    batch = make_batch(counter, after_record=1, after_event=uploaded.events[-1].seq)
    forged = _rehashed(batch.events[0], details='{"amount":1}')
    _refused(post(http, changed(batch, events=[forged])), "chain_invalid")
    assert _held(http) == 1


def test_an_unkeyed_event_whose_hash_does_not_match_its_content_is_invalid(
    http: httpx.Client,
) -> None:
    """A chain from before the key: its events' hashes are recomputed."""
    forged = _first_event().model_copy(update={"details": '{"amount":1}'})  # hash left as it was
    _refused(
        post(http, UploadBatch(counter_code=CODE_A, records=[], events=[forged])), "chain_invalid"
    )
    assert _held(http) == 0


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


def _first_event(**fields: object) -> AuditEvent:
    """A counter's first audit event with `fields`, correctly hashed."""
    event = AuditEvent(
        seq=1,
        at="2026-11-24T10:00:00+07:00",
        actor="spv01",
        action="login",
        entity_id=None,
        record_digest=None,
        details="{}",
        prev_hash=GENESIS_HASH,
        hash=GENESIS_HASH,
    )
    return _rehashed(event, **fields)


def test_event_strings_of_any_length_are_held_exactly_as_sent(http: httpx.Client) -> None:
    """The contract bounds none of an event's strings; PostgreSQL enforces VARCHAR lengths."""
    event = _first_event(
        at="2026-11-24T10:00:00.123456789+07:00 " * 8,
        actor="a" * 300,
        action="b" * 300,
        entity_id="c" * 300,
        record_digest="d" * 300,
        details='{"catatan":"' + "é€😀" * 5000 + '"}',
    )
    batch = UploadBatch(counter_code=CODE_A, records=[], events=[event])
    head = {"seq": 1, "hash": event.hash}
    assert post(http, batch).json()["chain_head"] == head
    # A retry under a new key: the events held must compare equal to the ones sent again.
    assert post(http, batch).json()["chain_head"] == head


@pytest.mark.parametrize(
    "fields",
    [{"actor": "spv\x0001"}, {"entity_id": secrets.token_hex(8000)}],
    ids=["nul-character", "over-index-limit"],
)
def test_a_value_postgresql_cannot_store_is_refused_for_good_not_as_a_server_error(
    http: httpx.Client, sandbox_db_url: str, fields: dict[str, object]
) -> None:
    """SQLite keeps them; PostgreSQL refuses: a 422 (never retried), not a 5xx retried forever."""
    batch = UploadBatch(counter_code=CODE_A, records=[], events=[_first_event(**fields)])
    reply = post(http, batch)
    if sandbox_db_url.startswith("sqlite"):
        assert reply.json()["chain_head"]["seq"] == 1
        return
    assert reply.status_code == 422, reply.text
    assert reply.json()["code"] == "invalid_request"
    empty = UploadBatch(counter_code=CODE_A, records=[], events=[])
    assert post(http, empty).json()["chain_head"] == {"seq": 0, "hash": GENESIS_HASH}
