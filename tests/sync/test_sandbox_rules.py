"""The sandbox's rules on their own: chain continuation (unkeyed and keyed) and KPJ numbers."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from desktop.store.audit import GENESIS_HASH, KEYED_ACTION, canonical_json, event_hash, keyed_hash
from desktop.sync.contract import AuditEvent, ChainHead, UploadRecord
from desktop.sync.sandbox import rules

KEY = b"k" * 32


def _chain(count: int, keyed_from: int | None = None) -> list[AuditEvent]:
    """`count` events, unkeyed (SHA-256) up to `keyed_from`, which is the switch-over."""
    events: list[AuditEvent] = []
    prev = GENESIS_HASH
    for seq in range(1, count + 1):
        keyed = keyed_from is not None and seq >= keyed_from
        body: dict[str, object] = {
            "seq": seq,
            "at": f"2026-11-24T03:00:{seq:02d}+00:00",
            "actor": "teller01",
            "action": KEYED_ACTION if seq == keyed_from else "contribution",
            "entity_id": f"id-{seq}",
            "record_digest": "0" * 64,
            "details": canonical_json({"n": seq}),
        }
        hashed = keyed_hash(KEY, prev, body) if keyed else event_hash(prev, body)
        event = AuditEvent.model_validate({**body, "prev_hash": prev, "hash": hashed})
        events.append(event)
        prev = event.hash
    return events


def _unkeyed(event: AuditEvent, **changes: object) -> AuditEvent:
    moved = event.model_copy(update=changes)
    return moved.model_copy(update={"hash": event_hash(moved.prev_hash, moved.model_dump())})


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


def test_a_chain_turning_keyed_is_taken_with_its_continuity_checked() -> None:
    """From the switch-over on, the upstream cannot recompute a hash: it checks that each event
    follows the one before, and holds the head."""
    events = _chain(6, keyed_from=3)
    genesis = ChainHead(seq=0, hash=GENESIS_HASH)
    assert rules.new_events(genesis, {}, events) == events
    assert [rules.is_keyed(e) for e in events] == [False, False, True, True, True, True]
    stored = {e.seq: e for e in events[:4]}
    assert rules.new_events(_head(events[3]), stored, events[4:], keyed=True) == events[4:]
    # A keyed hash under some other key continues the chain as far as the upstream can tell:
    # the counter's `verify` and its upload find such an event (the HMAC fails there).
    other = events[4].model_copy(update={"hash": "ab" * 32})
    assert rules.new_events(_head(events[3]), stored, [other], keyed=True) == [other]
    with pytest.raises(rules.ChainError) as caught:  # but it must still follow the head
        rules.new_events(_head(events[3]), stored, [events[5]], keyed=True)
    assert caught.value.code == "chain_gap"


@pytest.mark.parametrize("keyed_head", [False, True])
def test_after_the_switch_over_an_unkeyed_hash_is_refused(keyed_head: bool) -> None:
    """Only someone without the key hashes the unkeyed way once the chain is keyed."""
    events = _chain(5, keyed_from=3)
    forged = _unkeyed(events[3], details=canonical_json({"n": 99}))
    head, stored = (
        (_head(events[2]), {e.seq: e for e in events[:3]})
        if keyed_head
        else (ChainHead(seq=0, hash=GENESIS_HASH), {})
    )
    batch = [forged] if keyed_head else [*events[:3], forged]
    with pytest.raises(rules.ChainError) as caught:
        rules.new_events(head, stored, batch, keyed=keyed_head)
    assert caught.value.code == "chain_invalid"
    assert "without the counter's audit key" in caught.value.message


def test_kpj_numbers_have_eleven_digits() -> None:
    assert rules.kpj_number(1) == "10000000001"
    assert len(rules.kpj_number(8 * 10**10)) == rules.KPJ_DIGITS
    with pytest.raises(ValueError, match="out of range"):
        rules.kpj_number(0)


RECEIVED = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)


def _paid(created_at: object = "2026-11-24T10:00:00+07:00", **changes: object) -> UploadRecord:
    record: dict[str, object] = {
        "transaction": {"created_at": created_at, "business_date": "2026-11-24"},
        "lines": [{"program": "JKK", "amount": 10_000}, {"program": "JKM", "amount": 6_800}],
    }
    record.update(changes)
    return UploadRecord(
        id="00000000-0000-4000-8000-000000000001",
        seq=1,
        receipt_no="BNI-0123-01-0000001",
        kind="contribution",
        business_date=date(2026, 11, 24),
        amount=16_800,
        record=record,
    )


@pytest.mark.parametrize(
    ("record", "code"),
    [
        (_paid(), None),
        (_paid("2026-11-25T06:59:00+07:00"), None),  # captured after midnight, a day's slack
        (_paid("2026-11-26T10:00:00+07:00"), "date_out_of_range"),
        (_paid("not a time"), "date_out_of_range"),
        (_paid(None), "date_out_of_range"),
        (_paid("2026-11-24T10:00:00"), "date_out_of_range"),  # no zone
        (_paid(lines=[{"program": "JKK", "amount": 10**15}]), "amount_out_of_range"),
        (_paid(lines=[{"program": "JKK", "amount": -1}]), "negative_line"),
    ],
)
def test_amounts_and_dates_no_counter_writes(record: UploadRecord, code: str | None) -> None:
    found = rules.check_amounts_and_dates(record, RECEIVED)
    assert (found.code if found else None) == code
    if found is not None:
        assert found.reason  # Indonesian, for the quarantine list


def test_a_capture_time_after_the_upstream_received_it_is_refused() -> None:
    found = rules.check_amounts_and_dates(
        _paid("2026-11-24T10:00:00+07:00"), RECEIVED - timedelta(days=2)
    )
    assert found is not None
    assert found.code == "date_out_of_range"
