"""A day manifest checked against what the upstream holds: complete, or what is missing and why."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise
from typing import Final

import sqlalchemy as sa

from desktop.domain.receipt_numbers import receipt_number
from desktop.store.audit import GENESIS_HASH, canonical_json, digest
from desktop.sync.contract import (
    ChainHead,
    ChainState,
    DayCheck,
    DayManifest,
    DayStatus,
    DayTotals,
    KindTotal,
    Mismatch,
    MissingRecord,
)
from desktop.sync.sandbox import rules
from desktop.sync.sandbox.store import (
    SandboxStore,
    audit_events,
    chain_heads,
    day_manifests,
    records,
)
from desktop.sync.sandbox.upload import ATTEMPTS, lost_a_race, refunded_seqs

CAPTURE_ACTIONS: Final = (
    "registration",
    "contribution",
    "claim_handover",
    "void",
    "refund",
    "benefit_payment",
)
_IN_CHUNK: Final = 500


class ManifestError(Exception):
    """The manifest contradicts itself: nothing is stored."""


def manifest_problem(manifest: DayManifest) -> str | None:
    """Why the manifest cannot be a day's (its own figures disagree), or None."""
    items = manifest.items
    seqs = [item.seq for item in items]
    if any(later <= earlier for earlier, later in pairwise(seqs)):
        return "items must be in strictly increasing seq order"
    if len({item.id for item in items}) != len(items):
        return "an id is listed twice"
    code = manifest.counter_code
    first = receipt_number(code, seqs[0]) if seqs else None
    last = receipt_number(code, seqs[-1]) if seqs else None
    if (manifest.first_receipt_no, manifest.last_receipt_no) != (first, last):
        return "first_receipt_no and last_receipt_no must be those of the first and last item"
    counted = sum(total.count for total in by_kind(manifest.totals).values())
    if counted != len(items):
        return f"the totals count {counted} records, the items {len(items)}"
    if (manifest.chain_head is None) != (not items):
        return "chain_head is required with items and must be null without"
    return None


def by_kind(totals: DayTotals) -> dict[str, KindTotal]:
    return {
        "registration": totals.registration,
        "contribution": totals.contribution,
        "claim_handover": totals.claim_handover,
        "void": totals.void,
        "refund": totals.refund,
        "benefit_payment": totals.benefit_payment,
    }


def check_day(
    store: SandboxStore, counter_code: str, manifest: DayManifest, now: datetime
) -> DayCheck:
    """Store the manifest received at `now` (a new version when it differs from the last one)
    and check it.

    Raises ManifestError, or rules.ChainError when the manifest's chain head is not the chain the
    upstream holds.
    """
    problem = manifest_problem(manifest)
    if problem is not None:
        raise ManifestError(problem)
    manifest_digest = digest(manifest.model_dump(mode="json"))
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with store.write() as connection:
                return _check(connection, counter_code, manifest, manifest_digest, now)
        except sa.exc.DBAPIError as error:
            # Two first manifests of a day at once: one version insert fails and runs again.
            if attempt == ATTEMPTS or not lost_a_race(error):
                raise
    raise AssertionError("unreachable")  # pragma: no cover


@dataclass(frozen=True)
class _Held:
    seq: int
    id: str
    digest: str
    kind: str
    amount: int
    business_date: str


def _check(
    connection: sa.Connection,
    counter_code: str,
    manifest: DayManifest,
    manifest_digest: str,
    now: datetime,
) -> DayCheck:
    day = manifest.business_date.isoformat()
    head = _head(connection, counter_code)
    chain = _chain_state(connection, counter_code, head, manifest.chain_head)
    listed = {item.seq: item for item in manifest.items}
    held = _held(connection, counter_code, day, listed)

    missing = [
        MissingRecord(seq=seq, receipt_no=receipt_number(counter_code, seq), reason="not_received")
        for seq in listed
        if seq not in held
    ]
    if chain is ChainState.HELD and manifest.chain_head is not None:
        missing += [
            MissingRecord(
                seq=seq, receipt_no=receipt_number(counter_code, seq), reason="not_listed"
            )
            for seq in _captured_not_held(
                connection, counter_code, manifest.items[0].id, manifest.chain_head.seq
            )
            if manifest.items[0].seq <= seq <= manifest.items[-1].seq and seq not in listed
        ]
    mismatches: list[Mismatch] = []
    for seq, record in sorted(held.items()):
        item = listed.get(seq)
        receipt_no = receipt_number(counter_code, seq)
        if item is None:
            if record.business_date == day:
                mismatches.append(
                    Mismatch(
                        seq=seq,
                        receipt_no=receipt_no,
                        problem="unexpected",
                        detail=f"held as {record.kind} {record.id}, not in the manifest",
                    )
                )
        elif (record.id, record.digest, record.business_date) != (item.id, item.digest, day):
            mismatches.append(
                Mismatch(
                    seq=seq,
                    receipt_no=receipt_no,
                    problem="different",
                    detail=f"held as {record.kind} {record.id} of {record.business_date} "
                    f"with digest {record.digest[:12]}",
                )
            )
    totals = _totals(record for record in held.values() if record.business_date == day)
    complete = (
        not missing
        and not mismatches
        and chain is not ChainState.BEHIND
        and totals == manifest.totals
    )
    version, confirmed = _version(connection, counter_code, manifest, manifest_digest, now)
    if complete and confirmed is None:
        confirmed = now.isoformat()
        connection.execute(
            sa.update(day_manifests)
            .where(
                day_manifests.c.counter_code == counter_code,
                day_manifests.c.business_date == day,
                day_manifests.c.version == version,
            )
            .values(confirmed_at=confirmed)
        )
    return DayCheck(
        counter_code=counter_code,
        business_date=manifest.business_date,
        version=version,
        status=DayStatus.COMPLETE if complete else DayStatus.INCOMPLETE,
        confirmed_at=datetime.fromisoformat(confirmed) if complete and confirmed else None,
        chain=chain,
        chain_head=head,
        missing=sorted(missing, key=lambda m: m.seq),
        mismatches=mismatches,
        totals=totals,
    )


def _head(connection: sa.Connection, counter_code: str) -> ChainHead:
    """The counter's chain head, locked so no batch of the counter lands during the check."""
    row = connection.execute(
        sa.select(chain_heads.c.seq, chain_heads.c.hash)
        .where(chain_heads.c.counter_code == counter_code)
        .with_for_update()
    ).first()
    if row is None:
        return ChainHead(seq=0, hash=GENESIS_HASH)
    return ChainHead(seq=row.seq, hash=row.hash)


def _chain_state(
    connection: sa.Connection, counter_code: str, head: ChainHead, theirs: ChainHead | None
) -> ChainState:
    if theirs is None:
        return ChainState.NONE
    if theirs.seq > head.seq:
        return ChainState.BEHIND
    held_hash = connection.execute(
        sa.select(audit_events.c.hash).where(
            audit_events.c.counter_code == counter_code, audit_events.c.seq == theirs.seq
        )
    ).scalar_one_or_none()
    if held_hash != theirs.hash:
        raise rules.ChainError(
            "chain_rewritten",
            f"audit event #{theirs.seq} of the manifest differs from the one the upstream holds",
        )
    return ChainState.HELD


def _held(
    connection: sa.Connection, counter_code: str, day: str, listed: Iterable[int]
) -> dict[int, _Held]:
    """The counter's records held for the day, and those held under the manifest's seqs."""
    columns = (
        records.c.seq,
        records.c.id,
        records.c.digest,
        records.c.kind,
        records.c.amount,
        records.c.business_date,
    )
    of_counter = records.c.counter_code == counter_code
    queries = [sa.select(*columns).where(of_counter, records.c.business_date == day)]
    wanted = list(listed)
    queries += [
        sa.select(*columns).where(of_counter, records.c.seq.in_(wanted[start : start + _IN_CHUNK]))
        for start in range(0, len(wanted), _IN_CHUNK)
    ]
    held: dict[int, _Held] = {}
    for query in queries:
        for row in connection.execute(query):
            held[row.seq] = _Held(
                row.seq, row.id, row.digest, row.kind, int(row.amount), row.business_date
            )
    return held


def _captured_not_held(
    connection: sa.Connection, counter_code: str, first_id: str, up_to: int
) -> list[int]:
    """Receipt seqs of capture events in the held chain whose record is not held, from the capture
    of the day's first record (when held: seqs and capture events go in the same order) to `up_to`;
    a refused payment a held refund gave back is not among them.
    """
    of_counter = audit_events.c.counter_code == counter_code
    from_seq = connection.execute(
        sa.select(sa.func.min(audit_events.c.seq)).where(
            of_counter,
            audit_events.c.entity_id == first_id,
            audit_events.c.action.in_(CAPTURE_ACTIONS),
        )
    ).scalar_one_or_none()
    query = (
        sa.select(audit_events.c.details)
        .select_from(audit_events.outerjoin(records, records.c.id == audit_events.c.entity_id))
        .where(
            of_counter,
            audit_events.c.seq.between(from_seq or 1, up_to),
            audit_events.c.action.in_(CAPTURE_ACTIONS),
            records.c.id.is_(None),
        )
    )
    refunded = refunded_seqs(connection, counter_code)
    seqs: list[int] = []
    for (details,) in connection.execute(query):
        seq = _receipt_seq(details, counter_code)
        if seq is not None and seq not in refunded:  # given back: settled, never held
            seqs.append(seq)
    return seqs


def _receipt_seq(details: str, counter_code: str) -> int | None:
    """The seq of the receipt number a capture event's details carry ({"receipt_no", "amount"})."""
    try:
        receipt_no = json.loads(details).get("receipt_no")
    except (ValueError, AttributeError):
        return None
    prefix = f"{counter_code}-"
    if not isinstance(receipt_no, str) or not receipt_no.startswith(prefix):
        return None
    tail = receipt_no[len(prefix) :]
    return int(tail) if len(tail) == 7 and tail.isdigit() else None


def _totals(held: Iterable[_Held]) -> DayTotals:
    counts = dict.fromkeys(CAPTURE_ACTIONS, 0)
    amounts = dict.fromkeys(CAPTURE_ACTIONS, 0)
    for record in held:
        if record.kind in counts:
            counts[record.kind] += 1
            amounts[record.kind] += record.amount
    return DayTotals(
        **{kind: KindTotal(count=counts[kind], amount=amounts[kind]) for kind in CAPTURE_ACTIONS}
    )


def _version(
    connection: sa.Connection,
    counter_code: str,
    manifest: DayManifest,
    manifest_digest: str,
    now: datetime,
) -> tuple[int, str | None]:
    """The manifest's version (the last one when identical, else a new one) and its confirmation."""
    day = manifest.business_date.isoformat()
    last = connection.execute(
        sa.select(day_manifests.c.version, day_manifests.c.digest, day_manifests.c.confirmed_at)
        .where(day_manifests.c.counter_code == counter_code, day_manifests.c.business_date == day)
        .order_by(day_manifests.c.version.desc())
        .limit(1)
    ).first()
    if last is not None and last.digest == manifest_digest:
        return int(last.version), last.confirmed_at
    version = 1 if last is None else int(last.version) + 1
    connection.execute(
        sa.insert(day_manifests).values(
            counter_code=counter_code,
            business_date=day,
            version=version,
            digest=manifest_digest,
            manifest=canonical_json(manifest.model_dump(mode="json")),
            received_at=now.isoformat(),
        )
    )
    return version, None
