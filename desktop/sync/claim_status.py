"""Learning what became of the claims handed over here: the upstream's changes after the last one
this counter holds, each stored with an audit event (claim.status) in one write.

Asked only while a claim handed over here waits for its decision or its payment, so a counter
without claims on their way makes no request.
"""

from __future__ import annotations

import random
from collections.abc import Callable

import httpx
import pydantic
import sqlalchemy as sa

from desktop.counter import Counter
from desktop.domain.receipt_numbers import receipt_seq
from desktop.store.audit import append_event
from desktop.store.schema import claim_statuses, outbox, transactions
from desktop.sync.client import RetryPolicy, SyncReport, send_retried
from desktop.sync.contract import ClaimChange, ClaimChanges, ClaimStatus, claims_path

# Once a claim is here, nothing more is to come of it (a rejected claim is handed over anew).
FINAL = frozenset({ClaimStatus.REJECTED.value, ClaimStatus.PAID.value})
AUDIT_ACTION = "claim.status"


def claims_on_their_way(counter: Counter) -> bool:
    """Whether a handover taken by the upstream has no final word here yet."""
    final = sa.select(claim_statuses.c.seq).where(claim_statuses.c.status.in_(FINAL))
    query = (
        sa.select(transactions.c.seq)
        .join(outbox, outbox.c.seq == transactions.c.seq)
        .where(
            transactions.c.kind == "claim_handover",
            outbox.c.status == "sent",
            transactions.c.seq.not_in(final),
        )
        .limit(1)
    )
    with counter.store.read() as connection:
        return connection.execute(query).first() is not None


def last_change_no(counter: Counter) -> int:
    with counter.store.read() as connection:
        return int(
            connection.execute(sa.select(sa.func.max(claim_statuses.c.change_no))).scalar() or 0
        )


def pull_claim_changes(
    counter: Counter,
    client: httpx.Client,
    *,
    policy: RetryPolicy,
    sleep: Callable[[float], None],
    rng: random.Random,
) -> int:
    """Ask for the changes after the last one held, until the upstream has no more; returns how
    many changed a claim here. Raises DomainError when the upstream cannot be reached or
    refuses (what was stored before stays)."""
    after = last_change_no(counter)
    learned = 0
    while True:
        answer = send_retried(
            counter,
            lambda after=after: client.get(  # type: ignore[misc]
                claims_path(counter.profile.counter_code), params={"after": after}
            ),
            _parse,
            policy,
            sleep,
            rng,
            SyncReport(),
        )
        for change in answer.changes:
            learned += store_change(counter, change)
            after = max(after, change.change_no)
        if not answer.more or not answer.changes:
            return learned


def _parse(content: bytes) -> ClaimChanges | None:
    try:
        return ClaimChanges.model_validate_json(content)
    except pydantic.ValidationError:
        return None


def store_change(counter: Counter, change: ClaimChange) -> int:
    """1 when the change is news for a claim handed over here, else 0 (a change already held,
    or of a claim this store does not hold)."""
    now = counter.now().isoformat()
    with counter.store.write() as connection:
        # The receipt number ends in the seq (the row key); the id must be the handover's too.
        seq = connection.execute(
            sa.select(transactions.c.seq).where(
                transactions.c.seq == receipt_seq(change.receipt_no),
                transactions.c.id == change.claim_id,
                transactions.c.kind == "claim_handover",
            )
        ).scalar_one_or_none()
        if seq is None:
            return 0
        held = connection.execute(
            sa.select(claim_statuses.c.change_no).where(
                claim_statuses.c.claim_id == change.claim_id
            )
        ).scalar_one_or_none()
        if held is not None and held >= change.change_no:
            return 0
        values = {
            "status": change.status.value,
            "change_no": change.change_no,
            "changed_at": change.at.isoformat(),
            "learned_at": now,
            "gross": change.gross,
            "tax": change.tax,
            "net": change.net,
            "payout_method": change.payout_method.value if change.payout_method else None,
            "rejection_reason": change.rejection_reason,
        }
        if held is None:
            connection.execute(
                sa.insert(claim_statuses).values(claim_id=change.claim_id, seq=seq, **values)
            )
        else:
            connection.execute(
                sa.update(claim_statuses)
                .where(claim_statuses.c.claim_id == change.claim_id)
                .values(**values)
            )
        details = {k: v for k, v in values.items() if k != "learned_at" and v is not None}
        append_event(
            connection,
            counter.audit_key,
            at=now,
            actor=None,
            action=AUDIT_ACTION,
            entity_id=change.claim_id,
            details={"receipt_no": change.receipt_no, **details},
        )
    return 1
