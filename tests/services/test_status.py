"""The status bar's facts: business date and zone, the upload backlog, the last upload."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import sqlalchemy as sa

from desktop.counter import Counter
from desktop.services.auth import User
from desktop.services.registration import register_participant
from desktop.services.status import counter_status
from desktop.store.schema import outbox, sync_state
from tests.conftest import START, FakeClock
from tests.services.conftest import registration


def test_a_fresh_counter_has_nothing_pending_and_never_uploaded(counter: Counter) -> None:
    status = counter_status(counter)
    assert status.business_date == date(2026, 11, 24)
    assert status.zone_label == "WIB"
    assert (status.pending, status.oldest_pending, status.last_upload) == (0, None, None)
    assert status.at == START


def test_pending_records_are_counted_with_the_oldest_in_local_time(
    counter: Counter, teller: User, clock: FakeClock
) -> None:
    register_participant(counter, teller, registration())
    clock.advance(hours=3)
    status = counter_status(counter)
    assert status.pending == 1
    assert status.oldest_pending == START
    assert status.oldest_pending is not None
    assert status.oldest_pending.utcoffset() == timedelta(hours=7)
    assert status.at - status.oldest_pending == timedelta(hours=3)


def test_uploaded_records_no_longer_count_and_the_last_upload_shows(
    counter: Counter, teller: User
) -> None:
    register_participant(counter, teller, registration())
    with counter.store.write() as connection:
        connection.execute(sa.update(outbox).values(status="sent"))
        connection.execute(
            sa.insert(sync_state).values(
                counter_code=counter.profile.counter_code,
                acked_seq=1,
                acked_hash="0" * 64,
                last_success_at="2026-11-24T07:05:00+00:00",
            )
        )
    status = counter_status(counter)
    assert status.pending == 0
    assert status.last_upload == datetime.fromisoformat("2026-11-24T14:05:00+07:00")
