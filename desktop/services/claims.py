"""Receiving the documents of a JHT claim and handing the participant a receipt for them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from desktop.counter import Counter
from desktop.domain.claims import (
    ClaimReason,
    DocStatus,
    claim_reason,
    documents_for,
    missing_requirements,
    npwp_required,
    waiting_period_end,
    waiting_period_over,
)
from desktop.domain.dates import parse_date
from desktop.domain.identifiers import validate_kpj, validate_name, validate_text
from desktop.domain.nik import parse_nik
from desktop.domain.tender import validate_account_number
from desktop.errors import Checks, DomainError
from desktop.services.auth import User, approve
from desktop.services.capture import Captured, capture

DEATH = "death"


@dataclass(frozen=True)
class HandOverClaim:
    """A claim handover as typed; `documents` maps document codes to original / copy / missing."""

    nik: str
    participant_name: str
    reason: str
    payout_bank: str
    payout_account: str
    payout_account_holder: str
    documents: Mapping[str, str] = field(default_factory=dict)
    kpj: str = ""
    event_date: str = ""
    claimant_name: str = ""
    balance_above_50m: bool = False
    had_partial_claim: bool = False
    supervisor_id: str = ""
    supervisor_pin: str = ""


def hand_over_claim(counter: Counter, actor: User, cmd: HandOverClaim) -> Captured:
    """Refused before the waiting period ends unless a supervisor (not the teller) approves."""
    now = counter.now()
    today = counter.business_date(now)
    ref = counter.reference
    checks = Checks()  # every field that is wrong, said at once, in the form's order
    reason = checks.take(lambda: claim_reason(ref, cmd.reason))
    info = checks.take(lambda: parse_nik(cmd.nik, ref.provinces, today))
    kpj = (
        checks.take(lambda: validate_kpj(cmd.kpj, ref.identifier_lengths["kpj"]))
        if cmd.kpj.strip()
        else None
    )
    name = checks.take(lambda: check_claim_field("participant_name", cmd.participant_name))
    claimant = (
        checks.take(lambda: validate_name(cmd.claimant_name, "claimant_name"))
        if cmd.claimant_name.strip()
        else name
    )
    if reason is not None and reason.code == DEATH and name is not None and claimant == name:
        checks.add(
            DomainError(
                "claimant_name",
                "Klaim karena meninggal diajukan ahli waris: isi nama ahli waris.",
                "A death claim is made by an heir: enter the heir's name.",
            )
        )
    event_date = None
    if cmd.event_date.strip():
        event_date = checks.take(
            lambda: parse_date(cmd.event_date, "event_date", "Tanggal kejadian", "Event date")
        )
        if event_date is not None and event_date > today:
            checks.add(
                DomainError(
                    "event_date",
                    "Tanggal kejadian tidak boleh di masa depan.",
                    "The event date cannot be in the future.",
                )
            )
    elif reason is not None and reason.event_date_required:
        checks.add(
            DomainError(
                "event_date",
                "Isi tanggal surat keterangan pengunduran diri dari perusahaan / PHK / akhir "
                "kontrak.",
                "Enter the date of the employer's statement of resignation, the dismissal or "
                "the contract end.",
            )
        )
    if reason is not None and reason.once and cmd.had_partial_claim:
        checks.add(
            DomainError(
                "reason",
                "Klaim sebagian hanya dapat diambil satu kali: peserta sudah pernah mengambilnya.",
                "A partial claim is taken once only: the participant has already made one.",
            )
        )
    needs_npwp = npwp_required(
        balance_above_50m=cmd.balance_above_50m, had_partial_claim=cmd.had_partial_claim
    )
    documents = (
        checks.take(lambda: _document_statuses(reason, cmd.documents, needs_npwp))
        if reason is not None
        else None
    )
    bank = checks.take(lambda: check_claim_field("payout_bank", cmd.payout_bank))
    account = checks.take(lambda: check_claim_field("payout_account", cmd.payout_account))
    holder = checks.take(
        lambda: check_claim_field("payout_account_holder", cmd.payout_account_holder)
    )
    # The 30% housing claim is paid to the cooperating mortgage bank, in the bank's name.
    if (
        reason is not None
        and holder is not None
        and claimant is not None
        and not reason.payout_to_mortgage_bank
        and holder.casefold() != claimant.casefold()
    ):
        checks.add(
            DomainError(
                "payout_account_holder",
                f"Rekening pembayaran harus atas nama {claimant} sendiri.",
                f"The payout account must be in {claimant}'s own name.",
            )
        )
    checks.done()
    if info is None or reason is None or documents is None:
        raise RuntimeError("a claim check failed without saying why")
    nik = info.nik
    missing = missing_requirements(reason, documents, npwp_required=needs_npwp)
    approved_by = None
    if not waiting_period_over(reason, event_date, today):
        end = waiting_period_end(reason, event_date)
        if not cmd.supervisor_id.strip():
            raise DomainError(
                "event_date",
                f"Masa tunggu belum selesai (berakhir {end:%d/%m/%Y}). "
                "Berkas hanya dapat diterima dengan persetujuan supervisor.",
                f"The waiting period has not ended (ends {end:%d/%m/%Y}). "
                "The documents can only be taken with a supervisor's approval.",
            )
        approved_by = approve(counter, cmd.supervisor_id, cmd.supervisor_pin, requested_by=actor).id
    end_date = waiting_period_end(reason, event_date)
    with counter.store.write() as connection:
        return capture(
            connection,
            counter,
            kind="claim_handover",
            actor=actor,
            now=now,
            details={
                "reason": reason.code,
                "nik": nik,
                "kpj": kpj,
                "participant_name": name,
                "claimant_name": claimant,
                "event_date": event_date.isoformat() if event_date else None,
                "waiting_period_end": end_date.isoformat() if end_date else None,
                "approved_by": approved_by,
                "npwp_required": needs_npwp,
                "payout_bank": bank,
                "payout_account": account,
                "payout_account_holder": holder,
                "missing_count": len(missing),
            },
            documents={code: status.value for code, status in documents.items()},
        )


# A handover's fields checked on their own, as the save checks them (the form checks each when
# it is left).
_FIELD_CHECKS: dict[str, Callable[[str], str]] = {
    "participant_name": lambda raw: validate_name(raw, "participant_name"),
    "payout_bank": lambda raw: validate_text(raw, "payout_bank", max_length=60),
    "payout_account": lambda raw: validate_account_number(raw, "payout_account"),
    "payout_account_holder": lambda raw: validate_name(raw, "payout_account_holder"),
}
CHECKED_FIELDS = tuple(_FIELD_CHECKS)


def check_claim_field(field: str, raw: str) -> str:
    """One of CHECKED_FIELDS as the save checks it: the value kept, or DomainError naming it."""
    return _FIELD_CHECKS[field](raw)


def _document_statuses(
    reason: ClaimReason, given: Mapping[str, str], needs_npwp: bool
) -> dict[str, DocStatus]:
    """Every document on the reason's checklist gets a status; unlisted ones are missing."""
    statuses: dict[str, DocStatus] = {}
    for code, raw in given.items():
        try:
            statuses[code] = DocStatus(str(raw).strip().lower())
        except ValueError:
            raise DomainError(
                "documents",
                "Status dokumen harus asli (original), fotokopi (copy), elektronik (electronic) "
                "atau tidak ada (missing).",
                "A document's status must be original, copy, electronic or missing.",
            ) from None
    for document in documents_for(reason, npwp_required=needs_npwp):
        statuses.setdefault(document.code, DocStatus.MISSING)
    return statuses
