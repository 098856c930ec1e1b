"""Many uploads at once: each batch is one transaction, retries and races store things once."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from desktop.counter import Counter
from desktop.domain.users import Role
from desktop.services.auth import User
from desktop.services.contributions import pay_bpu
from desktop.services.registration import register_participant
from desktop.sync.contract import BatchResult, UploadBatch, UploadRecord, statement_path
from desktop.sync.sandbox import rules, upload
from desktop.sync.sandbox import store as sandbox_store
from desktop.sync.sandbox.server import RunningSandbox
from tests.helpers import START
from tests.services.conftest import NIK_MAN, NIK_WOMAN, bpu_payment, registration
from tests.sync.sandbox_support import (
    CODE_A,
    CODE_B,
    client,
    make_batch,
    new_key,
    post,
    running,
    second_counter,
)

THREADS = 16
Call = Callable[[httpx.Client], httpx.Response]
TODAY = "2026-11-24"


@pytest.fixture
def sandbox(sandbox_db_url: str) -> Iterator[RunningSandbox]:
    with running(sandbox_db_url) as server:
        yield server


@pytest.fixture
def day(counter: Counter, teller: User) -> UploadBatch:
    register_participant(counter, teller, registration())
    register_participant(
        counter, teller, registration(nik=NIK_WOMAN, full_name="Ratna Dewi", birth_date="", sex="")
    )
    pay_bpu(counter, teller, bpu_payment())
    return make_batch(counter)


def _at_once(sandbox: RunningSandbox, calls: list[Call]) -> list[httpx.Response]:
    def run(call: Call) -> httpx.Response:
        with client(sandbox) as http:
            return call(http)

    with ThreadPoolExecutor(THREADS) as pool:
        return list(pool.map(run, calls))


class Rendezvous:
    """Holds the first registration of two concurrent batches until both have reached it.

    Only on PostgreSQL, where both transactions run at once; SQLite writes one at a time (a
    rendezvous there would wait for a transaction that cannot start). Counts the attempts.
    """

    def __init__(self, monkeypatch: pytest.MonkeyPatch, db_url: str, *, after: bool) -> None:
        self.attempts = 0
        parties = 1 if db_url.startswith("sqlite") else 2
        barrier = threading.Barrier(parties, timeout=20)
        waiting = [parties]
        lock = threading.Lock()
        real_register = upload._Records._register
        real_apply = upload._apply

        def meet() -> None:
            with lock:
                first = waiting[0] > 0
                waiting[0] -= 1
            if first:
                barrier.wait()

        def register(
            records: upload._Records, record: UploadRecord
        ) -> tuple[str | None, rules.Rejection | None]:
            if not after:
                meet()
            result = real_register(records, record)
            if after:
                meet()
            return result

        def apply(connection: sa.Connection, *args: object) -> upload.Outcome:
            with lock:
                self.attempts += 1
            return real_apply(connection, *args)  # type: ignore[arg-type]

        monkeypatch.setattr(upload._Records, "_register", register)
        monkeypatch.setattr(upload, "_apply", apply)


def test_one_batch_sent_many_times_with_one_key_gets_one_reply(
    sandbox: RunningSandbox, day: UploadBatch
) -> None:
    key = new_key()
    replies = _at_once(sandbox, [lambda http: post(http, day, key)] * THREADS)
    assert {reply.status_code for reply in replies} == {200}
    assert len({reply.content for reply in replies}) == 1
    assert sum(reply.headers.get("Idempotent-Replayed") is None for reply in replies) == 1
    assert {item["status"] for item in replies[0].json()["results"]} == {"accepted"}


def test_one_batch_sent_many_times_with_new_keys_is_stored_once(
    sandbox: RunningSandbox, day: UploadBatch
) -> None:
    replies = _at_once(sandbox, [lambda http: post(http, day)] * THREADS)
    assert {reply.status_code for reply in replies} == {200}
    per_record = list(zip(*(reply.json()["results"] for reply in replies), strict=True))
    for outcomes in per_record:
        assert sorted(item["status"] for item in outcomes) == ["accepted"] + ["duplicate"] * (
            THREADS - 1
        )
        assert len({item["kpj"] for item in outcomes}) == 1
    with client(sandbox) as http:
        items = http.get(statement_path(CODE_A), params={"date": TODAY}).json()["items"]
    assert [item["id"] for item in items] == [record.id for record in day.records]


def test_two_counters_registering_one_nik_at_once_get_one_acceptance(
    sandbox: RunningSandbox,
    sandbox_db_url: str,
    counter: Counter,
    teller: User,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Both find the NIK free and insert it: PostgreSQL's unique violation, the loser runs again."""
    register_participant(counter, teller, registration())
    other_store, other = second_counter(tmp_path / "other")
    try:
        register_participant(other, User("spv01", "Rina", Role.SUPERVISOR), registration())
        batches = {CODE_A: make_batch(counter), CODE_B: make_batch(other)}
    finally:
        other_store.close()

    def send(code: str) -> httpx.Response:
        with client(sandbox, code) as http:
            return post(http, batches[code])

    rendezvous = Rendezvous(monkeypatch, sandbox_db_url, after=False)
    with ThreadPoolExecutor(2) as pool:
        replies = list(pool.map(send, [CODE_A, CODE_B]))
    outcomes = sorted(
        (r.json()["results"][0]["status"], r.json()["results"][0]["code"]) for r in replies
    )
    assert outcomes == [("accepted", None), ("rejected", "nik_registered")]
    assert rendezvous.attempts == (2 if sandbox_db_url.startswith("sqlite") else 3)


def test_two_counters_registering_two_niks_in_opposite_orders_get_one_acceptance_each(
    sandbox: RunningSandbox,
    sandbox_db_url: str,
    counter: Counter,
    teller: User,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each holds the NIK the other wants next: PostgreSQL's deadlock, the victim runs again."""
    woman = registration(nik=NIK_WOMAN, full_name="Ratna Dewi", birth_date="", sex="")
    register_participant(counter, teller, registration())
    register_participant(counter, teller, woman)
    other_store, other = second_counter(tmp_path / "other")
    try:
        boss = User("spv01", "Rina", Role.SUPERVISOR)
        register_participant(other, boss, woman)
        register_participant(other, boss, registration())
        batches = {CODE_A: make_batch(counter), CODE_B: make_batch(other)}
    finally:
        other_store.close()
    nik_of = {
        record.id: rules.registration_nik(record.record)
        for batch in batches.values()
        for record in batch.records
    }
    assert [nik_of[record.id] for record in batches[CODE_B].records] == [NIK_WOMAN, NIK_MAN]

    def send(code: str) -> list[tuple[str | None, str]]:
        with client(sandbox, code) as http:
            reply = post(http, batches[code])
        assert reply.status_code == 200, reply.text
        return [(nik_of[item["id"]], item["status"]) for item in reply.json()["results"]]

    rendezvous = Rendezvous(monkeypatch, sandbox_db_url, after=True)
    with ThreadPoolExecutor(2) as pool:
        outcomes = [pair for pairs in pool.map(send, [CODE_A, CODE_B]) for pair in pairs]
    for nik in (NIK_MAN, NIK_WOMAN):
        assert sorted(status for of, status in outcomes if of == nik) == ["accepted", "rejected"]
    assert rendezvous.attempts == (2 if sandbox_db_url.startswith("sqlite") else 3)


def test_a_batch_that_meets_a_concurrent_write_runs_again(
    sandbox_db_url: str, day: UploadBatch, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A unique constraint broken by another transaction (PostgreSQL's race) is not an error."""
    real_apply = upload._apply
    calls: list[int] = []

    def racing(connection: sa.Connection, *args: object) -> upload.Outcome:
        calls.append(1)
        if len(calls) == 1:
            # As if another transaction had just taken the KPJ row this batch is about to insert.
            connection.execute(
                sa.insert(sandbox_store.kpj_numbers).values(record_id=day.records[0].id)
            )
        return real_apply(connection, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(upload, "_apply", racing)
    store = sandbox_store.SandboxStore(sandbox_db_url)
    try:
        store.create_schema()
        outcome = upload.upload_batch(store, CODE_A, new_key(), day, START)
    finally:
        store.close()
    assert len(calls) == 2
    assert not outcome.replayed
    result = BatchResult.model_validate_json(outcome.response)
    assert {item.status for item in result.results} == {"accepted"}
    assert result.results[0].kpj is not None


def test_the_schema_and_the_head_lock_compile_for_postgresql() -> None:
    dialect = postgresql.dialect()  # type: ignore[no-untyped-call]
    for table in sandbox_store.metadata.sorted_tables:
        assert "CREATE TABLE" in str(sa.schema.CreateTable(table).compile(dialect=dialect))
    locked = sa.select(sandbox_store.chain_heads).with_for_update()
    assert "FOR UPDATE" in str(locked.compile(dialect=dialect))
