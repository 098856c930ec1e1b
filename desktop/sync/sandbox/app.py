"""The sandbox upstream's HTTP face (FastAPI): auth, idempotency keys, errors as ErrorBody."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from collections.abc import AsyncIterator, Iterator, Mapping
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path as FolderPath
from typing import Annotated, Final
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from fastapi import APIRouter, Depends, FastAPI, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Receive, Scope, Send

from desktop.clock import Clock, utc_now
from desktop.reference import ReferenceData, load_reference
from desktop.resources import resource_path
from desktop.sync.contract import (
    AGENTS_PATH,
    API_PREFIX,
    CLAIM_LOOKUP_PATH,
    CONTRACT,
    INQUIRY_PATH,
    INT64_MAX,
    REFERENCE_PATH,
    AgentRegister,
    BatchResult,
    ClaimChanges,
    ClaimDecision,
    ClaimLookup,
    ClaimState,
    DayCheck,
    DayManifest,
    ErrorBody,
    Inquiry,
    PayoutConfirmation,
    PayoutRelease,
    PayoutReservation,
    PayoutState,
    Recovery,
    ReferenceDocument,
    Statement,
    UploadBatch,
    claim_decision_path,
    claims_path,
    payout_path,
)
from desktop.sync.sandbox import claims, registry, rules
from desktop.sync.sandbox.days import ManifestError, check_day
from desktop.sync.sandbox.recovery import RecoveryTooLargeError, recovery
from desktop.sync.sandbox.store import SandboxStore, sqlstate
from desktop.sync.sandbox.upload import KeyReusedError, statement_items, upload_batch

# The fullest batch (500 records of about 1.4 KB, 10,000 events of about 450 bytes) is under 6 MB.
MAX_BODY_BYTES: Final = 16 * 1024 * 1024
IDEMPOTENCY_KEY: Final = re.compile(r"[!-~]{1,200}")  # printable ASCII, no space
REPLAYED_HEADER: Final = "Idempotent-Replayed"

_bearer = HTTPBearer(auto_error=False, description="The counter's token, one per counter.")
_admin_bearer = HTTPBearer(
    auto_error=False,
    scheme_name="AdminToken",
    description="BPJS's admin token (the sandbox's --admin-token): never a counter's.",
)


class UpstreamError(Exception):
    """An answer other than 200: rendered as ErrorBody with `code`."""

    def __init__(
        self, status: int, code: str, message: str, headers: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = dict(headers or {})


def _errors(*statuses: int) -> dict[int | str, dict[str, object]]:
    return {status: {"model": ErrorBody} for status in statuses}


def create_app(
    db_url: str,
    tokens: Mapping[str, str],
    clock: Clock = utc_now,
    reference_dir: FolderPath | None = None,
    fixtures: registry.Fixtures | None = None,
    *,
    admin_token: str | None = None,
    auto_decide: bool = False,
) -> FastAPI:
    """The sandbox upstream on the database at `db_url`; `tokens` maps counter code -> token.

    `clock` dates what it receives (tests pass a fixed one); `reference_dir` holds the reference
    data it publishes and checks uploads against (default: the set shipped with the
    application); `fixtures` are participants and bills registered elsewhere, put in the
    registry at start. `admin_token` opens the admin endpoint (claim decisions; closed without
    one); `auto_decide` decides each claim as its handover arrives."""
    store = SandboxStore(db_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        store.create_schema()
        with store.write() as connection:
            registry.backfill(connection)
            if fixtures is not None:
                registry.load_fixtures(connection, fixtures)
                claims.load_memberships(connection, fixtures)
        try:
            yield
        finally:
            store.close()

    app = FastAPI(
        title="SPO Counter upload (sandbox upstream)",
        version=CONTRACT,
        description=(
            "The contract a BPJS upstream implements for SPO Counter uploads. "
            "See docs/sync-protocol.md."
        ),
        lifespan=lifespan,
        responses=_errors(401, 422, 500, 503),
    )
    app.state.sandbox = _Sandbox(
        store,
        {_token_digest(token): code for code, token in tokens.items()},
        clock,
        reference_dir,
        load_reference(reference_dir),
        _token_digest(admin_token) if admin_token else None,
        auto_decide,
    )
    app.add_middleware(_BodyLimit, limit=MAX_BODY_BYTES)
    _add_error_handlers(app)
    app.include_router(router)
    return app


@dataclass(frozen=True)
class _Sandbox:
    store: SandboxStore
    counters_by_token: Mapping[bytes, str]
    clock: Clock
    reference_dir: FolderPath | None
    reference: ReferenceData
    admin_token_digest: bytes | None = None
    auto_decide: bool = False

    def now(self) -> datetime:
        return self.clock().astimezone(UTC)


def _sandbox(request: Request) -> _Sandbox:
    sandbox = request.app.state.sandbox
    if not isinstance(sandbox, _Sandbox):  # pragma: no cover - create_app always sets it
        raise TypeError("not a sandbox app")
    return sandbox


Sandbox = Annotated[_Sandbox, Depends(_sandbox)]


def authenticated(
    sandbox: Sandbox,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> str:
    """The counter whose token came with the request."""
    if credentials is None:
        raise UpstreamError(401, "unauthorized", "Bearer token required.", _CHALLENGE)
    counter = sandbox.counters_by_token.get(_token_digest(credentials.credentials))
    if counter is None:
        raise UpstreamError(401, "unauthorized", "Unknown token.", _CHALLENGE)
    return counter


def admin(
    sandbox: Sandbox,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_admin_bearer)],
) -> None:
    """The admin token (never a counter's): BPJS's officers deciding claims."""
    if sandbox.admin_token_digest is None:
        raise UpstreamError(403, "forbidden", "This upstream has no admin endpoint open.")
    if credentials is None:
        raise UpstreamError(401, "unauthorized", "Bearer token required.", _CHALLENGE)
    if not hmac.compare_digest(_token_digest(credentials.credentials), sandbox.admin_token_digest):
        raise UpstreamError(401, "unauthorized", "Not the admin token.", _CHALLENGE)


def own_counter(
    counter_code: Annotated[str, Path(description="The counter's code, e.g. BNI-0123-01.")],
    counter: Annotated[str, Depends(authenticated)],
) -> str:
    """The counter in the path, when it is the token's own."""
    if counter_code != counter:
        raise UpstreamError(403, "forbidden", "This token belongs to another counter.")
    return counter


def idempotency_key(request: Request) -> str:
    """The batch's Idempotency-Key (declared in the OpenAPI document by _IDEMPOTENCY_PARAMETER).

    Read from the headers here rather than declared as a parameter, so a missing key is
    answered with its own code (400) instead of a generic validation error.
    """
    key = request.headers.get("Idempotency-Key")
    if key is None or not key.strip():
        raise UpstreamError(
            400, "idempotency_key_required", "The Idempotency-Key header is required."
        )
    if not IDEMPOTENCY_KEY.fullmatch(key):
        raise UpstreamError(
            400,
            "idempotency_key_invalid",
            "Idempotency-Key must be 1-200 printable ASCII characters without spaces.",
        )
    return key


_IDEMPOTENCY_PARAMETER: Final = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": True,
    "description": "Unique per batch (a UUID); a retry of the same batch sends the same key. "
    "1-200 printable ASCII characters without spaces.",
    "schema": {"type": "string", "pattern": f"^{IDEMPOTENCY_KEY.pattern}$", "maxLength": 200},
}


router = APIRouter()


@router.post(
    f"{API_PREFIX}/counters/{{counter_code}}/batches",
    response_model=BatchResult,
    responses={
        **_errors(400, 403, 409, 411, 413),
        200: {
            "description": "Per-item results and the chain head the upstream now holds.",
            "headers": {
                REPLAYED_HEADER: {
                    "description": "`true` when this is the stored reply to an earlier "
                    "request with the same Idempotency-Key.",
                    "schema": {"type": "string"},
                }
            },
        },
    },
    summary="Upload a batch of records and the audit events after the last chain head",
    openapi_extra={"parameters": [_IDEMPOTENCY_PARAMETER]},
)
def post_batch(
    batch: UploadBatch,
    sandbox: Sandbox,
    counter: Annotated[str, Depends(own_counter)],
    key: Annotated[str, Depends(idempotency_key)],
) -> Response:
    if batch.counter_code != counter:
        raise UpstreamError(
            422, "counter_mismatch", "The batch names another counter than its path."
        )
    try:
        outcome = upload_batch(
            sandbox.store,
            counter,
            key,
            batch,
            sandbox.now(),
            sandbox.reference,
            auto_decide=sandbox.auto_decide,
        )
    except rules.ChainError as error:
        raise UpstreamError(409, error.code, error.message) from error
    except KeyReusedError as error:
        raise UpstreamError(
            422,
            "idempotency_key_reused",
            "This Idempotency-Key was used before with another batch.",
        ) from error
    headers = {REPLAYED_HEADER: "true"} if outcome.replayed else {}
    return Response(outcome.response, media_type="application/json", headers=headers)


@router.get(
    f"{API_PREFIX}/counters/{{counter_code}}/statement",
    response_model=Statement,
    responses=_errors(403),
    summary="What the upstream holds for the counter and business date, in receipt order",
)
def get_statement(
    sandbox: Sandbox,
    counter: Annotated[str, Depends(own_counter)],
    day: Annotated[date, Query(alias="date", description="Business date, YYYY-MM-DD")],
) -> Statement:
    items = statement_items(sandbox.store, counter, day)
    return Statement(counter_code=counter, business_date=day, items=items)


@router.put(
    f"{API_PREFIX}/counters/{{counter_code}}/days/{{business_date}}/manifest",
    response_model=DayCheck,
    responses={
        **_errors(403, 409, 411, 413),
        200: {
            "description": "The check: `complete` with `confirmed_at`, or `incomplete` with "
            "what is missing (send it again) and what differs."
        },
    },
    summary="Close a business day: check its manifest against the records the upstream holds",
)
def put_day_manifest(
    manifest: DayManifest,
    sandbox: Sandbox,
    counter: Annotated[str, Depends(own_counter)],
    business_date: Annotated[date, Path(description="The business date, YYYY-MM-DD.")],
) -> DayCheck:
    if manifest.counter_code != counter:
        raise UpstreamError(
            422, "counter_mismatch", "The manifest names another counter than its path."
        )
    if manifest.business_date != business_date:
        raise UpstreamError(
            422, "date_mismatch", "The manifest names another business date than its path."
        )
    try:
        return check_day(sandbox.store, counter, manifest, sandbox.now())
    except ManifestError as error:
        raise UpstreamError(422, "manifest_invalid", str(error)) from error
    except rules.ChainError as error:
        raise UpstreamError(409, error.code, error.message) from error


@router.get(
    f"{API_PREFIX}/counters/{{counter_code}}/recovery",
    response_model=Recovery,
    responses=_errors(403, 413),
    summary="A counter restored from a backup takes back its own events and records",
)
def get_recovery(
    sandbox: Sandbox,
    counter: Annotated[str, Depends(own_counter)],
    after_event: Annotated[
        int, Query(ge=0, description="The restored audit chain's head seq: events after it.")
    ],
    after_seq: Annotated[
        int, Query(ge=0, description="The restored store's last receipt seq: records after it.")
    ],
) -> Recovery:
    try:
        return recovery(sandbox.store, counter, after_event, after_seq)
    except RecoveryTooLargeError as error:
        raise UpstreamError(
            413, "recovery_too_large", "More records than one answer carries; call BPJS IT."
        ) from error


@router.get(
    claims_path("{counter_code}"),
    response_model=ClaimChanges,
    responses=_errors(403),
    summary="What became of the claims this counter handed over: each change after `after`",
)
def get_claim_changes(
    sandbox: Sandbox,
    counter: Annotated[str, Depends(own_counter)],
    after: Annotated[
        int, Query(ge=0, le=INT64_MAX, description="The last change number the counter holds.")
    ] = 0,
) -> ClaimChanges:
    return claims.changes_after(sandbox.store, counter, after)


@router.get(
    CLAIM_LOOKUP_PATH,
    response_model=ClaimLookup,
    responses=_errors(401, 422),
    summary="The claims under a handover receipt number or a NIK, wherever handed over",
)
def get_claims(
    sandbox: Sandbox,
    _counter: Annotated[str, Depends(authenticated)],
    receipt_no: Annotated[
        str | None,
        Query(
            pattern=r"^[A-Z]{2,10}-[A-Z0-9]{1,10}-[0-9]{2}-[0-9]{7}$",
            description="The claim handover's receipt number.",
        ),
    ] = None,
    nik: Annotated[
        str | None, Query(pattern=r"^[0-9]{16}$", description="The participant's NIK.")
    ] = None,
) -> ClaimLookup:
    if (receipt_no is None) == (nik is None):
        raise UpstreamError(422, "invalid_query", "Give either receipt_no or nik.")
    return claims.look_up(sandbox.store, receipt_no=receipt_no, nik=nik)


@contextmanager
def _claim_errors() -> Iterator[None]:
    """A claim's refusal (unknown, decided, held by another payout ...) as the upstream's answer."""
    try:
        yield
    except claims.ClaimError as error:
        raise UpstreamError(error.status, error.code, error.message) from error


_CLAIM_ID = Annotated[
    str, Path(pattern=r"^[0-9a-f-]{36}$", description="The claim handover record's id.")
]


@router.post(
    claim_decision_path("{claim_id}"),
    response_model=ClaimState,
    responses=_errors(403, 404, 409),
    summary="BPJS decides a claim (admin token): verifying, approved or rejected",
)
def post_claim_decision(
    decision: ClaimDecision,
    sandbox: Sandbox,
    _admin: Annotated[None, Depends(admin)],
    claim_id: _CLAIM_ID,
) -> ClaimState:
    with _claim_errors():
        return claims.decide(sandbox.store, claim_id, decision, sandbox.now(), sandbox.reference)


@router.post(
    payout_path("{claim_id}", "reserve"),
    response_model=PayoutState,
    responses=_errors(404, 409),
    summary="Hold an approved claim for this counter's payout before any money moves",
)
def post_payout_reserve(
    reservation: PayoutReservation,
    sandbox: Sandbox,
    counter: Annotated[str, Depends(authenticated)],
    claim_id: _CLAIM_ID,
) -> PayoutState:
    with _claim_errors():
        return claims.reserve(
            sandbox.store, claim_id, counter, reservation.reservation_id, sandbox.now()
        )


@router.post(
    payout_path("{claim_id}", "confirm"),
    response_model=PayoutState,
    responses=_errors(404, 409),
    summary="The money went out under the reservation: the claim is paid",
)
def post_payout_confirm(
    confirmation: PayoutConfirmation,
    sandbox: Sandbox,
    counter: Annotated[str, Depends(authenticated)],
    claim_id: _CLAIM_ID,
) -> PayoutState:
    if (confirmation.method == "transfer") != (confirmation.reference is not None):
        raise UpstreamError(
            422, "reference_mismatch", "A transfer names its reference; a cash payout none."
        )
    with _claim_errors():
        return claims.confirm(sandbox.store, claim_id, counter, confirmation, sandbox.now())


@router.post(
    payout_path("{claim_id}", "release"),
    response_model=PayoutState,
    responses=_errors(404, 409),
    summary="A payout cancelled before the money moved: the claim waits to be paid again",
)
def post_payout_release(
    release: PayoutRelease,
    sandbox: Sandbox,
    counter: Annotated[str, Depends(authenticated)],
    claim_id: _CLAIM_ID,
) -> PayoutState:
    with _claim_errors():
        return claims.release(sandbox.store, claim_id, counter, release.reservation_id)


@router.get(REFERENCE_PATH, response_model=ReferenceDocument, summary="The reference data in force")
def get_reference(
    sandbox: Sandbox, _counter: Annotated[str, Depends(authenticated)]
) -> ReferenceDocument:
    return reference_document(sandbox.now().date(), sandbox.reference_dir)


@router.get(
    AGENTS_PATH,
    response_model=AgentRegister,
    summary="The register of Perisai agents and their institutions, whole",
)
def get_agents(sandbox: Sandbox, _counter: Annotated[str, Depends(authenticated)]) -> AgentRegister:
    today = sandbox.now().astimezone(INQUIRY_ZONE).date()
    with sandbox.store.read() as connection:
        return AgentRegister(as_of=today, agents=registry.agent_register(connection))


@router.get(
    INQUIRY_PATH,
    response_model=Inquiry,
    responses=_errors(400, 404),
    summary="Who a participant is and what is due (by NIK or KPJ), or an employer's bill "
    "(by payment code)",
)
def get_inquiry(
    sandbox: Sandbox,
    _counter: Annotated[str, Depends(authenticated)],
    nik: Annotated[str | None, Query(pattern=r"^[0-9]{16}$")] = None,
    kpj: Annotated[str | None, Query(pattern=r"^[0-9]{8,16}$")] = None,
    payment_code: Annotated[str | None, Query(pattern=r"^[0-9]{8,20}$")] = None,
) -> Inquiry:
    given = [value for value in (nik, kpj, payment_code) if value]
    if len(given) != 1:
        raise UpstreamError(400, "bad_request", "Give exactly one of nik, kpj and payment_code.")
    today = sandbox.now().astimezone(INQUIRY_ZONE).date()
    with sandbox.store.read() as connection:
        if payment_code:
            bill = registry.inquire_bill(connection, sandbox.reference, today, payment_code)
            if bill is not None:
                return Inquiry(as_of=today, bill=bill)
        else:
            person = registry.inquire_participant(
                connection, sandbox.reference, today, nik=nik or "", kpj=kpj or ""
            )
            if person is not None:
                return Inquiry(as_of=today, participant=person)
    raise UpstreamError(404, "not_found", "The upstream knows no such participant or bill.")


# The upstream's calendar (BPJS's head office, WIB): what "this month" is for an inquiry.
INQUIRY_ZONE: Final = ZoneInfo("Asia/Jakarta")
_CHALLENGE: Final = {"WWW-Authenticate": "Bearer"}


def _token_digest(token: str) -> bytes:
    # Looked up by digest, so the lookup's timing tells nothing about the token itself.
    return hashlib.sha256(token.encode("utf-8")).digest()


def reference_document(today: date, folder: FolderPath | None = None) -> ReferenceDocument:
    """Every *.json of `folder` (default: the shipped resources/reference/) by file name; the
    version is the manifest's, in force from its `effective_from` (else from `today`)."""
    files = _reference_files(folder or resource_path("reference"))
    manifest = files.get("manifest.json")
    version = manifest.get("version") if isinstance(manifest, dict) else None
    if not isinstance(version, str):
        raise ValueError(f"{folder}/manifest.json has no version")
    effective = manifest.get("effective_from") if isinstance(manifest, dict) else None
    return ReferenceDocument(
        version=version,
        effective_from=date.fromisoformat(effective) if isinstance(effective, str) else today,
        files=files,
    )


@cache
def _reference_files(folder: FolderPath) -> dict[str, object]:
    return {
        path.name: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(folder.glob("*.json"))
    }


def _error_response(
    status: int, code: str, message: str, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    body = ErrorBody(code=code, message=message)
    return JSONResponse(body.model_dump(mode="json"), status_code=status, headers=headers)


# SQLSTATE class 54, "program limit exceeded": e.g. a value too big for a PostgreSQL index entry.
_PROGRAM_LIMIT: Final = "54"

_HTTP_CODES: Final = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    411: "length_required",
    413: "payload_too_large",
}


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(UpstreamError)
    async def _upstream(_request: Request, error: UpstreamError) -> JSONResponse:
        return _error_response(error.status, error.code, error.message, error.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, error: RequestValidationError) -> JSONResponse:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in problem.get('loc', ()))}: {problem.get('msg', '')}"
            for problem in list(error.errors())[:10]
        )
        return _error_response(422, "invalid_request", problems or "Invalid request.")

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, error: StarletteHTTPException) -> JSONResponse:
        code = _HTTP_CODES.get(error.status_code, f"http_{error.status_code}")
        return _error_response(error.status_code, code, str(error.detail), error.headers)

    async def _busy(_request: Request, _error: Exception) -> JSONResponse:
        # The database is locked, away, or every connection is taken: nothing was stored.
        return _error_response(
            503,
            "unavailable",
            "The upstream's database is busy; retry later.",
            {"Retry-After": "5"},
        )

    async def _unstorable(_request: Request, _error: Exception) -> JSONResponse:
        # A value PostgreSQL refuses though the contract allows it (a NUL character in a string,
        # an index entry over PostgreSQL's size limit): the same batch can never be stored, so a
        # 5xx the client would retry forever is the wrong answer. SQLite keeps such values.
        return _error_response(
            422, "invalid_request", "The batch holds a value the upstream's database cannot store."
        )

    async def _operational(request: Request, error: Exception) -> JSONResponse:
        if sqlstate(error).startswith(_PROGRAM_LIMIT):
            return await _unstorable(request, error)
        return await _busy(request, error)

    app.add_exception_handler(sa.exc.DataError, _unstorable)
    app.add_exception_handler(sa.exc.OperationalError, _operational)
    app.add_exception_handler(sa.exc.TimeoutError, _busy)

    @app.exception_handler(Exception)
    async def _bug(_request: Request, _error: Exception) -> JSONResponse:
        return _error_response(500, "internal_error", "The upstream failed; nothing was stored.")


class _BodyLimit:
    """Refuses request bodies over `limit` bytes (413) and bodies of unknown length (411)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        length = headers.get(b"content-length")
        if length is None or not length.isdigit():
            refusal = _error_response(411, "length_required", "Content-Length is required.")
        elif int(length) > self.limit:
            refusal = _error_response(
                413, "payload_too_large", f"Request bodies are limited to {self.limit} bytes."
            )
        else:
            await self.app(scope, receive, send)
            return
        await refusal(scope, receive, send)
