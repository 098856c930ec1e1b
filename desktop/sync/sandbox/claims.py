"""The upstream's side of a JHT claim: the handover received by upload, then its decision.

Every change of a claim's status is one row of `claim_changes`, numbered per counter without
gaps (the counter's chain head row is locked while a number is taken), so a counter that asks
for the changes after the last number it holds misses none. `--auto-decide` decides a claim as
its handover arrives; otherwise an officer decides through the admin endpoint.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Final
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from desktop.domain.claims import (
    ClaimReason,
    DocStatus,
    claimable_share,
    missing_requirements,
)
from desktop.domain.periods import add_months
from desktop.reference import ReferenceData
from desktop.sync.contract import (
    MAX_CLAIM_CHANGES,
    MAX_CLAIM_LOOKUP,
    ClaimChange,
    ClaimChanges,
    ClaimDecision,
    ClaimLookup,
    ClaimState,
    ClaimStatus,
    HeldClaim,
    PayoutConfirmation,
    PayoutMethod,
    PayoutState,
    UploadRecord,
)
from desktop.sync.sandbox import registry, rules
from desktop.sync.sandbox.store import SandboxStore, chain_heads, metadata, records

claims = sa.Table(
    "claims",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),  # the handover record's id
    sa.Column("counter_code", sa.String(40), nullable=False),
    sa.Column("receipt_no", sa.String(60), nullable=False),
    sa.Column("nik", sa.String(16), nullable=False),
    sa.Column("reason", sa.String(40), nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("change_no", sa.Integer, nullable=False),  # of its last change
    sa.Column("gross", sa.BigInteger),
    sa.Column("tax", sa.BigInteger),
    sa.Column("net", sa.BigInteger),
    sa.Column("payout_method", sa.String(20)),
    sa.Column("rejection_reason", sa.Text),
    # The payout: held by one counter's reservation before money moves, then paid or released.
    sa.Column("reserved_by", sa.String(36)),  # the reservation id, while held or once paid
    sa.Column("reserved_counter", sa.String(40)),
    sa.Column("reserved_at", sa.String(40)),
    sa.Column("paid_method", sa.String(10)),
    sa.Column("paid_reference", sa.String(60)),
    sa.Column("paid_receipt_no", sa.String(60)),
)
sa.Index(None, claims.c.nik)

claim_changes = sa.Table(
    "claim_changes",
    metadata,
    sa.Column("counter_code", sa.String(40), primary_key=True),
    sa.Column("change_no", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("claim_id", sa.String(36), nullable=False, index=True),
    sa.Column("receipt_no", sa.String(60), nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("at", sa.String(40), nullable=False),
    sa.Column("gross", sa.BigInteger),
    sa.Column("tax", sa.BigInteger),
    sa.Column("net", sa.BigInteger),
    sa.Column("payout_method", sa.String(20)),
    sa.Column("rejection_reason", sa.Text),
    sa.Column("decided_by", sa.String(40), nullable=False),  # "auto", "admin" or "counter"
)

# Since when a participant has been a member, as the fixtures say (a registration uploaded here
# dates itself): what the partial claims' 10 years are counted from.
memberships = sa.Table(
    "registry_memberships",
    metadata,
    sa.Column("nik", sa.String(16), primary_key=True),
    sa.Column("member_since", sa.String(10), nullable=False),
)

# The upstream's calendar (BPJS's head office, WIB): when a waiting period is over.
UPSTREAM_ZONE: Final = ZoneInfo("Asia/Jakarta")
AUTO: Final = "auto"
ADMIN: Final = "admin"
COUNTER: Final = "counter"
_OPEN: Final = frozenset({ClaimStatus.UPLOADED, ClaimStatus.VERIFYING})
# A partial claim already taken (or on its way) bars another.
_TAKEN: Final = frozenset({*_OPEN, ClaimStatus.APPROVED, ClaimStatus.PAID})


class ClaimError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Decision:
    status: ClaimStatus
    gross: int | None = None
    tax: int | None = None
    net: int | None = None
    payout_method: PayoutMethod | None = None
    rejection_reason: str | None = None


# --- received with its handover -------------------------------------------------------------


def received(
    connection: sa.Connection,
    counter_code: str,
    record: UploadRecord,
    now: datetime,
    today: date,
    ref: ReferenceData,
    *,
    auto_decide: bool,
) -> None:
    """An accepted claim handover becomes a claim, `uploaded`; decided at once with
    `auto_decide`. The caller holds the counter's chain head lock.

    A handover sent again after the upstream lost its record (restored from an older backup)
    finds its claim still there: the claim keeps its life, nothing is decided twice."""
    if _claim(connection, record.id) is not None:
        return
    details = rules.details(record.record)
    connection.execute(
        sa.insert(claims).values(
            id=record.id,
            counter_code=counter_code,
            receipt_no=record.receipt_no,
            nik=str(details.get("nik") or ""),
            reason=str(details.get("reason") or ""),
            status=ClaimStatus.UPLOADED.value,
            change_no=0,
        )
    )
    _change(connection, record.id, Decision(ClaimStatus.UPLOADED), now, COUNTER)
    if auto_decide:
        decision = auto_decision(connection, ref, record.id, record.record, today)
        _change(connection, record.id, decision, now, AUTO)


def withdrawn(connection: sa.Connection, claim_id: str, now: datetime) -> None:
    """A void of the handover accepted: a claim not yet decided is rejected for it."""
    row = _claim(connection, claim_id)
    if row is not None and ClaimStatus(row["status"]) in _OPEN:
        void = _rejected("Penyerahan berkas dibatalkan di loket.")
        _change(connection, claim_id, void, now, COUNTER)


def auto_decision(
    connection: sa.Connection,
    ref: ReferenceData,
    claim_id: str,
    record: Mapping[str, object],
    today: date,
) -> Decision:
    """Approved at the reason's share of the JHT balance when the required documents are all
    there, the waiting period is over and a partial claim is allowed; else rejected, saying why."""
    details = rules.details(record)
    nik = str(details.get("nik") or "")
    reason = next((r for r in ref.claim_reasons if r.code == details.get("reason")), None)
    if reason is None:
        return _rejected("Alasan klaim tidak dikenal.")
    documents = {
        str(doc.get("document")): DocStatus(str(doc.get("status")))
        for doc in _rows(record.get("documents"))
        if str(doc.get("status")) in {s.value for s in DocStatus}
    }
    try:
        missing = missing_requirements(
            reason, documents, npwp_required=bool(details.get("npwp_required"))
        )
    except ValueError:
        return _rejected("Daftar berkas tidak terbaca.")
    if missing:
        names = ", ".join(requirement.name_id for requirement in missing)
        return _rejected(f"Berkas wajib belum lengkap: {names}.")
    end = details.get("waiting_period_end")
    if isinstance(end, str) and end and date.fromisoformat(end) > today:
        return _rejected(
            f"Masa tunggu belum selesai (berakhir {date.fromisoformat(end):%d/%m/%Y})."
        )
    if not registry.is_registered(connection, nik):
        return _rejected("Peserta tidak terdaftar di BPJS Ketenagakerjaan.")
    if reason.once or reason.min_membership_years:  # the partial claims
        refusal = _partial_refusal(connection, reason, nik, claim_id, today)
        if refusal:
            return _rejected(refusal)
    balance = jht_balance(connection, nik)
    if balance <= 0:
        return _rejected("Saldo JHT peserta tidak ada.")
    return approved(ref, reason, claimable_share(reason, balance))


def approved(ref: ReferenceData, reason: ClaimReason, gross: int) -> Decision:
    tax = ref.jht_tax.tax_on(gross)
    method = PayoutMethod.MORTGAGE_BANK if reason.payout_to_mortgage_bank else PayoutMethod.TRANSFER
    return Decision(ClaimStatus.APPROVED, gross, tax, gross - tax, method)


def _rejected(reason: str) -> Decision:
    return Decision(ClaimStatus.REJECTED, rejection_reason=reason)


def _rows(value: object) -> list[Mapping[str, object]]:
    return [row for row in value if isinstance(row, dict)] if isinstance(value, list) else []


def _partial_refusal(
    connection: sa.Connection, reason: ClaimReason, nik: str, claim_id: str, today: date
) -> str | None:
    since = member_since(connection, nik)
    years = reason.min_membership_years
    if years and (since is None or add_months(since, 12 * years) > today):
        return (
            f"Klaim sebagian memerlukan kepesertaan paling sedikit "
            f"{reason.min_membership_years} tahun."
        )
    earlier = connection.execute(
        sa.select(sa.func.count())
        .select_from(claims)
        .where(
            claims.c.nik == nik,
            claims.c.id != claim_id,
            claims.c.reason == reason.code,  # the 10% and the 30% claim: each once
            claims.c.status.in_([s.value for s in _TAKEN]),
        )
    ).scalar_one()
    if reason.once and earlier:
        return "Klaim sebagian hanya dapat diambil satu kali."
    return None


def member_since(connection: sa.Connection, nik: str) -> date | None:
    """The fixtures' word, else the business date of the registration uploaded here."""
    fixed = connection.execute(
        sa.select(memberships.c.member_since).where(memberships.c.nik == nik)
    ).scalar_one_or_none()
    if fixed:
        return date.fromisoformat(fixed)
    registered = connection.execute(
        sa.select(records.c.business_date)
        .join(
            registry.registry_participants,
            registry.registry_participants.c.record_id == records.c.id,
        )
        .where(registry.registry_participants.c.nik == nik)
    ).scalar_one_or_none()
    return date.fromisoformat(registered) if registered else None


def jht_balance(connection: sa.Connection, nik: str) -> int:
    """The fixtures' balance plus the JHT of every payment for the NIK uploaded here (and not
    voided: a voided payment's months leave the registry)."""
    row = connection.execute(
        sa.select(registry.registry_participants.c.jht_balance).where(
            registry.registry_participants.c.nik == nik
        )
    ).first()
    balance = int(row.jht_balance or 0) if row is not None else 0
    paying = sa.select(registry.paid_months.c.record_id).where(registry.paid_months.c.nik == nik)
    for (text,) in connection.execute(
        sa.select(records.c.record).where(
            records.c.kind == "contribution", records.c.id.in_(paying.distinct())
        )
    ):
        balance += rules.line_amounts(json.loads(text)).get("JHT", 0)
    return balance


# --- decided by an officer ---------------------------------------------------------------------


def decide(
    store: SandboxStore, claim_id: str, decision: ClaimDecision, now: datetime, ref: ReferenceData
) -> ClaimState:
    """The admin endpoint's decision; ClaimError when the claim is unknown or decided already."""
    with store.write() as connection:
        row = _claim(connection, claim_id)
        if row is None:
            raise ClaimError(404, "not_found", "The upstream holds no such claim.")
        _lock_counter(connection, str(row["counter_code"]))
        row = _claim(connection, claim_id)
        assert row is not None  # noqa: S101 - read again under the lock; claims are never deleted
        if ClaimStatus(row["status"]) not in _OPEN:
            raise ClaimError(409, "claim_decided", f"The claim is {row['status']} already.")
        status = ClaimStatus(decision.status)
        if status is ClaimStatus.REJECTED:
            if not decision.reason:
                raise ClaimError(422, "reason_required", "A rejection needs its reason.")
            outcome = _rejected(decision.reason)
        elif status is ClaimStatus.APPROVED:
            reason = next((r for r in ref.claim_reasons if r.code == row["reason"]), None)
            if reason is None:
                raise ClaimError(422, "reason_unknown", "The claim's reason is unknown.")
            gross = decision.gross or claimable_share(reason, jht_balance(connection, row["nik"]))
            if gross <= 0:
                raise ClaimError(422, "balance_empty", "No JHT balance: give the gross.")
            outcome = approved(ref, reason, gross)
        else:
            outcome = Decision(ClaimStatus.VERIFYING)
        _change(connection, claim_id, outcome, now, ADMIN)
        return _state(connection, claim_id)


def _lock_counter(connection: sa.Connection, counter_code: str) -> None:
    connection.execute(
        sa.select(chain_heads.c.seq)
        .where(chain_heads.c.counter_code == counter_code)
        .with_for_update()
    ).first()


def _claim(connection: sa.Connection, claim_id: str) -> sa.RowMapping | None:
    return connection.execute(sa.select(claims).where(claims.c.id == claim_id)).mappings().first()


def _state(connection: sa.Connection, claim_id: str) -> ClaimState:
    row = _claim(connection, claim_id)
    if row is None:  # pragma: no cover - called after a change of this claim
        raise ClaimError(404, "not_found", "The upstream holds no such claim.")
    return ClaimState(
        claim_id=row["id"],
        counter_code=row["counter_code"],
        receipt_no=row["receipt_no"],
        reason=row["reason"],
        status=ClaimStatus(row["status"]),
        change_no=row["change_no"],
        gross=row["gross"],
        tax=row["tax"],
        net=row["net"],
        payout_method=PayoutMethod(row["payout_method"]) if row["payout_method"] else None,
        rejection_reason=row["rejection_reason"],
    )


def _change(
    connection: sa.Connection, claim_id: str, decision: Decision, now: datetime, by: str
) -> None:
    """The claim takes `decision`; the change gets the counter's next number."""
    row = _claim(connection, claim_id)
    if row is None:  # pragma: no cover - every caller found the claim
        raise ClaimError(404, "not_found", "The upstream holds no such claim.")
    counter_code = str(row["counter_code"])
    last = connection.execute(
        sa.select(sa.func.max(claim_changes.c.change_no)).where(
            claim_changes.c.counter_code == counter_code
        )
    ).scalar_one_or_none()
    number = int(last or 0) + 1
    values = {
        "status": decision.status.value,
        "gross": decision.gross,
        "tax": decision.tax,
        "net": decision.net,
        "payout_method": decision.payout_method.value if decision.payout_method else None,
        "rejection_reason": decision.rejection_reason,
    }
    connection.execute(
        sa.insert(claim_changes).values(
            counter_code=counter_code,
            change_no=number,
            claim_id=claim_id,
            receipt_no=row["receipt_no"],
            at=now.isoformat(),
            decided_by=by,
            **values,
        )
    )
    connection.execute(
        sa.update(claims).where(claims.c.id == claim_id).values(change_no=number, **values)
    )


# --- the payout: reserved, then paid or released ---------------------------------------------


def reserve(
    store: SandboxStore, claim_id: str, counter_code: str, reservation_id: str, now: datetime
) -> PayoutState:
    """Hold an approved claim for `counter_code`'s payout. One conditional UPDATE decides: of
    two counters asking at once, one holds it and the other is refused (409 claim_reserved).
    The same reservation asking again gets the same answer."""
    with store.write() as connection:
        taken = connection.execute(
            sa.update(claims)
            .where(
                claims.c.id == claim_id,
                claims.c.status == ClaimStatus.APPROVED.value,
                claims.c.reserved_by.is_(None),
            )
            .values(
                reserved_by=reservation_id,
                reserved_counter=counter_code,
                reserved_at=now.isoformat(),
            )
        ).rowcount
        row = _claim(connection, claim_id)
        if row is None:
            raise ClaimError(404, "not_found", "The upstream holds no such claim.")
        if taken or row["reserved_by"] == reservation_id:
            return _payout(row, "paid" if row["status"] == ClaimStatus.PAID.value else "reserved")
        if row["status"] == ClaimStatus.PAID.value:
            raise ClaimError(409, "claim_paid", "The claim is paid already.")
        if row["reserved_by"] is not None:
            raise ClaimError(
                409,
                "claim_reserved",
                f"Another payout holds the claim (counter {row['reserved_counter']}).",
            )
        raise ClaimError(409, "claim_not_approved", f"The claim is {row['status']}, not approved.")


def confirm(
    store: SandboxStore,
    claim_id: str,
    counter_code: str,
    confirmation: PayoutConfirmation,
    now: datetime,
) -> PayoutState:
    """The money went out under the reservation: the claim is paid (a change for the counter
    that handed it over). Confirmed again, the same answer."""
    with store.write() as connection:
        row = _held(connection, claim_id, counter_code, confirmation.reservation_id)
        if row["status"] != ClaimStatus.PAID.value:
            _lock_counter(connection, str(row["counter_code"]))
            connection.execute(
                sa.update(claims)
                .where(claims.c.id == claim_id)
                .values(
                    paid_method=confirmation.method,
                    paid_reference=confirmation.reference,
                    paid_receipt_no=confirmation.receipt_no,
                )
            )
            paid = Decision(
                ClaimStatus.PAID,
                row["gross"],
                row["tax"],
                row["net"],
                PayoutMethod(row["payout_method"]),
            )
            _change(connection, claim_id, paid, now, COUNTER)
            row = _claim(connection, claim_id) or row
        return _payout(row, "paid")


def release(
    store: SandboxStore, claim_id: str, counter_code: str, reservation_id: str
) -> PayoutState:
    """A payout cancelled before the money moved: the claim is free again (approved, waiting to
    be paid). Released again, the same answer; a paid claim is never released."""
    with store.write() as connection:
        row = _claim(connection, claim_id)
        if row is None:
            raise ClaimError(404, "not_found", "The upstream holds no such claim.")
        if row["reserved_by"] is None and row["status"] == ClaimStatus.APPROVED.value:
            return PayoutState(
                claim_id=claim_id,
                status="released",
                reservation_id=reservation_id,
                counter_code=counter_code,
                gross=int(row["gross"]),
                tax=int(row["tax"]),
                net=int(row["net"]),
                payout_method=PayoutMethod(row["payout_method"]),
            )
        row = _held(connection, claim_id, counter_code, reservation_id)
        if row["status"] == ClaimStatus.PAID.value:
            raise ClaimError(409, "claim_paid", "The claim is paid: its payout cannot be released.")
        connection.execute(
            sa.update(claims)
            .where(claims.c.id == claim_id, claims.c.reserved_by == reservation_id)
            .values(reserved_by=None, reserved_counter=None, reserved_at=None)
        )
        return _payout(row, "released")


def _held(
    connection: sa.Connection, claim_id: str, counter_code: str, reservation_id: str
) -> sa.RowMapping:
    """The claim, when `reservation_id` of `counter_code` holds it; else ClaimError."""
    row = _claim(connection, claim_id)
    if row is None:
        raise ClaimError(404, "not_found", "The upstream holds no such claim.")
    if row["reserved_by"] != reservation_id or row["reserved_counter"] != counter_code:
        raise ClaimError(409, "reservation_not_held", "This reservation does not hold the claim.")
    return row


def _payout(row: sa.RowMapping, status: str) -> PayoutState:
    return PayoutState.model_validate(
        {
            "claim_id": row["id"],
            "status": status,
            "reservation_id": row["reserved_by"],
            "counter_code": row["reserved_counter"],
            "gross": row["gross"],
            "tax": row["tax"],
            "net": row["net"],
            "payout_method": row["payout_method"],
        }
    )


def paid_here(
    connection: sa.Connection,
    counter_code: str,
    receipt_no: str,
    amount: int,
    record: Mapping[str, object],
) -> rules.Rejection | None:
    """A benefit payment's record: the claim it names is held (or was paid) by this counter's
    reservation it names, for the net it was approved at."""
    details = record.get("details")
    if not isinstance(details, Mapping):
        return rules.PAYOUT_UNKNOWN
    row = _claim(connection, str(details.get("claim_id", "")))
    if (
        row is None
        or row["reserved_by"] != details.get("payout_id")
        or row["reserved_counter"] != counter_code
        or row["net"] != amount
        or row["paid_receipt_no"] not in (None, receipt_no)
    ):
        return rules.PAYOUT_UNKNOWN
    return None


# --- any counter's look-up ----------------------------------------------------------------------


def look_up(store: SandboxStore, *, receipt_no: str | None, nik: str | None) -> ClaimLookup:
    """The claims under a handover receipt number or a participant's NIK, wherever handed over,
    newest first: a participant may come back to any counter to be paid."""
    query = (
        sa.select(claims, records.c.record, records.c.business_date)
        .join(records, records.c.id == claims.c.id)
        .order_by(records.c.business_date.desc(), claims.c.receipt_no.desc())
        .limit(MAX_CLAIM_LOOKUP)
    )
    if receipt_no is not None:
        query = query.where(claims.c.receipt_no == receipt_no)
    if nik is not None:
        query = query.where(claims.c.nik == nik)
    with store.read() as connection:
        rows = connection.execute(query).mappings().all()
    found: list[HeldClaim] = []
    for row in rows:
        said = rules.details(json.loads(row["record"]))
        found.append(
            HeldClaim(
                claim_id=row["id"],
                counter_code=row["counter_code"],
                receipt_no=row["receipt_no"],
                business_date=date.fromisoformat(row["business_date"]),
                reason=row["reason"],
                status=ClaimStatus(row["status"]),
                gross=row["gross"],
                tax=row["tax"],
                net=row["net"],
                payout_method=PayoutMethod(row["payout_method"]) if row["payout_method"] else None,
                rejection_reason=row["rejection_reason"],
                nik=row["nik"],
                kpj=str(said["kpj"]) if said.get("kpj") else None,
                participant_name=str(said.get("participant_name") or ""),
                claimant_name=str(said.get("claimant_name") or ""),
                payout_bank=str(said.get("payout_bank") or ""),
                payout_account=str(said.get("payout_account") or ""),
                payout_account_holder=str(said.get("payout_account_holder") or ""),
                held_by=row["reserved_counter"],
            )
        )
    return ClaimLookup(claims=found)


# --- what a counter polls ----------------------------------------------------------------------


def changes_after(store: SandboxStore, counter_code: str, after: int) -> ClaimChanges:
    query = (
        sa.select(claim_changes)
        .where(claim_changes.c.counter_code == counter_code, claim_changes.c.change_no > after)
        .order_by(claim_changes.c.change_no)
        .limit(MAX_CLAIM_CHANGES + 1)
    )
    with store.read() as connection:
        rows = connection.execute(query).mappings().all()
    return ClaimChanges(
        counter_code=counter_code,
        changes=[
            ClaimChange(
                change_no=row["change_no"],
                claim_id=row["claim_id"],
                receipt_no=row["receipt_no"],
                status=ClaimStatus(row["status"]),
                at=datetime.fromisoformat(row["at"]),
                gross=row["gross"],
                tax=row["tax"],
                net=row["net"],
                payout_method=PayoutMethod(row["payout_method"]) if row["payout_method"] else None,
                rejection_reason=row["rejection_reason"],
            )
            for row in rows[:MAX_CLAIM_CHANGES]
        ],
        more=len(rows) > MAX_CLAIM_CHANGES,
    )


def load_memberships(connection: sa.Connection, fixtures: registry.Fixtures) -> None:
    """The fixtures' member_since dates; what is there already is left as it is."""
    for person in fixtures.participants:
        if person.member_since is None:
            continue
        known = connection.execute(
            sa.select(memberships.c.nik).where(memberships.c.nik == person.nik)
        ).first()
        if known is None:
            connection.execute(
                sa.insert(memberships).values(
                    nik=person.nik, member_since=person.member_since.isoformat()
                )
            )
