"""An upstream that accepts the connection and never answers, on a real socket (stalled.py).

The client's own timeout has to end each try: the upload gives up after its tries, in about
tries x timeout, says the upstream could not be reached, and keeps every record to send later;
the closing upload leaves the day unconfirmed, to be confirmed once the upstream answers again.
The waits between tries go through `time.sleep`, looked up when the upload runs, so patching it
here keeps these tests from sleeping.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from desktop.counter import Counter
from desktop.errors import DomainError
from desktop.services.auth import User
from desktop.services.contributions import pay_bpu, pay_pu
from desktop.services.day_close import CloseDay, DayClosed, count_and_close, count_cash
from desktop.services.day_upload import awaiting_confirmation, confirm_closed_days
from desktop.services.registration import register_participant
from desktop.services.status import counter_status
from desktop.store.schema import outbox, sync_state
from desktop.sync.client import RetryPolicy, pending_counts, sync
from desktop.sync.contract import batches_path, manifest_path
from desktop.sync.sandbox.server import RunningSandbox
from tests.helpers import FakeClock
from tests.services.conftest import NIK_WOMAN, bpu_payment, pu_payment, registration
from tests.sync.stalled import StalledServer

CODE = "BNI-0123-01"
TOKEN = "token-bni-0123-01"
TIMEOUT_S = 0.3
STALLED = RetryPolicy(attempts=2, base=0.01, cap=0.02, timeout=TIMEOUT_S)
# Each try waits TIMEOUT_S for an answer that never comes. The bound is loose on purpose (a
# loaded CI machine is slow); it still fails a client that waits its default 20 s per try.
AT_MOST_S = STALLED.attempts * TIMEOUT_S + 5.0


@pytest.fixture
def stalled() -> Iterator[StalledServer]:
    with StalledServer() as server:
        yield server


@pytest.fixture
def waits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The backoff waits the upload asked time.sleep for, instead of waiting them."""
    asked: list[float] = []
    monkeypatch.setattr(time, "sleep", asked.append)
    return asked


def _request(raw: bytes) -> tuple[str, dict[str, str]]:
    """The request line and headers (names lower-cased) the client sent."""
    head = raw.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in head[1:])
    return head[0], {name.lower(): value for name, value in headers.items()}


def _statuses(counter: Counter) -> list[str]:
    with counter.store.read() as connection:
        return list(connection.execute(sa.select(outbox.c.status).order_by(outbox.c.seq)).scalars())


def _last_error(counter: Counter) -> str:
    with counter.store.read() as connection:
        return str(connection.execute(sa.select(sync_state.c.last_error)).scalar_one())


def test_an_upload_to_a_stalled_upstream_gives_up_after_its_tries_and_keeps_every_record(
    counter: Counter, teller: User, stalled: StalledServer, waits: list[float]
) -> None:
    register_participant(counter, teller, registration())
    pay_bpu(counter, teller, bpu_payment(months=3))
    pay_pu(counter, teller, pu_payment())

    started = time.monotonic()
    with pytest.raises(DomainError) as gave_up:
        sync(counter, stalled.url, TOKEN, policy=STALLED, rng=random.Random(5))
    took = time.monotonic() - started

    assert gave_up.value.field == "upstream"
    assert gave_up.value.message("en").startswith(
        "The upstream could not be reached: the upstream did not answer in time."
    )
    assert "ReadTimeout" not in gave_up.value.message("id")
    assert "Data tetap aman di loket" in gave_up.value.message("id")
    # Both tries waited out the client's own timeout, and not much more.
    assert STALLED.attempts * TIMEOUT_S * 0.8 <= took < AT_MOST_S
    assert len(waits) == 1  # one backoff between the two tries, through time.sleep
    assert 0 <= waits[0] <= STALLED.cap
    # Each try reached the server on its own connection, the same batch under the same key.
    tries = [_request(raw) for raw in stalled.received(STALLED.attempts)]
    assert [line for line, _headers in tries] == [f"POST {batches_path(CODE)} HTTP/1.1"] * 2
    keys = {headers["idempotency-key"] for _line, headers in tries}
    assert len(keys) == 1
    # Nothing was marked sent: all three wait for the next upload, and the teller sees them.
    assert _statuses(counter) == ["pending"] * 3
    assert pending_counts(counter) == (3, 0)
    status = counter_status(counter)
    assert status.pending == 3
    assert status.last_upload is None
    assert _last_error(counter).startswith("ReadTimeout")


def _close(counter: Counter, teller: User) -> DayClosed:
    """Count exactly what the drawer should hold, then close (no difference)."""
    expected = count_cash(counter, teller, "100000=0").expected_cash
    return count_and_close(counter, teller, CloseDay(f"100={expected // 100}"))


def test_a_stalled_upstream_leaves_closed_days_unconfirmed_until_it_answers_again(
    counter: Counter,
    teller: User,
    clock: FakeClock,
    stalled: StalledServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    register_participant(counter, teller, registration())
    pay_bpu(counter, teller, bpu_payment())
    monday = _close(counter, teller)
    clock.advance(days=1)
    register_participant(
        counter, teller, registration(nik=NIK_WOMAN, full_name="Ratna Sari", sex="", birth_date="")
    )
    tuesday = _close(counter, teller)
    db = f"sqlite:///{tmp_path / 'upstream.sqlite'}"
    with RunningSandbox(db, {CODE: TOKEN}, clock=clock) as upstream:
        # The records went up earlier; only the days' manifests are left to send, and the
        # upstream then stalls on the first one.
        assert sync(counter, upstream.url, TOKEN).sent == 3
        with monkeypatch.context() as patched:
            waits: list[float] = []
            patched.setattr(time, "sleep", waits.append)
            started = time.monotonic()
            done = confirm_closed_days(
                counter, stalled.url, TOKEN, policy=STALLED, rng=random.Random(5)
            )
            took = time.monotonic() - started

        # Monday's manifest waited out both tries; Tuesday's would stall the same way, so it
        # is not tried: the teller waits for one day's tries, not for every day's.
        [first] = done
        assert first.report_no == monday.report_no
        assert not first.confirmed
        assert first.retryable
        assert first.result.problem == "upstream"
        assert "belum dikonfirmasi server pusat" in first.message("id")
        assert STALLED.attempts * TIMEOUT_S * 0.8 <= took < AT_MOST_S
        assert len(waits) == 1
        manifest = manifest_path(CODE, monday.business_date.isoformat())
        assert [_request(raw)[0] for raw in stalled.received(STALLED.attempts)] == [
            f"PUT {manifest} HTTP/1.1"
        ] * 2
        assert [w.report_no for w in awaiting_confirmation(counter)] == [
            monday.report_no,
            tuesday.report_no,
        ]

        # The upstream answers again: the same call confirms both days.
        again = confirm_closed_days(counter, upstream.url, TOKEN, policy=STALLED)

    assert [(d.report_no, d.confirmed) for d in again] == [
        (monday.report_no, True),
        (tuesday.report_no, True),
    ]
    assert awaiting_confirmation(counter) == ()
