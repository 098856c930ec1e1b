"""Reconciliation: the local journal of a business day against what the upstream holds for it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import httpx
import pydantic

from desktop.counter import Counter
from desktop.errors import DomainError
from desktop.services.journal import journal
from desktop.sync.contract import Statement, statement_path


@dataclass(frozen=True)
class Difference:
    receipt_no: str
    id: str
    problem: str  # missing_upstream, unknown_locally, different
    detail: str


def fetch_statement(
    counter: Counter,
    upstream: str,
    token: str,
    day: date,
    *,
    transport: httpx.BaseTransport | None = None,
    timeout: float = 20.0,
) -> Statement:
    code = counter.profile.counter_code
    try:
        with httpx.Client(
            base_url=upstream.rstrip("/"),
            headers={"Authorization": f"Bearer {token}"},
            timeout=timeout,
            transport=transport,
        ) as client:
            response = client.get(statement_path(code), params={"date": day.isoformat()})
    except httpx.TransportError as error:
        raise DomainError(
            "upstream",
            f"Server pusat tidak dapat dihubungi ({type(error).__name__}).",
            f"The upstream could not be reached ({type(error).__name__}).",
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


def differences(counter: Counter, statement: Statement) -> list[Difference]:
    """What the two sides disagree on; empty when they agree to the rupiah."""
    local = {entry.id: entry for entry in journal(counter, statement.business_date)}
    remote = {item.id: item for item in statement.items}
    found: list[Difference] = []
    for txn_id, entry in local.items():
        item = remote.get(txn_id)
        if item is None:
            found.append(Difference(entry.receipt_no, txn_id, "missing_upstream", entry.upload))
        elif (item.receipt_no, item.kind, item.amount) != (
            entry.receipt_no,
            entry.kind,
            entry.amount,
        ):
            found.append(
                Difference(
                    entry.receipt_no,
                    txn_id,
                    "different",
                    f"upstream {item.receipt_no} {item.kind} {item.amount}, "
                    f"local {entry.receipt_no} {entry.kind} {entry.amount}",
                )
            )
    for txn_id in remote.keys() - local.keys():
        item = remote[txn_id]
        found.append(Difference(item.receipt_no, txn_id, "unknown_locally", item.kind))
    return sorted(found, key=lambda d: d.receipt_no)
