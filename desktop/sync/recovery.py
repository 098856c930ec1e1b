"""Asking the upstream for the counter's own events and records after a restore point."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import httpx
import pydantic

from desktop.counter import Counter
from desktop.sync.client import RetryPolicy, SyncReport, resolve_sleep, send_retried
from desktop.sync.connection import open_client
from desktop.sync.contract import Recovery, recovery_path


def fetch_recovery(
    counter: Counter,
    upstream: str,
    token: str,
    *,
    after_event: int,
    after_seq: int,
    policy: RetryPolicy | None = None,
    sleep: Callable[[float], None] | None = None,
    transport: httpx.BaseTransport | None = None,
    ca_bundle: Path | None = None,
) -> Recovery:
    """The upstream's answer for this counter (its token's own), retried like an upload; a
    reply that does not parse as the contract, or names another counter, is never taken."""
    policy = policy or RetryPolicy()
    code = counter.profile.counter_code
    params = {"after_event": str(after_event), "after_seq": str(after_seq)}

    def parse(content: bytes) -> Recovery | None:
        try:
            answer = Recovery.model_validate_json(content)
        except pydantic.ValidationError:
            return None
        return answer if answer.counter_code == code else None

    with open_client(
        upstream, token, timeout=policy.timeout, transport=transport, ca_bundle=ca_bundle
    ) as client:
        return send_retried(
            counter,
            lambda: client.get(recovery_path(code), params=params),
            parse,
            policy,
            resolve_sleep(sleep),
            random.Random(),  # noqa: S311 - jitter, not a secret
            SyncReport(),
        )
