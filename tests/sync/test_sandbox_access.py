"""Who may call the sandbox, and how every refusal looks: an ErrorBody with a code."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest

from desktop.counter import Counter
from desktop.resources import resource_path
from desktop.services.auth import User
from desktop.services.registration import register_participant
from desktop.sync.contract import (
    REFERENCE_PATH,
    ErrorBody,
    ReferenceDocument,
    batches_path,
    statement_path,
)
from desktop.sync.sandbox.app import MAX_BODY_BYTES
from desktop.sync.sandbox.server import RunningSandbox
from tests.helpers import FakeClock
from tests.services.conftest import registration
from tests.sync.sandbox_support import (
    CODE_A,
    CODE_B,
    TOKENS,
    changed,
    client,
    make_batch,
    new_key,
    post,
    running,
    statuses,
)

TODAY = "2026-11-24"


@pytest.fixture
def sandbox(sandbox_db_url: str) -> Iterator[RunningSandbox]:
    with running(sandbox_db_url) as server:
        yield server


def _error(response: httpx.Response, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    body = ErrorBody.model_validate_json(response.text)
    assert body.code == code
    assert body.message


@pytest.mark.parametrize(
    "authorization", [None, "Bearer wrong-token", "Basic dXNlcjpwYXNz", "Bearer"]
)
def test_without_a_known_token_every_endpoint_answers_401(
    sandbox: RunningSandbox, counter: Counter, authorization: str | None
) -> None:
    headers = {"Authorization": authorization} if authorization else {}
    with httpx.Client(base_url=sandbox.url, headers=headers) as http:
        refused = [
            post(http, make_batch(counter)),
            http.get(statement_path(CODE_A), params={"date": TODAY}),
            http.get(REFERENCE_PATH),
        ]
    for response in refused:
        _error(response, 401, "unauthorized")
        assert response.headers["WWW-Authenticate"] == "Bearer"


def test_a_counter_cannot_upload_for_another(
    sandbox: RunningSandbox, counter: Counter, teller: User
) -> None:
    register_participant(counter, teller, registration())
    batch = make_batch(counter)
    with client(sandbox, CODE_B) as http_b:
        _error(post(http_b, batch), 403, "forbidden")
    with client(sandbox) as http_a:
        assert statuses(post(http_a, batch)) == [("accepted", None)]


def test_a_counter_cannot_read_another_counters_statement(
    sandbox: RunningSandbox, counter: Counter, teller: User
) -> None:
    register_participant(counter, teller, registration())
    with client(sandbox) as http_a:
        post(http_a, make_batch(counter))
        assert len(http_a.get(statement_path(CODE_A), params={"date": TODAY}).json()["items"]) == 1
    with client(sandbox, CODE_B) as http_b:
        _error(http_b.get(statement_path(CODE_A), params={"date": TODAY}), 403, "forbidden")
        own = http_b.get(statement_path(CODE_B), params={"date": TODAY}).json()
        assert own["items"] == []


def test_a_batch_naming_another_counter_than_its_path_is_refused(
    sandbox: RunningSandbox, counter: Counter
) -> None:
    batch = changed(make_batch(counter), counter_code=CODE_B)
    with client(sandbox) as http:
        response = http.post(
            batches_path(CODE_A),
            content=batch.model_dump_json(),
            headers={"Idempotency-Key": new_key(), "Content-Type": "application/json"},
        )
    _error(response, 422, "counter_mismatch")


@pytest.mark.parametrize(
    "body",
    [
        b"<html>captive portal</html>",
        b'{"contract": "spo-upload/2", "counter_code": "BNI-0123-01", "records": [], "events": []}',
        b'{"counter_code": "BNI-0123-01", "records": [], "events": [], "extra": 1}',
    ],
)
def test_a_body_that_is_not_the_contract_is_invalid(sandbox: RunningSandbox, body: bytes) -> None:
    with client(sandbox) as http:
        response = http.post(
            batches_path(CODE_A),
            content=body,
            headers={"Idempotency-Key": new_key(), "Content-Type": "application/json"},
        )
    _error(response, 422, "invalid_request")


def test_unknown_paths_and_methods_answer_with_an_error_body(sandbox: RunningSandbox) -> None:
    with client(sandbox) as http:
        _error(http.get("/v1/nothing"), 404, "not_found")
        _error(http.get(batches_path(CODE_A)), 405, "method_not_allowed")


def test_bodies_of_unknown_or_excessive_length_are_refused(sandbox: RunningSandbox) -> None:
    headers = {"Idempotency-Key": new_key(), "Content-Type": "application/json"}
    with client(sandbox) as http:
        too_big = http.post(
            batches_path(CODE_A), headers=headers, content=b" " * (MAX_BODY_BYTES + 1)
        )
        chunked = http.post(batches_path(CODE_A), headers=headers, content=iter([b"{}"]))
    _error(too_big, 413, "payload_too_large")
    _error(chunked, 411, "length_required")


def test_the_reference_document_is_the_shipped_data_set(sandbox: RunningSandbox) -> None:
    folder = resource_path("reference")
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    with client(sandbox, CODE_B) as http:
        response = http.get(REFERENCE_PATH)
    assert response.status_code == 200
    document = ReferenceDocument.model_validate_json(response.text)
    assert document.version == manifest["version"]
    assert set(document.files) == {path.name for path in folder.glob("*.json")}
    assert "bpu_rates.json" in document.files
    for name, content in document.files.items():
        assert content == json.loads((folder / name).read_text(encoding="utf-8"))


def test_the_sandbox_stops_by_itself_and_frees_its_port(sandbox_db_url: str) -> None:
    with RunningSandbox(sandbox_db_url, TOKENS, clock=FakeClock()) as sandbox:
        url = sandbox.url
        assert url.startswith("http://127.0.0.1:")
    with pytest.raises(RuntimeError, match="not running"):
        _ = sandbox.url
    with pytest.raises(httpx.ConnectError):
        httpx.get(url + REFERENCE_PATH, timeout=2)
    # The same database opens again, with what it held.
    with RunningSandbox(sandbox_db_url, TOKENS, clock=FakeClock()) as again, client(again) as http:
        assert http.get(statement_path(CODE_A), params={"date": TODAY}).status_code == 200
