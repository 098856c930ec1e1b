"""The counter's upload against the real sandbox on loopback: exactly once, whatever happens."""

from __future__ import annotations

import random
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from desktop.counter import Counter
from desktop.domain.users import Role
from desktop.errors import DomainError
from desktop.paths import DB_FILENAME
from desktop.services.auth import User
from desktop.services.claims import hand_over_claim
from desktop.services.contributions import pay_bpu, pay_pu
from desktop.services.reconcile import differences
from desktop.services.registration import register_participant
from desktop.services.setup import init_counter
from desktop.services.voids import VoidTransaction, void_transaction
from desktop.store.schema import outbox, participants
from desktop.store.store import Store
from desktop.sync.client import RetryPolicy, SyncReport, sync
from desktop.sync.reconcile import fetch_statement
from desktop.sync.sandbox.server import RunningSandbox
from tests.conftest import PINS, FakeClock
from tests.services.conftest import NIK_WOMAN, bpu_payment, claim, pu_payment, registration
from tests.sync.faults import FaultyTransport

TOKEN = "token-bni-0123-01"
OTHER_TOKEN = "token-bri-0456-01"


@pytest.fixture
def sandbox(sandbox_db_url: str) -> Iterator[RunningSandbox]:
    """The sandbox upstream on SQLite, then on PostgreSQL (tests/sync/conftest.py)."""
    with RunningSandbox(
        sandbox_db_url, {"BNI-0123-01": TOKEN, "BRI-0456-01": OTHER_TOKEN}, clock=FakeClock()
    ) as running:
        yield running


@pytest.fixture
def busy(counter: Counter, teller: User) -> Counter:
    """Every kind of record: registration, BPU and PU payments, a claim handover, a void."""
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


def _sync(counter: Counter, sandbox: RunningSandbox, **kwargs: object) -> SyncReport:
    return sync(
        counter,
        sandbox.url,
        TOKEN,
        rng=random.Random(7),
        **kwargs,  # type: ignore[arg-type]
    )


def _held(counter: Counter, sandbox: RunningSandbox) -> list[tuple[str, int]]:
    statement = fetch_statement(counter, sandbox.url, TOKEN, counter.business_date())
    return [(item.receipt_no, item.amount) for item in statement.items]


def _statuses(counter: Counter) -> list[str]:
    with counter.store.read() as connection:
        return list(connection.execute(sa.select(outbox.c.status).order_by(outbox.c.seq)).scalars())


def test_everything_is_uploaded_once_and_the_kpj_comes_back(
    busy: Counter, sandbox: RunningSandbox
) -> None:
    report = _sync(busy, sandbox)
    assert (report.sent, report.duplicates, report.quarantined) == (5, 0, [])
    assert (report.pending, report.quarantined_total) == (0, 0)
    assert report.kpj_assigned == 1
    with busy.store.read() as connection:
        kpj = connection.execute(sa.select(participants.c.kpj)).scalar_one()
    assert kpj is not None
    assert len(kpj) == 11
    assert _held(busy, sandbox) == [
        ("BNI-0123-01-0000001", 0),
        ("BNI-0123-01-0000002", 110_400),
        ("BNI-0123-01-0000003", 924_000),
        ("BNI-0123-01-0000004", 0),
        ("BNI-0123-01-0000005", 0),
    ]
    assert differences(busy, fetch_statement(busy, sandbox.url, TOKEN, busy.business_date())) == []
    again = _sync(busy, sandbox)
    assert (again.batches, again.sent) == (0, 0)


def test_small_batches_send_everything_in_order(busy: Counter, sandbox: RunningSandbox) -> None:
    report = _sync(busy, sandbox, batch_size=2)
    assert report.batches == 3
    assert report.sent == 5
    assert [receipt for receipt, _ in _held(busy, sandbox)] == [
        f"BNI-0123-01-{n:07d}" for n in range(1, 6)
    ]


def test_a_reply_lost_after_the_upstream_committed_is_not_stored_twice(
    busy: Counter, sandbox: RunningSandbox
) -> None:
    faults = FaultyTransport(plan=["drop_after"])
    sleeps = Sleeps()
    report = _sync(busy, sandbox, transport=faults, sleep=sleeps)
    assert len(sleeps.waits) == 1  # one retry, under the same Idempotency-Key
    assert report.sent + report.duplicates == 5
    assert _statuses(busy) == ["sent"] * 5
    assert len(_held(busy, sandbox)) == 5


@pytest.mark.parametrize("fault", [500, 502, 503, "timeout", "refuse"])
def test_server_errors_and_network_failures_are_retried(
    busy: Counter, sandbox: RunningSandbox, fault: str | int
) -> None:
    faults = FaultyTransport(plan=[fault, fault])
    sleeps = Sleeps()
    report = _sync(busy, sandbox, transport=faults, sleep=sleeps)
    assert report.sent == 5
    assert report.retries == 2
    policy = RetryPolicy()
    assert all(0 <= wait <= policy.cap for wait in sleeps.waits)


def test_429_waits_as_long_as_retry_after_says(busy: Counter, sandbox: RunningSandbox) -> None:
    faults = FaultyTransport(plan=[429], retry_after="7")
    sleeps = Sleeps()
    assert _sync(busy, sandbox, transport=faults, sleep=sleeps).sent == 5
    assert sleeps.waits == [7.0]


def test_backoff_grows_but_stays_capped() -> None:
    policy = RetryPolicy(base=1.0, cap=8.0)
    rng = random.Random(1)
    ceilings = [min(8.0, 2.0**attempt) for attempt in range(6)]
    for attempt, ceiling in enumerate(ceilings):
        waits = [policy.delay(attempt, rng, None) for _ in range(200)]
        assert max(waits) <= ceiling
        assert max(waits) > ceiling * 0.8  # full jitter reaches up to the ceiling


def test_a_captive_portal_page_acknowledges_nothing(busy: Counter, sandbox: RunningSandbox) -> None:
    faults = FaultyTransport(plan=["html"] * 3)
    # Said in the teller's words; the technical "captive portal?" stays in the outbox for IT.
    with pytest.raises(DomainError, match=r"perlu masuk \(login\) ke jaringan") as caught:
        _sync(busy, sandbox, transport=faults, sleep=Sleeps(), policy=RetryPolicy(attempts=3))
    assert caught.value.field == "upstream"
    assert _statuses(busy) == ["pending"] * 5
    assert _held(busy, sandbox) == []
    assert _sync(busy, sandbox).sent == 5


def test_a_wrong_token_is_refused_and_nothing_is_marked(
    busy: Counter, sandbox: RunningSandbox
) -> None:
    with pytest.raises(DomainError) as caught:
        sync(busy, sandbox.url, "not-the-token", sleep=Sleeps())
    assert caught.value.field == "token"
    assert _statuses(busy) == ["pending"] * 5


def test_a_refused_record_is_quarantined_and_never_blocks_the_rest(
    busy: Counter, sandbox: RunningSandbox, tmp_path: Path
) -> None:
    assert _sync(busy, sandbox).sent == 5
    # A second counter registers the same NIK (registered upstream by the first), then pays.
    other_dir = tmp_path / "other"
    store = Store(other_dir)
    other = Counter(store, clock=FakeClock())
    init_counter(
        other,
        bank_code="BRI",
        branch_code="0456",
        branch_name="KC Bandung",
        counter_no=1,
        timezone="Asia/Jakarta",
        supervisor_id="spv09",
        supervisor_name="Rina Wati",
        supervisor_pin="918273",
    )
    boss = User("spv09", "Rina Wati", Role.SUPERVISOR)
    register_participant(other, boss, registration())
    register_participant(
        other,
        boss,
        registration(nik=NIK_WOMAN, full_name="Ratna Handayani", birth_date="", sex=""),
    )
    report = sync(other, sandbox.url, OTHER_TOKEN, sleep=Sleeps())
    assert report.quarantined == ["BRI-0456-01-0000001"]
    assert report.sent == 1
    assert report.quarantined_total == 1
    with store.read() as connection:
        error = connection.execute(
            sa.select(outbox.c.last_error).where(outbox.c.status == "quarantined")
        ).scalar_one()
    assert error.startswith("nik_registered")
    store.close()


def test_a_chain_rewritten_on_the_counter_is_caught_at_the_next_upload(
    busy: Counter, sandbox: RunningSandbox, tmp_path: Path
) -> None:
    assert _sync(busy, sandbox).sent == 5
    busy.store.close()
    # Someone restores yesterday's copy of the file, losing what the upstream already holds,
    # and the counter goes on capturing: the same sequence numbers, other hashes.
    stale = tmp_path / "stale"
    stale.mkdir()
    frozen = Path(__file__).parent.parent / "store" / "frozen" / "counter-0001.sqlite"
    shutil.copy(frozen, stale / DB_FILENAME)
    store = Store(stale)
    restored = Counter(store, clock=FakeClock())
    with pytest.raises(DomainError) as caught:
        sync(restored, sandbox.url, TOKEN, sleep=Sleeps())
    assert caught.value.field == "audit_chain"
    store.close()


def test_the_upstream_killed_and_restarted_mid_upload_ends_with_everything_once(
    busy: Counter, sandbox_db_url: str
) -> None:
    """The server dies as the second batch goes out; the counter retries until a new one answers."""
    db_url = sandbox_db_url
    tokens = {"BNI-0123-01": TOKEN}
    current: list[RunningSandbox] = [RunningSandbox(db_url, tokens, clock=FakeClock()).__enter__()]
    requests: list[int] = []

    def follow_the_live_server(request: httpx.Request) -> None:
        requests.append(1)
        if len(requests) == 2:  # the second batch: the upstream process dies under it
            current[0].__exit__(None, None, None)
        request.url = request.url.copy_with(port=current[0].port)

    def restart_while_waiting(_seconds: float) -> None:
        if current[0].port == 0:
            current[0] = RunningSandbox(db_url, tokens, clock=FakeClock()).__enter__()

    faults = FaultyTransport(on_request=follow_the_live_server)
    try:
        report = sync(
            busy,
            current[0].url,
            TOKEN,
            batch_size=2,
            transport=faults,
            sleep=restart_while_waiting,
            rng=random.Random(3),
        )
        assert report.sent + report.duplicates == 5
        assert report.retries >= 1
        statement = fetch_statement(busy, current[0].url, TOKEN, busy.business_date())
        assert [item.receipt_no for item in statement.items] == [
            f"BNI-0123-01-{n:07d}" for n in range(1, 6)
        ]
        assert sum(item.amount for item in statement.items) == 110_400 + 924_000
    finally:
        current[0].__exit__(None, None, None)


def test_progress_is_reported_per_batch_and_a_cancel_stops_between_batches(
    busy: Counter, sandbox: RunningSandbox
) -> None:
    seen: list[tuple[int, int]] = []

    def after_batch(report: SyncReport) -> None:
        seen.append((report.batches, report.pending))

    report = _sync(
        busy, sandbox, batch_size=2, progress=after_batch, cancelled=lambda: len(seen) >= 1
    )
    assert seen == [(1, 3)]
    assert (report.sent, report.pending) == (2, 3)
    assert _statuses(busy) == ["sent", "sent", "pending", "pending", "pending"]
    assert _sync(busy, sandbox).sent == 3
