"""The claims handed over here and what became of them: the claims page and `spo-counter claims`.

A claim's status is the upstream's last word as `sync` learned it (desktop/sync/claim_status.py);
before the upstream has the handover, it is the counter's own: waiting to be sent, refused by the
upstream (quarantined), or voided here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

import sqlalchemy as sa

from desktop.counter import Counter
from desktop.domain.nik import NIK_LENGTH
from desktop.errors import DomainError
from desktop.services.benefit_payout import claims_elsewhere
from desktop.store.schema import (
    benefit_payments,
    claim_handovers,
    claim_statuses,
    outbox,
    transactions,
    voids,
)
from desktop.sync.contract import HeldClaim


class ClaimState(StrEnum):
    """Where a claim stands, as the counter knows it."""

    NOT_SENT = "not_sent"  # the handover waits to be uploaded
    REFUSED = "refused"  # the upstream refused the handover record (quarantined)
    VOIDED = "voided"  # the handover was voided here
    UPLOADED = "uploaded"
    VERIFYING = "verifying"
    APPROVED = "approved"  # waiting to be paid
    REJECTED = "rejected"
    PAID = "paid"


STATE_NAMES: Final = {
    ClaimState.NOT_SENT: ("Belum terkirim", "Not sent yet"),
    ClaimState.REFUSED: ("Ditolak saat unggah", "Refused at upload"),
    ClaimState.VOIDED: ("Dibatalkan", "Voided"),
    ClaimState.UPLOADED: ("Terkirim", "Uploaded"),
    ClaimState.VERIFYING: ("Diverifikasi", "Under verification"),
    ClaimState.APPROVED: ("Disetujui, menunggu dibayar", "Approved, waiting to be paid"),
    ClaimState.REJECTED: ("Ditolak", "Rejected"),
    ClaimState.PAID: ("Dibayar", "Paid"),
}

PAYOUT_METHOD_NAMES: Final = {
    "transfer": ("Transfer ke rekening peserta", "Transfer to the claimant's account"),
    "mortgage_bank": ("Ke bank pemberi KPR", "To the mortgage bank"),
}


@dataclass(frozen=True)
class ClaimQuery:
    """`status`: one ClaimState value, or "" for every claim. `search`: a NIK (16 digits), a
    KPJ, or a claim's receipt number (the handover receipt), or "" for every claim."""

    status: str = ""
    search: str = ""
    limit: int = 500


@dataclass(frozen=True)
class ClaimRow:
    receipt_no: str
    claim_id: str
    business_date: str
    nik: str
    kpj: str | None
    participant_name: str
    claimant_name: str
    reason: str  # the reason's code
    reason_name: str  # in the counter's reference data, Indonesian
    reason_name_en: str
    state: ClaimState
    changed_at: str | None  # the upstream's time of its last word
    gross: int | None
    tax: int | None
    net: int | None
    payout_method: str | None
    rejection_reason: str | None
    payout_bank: str
    payout_account: str
    payout_account_holder: str
    paid_receipt_no: str | None = None  # the payout's receipt, when it was paid out here
    handed_over_at: str | None = None  # another counter's code: the upstream's word on it

    def state_name(self, lang: str = "id") -> str:
        names = STATE_NAMES[self.state]
        return names[0] if lang == "id" else names[1]

    def as_json(self) -> dict[str, object]:
        return {
            "receipt_no": self.receipt_no,
            "claim_id": self.claim_id,
            "business_date": self.business_date,
            "nik": self.nik,
            "kpj": self.kpj,
            "participant_name": self.participant_name,
            "claimant_name": self.claimant_name,
            "reason": self.reason,
            "status": self.state.value,
            "changed_at": self.changed_at,
            "gross": self.gross,
            "tax": self.tax,
            "net": self.net,
            "payout_method": self.payout_method,
            "rejection_reason": self.rejection_reason,
            "payout_bank": self.payout_bank,
            "payout_account": self.payout_account,
            "paid_receipt_no": self.paid_receipt_no,
            "handed_over_at": self.handed_over_at,
        }


def find_claims(counter: Counter, query: ClaimQuery) -> tuple[ClaimRow, ...]:
    """The claims handed over here matching `query`, newest first.

    Refused (field "status") for a status that is none of ClaimState's, and (field "search")
    for a search that is neither a NIK, a KPJ nor a receipt number.
    """
    state = _state(query.status)
    search = query.search.strip().upper().replace(" ", "")
    voided = sa.select(voids.c.voided_seq).scalar_subquery()
    payment = transactions.alias("payment")
    paid_here = (
        sa.select(payment.c.receipt_no)
        .join(benefit_payments, benefit_payments.c.seq == payment.c.seq)
        .where(benefit_payments.c.claim_id == transactions.c.id)
        .scalar_subquery()
    )
    select = (
        sa.select(
            transactions.c.seq,
            transactions.c.id,
            transactions.c.receipt_no,
            transactions.c.business_date,
            claim_handovers,
            outbox.c.status.label("outbox_status"),
            claim_statuses.c.status.label("upstream_status"),
            claim_statuses.c.changed_at,
            claim_statuses.c.gross,
            claim_statuses.c.tax,
            claim_statuses.c.net,
            claim_statuses.c.payout_method,
            claim_statuses.c.rejection_reason,
            transactions.c.seq.in_(voided).label("voided"),
            paid_here.label("paid_receipt_no"),
        )
        .join(claim_handovers, claim_handovers.c.seq == transactions.c.seq)
        .outerjoin(outbox, outbox.c.seq == transactions.c.seq)
        .outerjoin(claim_statuses, claim_statuses.c.seq == transactions.c.seq)
        .where(transactions.c.kind == "claim_handover")
        .order_by(transactions.c.seq.desc())
    )
    if search:
        select = select.where(_matching(search))
    rows: list[ClaimRow] = []
    known: set[str] = set()
    with counter.store.read() as connection:
        for row in connection.execute(select).mappings():
            known.add(row["id"])
            claim = _row(counter, row)
            if state is None or claim.state is state:
                rows.append(claim)
                if len(rows) >= query.limit:
                    break
    for claim in _elsewhere(counter, search, bool(known)):
        if claim.claim_id not in known and (state is None or claim.state is state):
            rows.append(claim)
    return tuple(rows[: query.limit])


def _elsewhere(counter: Counter, search: str, found_here: bool) -> list[ClaimRow]:
    """A participant may come back to any counter: a search by NIK (or by a receipt number not
    handed over here) also shows the claims the upstream holds from other counters, online."""
    if search.isdigit() and len(search) == NIK_LENGTH:
        held = claims_elsewhere(counter, nik=search)
    elif not found_here and not search.isdigit():
        held = claims_elsewhere(counter, receipt_no=search)
    else:
        return []
    own = counter.profile.counter_code
    return [_held_row(counter, claim) for claim in held if claim.counter_code != own]


def _held_row(counter: Counter, claim: HeldClaim) -> ClaimRow:
    names = {r.code: (r.name_id, r.name_en) for r in counter.reference.claim_reasons}
    reason_id, reason_en = names.get(claim.reason, (claim.reason, claim.reason))
    with counter.store.read() as connection:
        paid = connection.execute(
            sa.select(transactions.c.receipt_no)
            .join(benefit_payments, benefit_payments.c.seq == transactions.c.seq)
            .where(benefit_payments.c.claim_id == claim.claim_id)
        ).scalar_one_or_none()
    return ClaimRow(
        receipt_no=claim.receipt_no,
        claim_id=claim.claim_id,
        business_date=claim.business_date.isoformat(),
        nik=claim.nik,
        kpj=claim.kpj,
        participant_name=claim.participant_name,
        claimant_name=claim.claimant_name,
        reason=claim.reason,
        reason_name=reason_id,
        reason_name_en=reason_en,
        state=ClaimState.PAID if paid else ClaimState(claim.status.value),
        changed_at=None,
        gross=claim.gross,
        tax=claim.tax,
        net=claim.net,
        payout_method=claim.payout_method.value if claim.payout_method else None,
        rejection_reason=claim.rejection_reason,
        payout_bank=claim.payout_bank,
        payout_account=claim.payout_account,
        payout_account_holder=claim.payout_account_holder,
        paid_receipt_no=paid,
        handed_over_at=claim.counter_code,
    )


def _state(status: str) -> ClaimState | None:
    if not status.strip():
        return None
    try:
        return ClaimState(status.strip().lower())
    except ValueError:
        known = ", ".join(state.value for state in ClaimState)
        raise DomainError(
            "status",
            f"Status klaim tidak dikenal: pilih salah satu dari {known}.",
            f"Unknown claim status: choose one of {known}.",
        ) from None


def _matching(search: str) -> sa.ColumnElement[bool]:
    if search.isdigit() and len(search) == NIK_LENGTH:
        return claim_handovers.c.nik == search
    if search.isdigit() and 8 <= len(search) <= NIK_LENGTH:
        return claim_handovers.c.kpj == search
    if "-" in search and search.rsplit("-", 1)[-1].isdigit():
        return transactions.c.receipt_no == search
    raise DomainError(
        "search",
        "Cari dengan NIK (16 angka), nomor KPJ atau nomor tanda terima klaim.",
        "Search by NIK (16 digits), KPJ number or the claim's receipt number.",
    )


def _row(counter: Counter, row: sa.RowMapping) -> ClaimRow:
    names = {r.code: (r.name_id, r.name_en) for r in counter.reference.claim_reasons}
    reason_id, reason_en = names.get(row["reason"], (row["reason"], row["reason"]))
    if row["voided"]:
        state = ClaimState.VOIDED
    elif row["paid_receipt_no"]:  # paid out here: paid, before the upstream's word comes back
        state = ClaimState.PAID
    elif row["upstream_status"]:
        state = ClaimState(row["upstream_status"])
    elif row["outbox_status"] == "quarantined":
        state = ClaimState.REFUSED
    elif row["outbox_status"] == "sent":
        state = ClaimState.UPLOADED
    else:
        state = ClaimState.NOT_SENT
    return ClaimRow(
        receipt_no=row["receipt_no"],
        claim_id=row["id"],
        business_date=row["business_date"],
        nik=row["nik"],
        kpj=row["kpj"],
        participant_name=row["participant_name"],
        claimant_name=row["claimant_name"],
        reason=row["reason"],
        reason_name=reason_id,
        reason_name_en=reason_en,
        state=state,
        changed_at=row["changed_at"],
        gross=row["gross"],
        tax=row["tax"],
        net=row["net"],
        payout_method=row["payout_method"],
        rejection_reason=row["rejection_reason"],
        payout_bank=row["payout_bank"],
        payout_account=row["payout_account"],
        payout_account_holder=row["payout_account_holder"],
        paid_receipt_no=row["paid_receipt_no"],
    )
