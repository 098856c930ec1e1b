"""The sandbox's rules on their own: chain continuation and KPJ numbers."""

from __future__ import annotations

import pytest

from desktop.store.audit import GENESIS_HASH, canonical_json, event_hash
from desktop.sync.contract import AuditEvent, ChainHead
from desktop.sync.sandbox import rules


def _chain(count: int) -> list[AuditEvent]:
    events: list[AuditEvent] = []
    prev = GENESIS_HASH
    for seq in range(1, count + 1):
        body: dict[str, object] = {
            "seq": seq,
            "at": f"2026-11-24T03:00:{seq:02d}+00:00",
            "actor": "teller01",
            "action": "contribution",
            "entity_id": f"id-{seq}",
            "record_digest": "0" * 64,
            "details": canonical_json({"n": seq}),
        }
        event = AuditEvent.model_validate(
            {**body, "prev_hash": prev, "hash": event_hash(prev, body)}
        )
        events.append(event)
        prev = event.hash
    return events


def _head(event: AuditEvent) -> ChainHead:
    return ChainHead(seq=event.seq, hash=event.hash)


def test_a_first_upload_continues_the_genesis_head() -> None:
    events = _chain(3)
    assert rules.new_events(ChainHead(seq=0, hash=GENESIS_HASH), {}, events) == events


def test_an_overlap_equal_to_the_stored_events_is_skipped() -> None:
    events = _chain(5)
    stored = {e.seq: e for e in events[:3]}
    assert rules.new_events(_head(events[2]), stored, events[1:]) == events[3:]
    assert rules.new_events(_head(events[4]), {e.seq: e for e in events}, events) == []


@pytest.mark.parametrize(
    ("events", "code"),
    [
        (lambda e: e[4:], "chain_gap"),  # head is #3: #4 is missing
        (lambda e: [e[3], e[5]], "chain_gap"),
        (lambda e: [e[3].model_copy(update={"prev_hash": "1" * 64})], "chain_rewritten"),
        (lambda e: [e[3], e[4].model_copy(update={"prev_hash": "1" * 64})], "chain_invalid"),
        (lambda e: [e[3].model_copy(update={"hash": "2" * 64})], "chain_invalid"),
        (lambda e: [e[1].model_copy(update={"actor": "spv01"})], "chain_rewritten"),
    ],
)
def test_a_broken_continuation_is_refused_with_its_code(events: object, code: str) -> None:
    chain = _chain(6)
    stored = {e.seq: e for e in chain[:3]}
    assert callable(events)
    with pytest.raises(rules.ChainError) as caught:
        rules.new_events(_head(chain[2]), stored, events(chain))
    assert caught.value.code == code


def test_kpj_numbers_have_eleven_digits() -> None:
    assert rules.kpj_number(1) == "10000000001"
    assert len(rules.kpj_number(8 * 10**10)) == rules.KPJ_DIGITS
    with pytest.raises(ValueError, match="out of range"):
        rules.kpj_number(0)
