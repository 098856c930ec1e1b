"""The sandbox's registry over loopback: the inquiry, and uploads checked against the registry
and the reference data (a period paid elsewhere, forged amounts), quarantined at the counter."""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from desktop.counter import Counter
from desktop.domain.users import Role
from desktop.services.auth import User
from desktop.services.capture import capture
from desktop.services.contributions import pay_bpu, pay_pu
from desktop.services.registration import register_participant
from desktop.services.voids import VoidTransaction, void_transaction
from desktop.store.audit import digest, keyed_hash
from desktop.store.schema import outbox, participants, transactions
from desktop.sync.client import sync
from desktop.sync.contract import INQUIRY_PATH, AuditEvent, UploadBatch, UploadRecord
from desktop.sync.sandbox import registry
from desktop.sync.sandbox.server import RunningSandbox
from tests.conftest import PINS, FakeClock
from tests.services.conftest import NIK_MAN, bpu_payment, pu_payment, registration
from tests.sync.registry_support import (
    CODE_DUE,
    CODE_LATE,
    CODE_PAID,
    KPJ_COURIER,
    NIK_COURIER,
    NIK_LAPSED,
    NIK_TRADER,
    fixtures,
)
from tests.sync.sandbox_support import (
    CODE_A,
    CODE_B,
    TOKENS,
    client,
    make_batch,
    post,
    second_counter,
    statuses,
)


@pytest.fixture
def sandbox(sandbox_db_url: str) -> Iterator[RunningSandbox]:
    with RunningSandbox(sandbox_db_url, TOKENS, clock=FakeClock(), fixtures=fixtures()) as running:
        yield running


@pytest.fixture
def http(sandbox: RunningSandbox) -> Iterator[httpx.Client]:
    with client(sandbox) as session:
        yield session


def inquire(http: httpx.Client, **query: str) -> dict[str, Any]:
    response = http.get(INQUIRY_PATH, params=query)
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


def upload(counter: Counter, sandbox: RunningSandbox, code: str = CODE_A) -> None:
    sync(counter, sandbox.url, TOKENS[code], rng=random.Random(7), sleep=lambda _s: None)


def outbox_states(counter: Counter) -> dict[str, tuple[str, str | None]]:
    """Receipt number -> (outbox status, reason) of every record."""
    with counter.store.read() as connection:
        rows = connection.execute(
            sa.select(transactions.c.receipt_no, outbox.c.status, outbox.c.last_error).join(
                outbox, outbox.c.seq == transactions.c.seq
            )
        )
        return {row.receipt_no: (row.status, row.last_error) for row in rows}


# --- the inquiry ----------------------------------------------------------------------------------


def test_a_participant_registered_elsewhere_is_answered_with_what_is_due(
    http: httpx.Client,
) -> None:
    answer = inquire(http, nik=NIK_COURIER)
    assert answer["as_of"] == "2026-11-24"
    assert answer["bill"] is None
    person = answer["participant"]
    assert (person["full_name"], person["kpj"], person["status"]) == (
        "Siti Aminah",
        KPJ_COURIER,
        "active",
    )
    assert (person["monthly_income"], person["programs"]) == (1_000_000, ["JKK", "JKM", "JHT"])
    assert (person["paid_through"], person["payable_from"], person["payable_to"]) == (
        "2026-10",
        "2026-11",
        "2027-10",
    )
    assert person["jht_balance"] == 2_450_000
    quotes = {quote["months"]: quote for quote in person["quotes"]}
    # A courier: PP 50/2025 halves JKK and JKM up to March 2027; JHT stays whole.
    assert quotes[1]["lines"] == {"JKK": 5_000, "JKM": 3_400, "JHT": 20_000}
    assert quotes[1]["reliefs"] == {"PP50_2025": 8_400}
    assert quotes[1]["total"] == 28_400
    assert (quotes[6]["period_end"], quotes[6]["total"]) == ("2027-04", 6 * 36_800 - 5 * 8_400)
    assert quotes[12]["total"] == 12 * 36_800 - 5 * 8_400
    assert inquire(http, kpj=KPJ_COURIER)["participant"]["nik"] == NIK_COURIER


def test_a_participant_paid_through_this_month_may_pay_from_the_next(http: httpx.Client) -> None:
    person = inquire(http, nik=NIK_TRADER)["participant"]
    assert (person["payable_from"], person["payable_to"]) == ("2026-12", "2027-11")
    assert person["quotes"][0] == {
        "months": 1,
        "period_start": "2026-12",
        "period_end": "2026-12",
        "lines": {"JKK": 20_000, "JKM": 6_800},
        "reliefs": {},
        "total": 26_800,
    }
    assert person["jht_balance"] is None


def test_more_than_three_unpaid_months_make_a_participant_inactive(http: httpx.Client) -> None:
    person = inquire(http, nik=NIK_LAPSED)["participant"]
    assert (person["status"], person["kpj"]) == ("inactive", None)
    assert person["payable_from"] == "2026-08"  # arrears reach 3 months back, no further


def test_a_bill_by_its_payment_code_with_the_late_fine(http: httpx.Client) -> None:
    due = inquire(http, payment_code=CODE_DUE)["bill"]
    assert (due["employer"], due["npp"], due["period"], due["total"]) == (
        "PT Sinar Abadi",
        "15070955",
        "2026-11",
        924_000,
    )
    assert due["lines"]["JKP"] == 14_000
    assert (due["late_months"], due["late_fine"], due["paid"]) == (0, 0, False)
    late = inquire(http, payment_code=CODE_LATE)["bill"]
    # Due 15 October, asked 24 November: two started months at 2% of Rp320.000.
    assert (late["due_date"], late["late_months"], late["late_fine"]) == ("2026-10-15", 2, 12_800)
    assert inquire(http, payment_code=CODE_PAID)["bill"]["paid"] is True


@pytest.mark.parametrize(
    ("query", "status", "code"),
    [
        ({"nik": NIK_MAN}, 404, "not_found"),
        ({"payment_code": "111111111111"}, 404, "not_found"),
        ({}, 400, "bad_request"),
        ({"nik": NIK_COURIER, "kpj": KPJ_COURIER}, 400, "bad_request"),
        ({"nik": "12345"}, 422, "invalid_request"),
    ],
)
def test_an_inquiry_the_upstream_cannot_answer(
    http: httpx.Client, query: dict[str, str], status: int, code: str
) -> None:
    response = http.get(INQUIRY_PATH, params=query)
    assert (response.status_code, response.json()["code"]) == (status, code)


def test_an_inquiry_needs_a_counters_token(sandbox: RunningSandbox) -> None:
    response = httpx.get(f"{sandbox.url}{INQUIRY_PATH}", params={"nik": NIK_COURIER})
    assert response.status_code == 401


# --- what uploads add to the registry and what they are refused -------------------------------


def test_a_counters_registration_and_payment_join_the_registry(
    counter: Counter, teller: User, sandbox: RunningSandbox, http: httpx.Client
) -> None:
    register_participant(counter, teller, registration())
    pay_bpu(counter, teller, bpu_payment(months=3))
    upload(counter, sandbox)
    person = inquire(http, nik=NIK_MAN)["participant"]
    assert len(str(person["kpj"])) == 11
    assert (person["full_name"], person["paid_through"], person["sector"]) == (
        "Joko Susanto",
        "2027-01",
        None,
    )


def test_a_period_paid_through_another_channel_is_refused_and_quarantined(
    counter: Counter, teller: User, sandbox: RunningSandbox
) -> None:
    """The teller registered someone the upstream knows, and took November, which the post office
    took already: both are refused, the counter quarantines both."""
    register_participant(
        counter,
        teller,
        registration(
            nik=NIK_TRADER,
            full_name="Bambang Wijaya",
            birth_date="1990-01-01",
            monthly_income="2.000.000",
        ),
    )
    paid = pay_bpu(counter, teller, bpu_payment(participant=NIK_TRADER))
    upload(counter, sandbox)
    states = outbox_states(counter)
    assert states[paid.receipt_no][0] == "quarantined"
    assert "period_paid" in str(states[paid.receipt_no][1])
    assert "11/2026 sudah dibayar melalui kanal lain" in str(states[paid.receipt_no][1])
    assert [status for status, _ in states.values()] == ["quarantined", "quarantined"]


def test_a_bill_is_checked_against_the_registry(
    counter: Counter, teller: User, http: httpx.Client
) -> None:
    billed = {"JKK": 10_000, "JKM": 30_000, "JHT": 570_000, "JP": 300_000, "JKP": 14_000}
    pay_pu(counter, teller, pu_payment(payment_code=CODE_DUE, billed=billed))
    pay_pu(counter, teller, pu_payment(payment_code=CODE_PAID, billed={"JKK": 5_000}))
    pay_pu(counter, teller, pu_payment(payment_code=CODE_LATE, billed={"JKK": 20_000}))
    assert statuses(post(http, make_batch(counter))) == [
        ("accepted", None),
        ("rejected", "bill_paid"),
        ("rejected", "amount_mismatch"),
    ]
    assert inquire(http, payment_code=CODE_DUE)["bill"]["paid"] is True


def _participant_id(counter: Counter, nik: str) -> str:
    with counter.store.read() as connection:
        found = connection.execute(
            sa.select(participants.c.id).where(participants.c.nik == nik)
        ).scalar_one()
    return str(found)


def _forged_payment(counter: Counter, teller: User, amount: int, lines: dict[str, int]) -> str:
    """A BPU payment written as a faulty counter build would: past the services' checks."""
    with counter.store.write() as connection:
        captured = capture(
            connection,
            counter,
            kind="contribution",
            actor=teller,
            now=counter.now(),
            details={
                "category": "BPU",
                "identified_by": "nik",
                "monthly_income": 1_000_000,
                "months": 1,
                "period_start": "2026-12-01",
                "period_end": "2026-12-01",
            },
            amount=amount,
            participant_id=_participant_id(counter, NIK_MAN),
            lines=lines,
        )
    return captured.receipt_no


def test_forged_amounts_the_counter_stored_are_refused_and_quarantined(
    counter: Counter, teller: User, sandbox: RunningSandbox
) -> None:
    register_participant(counter, teller, registration())
    off_by_one = _forged_payment(counter, teller, 16_801, {"JKK": 10_001, "JKM": 6_800})
    huge = _forged_payment(counter, teller, 10**15, {"JKK": 10**15 - 6_800, "JKM": 6_800})
    honest = pay_bpu(counter, teller, bpu_payment(period_start="2027-01")).receipt_no
    upload(counter, sandbox)
    states = outbox_states(counter)
    assert states[off_by_one][0] == "quarantined"
    assert "amount_mismatch" in str(states[off_by_one][1])
    assert "seharusnya JKK 10000, JKM 6800" in str(states[off_by_one][1])
    assert states[huge][0] == "quarantined"
    assert "amount_out_of_range" in str(states[huge][1])
    assert states[honest][0] == "sent"


def _resigned(
    counter: Counter, batch: UploadBatch, change: Callable[[dict[str, Any]], None]
) -> UploadBatch:
    """The batch with its last record changed by `change`, and that record's capture event
    signed again with the counter's audit key: a consistent forgery only the rules can stop."""
    last = batch.records[-1]
    record = json.loads(json.dumps(last.record))
    change(record)
    transaction = record["transaction"]
    forged = UploadRecord(
        id=last.id,
        seq=last.seq,
        receipt_no=last.receipt_no,
        kind=last.kind,
        business_date=transaction["business_date"],
        amount=transaction["amount"],
        record=record,
    )
    *earlier, event = batch.events
    assert event.entity_id == last.id
    fields = {**event.model_dump(), "record_digest": digest(record)}
    fields["hash"] = keyed_hash(counter.audit_key.secret, event.prev_hash, fields)
    return batch.model_copy(
        update={
            "records": [*batch.records[:-1], forged],
            "events": [*earlier, AuditEvent.model_validate(fields)],
        }
    )


def _negative_line(record: dict[str, Any]) -> None:
    record["lines"] = [
        {**record["lines"][0], "amount": 30_000},
        {**record["lines"][1], "amount": -13_200},
    ]


def _year_2099(record: dict[str, Any]) -> None:
    record["transaction"]["business_date"] = "2099-11-24"


@pytest.mark.parametrize(
    ("change", "code"),
    [(_negative_line, "negative_line"), (_year_2099, "date_out_of_range")],
)
def test_forgeries_no_counter_can_store_are_refused(
    counter: Counter,
    teller: User,
    http: httpx.Client,
    change: Callable[[dict[str, Any]], None],
    code: str,
) -> None:
    register_participant(counter, teller, registration())
    pay_bpu(counter, teller, bpu_payment())
    batch = _resigned(counter, make_batch(counter), change)
    results = post(http, batch).json()["results"]
    assert [(item["status"], item["code"]) for item in results] == [
        ("accepted", None),
        ("rejected", code),
    ]
    assert results[1]["reason"]


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        (lambda r: r["transaction"].update(amount=2**63), "less than or equal"),
        (lambda r: r["lines"][0].update(amount=-(2**64)), "64 bits"),
        (lambda r: r.update(extra=[[[[[[["deep"]]]]]]]), "levels deep"),
        (lambda r: r.update(extra="x" * 70_000), "bytes"),
    ],
)
def test_a_record_beyond_the_contracts_bounds_is_a_422_with_the_reason(
    counter: Counter, teller: User, http: httpx.Client, change: Callable[[Any], None], fragment: str
) -> None:
    register_participant(counter, teller, registration())
    pay_bpu(counter, teller, bpu_payment())
    body = json.loads(make_batch(counter).model_dump_json())
    change(body["records"][-1]["record"])
    body["records"][-1]["amount"] = body["records"][-1]["record"]["transaction"]["amount"]
    response = http.post(
        f"/v1/counters/{CODE_A}/batches",
        content=json.dumps(body),
        headers={"Idempotency-Key": "bounds-1", "Content-Type": "application/json"},
    )
    assert response.status_code == 422, response.text
    assert response.json()["code"] == "invalid_request"
    assert fragment in response.json()["message"]


def test_json_nested_beyond_any_parser_is_refused_not_a_500(http: httpx.Client) -> None:
    body = (
        '{"contract": "spo-upload/1", "counter_code": "BNI-0123-01", "records": '
        + ("[" * 100_000 + "]" * 100_000)
        + ', "events": []}'
    )
    response = http.post(
        f"/v1/counters/{CODE_A}/batches",
        content=body,
        headers={"Idempotency-Key": "deep-1", "Content-Type": "application/json"},
    )
    # Not even JSON to this parser: refused as a bad request, nothing stored.
    assert (response.status_code, response.json()["code"]) == (400, "bad_request")


def test_another_counters_record_id_tells_nothing_of_that_record(
    counter: Counter, teller: User, http: httpx.Client, sandbox: RunningSandbox, tmp_path: Any
) -> None:
    register_participant(counter, teller, registration())
    first = make_batch(counter)
    assert statuses(post(http, first)) == [("accepted", None)]
    store, other = second_counter(tmp_path / "b")
    try:
        boss = User("spv01", "Rina Marlina", Role.SUPERVISOR)
        register_participant(
            other, boss, registration(nik=NIK_LAPSED, birth_date="1980-12-05", sex="P")
        )
        theirs = make_batch(other)
        stolen = theirs.records[0].model_copy(update={"id": first.records[0].id})
        with client(sandbox, CODE_B) as http_b:
            results = post(http_b, theirs.model_copy(update={"records": [stolen]})).json()
        (item,) = results["results"]
        assert (item["status"], item["code"], item["kpj"]) == ("rejected", "id_taken", None)
        assert CODE_A not in json.dumps(results)
    finally:
        store.close()


def test_a_voided_payment_frees_its_months_and_its_bill(
    counter: Counter, teller: User, sandbox: RunningSandbox, http: httpx.Client
) -> None:
    register_participant(counter, teller, registration())
    paid = pay_bpu(counter, teller, bpu_payment(months=3))
    billed = {"JKK": 10_000, "JKM": 30_000, "JHT": 570_000, "JP": 300_000, "JKP": 14_000}
    bill = pay_pu(counter, teller, pu_payment(payment_code=CODE_DUE, billed=billed))
    upload(counter, sandbox)
    assert inquire(http, nik=NIK_MAN)["participant"]["paid_through"] == "2027-01"
    assert inquire(http, payment_code=CODE_DUE)["bill"]["paid"] is True
    for receipt_no in (paid.receipt_no, bill.receipt_no):
        void_transaction(
            counter, teller, VoidTransaction(receipt_no, "Salah input", "spv01", PINS["spv01"])
        )
    upload(counter, sandbox)
    assert [status for status, _ in outbox_states(counter).values()] == ["sent"] * 5
    assert inquire(http, nik=NIK_MAN)["participant"]["paid_through"] is None
    assert inquire(http, payment_code=CODE_DUE)["bill"]["paid"] is False


def test_a_sandbox_from_before_the_registry_takes_its_registrations_in_at_start(
    counter: Counter, teller: User, sandbox_db_url: str
) -> None:
    register_participant(counter, teller, registration())
    with RunningSandbox(sandbox_db_url, TOKENS, clock=FakeClock()) as first:
        upload(counter, first)
    # As a sandbox database made before the registry existed: the registration, no registry row.
    engine = sa.create_engine(sandbox_db_url)
    try:
        with engine.begin() as connection:
            connection.execute(sa.delete(registry.registry_participants))
    finally:
        engine.dispose()
    with RunningSandbox(sandbox_db_url, TOKENS, clock=FakeClock()) as again:
        pay_bpu(counter, teller, bpu_payment())
        upload(counter, again)
        with client(again) as http:
            person = inquire(http, nik=NIK_MAN)["participant"]
    assert (person["full_name"], person["paid_through"]) == ("Joko Susanto", "2026-11")
    assert [status for status, _ in outbox_states(counter).values()] == ["sent", "sent"]
