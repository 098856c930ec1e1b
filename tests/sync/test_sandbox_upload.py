"""Uploading to the sandbox over loopback: item results, KPJ numbers, idempotency, statements."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from desktop.counter import Counter
from desktop.domain.users import Role
from desktop.services.auth import User
from desktop.services.capture import capture
from desktop.services.claims import hand_over_claim
from desktop.services.contributions import pay_bpu, pay_pu
from desktop.services.registration import register_participant
from desktop.services.voids import VoidTransaction, void_transaction
from desktop.store.audit import GENESIS_HASH
from desktop.sync.contract import BatchResult, UploadBatch, statement_path
from desktop.sync.sandbox.server import RunningSandbox
from tests.conftest import PINS
from tests.services.conftest import (
    NIK_WOMAN,
    bpu_payment,
    claim,
    pu_payment,
    registration,
)
from tests.sync.sandbox_support import (
    CODE_A,
    CODE_B,
    changed,
    client,
    make_batch,
    new_key,
    post,
    running,
    second_counter,
    statuses,
)

TODAY = "2026-11-24"


@pytest.fixture
def sandbox(sandbox_db_url: str) -> Iterator[RunningSandbox]:
    with running(sandbox_db_url) as server:
        yield server


@pytest.fixture
def http(sandbox: RunningSandbox) -> Iterator[httpx.Client]:
    with client(sandbox) as session:
        yield session


def _void(receipt_no: str) -> VoidTransaction:
    return VoidTransaction(receipt_no, "Salah input data", "spv01", PINS["spv01"])


def test_a_day_of_every_kind_is_accepted_and_the_chain_head_moves(
    counter: Counter, teller: User, http: httpx.Client
) -> None:
    register_participant(counter, teller, registration())
    pay_bpu(counter, teller, bpu_payment())
    pay_pu(counter, teller, pu_payment())
    hand_over_claim(counter, teller, claim())
    batch = make_batch(counter)
    assert [event.seq for event in batch.events[:5]] == [1, 2, 3, 4, 5]  # init, 4 users

    response = post(http, batch)

    assert statuses(response) == [("accepted", None)] * 4
    result = BatchResult.model_validate_json(response.text)
    assert result.counter_code == CODE_A
    assert [item.id for item in result.results] == [record.id for record in batch.records]
    assert result.chain_head.seq == batch.events[-1].seq
    assert result.chain_head.hash == batch.events[-1].hash
    assert response.headers.get("Idempotent-Replayed") is None


def test_a_registration_gets_a_kpj_that_a_reupload_returns_unchanged(
    counter: Counter, teller: User, http: httpx.Client
) -> None:
    register_participant(counter, teller, registration())
    register_participant(
        counter, teller, registration(nik=NIK_WOMAN, full_name="Ratna Dewi", birth_date="", sex="")
    )
    pay_bpu(counter, teller, bpu_payment())
    batch = make_batch(counter)

    first = post(http, batch).json()["results"]
    kpjs = [item["kpj"] for item in first]
    assert all(re.fullmatch(r"\d{11}", kpj) for kpj in kpjs[:2])
    assert kpjs[0] != kpjs[1]
    # A payment answers its participant's KPJ (a counter that took it unverified learns it).
    assert kpjs[2] == kpjs[0]

    again = post(http, batch, key=new_key())  # a new key: judged again, record by record
    assert statuses(again) == [("duplicate", None)] * 3
    assert [item["kpj"] for item in again.json()["results"]] == kpjs


def test_the_same_key_and_body_replay_the_stored_reply_byte_for_byte(
    counter: Counter, teller: User, http: httpx.Client
) -> None:
    register_participant(counter, teller, registration())
    batch = make_batch(counter)
    key = new_key()
    first = post(http, batch, key)
    replay = post(http, batch, key)
    assert replay.status_code == 200
    assert replay.content == first.content
    assert replay.headers["Idempotent-Replayed"] == "true"
    assert statuses(replay) == [("accepted", None)]  # the first reply, not "duplicate"


def test_the_same_key_with_another_body_is_refused(
    counter: Counter, teller: User, http: httpx.Client
) -> None:
    register_participant(counter, teller, registration())
    batch = make_batch(counter)
    key = new_key()
    post(http, batch, key)
    pay_bpu(counter, teller, bpu_payment())

    reused = post(http, make_batch(counter), key)

    assert reused.status_code == 422
    assert reused.json()["code"] == "idempotency_key_reused"
    assert len(http.get(statement_path(CODE_A), params={"date": TODAY}).json()["items"]) == 1


@pytest.mark.parametrize(
    ("headers", "code"),
    [
        ({}, "idempotency_key_required"),
        ({"Idempotency-Key": "two words"}, "idempotency_key_invalid"),
    ],
)
def test_a_batch_needs_a_valid_idempotency_key(
    counter: Counter, http: httpx.Client, headers: dict[str, str], code: str
) -> None:
    response = http.post(
        f"/v1/counters/{CODE_A}/batches",
        content=make_batch(counter).model_dump_json(),
        headers={"Content-Type": "application/json", **headers},
    )
    assert response.status_code == 400
    assert response.json() == {
        "contract": "spo-upload/1",
        "code": code,
        "message": response.json()["message"],
    }


def test_a_record_altered_after_capture_is_rejected_and_the_rest_accepted(
    counter: Counter, teller: User, http: httpx.Client
) -> None:
    register_participant(counter, teller, registration())
    pay_bpu(counter, teller, bpu_payment())
    batch = make_batch(counter)
    paid = batch.records[1]
    # The amount changed in the record and in its summary alike: only the chain can tell.
    transaction = paid.record["transaction"]
    assert isinstance(transaction, dict)
    record = {**paid.record, "transaction": {**transaction, "amount": 1}}
    altered = paid.model_copy(update={"amount": 1, "record": record})

    results = post(http, changed(batch, records=[batch.records[0], altered])).json()["results"]

    assert [item["status"] for item in results] == ["accepted", "rejected"]
    assert results[1]["code"] == "digest_mismatch"
    assert "rantai audit" in results[1]["reason"]
    assert results[1]["kpj"] is None


def test_a_summary_that_disagrees_with_its_record_is_rejected(
    counter: Counter, teller: User, http: httpx.Client
) -> None:
    register_participant(counter, teller, registration())
    batch = make_batch(counter)
    wrong = batch.records[0].model_copy(update={"amount": 5})
    assert statuses(post(http, changed(batch, records=[wrong]))) == [
        ("rejected", "summary_mismatch")
    ]


def test_a_contribution_whose_lines_do_not_add_up_is_rejected(
    counter: Counter, teller: User, http: httpx.Client
) -> None:
    # The counter's own services never write this; a faulty build could, and the upstream says so.
    with counter.store.write() as connection:
        capture(
            connection,
            counter,
            kind="contribution",
            actor=teller,
            now=counter.now(),
            details={
                "category": "PU",
                "payment_code": "999999999999",
                "npp": "12345678",
                "employer_name": "PT Maju Jaya Abadi",
                "months": 1,
                "period_start": "2026-10-01",
                "period_end": "2026-10-31",
            },
            amount=100_000,
            lines={"JKK": 24_000, "JKM": 30_000},
        )
    pay_pu(counter, teller, pu_payment())
    assert statuses(post(http, make_batch(counter))) == [
        ("rejected", "amount_mismatch"),
        ("accepted", None),
    ]


def test_an_id_stored_with_other_content_is_a_conflict(
    counter: Counter, teller: User, http: httpx.Client
) -> None:
    register_participant(counter, teller, registration())
    pay_bpu(counter, teller, bpu_payment())
    batch = make_batch(counter)
    post(http, batch)
    registration_record, payment = batch.records
    impostor = payment.model_copy(update={"id": registration_record.id})
    assert statuses(post(http, changed(batch, records=[impostor]))) == [("rejected", "id_conflict")]


def test_a_nik_registered_at_another_counter_is_rejected_and_its_void_unknown(
    counter: Counter, teller: User, sandbox: RunningSandbox, tmp_path: Path
) -> None:
    other_store, other = second_counter(tmp_path / "other")
    try:
        boss = User("spv01", "Rina Marlina", Role.SUPERVISOR)
        register_participant(other, boss, registration())
        with client(sandbox, CODE_B) as http_b:
            results_b = post(http_b, make_batch(other)).json()["results"]
        assert results_b[0]["status"] == "accepted"
    finally:
        other_store.close()

    mine = register_participant(counter, teller, registration(full_name="Joko Susanto"))
    with client(sandbox) as http:
        reply = post(http, make_batch(counter)).json()
        results = reply["results"]
        assert [(r["status"], r["code"]) for r in results] == [("rejected", "nik_registered")]
        assert "sudah terdaftar" in results[0]["reason"]
        assert results[0]["kpj"] is None

        # The supervisor voids the refused registration; the upstream never had it.
        void_transaction(counter, teller, _void(mine.receipt_no))
        head = reply["chain_head"]["seq"]
        later = make_batch(counter, after_record=mine.seq, after_event=head)
        assert [event.seq for event in later.events] == [head + 1]
        assert statuses(post(http, later)) == [("rejected", "voided_unknown")]


def test_a_voided_registration_frees_its_nik_upstream(
    counter: Counter, teller: User, http: httpx.Client
) -> None:
    first = register_participant(counter, teller, registration())
    void_transaction(counter, teller, _void(first.receipt_no))
    register_participant(counter, teller, registration(full_name="Joko Susanto Putra"))
    assert statuses(post(http, make_batch(counter))) == [("accepted", None)] * 3


def test_a_void_without_its_original_upstream_is_rejected(
    counter: Counter, teller: User, http: httpx.Client
) -> None:
    register_participant(counter, teller, registration())
    payment = pay_bpu(counter, teller, bpu_payment())
    void_transaction(counter, teller, _void(payment.receipt_no))
    batch = make_batch(counter)
    registration_record, _payment, void = batch.records
    assert statuses(post(http, changed(batch, records=[registration_record, void]))) == [
        ("accepted", None),
        ("rejected", "voided_unknown"),
    ]


def test_the_statement_lists_what_the_upstream_holds_for_the_day_in_receipt_order(
    counter: Counter, teller: User, http: httpx.Client
) -> None:
    registered = register_participant(counter, teller, registration())
    paid = pay_bpu(counter, teller, bpu_payment())
    void = void_transaction(counter, teller, _void(paid.receipt_no))
    batch = make_batch(counter)
    post(http, changed(batch, records=list(reversed(batch.records[:2]))))  # order does not matter
    post(http, batch)

    statement = http.get(statement_path(CODE_A), params={"date": TODAY})

    assert statement.status_code == 200
    assert statement.json() == {
        "contract": "spo-upload/1",
        "counter_code": CODE_A,
        "business_date": TODAY,
        "items": [
            {"id": r.id, "receipt_no": r.receipt_no, "kind": r.kind, "amount": r.amount}
            for r in batch.records
        ],
    }
    assert [item["receipt_no"] for item in statement.json()["items"]] == [
        registered.receipt_no,
        paid.receipt_no,
        void.receipt_no,
    ]
    other_day = http.get(statement_path(CODE_A), params={"date": "2026-11-23"}).json()
    assert other_day["items"] == []


def test_a_statement_needs_a_valid_date(http: httpx.Client) -> None:
    for params in ({}, {"date": "24-11-2026"}):
        response = http.get(statement_path(CODE_A), params=params)
        assert response.status_code == 422
        assert response.json()["code"] == "invalid_request"


def test_an_empty_first_batch_is_answered_with_the_genesis_head(http: httpx.Client) -> None:
    result = BatchResult.model_validate_json(
        post(http, UploadBatch(counter_code=CODE_A, records=[], events=[])).text
    )
    assert (result.chain_head.seq, result.chain_head.hash) == (0, GENESIS_HASH)
    assert result.results == []
