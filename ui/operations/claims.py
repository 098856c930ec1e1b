"""The claims handed over here and what became of them (the claims page)."""

from __future__ import annotations

from desktop.counter import Counter
from desktop.services.claim_status import ClaimQuery, ClaimRow, find_claims
from ui.operations import Op


def claims_op(counter: Counter, query: ClaimQuery) -> Op[tuple[ClaimRow, ...]]:
    """Only reads: nobody is told of a change."""
    return Op("claims", lambda: find_claims(counter, query))
