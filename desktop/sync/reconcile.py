"""The upstream's statement of a business day: what it holds for this counter (reconciliation)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import httpx
import pydantic

from desktop.counter import Counter
from desktop.errors import DomainError
from desktop.sync.connection import certificate_refused, open_client, plain_problem
from desktop.sync.contract import Statement, statement_path


def fetch_statement(
    counter: Counter,
    upstream: str,
    token: str,
    day: date,
    *,
    transport: httpx.BaseTransport | None = None,
    timeout: float = 20.0,
    ca_bundle: Path | None = None,
) -> Statement:
    code = counter.profile.counter_code
    client = open_client(upstream, token, timeout=timeout, transport=transport, ca_bundle=ca_bundle)
    try:
        with client:
            response = client.get(statement_path(code), params={"date": day.isoformat()})
    except httpx.TransportError as error:
        refused = certificate_refused(error)
        if refused is not None:
            raise refused from None
        plain_id, plain_en = plain_problem(error)
        raise DomainError(
            "upstream",
            f"Server pusat tidak dapat dihubungi: {plain_id}.",
            f"The upstream could not be reached: {plain_en}.",
        ) from None
    if response.status_code in (401, 403):
        raise DomainError(
            "token",
            "Server pusat menolak token loket ini. Periksa SPO_UPSTREAM_TOKEN.",
            "The upstream refused this counter's token. Check SPO_UPSTREAM_TOKEN.",
        )
    try:
        if response.status_code != 200:
            raise ValueError(response.status_code)
        statement = Statement.model_validate_json(response.content)
    except (ValueError, pydantic.ValidationError):
        raise DomainError(
            "upstream",
            f"Jawaban server pusat tidak sah (HTTP {response.status_code}).",
            f"The upstream's answer is not valid (HTTP {response.status_code}).",
        ) from None
    if statement.counter_code != code or statement.business_date != day:
        raise DomainError(
            "upstream",
            "Server pusat mengirim rekap untuk loket atau tanggal lain.",
            "The upstream sent a statement for another counter or date.",
        )
    return statement
