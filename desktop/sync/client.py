"""Uploading the outbox to the upstream: batches in capture order, retried until answered.

A reply counts only when it parses as the contract: a captive portal's 200 page acknowledges
nothing. Network errors, timeouts, 5xx and 429 are retried with capped exponential backoff and
full jitter (honouring Retry-After); the same batch goes again under the same Idempotency-Key, so
a retry can never store a record twice or skip one.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import httpx
import pydantic
import sqlalchemy as sa

from desktop.counter import Counter
from desktop.errors import DomainError
from desktop.store.audit import GENESIS_HASH
from desktop.store.schema import audit_events, outbox
from desktop.sync.connection import certificate_refused, open_client, plain_problem
from desktop.sync.contract import BatchResult, ErrorBody, batches_path
from desktop.sync.outbox import NextBatch, apply_result, next_batch, record_failure

RETRYABLE_STATUS = {408, 425, 429, 500, 502, 503, 504}
CHAIN_CODES = {"chain_gap", "chain_rewritten", "chain_invalid"}
NOT_A_REPLY = "HTTP 200 whose body is not a contract reply (captive portal?)"

T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 6  # per batch, the first try included
    base: float = 0.5  # seconds before the first retry (before jitter)
    cap: float = 30.0  # never wait longer than this between tries
    timeout: float = 20.0  # seconds for one request

    def delay(self, attempt: int, rng: random.Random, retry_after: float | None) -> float:
        """Full jitter (AWS's "exponential backoff and jitter"), at least what Retry-After asks."""
        backoff = rng.uniform(0, min(self.cap, self.base * 2**attempt))
        return min(self.cap, max(backoff, retry_after or 0.0))


@dataclass
class SyncReport:
    sent: int = 0
    duplicates: int = 0
    quarantined: list[str] = field(default_factory=list)
    kpj_assigned: int = 0
    batches: int = 0
    retries: int = 0
    pending: int = 0  # left after this run
    quarantined_total: int = 0


def sync(
    counter: Counter,
    upstream: str,
    token: str,
    *,
    batch_size: int = 200,
    policy: RetryPolicy | None = None,
    sleep: Callable[[float], None] | None = None,
    rng: random.Random | None = None,
    transport: httpx.BaseTransport | None = None,
    progress: Callable[[SyncReport], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    ca_bundle: Path | None = None,
) -> SyncReport:
    """Upload everything pending; stops early (and says why) only when the upstream cannot be
    reached after the retries, refuses the token, finds the audit chain broken, or shows a
    certificate the counter does not trust (system's store, plus `ca_bundle`).

    `progress` hears the report after each batch; `cancelled` is asked before each batch, so a
    cancel never leaves a batch half-marked (the upstream's answer to a batch is applied whole).
    `sleep` waits between tries; without one, `time.sleep` as it is when the upload runs.
    """
    policy = policy or RetryPolicy()
    sleep = resolve_sleep(sleep)
    rng = rng or random.Random()  # noqa: S311 - jitter, not a secret
    report = SyncReport()
    client = open_client(
        upstream, token, timeout=policy.timeout, transport=transport, ca_bundle=ca_bundle
    )
    with client:
        while not (cancelled and cancelled()) and (batch := next_batch(counter, batch_size)):
            result = post_batch(counter, client, batch, policy, sleep, rng, report)
            check_head(counter, batch, result)
            applied = apply_result(counter, batch, result, counter.now().isoformat())
            report.batches += 1
            report.sent += applied.sent
            report.duplicates += applied.duplicates
            report.quarantined += applied.quarantined
            report.kpj_assigned += applied.kpj_assigned
            if progress is not None:
                report.pending, report.quarantined_total = pending_counts(counter)
                progress(report)
    report.pending, report.quarantined_total = pending_counts(counter)
    return report


def resolve_sleep(sleep: Callable[[float], None] | None) -> Callable[[float], None]:
    """The wait between tries: the one given, else `time.sleep` looked up now.

    Looked up at call time, not bound as a default argument when the module loads, so a test (or
    anything else) that replaces `time.sleep` reaches every upload's backoff.
    """
    return sleep if sleep is not None else time.sleep


def pending_counts(counter: Counter) -> tuple[int, int]:
    """Records still to send, and records the upstream refused (quarantined)."""
    with counter.store.read() as connection:
        counts = {
            str(status): int(count)
            for status, count in connection.execute(
                sa.select(outbox.c.status, sa.func.count()).group_by(outbox.c.status)
            )
        }
    return counts.get("pending", 0), counts.get("quarantined", 0)


def post_batch(
    counter: Counter,
    client: httpx.Client,
    batch: NextBatch,
    policy: RetryPolicy,
    sleep: Callable[[float], None],
    rng: random.Random,
    report: SyncReport,
) -> BatchResult:
    """Post one batch (retried under its Idempotency-Key) and return the upstream's answer."""
    body = batch.batch.model_dump_json()
    path = batches_path(batch.batch.counter_code)
    headers = {"Idempotency-Key": batch.idempotency_key, "Content-Type": "application/json"}
    return send_retried(
        counter,
        lambda: client.post(path, content=body, headers=headers),
        _batch_result,
        policy,
        sleep,
        rng,
        report,
    )


def _batch_result(content: bytes) -> BatchResult | None:
    try:
        return BatchResult.model_validate_json(content)
    except pydantic.ValidationError:
        return None


def send_retried(
    counter: Counter,
    request: Callable[[], httpx.Response],
    parse: Callable[[bytes], T | None],
    policy: RetryPolicy,
    sleep: Callable[[float], None],
    rng: random.Random,
    report: SyncReport,
) -> T:
    """Send `request` until a 200 whose body `parse` accepts (None: not a contract reply).

    Network errors, such replies, 5xx and 429 are retried with backoff (honouring Retry-After),
    each recorded as the outbox's last failure; any other status is raised as the upstream's
    refusal, a certificate not trusted at once, and running out of tries as "upstream".
    """
    last_problem = ""
    plain = plain_problem(None)
    for attempt in range(policy.attempts):
        retry_after: float | None = None
        try:
            response = request()
        except httpx.TransportError as error:  # refused, reset, timed out, DNS ...
            last_problem = f"{type(error).__name__}: {error}"
            plain = plain_problem(error)
            refused = certificate_refused(error)
            if refused is not None:  # no retry mends a certificate: say so at once
                record_failure(counter, counter.now().isoformat(), last_problem)
                raise refused from None
        else:
            if response.status_code == 200:
                answer = parse(response.content)
                if answer is not None:
                    return answer
                last_problem = NOT_A_REPLY
                plain = plain_problem(None)
            elif response.status_code in RETRYABLE_STATUS:
                last_problem = f"HTTP {response.status_code}"
                plain = plain_problem(response.status_code)
                retry_after = _retry_after(response)
            else:
                raise _refusal(counter, response)
        record_failure(counter, counter.now().isoformat(), last_problem)
        if attempt + 1 < policy.attempts:
            report.retries += 1
            sleep(policy.delay(attempt, rng, retry_after))
    # In the teller's words; the technical `last_problem` is in the outbox for the bank's IT.
    raise DomainError(
        "upstream",
        f"Server pusat tidak dapat dihubungi: {plain[0]}. Data tetap aman di loket; "
        "coba unggah lagi nanti.",
        f"The upstream could not be reached: {plain[1]}. The data is safe at the counter; "
        "upload again later.",
    )


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After", "")
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None  # an HTTP date: use our own backoff


def _refusal(counter: Counter, response: httpx.Response) -> DomainError:
    try:
        error = ErrorBody.model_validate_json(response.content)
        code, message = error.code, error.message
    except pydantic.ValidationError:
        code, message = f"http_{response.status_code}", response.text[:200]
    record_failure(counter, counter.now().isoformat(), f"{code}: {message}")
    if response.status_code in (401, 403):
        return DomainError(
            "token",
            f"Server pusat menolak token loket ini ({code}). Periksa SPO_UPSTREAM_TOKEN.",
            f"The upstream refused this counter's token ({code}). Check SPO_UPSTREAM_TOKEN.",
        )
    if code in CHAIN_CODES:
        return DomainError(
            "audit_chain",
            f"Server pusat menemukan log audit loket ini terputus atau diubah ({code}: "
            f"{message}). Hentikan transaksi dan hubungi IT bank.",
            f"The upstream found this counter's audit log cut or rewritten ({code}: {message}). "
            "Stop and call the bank's IT.",
        )
    return DomainError(
        "upstream",
        f"Server pusat menolak unggahan ({code}: {message}).",
        f"The upstream refused the upload ({code}: {message}).",
    )


def check_head(counter: Counter, batch: NextBatch, result: BatchResult) -> None:
    """The head the upstream now holds must be ours at that point: anything else is an alarm."""
    held = result.chain_head
    with counter.store.read() as connection:
        ours = (
            connection.execute(
                sa.select(audit_events.c.hash).where(audit_events.c.seq == held.seq)
            ).scalar_one_or_none()
            if held.seq
            else GENESIS_HASH
        )
    if (
        ours != held.hash
        or held.seq != batch.head_seq
        or result.counter_code != batch.batch.counter_code
    ):
        raise DomainError(
            "audit_chain",
            "Rantai audit di server pusat tidak cocok dengan loket ini. Hubungi IT bank.",
            "The upstream's audit chain does not match this counter's. Call the bank's IT.",
        )
