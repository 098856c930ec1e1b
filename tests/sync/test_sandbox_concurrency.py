"""Many uploads at once: each batch is one transaction, retries and races store things once."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from desktop.domain.users import Role
from desktop.services.auth import User
from desktop.services.contributions import pay_bpu
from desktop.services.counter import Counter
from desktop.services.registration import register_participant
from desktop.sync.contract import BatchResult, UploadBatch, statement_path
from desktop.sync.sandbox import store as sandbox_store
from desktop.sync.sandbox import upload
from desktop.sync.sandbox.server import RunningSandbox
from tests.services.conftest import NIK_WOMAN, bpu_payment, registration
from tests.sync.sandbox_support import (
    CODE_A,
    CODE_B,
    client,
    make_batch,
    new_key,
    post,
    running,
    second_counter,
    sqlite_url,
)

THREADS = 16
Call = Callable[[httpx.Client], httpx.Response]
TODAY = "2026-11-24"


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[RunningSandbox]:
    with running(tmp_path) as server:
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
    sandbox: RunningSandbox, counter: Counter, teller: User, tmp_path: Path
) -> None:
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

    with ThreadPoolExecutor(2) as pool:
        replies = list(pool.map(send, [CODE_A, CODE_B]))
    outcomes = sorted(
        (r.json()["results"][0]["status"], r.json()["results"][0]["code"]) for r in replies
    )
    assert outcomes == [("accepted", None), ("rejected", "nik_registered")]


def test_a_batch_that_meets_a_concurrent_write_runs_again(
    tmp_path: Path, day: UploadBatch, monkeypatch: pytest.MonkeyPatch
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
    store = sandbox_store.SandboxStore(sqlite_url(tmp_path))
    try:
        store.create_schema()
        outcome = upload.upload_batch(store, CODE_A, new_key(), day)
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
