"""Helpers for the sandbox tests: upload batches built from a real counter store, an HTTP client."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa

from desktop.counter import Counter
from desktop.services.setup import init_counter
from desktop.store.records import load_records
from desktop.store.schema import audit_events
from desktop.store.store import Store
from desktop.sync.contract import AuditEvent, UploadBatch, UploadRecord, batches_path
from desktop.sync.sandbox.server import RunningSandbox
from tests.conftest import PINS, FakeClock

CODE_A = "BNI-0123-01"  # the template counter of tests/conftest.py
CODE_B = "BNI-0456-01"
TOKENS = {CODE_A: "token-counter-a", CODE_B: "token-counter-b"}


def upload_records(counter: Counter, after_seq: int = 0) -> list[UploadRecord]:
    """The counter's records with a receipt seq above `after_seq`, as the client uploads them."""
    with counter.store.read() as connection:
        records = load_records(connection)
    return [
        UploadRecord(
            id=record_id,
            seq=record["transaction"]["seq"],
            receipt_no=record["transaction"]["receipt_no"],
            kind=record["transaction"]["kind"],
            business_date=record["transaction"]["business_date"],
            amount=record["transaction"]["amount"],
            record=dict(record),
        )
        for record_id, record in records.items()
        if record["transaction"]["seq"] > after_seq
    ]


def upload_events(counter: Counter, after_seq: int = 0) -> list[AuditEvent]:
    with counter.store.read() as connection:
        rows = connection.execute(
            sa.select(audit_events)
            .where(audit_events.c.seq > after_seq)
            .order_by(audit_events.c.seq)
        ).mappings()
        return [AuditEvent.model_validate(dict(row)) for row in rows]


def make_batch(counter: Counter, *, after_record: int = 0, after_event: int = 0) -> UploadBatch:
    return UploadBatch(
        counter_code=counter.profile.counter_code,
        records=upload_records(counter, after_record),
        events=upload_events(counter, after_event),
    )


def changed(batch: UploadBatch, **fields: Any) -> UploadBatch:
    return batch.model_copy(update=fields)


def new_key() -> str:
    return str(uuid.uuid4())


@contextmanager
def running(db_url: str, clock: FakeClock | None = None) -> Iterator[RunningSandbox]:
    """The sandbox on `db_url` (the `sandbox_db_url` fixture: SQLite, then PostgreSQL), on the
    test's clock when it has one."""
    with RunningSandbox(db_url, TOKENS, clock=clock or FakeClock()) as sandbox:
        yield sandbox


@contextmanager
def client(sandbox: RunningSandbox, code: str = CODE_A) -> Iterator[httpx.Client]:
    headers = {"Authorization": f"Bearer {TOKENS[code]}"}
    with httpx.Client(base_url=sandbox.url, headers=headers, timeout=30) as http:
        yield http


def post(http: httpx.Client, batch: UploadBatch, key: str | None = None) -> httpx.Response:
    return http.post(
        batches_path(batch.counter_code),
        content=batch.model_dump_json(),
        headers={"Idempotency-Key": key or new_key(), "Content-Type": "application/json"},
    )


def statuses(response: httpx.Response) -> list[tuple[str, str | None]]:
    """(status, code) of every item of a 200 reply."""
    assert response.status_code == 200, response.text
    return [(item["status"], item["code"]) for item in response.json()["results"]]


def second_counter(folder: Path) -> tuple[Store, Counter]:
    """Another counter (BNI-0456-01) on a fresh store; the caller closes the store."""
    store = Store(folder)
    counter = Counter(store, clock=FakeClock())
    init_counter(
        counter,
        bank_code="BNI",
        branch_code="0456",
        branch_name="KC Bogor",
        counter_no=1,
        timezone="Asia/Jakarta",
        supervisor_id="spv01",
        supervisor_name="Rina Marlina",
        supervisor_pin=PINS["spv01"],
    )
    return store, counter
