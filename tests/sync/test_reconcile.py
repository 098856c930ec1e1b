"""Reconciling a day against the real sandbox: every way the two sides can disagree, and every
way the upstream's answer can fail to be a statement of that day."""

from __future__ import annotations

import random
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from desktop.counter import Counter
from desktop.domain.users import Role
from desktop.errors import DomainError
from desktop.services.auth import User
from desktop.services.contributions import pay_bpu
from desktop.services.reconcile import Difference, differences
from desktop.services.registration import register_participant
from desktop.store.store import Store
from desktop.sync.client import SyncReport, sync
from desktop.sync.contract import Statement
from desktop.sync.reconcile import fetch_statement
from desktop.sync.sandbox.server import RunningSandbox
from tests.helpers import FAST_RETRY, FakeClock, closed_port_url
from tests.services.conftest import NIK_WOMAN, bpu_payment, registration
from tests.sync.faults import FaultyTransport
from tests.sync.sandbox_support import CODE_A, CODE_B, TOKENS, second_counter

TOKEN = TOKENS[CODE_A]
DAY = date(2026, 11, 24)  # the business date of tests.helpers.START
WOMAN = registration(nik=NIK_WOMAN, full_name="Ratna Handayani", birth_date="", sex="")


@pytest.fixture
def upstream_db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'upstream.sqlite'}"


@pytest.fixture
def upstream(upstream_db: str) -> Iterator[RunningSandbox]:
    with RunningSandbox(upstream_db, TOKENS, clock=FakeClock()) as running:
        yield running


def upload(counter: Counter, upstream: RunningSandbox, token: str = TOKEN) -> SyncReport:
    return sync(counter, upstream.url, token, policy=FAST_RETRY, rng=random.Random(7))


def reconcile(counter: Counter, upstream: RunningSandbox, day: date = DAY) -> list[Difference]:
    return differences(counter, fetch_statement(counter, upstream.url, TOKEN, day))


def refused(counter: Counter, upstream: str, token: str = TOKEN, **kwargs: object) -> DomainError:
    with pytest.raises(DomainError) as caught:
        fetch_statement(counter, upstream, token, DAY, **kwargs)  # type: ignore[arg-type]
    return caught.value


# --- the two sides disagree ----------------------------------------------------------------------


def test_a_day_both_sides_hold_alike_has_no_difference(
    counter: Counter, teller: User, upstream: RunningSandbox
) -> None:
    register_participant(counter, teller, registration())
    pay_bpu(counter, teller, bpu_payment())
    assert upload(counter, upstream).sent == 2
    statement = fetch_statement(counter, upstream.url, TOKEN, DAY)
    assert (statement.counter_code, statement.business_date) == (CODE_A, DAY)
    assert len(statement.items) == 2
    assert differences(counter, statement) == []
    # Another day holds nothing on either side: they agree there too.
    assert reconcile(counter, upstream, date(2026, 11, 23)) == []


def test_records_the_upstream_lacks_are_named_with_their_upload_state(
    counter: Counter, teller: User, upstream: RunningSandbox, tmp_path: Path
) -> None:
    # Another counter registers the man first: this counter's registration of him is refused.
    other_store, other = second_counter(tmp_path / "other")
    register_participant(other, User("spv01", "Rina Marlina", Role.SUPERVISOR), registration())
    assert upload(other, upstream, TOKENS[CODE_B]).sent == 1
    other_store.close()
    quarantined = register_participant(counter, teller, registration())
    accepted = register_participant(counter, teller, WOMAN)
    report = upload(counter, upstream)
    assert (report.sent, report.quarantined) == (1, [quarantined.receipt_no])
    pending = pay_bpu(counter, teller, bpu_payment(participant=NIK_WOMAN))  # not uploaded yet

    assert reconcile(counter, upstream) == [
        Difference(
            quarantined.receipt_no, quarantined.transaction_id, "missing_upstream", "quarantined"
        ),
        Difference(pending.receipt_no, pending.transaction_id, "missing_upstream", "pending"),
    ]
    assert accepted.receipt_no == "BNI-0123-01-0000002"  # held alike: not a difference


def test_a_record_only_the_upstream_holds_is_unknown_locally(
    data_dir: Path, clock: FakeClock, teller: User, upstream: RunningSandbox, tmp_path: Path
) -> None:
    store = Store(data_dir)
    register_participant(Counter(store, clock=clock), teller, registration())
    store.close()
    backup = tmp_path / "backup"
    shutil.copytree(data_dir, backup)  # the copy taken after the first capture
    store = Store(data_dir)
    counter = Counter(store, clock=clock)
    paid = pay_bpu(counter, teller, bpu_payment())
    assert upload(counter, upstream).sent == 2
    store.close()

    # The PC's disk fails; the counter is restored from the copy, which lacks the payment.
    restored = Store(backup)
    try:
        assert reconcile(Counter(restored, clock=clock), upstream) == [
            Difference(paid.receipt_no, paid.transaction_id, "unknown_locally", "contribution")
        ]
    finally:
        restored.close()


def test_a_record_the_upstream_holds_differently_names_both_sides(
    counter: Counter, teller: User, upstream: RunningSandbox, upstream_db: str
) -> None:
    register_participant(counter, teller, registration())
    paid = pay_bpu(counter, teller, bpu_payment())
    assert upload(counter, upstream).sent == 2
    # The upstream's copy of the payment is changed on its side (a correction, a fault there).
    engine = sa.create_engine(upstream_db)
    with engine.begin() as connection:
        changed = connection.execute(
            sa.text("UPDATE records SET amount = amount + 1000 WHERE id = :id"),
            {"id": paid.transaction_id},
        )
        assert changed.rowcount == 1
    engine.dispose()

    assert reconcile(counter, upstream) == [
        Difference(
            paid.receipt_no,
            paid.transaction_id,
            "different",
            f"upstream {paid.receipt_no} contribution {paid.amount + 1000}, "
            f"local {paid.receipt_no} contribution {paid.amount}",
        )
    ]


def test_differences_of_every_kind_come_in_receipt_order(
    counter: Counter, teller: User, upstream: RunningSandbox, upstream_db: str
) -> None:
    first = register_participant(counter, teller, registration())
    second = register_participant(counter, teller, WOMAN)
    assert upload(counter, upstream).sent == 2
    third = pay_bpu(counter, teller, bpu_payment())  # pending
    engine = sa.create_engine(upstream_db)
    with engine.begin() as connection:
        # The upstream's registration of the man claims another kind; it also holds a record
        # this counter never made (under this counter's next receipt number but one).
        connection.execute(
            sa.text("UPDATE records SET kind = 'void' WHERE id = :id"),
            {"id": first.transaction_id},
        )
        row = (
            connection.execute(
                sa.text("SELECT * FROM records WHERE id = :id"), {"id": second.transaction_id}
            )
            .mappings()
            .one()
        )
        stranger = dict(row) | {
            "id": "00000000-0000-4000-8000-000000000004",
            "seq": 4,
            "receipt_no": "BNI-0123-01-0000004",
            "kpj": None,
        }
        connection.execute(sa.insert(sa.table("records", *map(sa.column, stranger))), stranger)
    engine.dispose()

    found = reconcile(counter, upstream)
    assert [(d.receipt_no, d.problem) for d in found] == [
        (first.receipt_no, "different"),
        (third.receipt_no, "missing_upstream"),
        ("BNI-0123-01-0000004", "unknown_locally"),
    ]
    assert found[0].detail == (
        f"upstream {first.receipt_no} void 0, local {first.receipt_no} registration 0"
    )
    assert found[2].detail == "registration"


# --- the upstream's answer is not a statement of the day -----------------------------------------


def test_an_upstream_nobody_answers_at_is_named(counter: Counter) -> None:
    error = refused(counter, closed_port_url())
    assert error.field == "upstream"
    # In the teller's words, never "ConnectError: [Errno 111] Connection refused".
    assert error.message_en == (
        "The upstream could not be reached: the connection to the upstream was refused or "
        "the network is down."
    )
    assert error.message_id == (
        "Server pusat tidak dapat dihubungi: sambungan ke server pusat ditolak atau jaringan "
        "terputus."
    )


def test_an_upstream_that_does_not_answer_in_time_is_named(
    counter: Counter, upstream: RunningSandbox
) -> None:
    error = refused(counter, upstream.url, transport=FaultyTransport(plan=["timeout"]))
    assert (error.field, error.message_en) == (
        "upstream",
        "The upstream could not be reached: the upstream did not answer in time.",
    )


@pytest.mark.parametrize(
    "token",
    [
        pytest.param("not-a-token", id="unknown-token-401"),
        pytest.param(TOKENS[CODE_B], id="another-counters-token-403"),
    ],
)
def test_a_token_the_upstream_refuses_is_named(
    counter: Counter, upstream: RunningSandbox, token: str
) -> None:
    error = refused(counter, upstream.url, token)
    assert error.field == "token"
    assert error.message_en == (
        "The upstream refused this counter's token. Check SPO_UPSTREAM_TOKEN."
    )


def test_an_address_that_is_not_the_upstreams_api_is_an_invalid_answer(
    counter: Counter, upstream: RunningSandbox
) -> None:
    error = refused(counter, f"{upstream.url}/not-the-api")
    assert (error.field, error.message_en) == (
        "upstream",
        "The upstream's answer is not valid (HTTP 404).",
    )


@pytest.mark.parametrize("status", [500, 503])
def test_an_upstream_in_trouble_is_an_invalid_answer_with_its_status(
    counter: Counter, upstream: RunningSandbox, status: int
) -> None:
    error = refused(counter, upstream.url, transport=FaultyTransport(plan=[status]))
    assert error.message_en == f"The upstream's answer is not valid (HTTP {status})."


def test_a_captive_portal_page_is_not_taken_for_a_statement(
    counter: Counter, upstream: RunningSandbox
) -> None:
    error = refused(counter, upstream.url, transport=FaultyTransport(plan=["html"]))
    assert (error.field, error.message_id) == (
        "upstream",
        "Jawaban server pusat tidak sah (HTTP 200).",
    )


class _AskingForAnotherDay(httpx.BaseTransport):
    """A proxy that hands on the request for another business date (a stale cache, say)."""

    def __init__(self, day: date) -> None:
        self.day = day
        self.inner = httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.url = request.url.copy_set_param("date", self.day.isoformat())
        response = self.inner.handle_request(request)
        response.read()
        return response

    def close(self) -> None:
        self.inner.close()


def test_a_statement_of_another_day_is_refused(
    counter: Counter, teller: User, upstream: RunningSandbox
) -> None:
    register_participant(counter, teller, registration())
    upload(counter, upstream)
    error = refused(counter, upstream.url, transport=_AskingForAnotherDay(date(2026, 11, 23)))
    assert (error.field, error.message_en) == (
        "upstream",
        "The upstream sent a statement for another counter or date.",
    )


def test_a_statement_of_another_counter_is_refused(counter: Counter) -> None:
    """An upstream (behind a misrouting proxy) answering with another counter's statement: the
    sandbox itself never does, so this answer is made here."""
    statement = Statement(counter_code=CODE_B, business_date=DAY, items=[])

    def answer(request: httpx.Request) -> httpx.Response:
        assert request.url.params["date"] == DAY.isoformat()
        assert request.headers["Authorization"] == f"Bearer {TOKEN}"
        return httpx.Response(200, content=statement.model_dump_json())

    error = refused(counter, "https://upstream.invalid", transport=httpx.MockTransport(answer))
    assert error.message_en == "The upstream sent a statement for another counter or date."


def test_a_reply_that_breaks_the_contract_is_an_invalid_answer(counter: Counter) -> None:
    """Well-formed JSON that is not a Statement (an item without an amount)."""
    body = (
        b'{"contract": "spo-upload/1", "counter_code": "BNI-0123-01", '
        b'"business_date": "2026-11-24", "items": [{"id": "x", "receipt_no": "y"}]}'
    )
    transport = httpx.MockTransport(lambda _request: httpx.Response(200, content=body))
    error = refused(counter, "https://upstream.invalid", transport=transport)
    assert error.message_en == "The upstream's answer is not valid (HTTP 200)."
