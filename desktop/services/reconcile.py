"""Reconciliation: the local journal of a business day against what the upstream holds for it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import httpx

from desktop.counter import Counter
from desktop.services.journal import journal
from desktop.services.upload import upstream_address
from desktop.sync.contract import Statement
from desktop.sync.reconcile import fetch_statement


@dataclass(frozen=True)
class ReconcileDay:
    """Which business day (default: today) against which upstream (default: as for uploads)."""

    business_date: date | None = None
    upstream_url: str | None = None


@dataclass(frozen=True)
class Difference:
    receipt_no: str
    id: str
    problem: str  # missing_upstream, unknown_locally, different
    detail: str


@dataclass(frozen=True)
class Reconciled:
    business_date: date
    differences: tuple[Difference, ...]  # empty when both sides agree to the rupiah

    @property
    def agree(self) -> bool:
        return not self.differences


def reconcile_day(
    counter: Counter,
    command: ReconcileDay,
    *,
    transport: httpx.BaseTransport | None = None,
    timeout: float = 20.0,
) -> Reconciled:
    """Fetch the upstream's statement of the day and compare it with the local journal."""
    day = command.business_date or counter.business_date()
    endpoint = upstream_address(counter, command.upstream_url)
    statement = fetch_statement(
        counter,
        endpoint.url,
        endpoint.token,
        day,
        transport=transport,
        timeout=timeout,
        ca_bundle=endpoint.ca_bundle,
    )
    return Reconciled(day, tuple(differences(counter, statement)))


def differences(counter: Counter, statement: Statement) -> list[Difference]:
    """What the two sides disagree on; empty when they agree to the rupiah."""
    # A refused payment a refund gave back is settled: the upstream never holds it.
    local = {
        entry.id: entry
        for entry in journal(counter, statement.business_date)
        if entry.status != "refunded"
    }
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
