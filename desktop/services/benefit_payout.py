"""Paying an approved JHT claim out at the counter, exactly once (issue 16).

The order makes a crash at any point safe: the reservation is written here first; the upstream
is asked to hold the claim for it; the payment is captured (receipt, audit event, outbox) in one
write; the upstream is told the money went out. A reservation left without an end (a crash, a
lost answer) is finished by `resume_payouts` at the next start or upload (the window's timed
one, `sync`): confirmed upstream when the payment was captured here, released when the money
never moved. Another counter holding the claim, or having paid it, gets the upstream's refusal:
nothing is paid. A claim handed over at another counter is looked up upstream (online only).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Final, Literal

import sqlalchemy as sa

from desktop.counter import Counter
from desktop.domain.identifiers import validate_name, validate_text
from desktop.domain.money import format_rupiah
from desktop.domain.nik import mask_identifier, parse_nik
from desktop.domain.receipt_numbers import receipt_seq, validate_receipt_no
from desktop.domain.tender import Payment, Tender
from desktop.errors import DomainError
from desktop.process_lock import try_hold
from desktop.services.auth import User, approve
from desktop.services.capture import Captured, capture
from desktop.services.upload import upstream_address
from desktop.settings import cash_payout_limits, load_settings_or_defaults
from desktop.store.audit import append_event
from desktop.store.schema import (
    benefit_payments,
    claim_handovers,
    claim_statuses,
    payout_ends,
    payouts,
    transactions,
    voids,
)
from desktop.sync.contract import (
    HeldClaim,
    PayoutConfirmation,
    PayoutRelease,
    PayoutReservation,
)
from desktop.sync.payout import (
    PayoutEndpoint,
    PayoutRefusedError,
    PayoutUnreachableError,
    look_up_claims,
    send_payout,
)

DEATH: Final = "death"
METHODS: Final = ("transfer", "cash")
# Where a test (or bank IT's drill) may stop the payout: after the upstream's hold, after the
# payment's capture (desktop/cli/claims.py turns SPO_PAYOUT_CRASH_AFTER into a SIGKILL there).
Step = Literal["reserved", "paid"]

_REFUSALS: Final = {
    "claim_reserved": (
        "Klaim ini sedang dibayar di loket lain: tidak ada yang dibayar di sini.",
        "This claim is being paid at another counter: nothing was paid here.",
    ),
    "claim_paid": (
        "Klaim ini sudah dibayar: tidak ada yang dibayar lagi.",
        "This claim is paid already: nothing was paid again.",
    ),
    "claim_not_approved": (
        "Server pusat belum menyetujui klaim ini: tidak ada yang dibayar.",
        "The upstream has not approved this claim: nothing was paid.",
    ),
    "not_found": (
        "Server pusat tidak mengenal klaim ini (belum terkirim?): tidak ada yang dibayar.",
        "The upstream does not know this claim (not uploaded yet?): nothing was paid.",
    ),
}


@dataclass(frozen=True)
class PayBenefit:
    """A payout as the teller typed it.

    `nik`: typed again from the claimant's original KTP (an heir's own for a death claim, with
    `heir_name` as on the heir's KTP, checked against the claimant the handover names).
    `reference`: the bank's transfer reference (a transfer only). A cash payout above the
    counter's approval threshold needs `supervisor_id` and `supervisor_pin`."""

    claim_receipt_no: str
    nik: str
    method: str
    reference: str = ""
    heir_name: str = ""
    supervisor_id: str = ""
    supervisor_pin: str = ""
    upstream_url: str | None = None


@dataclass(frozen=True)
class PayoutQuote:
    """What would be paid, checked here before anything is asked of the upstream."""

    claim_receipt_no: str
    claim_id: str
    claim_seq: int | None  # None: handed over at another counter (`handed_over_at`)
    reason: str
    reason_name: str
    participant_name: str
    claimant_name: str
    nik: str  # the participant's
    kpj: str | None
    claimant_nik: str
    gross: int
    tax: int
    net: int
    method: str
    reference: str | None
    payout_bank: str
    payout_account: str
    needs_approval: bool
    cash_limit: int
    approval_above: int
    handed_over_at: str | None = None  # another counter's code


@dataclass(frozen=True)
class BenefitPaid:
    captured: Captured
    quote: PayoutQuote
    confirmed: bool  # False: the upstream did not answer the confirmation; resumed at next start

    def as_json(self) -> dict[str, object]:
        q = self.quote
        return {
            "receipt_no": self.captured.receipt_no,
            "claim_receipt_no": q.claim_receipt_no,
            "gross": q.gross,
            "tax": q.tax,
            "net": q.net,
            "method": q.method,
            "reference": q.reference,
            "confirmed": self.confirmed,
        }


@dataclass(frozen=True)
class ResumedPayouts:
    confirmed: tuple[str, ...] = ()  # claim receipt numbers
    released: tuple[str, ...] = ()
    waiting: int = 0  # the upstream could not be reached for these: tried again next start
    busy: int = 0  # being paid right now by a running program (the window, a command)

    @property
    def anything(self) -> bool:
        return bool(self.confirmed or self.released or self.waiting)


def quote_payout(
    counter: Counter,
    cmd: PayBenefit,
    *,
    open_ok: bool = False,
    endpoint: PayoutEndpoint | None = None,
) -> PayoutQuote:
    """Every check before the upstream is asked to hold the claim: the claim is approved and
    not paid nor being paid, the claimant is the one the claim names, the method and its
    reference, the cash limit. A claim handed over at another counter is looked up upstream
    (online only). Refusals name the field; nothing is written."""
    receipt_no = validate_receipt_no(cmd.claim_receipt_no, "claim_receipt_no")
    method = cmd.method.strip().lower()
    if method not in METHODS:
        raise DomainError(
            "method",
            "Cara bayar: 'transfer' (ke rekening peserta) atau 'cash' (tunai).",
            "Method: 'transfer' (to the claimant's account) or 'cash'.",
        )
    reference = None
    if method == "transfer":
        reference = validate_text(cmd.reference, "transfer_reference", max_length=60)
    elif cmd.reference.strip():
        raise DomainError(
            "transfer_reference",
            "Pembayaran tunai tidak memakai referensi transfer.",
            "A cash payout takes no transfer reference.",
        )
    today = counter.business_date()
    claimant_nik = parse_nik(cmd.nik, counter.reference.provinces, today).nik
    with counter.store.read() as connection:
        row = _local_claim(connection, receipt_no)
    if row is None:  # handed over at another counter: the upstream knows it
        row = _upstream_claim(counter, receipt_no, endpoint, cmd.upstream_url)
    _check_status(row, receipt_no)
    with counter.store.read() as connection:
        _not_paid_here(connection, str(row["id"]), open_ok=open_ok)
    claimant = _check_claimant(row, claimant_nik, cmd.heir_name)
    net = int(row["net"])
    pc, _problem = load_settings_or_defaults(counter.store.data_dir)
    limit, above = cash_payout_limits(pc)
    if method == "cash" and net > limit:
        raise DomainError(
            "method",
            f"Pembayaran tunai paling banyak {format_rupiah(limit)}; klaim ini "
            f"{format_rupiah(net)}: bayar dengan transfer.",
            f"Cash payouts are at most {format_rupiah(limit)}; this claim is "
            f"{format_rupiah(net)}: pay by transfer.",
        )
    names = {r.code: r.name_id for r in counter.reference.claim_reasons}
    return PayoutQuote(
        claim_receipt_no=receipt_no,
        claim_id=str(row["id"]),
        claim_seq=row["seq"],
        reason=str(row["reason"]),
        reason_name=names.get(str(row["reason"]), str(row["reason"])),
        participant_name=str(row["participant_name"]),
        claimant_name=claimant,
        nik=str(row["nik"]),
        kpj=row["kpj"],
        claimant_nik=claimant_nik,
        gross=int(row["gross"]),
        tax=int(row["tax"]),
        net=net,
        method=method,
        reference=reference,
        payout_bank=str(row["payout_bank"]),
        payout_account=str(row["payout_account"]),
        needs_approval=method == "cash" and net > above,
        cash_limit=limit,
        approval_above=above,
        handed_over_at=row.get("counter_code"),
    )


def pay_benefit(
    counter: Counter,
    actor: User,
    cmd: PayBenefit,
    *,
    endpoint: PayoutEndpoint | None = None,
    after: Callable[[Step], None] | None = None,
) -> BenefitPaid:
    """Pay an approved claim's net, reserved upstream first and confirmed after.

    Refused, paying nothing, when the counter is offline or the upstream holds the claim for
    another payout (another counter), has it paid, or no longer approves it. `after` hears each
    step done (a fault-injection point for the crash drills)."""
    quote = quote_payout(counter, cmd, open_ok=True, endpoint=endpoint)
    link = counter.upstream_link
    if not link.may_ask():
        raise _offline(link.state.reason_id, link.state.reason_en)
    endpoint = endpoint or _endpoint(counter, cmd.upstream_url)
    if open_payouts(counter):  # one cut off earlier (a lost answer): finished first
        resume_payouts(counter, endpoint=endpoint)
        quote = quote_payout(counter, cmd, endpoint=endpoint)
    supervisor: User | None = None
    if quote.needs_approval:
        if not cmd.supervisor_id.strip():
            raise DomainError(
                "supervisor_id",
                f"Pembayaran tunai di atas {format_rupiah(quote.approval_above)} perlu "
                "persetujuan supervisor.",
                f"A cash payout above {format_rupiah(quote.approval_above)} needs a "
                "supervisor's approval.",
            )
        supervisor = approve(counter, cmd.supervisor_id, cmd.supervisor_pin, requested_by=actor)
    payout_id = str(uuid.uuid4())
    # Held while this program works on the payout: a resume elsewhere (the window's start, a
    # command) leaves it alone; the system frees it if this program dies.
    lock = try_hold(_lock_path(counter, payout_id))
    if lock is None:  # pragma: no cover - a fresh uuid's file nobody holds
        raise RuntimeError("a new payout's lock is held")
    try:
        return _pay(counter, actor, quote, supervisor, endpoint, payout_id, after)
    finally:
        lock.release()


def _pay(
    counter: Counter,
    actor: User,
    quote: PayoutQuote,
    supervisor: User | None,
    endpoint: PayoutEndpoint,
    payout_id: str,
    after: Callable[[Step], None] | None,
) -> BenefitPaid:
    link = counter.upstream_link
    now = counter.now()
    with counter.store.write() as connection:
        if quote.claim_seq is not None:  # read again under the lock
            local = _local_claim(connection, quote.claim_receipt_no)
            _check_status(local, quote.claim_receipt_no)
        _not_paid_here(connection, quote.claim_id)
        connection.execute(
            sa.insert(payouts).values(
                id=payout_id,
                claim_id=quote.claim_id,
                claim_seq=quote.claim_seq,
                claim_receipt_no=quote.claim_receipt_no,
                reserved_at=now.isoformat(),
                teller_id=actor.id,
                method=quote.method,
                reference=quote.reference,
                claimant_nik=quote.claimant_nik,
                approved_by=supervisor.id if supervisor else None,
            )
        )
        _event(counter, connection, now, actor.id, "payout.reserve", payout_id, quote)
    try:
        held = send_payout(
            endpoint, quote.claim_id, "reserve", PayoutReservation(reservation_id=payout_id)
        )
    except PayoutUnreachableError as lost:
        link.lost(lost.why_id, lost.why_en)
        raise _offline(lost.why_id, lost.why_en) from None
    except PayoutRefusedError as refused:
        _end(counter, payout_id, "refused", f"{refused.code}: {refused.message}")
        raise _refusal(refused) from None
    link.answered()
    if (held.gross, held.tax, held.net) != (quote.gross, quote.tax, quote.net):
        _release(counter, endpoint, payout_id, quote.claim_id, "figures changed upstream")
        raise DomainError(
            "claim_receipt_no",
            f"Nilai klaim di server pusat ({format_rupiah(held.net)}) berbeda dari yang tercatat "
            "di loket: jalankan sinkronisasi dulu. Tidak ada yang dibayar.",
            f"The upstream's figures ({format_rupiah(held.net)}) differ from the counter's: "
            "sync first. Nothing was paid.",
        )
    if after is not None:
        after("reserved")
    try:
        captured = _capture_payment(counter, actor, payout_id, quote, supervisor)
    except Exception:
        _release(counter, endpoint, payout_id, quote.claim_id, "the payment was not recorded")
        raise
    if after is not None:
        after("paid")
    confirmed = _confirm(counter, endpoint, payout_id)
    return BenefitPaid(captured, quote, confirmed)


def resume_payouts(
    counter: Counter, *, endpoint: PayoutEndpoint | None = None, upstream_url: str | None = None
) -> ResumedPayouts:
    """Finish every reservation left open (a crash, a lost answer): confirmed upstream when its
    payment was captured here, released when the money never moved. The upstream not answering
    leaves them for the next start; one a running program is still working on (its lock held)
    is left to it. Nothing open: no request at all."""
    with counter.store.read() as connection:
        open_ = connection.execute(
            sa.select(
                payouts.c.id, payouts.c.claim_id, payouts.c.claim_receipt_no, benefit_payments.c.seq
            )
            .select_from(payouts)
            .outerjoin(payout_ends, payout_ends.c.payout_id == payouts.c.id)
            .outerjoin(benefit_payments, benefit_payments.c.payout_id == payouts.c.id)
            .where(payout_ends.c.payout_id.is_(None))
            .order_by(payouts.c.reserved_at)
        ).all()
    if not open_:
        return ResumedPayouts()
    try:
        endpoint = endpoint or _endpoint(counter, upstream_url)
    except DomainError:
        return ResumedPayouts(waiting=len(open_))
    confirmed: list[str] = []
    released: list[str] = []
    waiting = 0
    busy = 0
    for row in open_:
        claim_receipt = str(row.claim_receipt_no)
        lock = try_hold(_lock_path(counter, str(row.id)))
        if lock is None:
            busy += 1
            continue
        try:
            if row.seq is not None:  # the money moved: the upstream is told
                if _confirm(counter, endpoint, str(row.id)):
                    confirmed.append(claim_receipt)
                else:
                    waiting += 1
            elif _release(counter, endpoint, str(row.id), str(row.claim_id), "resumed at start"):
                released.append(claim_receipt)
            else:
                waiting += 1
        finally:
            lock.release()
    return ResumedPayouts(tuple(confirmed), tuple(released), waiting, busy)


def open_payouts(counter: Counter) -> int:
    with counter.store.read() as connection:
        return int(
            connection.execute(
                sa.select(sa.func.count())
                .select_from(payouts)
                .outerjoin(payout_ends, payout_ends.c.payout_id == payouts.c.id)
                .where(payout_ends.c.payout_id.is_(None))
            ).scalar_one()
        )


# --- steps -------------------------------------------------------------------------------------


def _capture_payment(
    counter: Counter, actor: User, payout_id: str, quote: PayoutQuote, supervisor: User | None
) -> Captured:
    now = counter.now()
    with counter.store.write() as connection:
        return capture(
            connection,
            counter,
            kind="benefit_payment",
            actor=actor,
            now=now,
            amount=quote.net,
            payment=Payment(Tender.CASH, None, None) if quote.method == "cash" else None,
            details={
                "payout_id": payout_id,
                "claim_id": quote.claim_id,
                "claim_receipt_no": quote.claim_receipt_no,
                "reason": quote.reason,
                "claimant_name": quote.claimant_name,
                "claimant_nik": quote.claimant_nik,
                "nik": quote.nik,
                "kpj": quote.kpj,
                "gross": quote.gross,
                "tax": quote.tax,
                "net": quote.net,
                "method": quote.method,
                "reference": quote.reference,
                "payout_bank": quote.payout_bank if quote.method == "transfer" else None,
                "payout_account": quote.payout_account if quote.method == "transfer" else None,
                "approved_by": supervisor.id if supervisor else None,
            },
        )


def _confirm(counter: Counter, endpoint: PayoutEndpoint, payout_id: str) -> bool:
    """Tell the upstream the money went out; True once it holds the claim paid."""
    with counter.store.read() as connection:
        row = connection.execute(
            sa.select(
                benefit_payments.c.claim_id,
                benefit_payments.c.method,
                benefit_payments.c.reference,
                transactions.c.receipt_no,
                transactions.c.created_at,
            )
            .join(transactions, transactions.c.seq == benefit_payments.c.seq)
            .where(benefit_payments.c.payout_id == payout_id)
        ).one()
    body = PayoutConfirmation(
        reservation_id=payout_id,
        method=row.method,
        reference=row.reference,
        receipt_no=row.receipt_no,
        paid_at=datetime.fromisoformat(row.created_at),
    )
    try:
        send_payout(endpoint, str(row.claim_id), "confirm", body)
    except PayoutUnreachableError as lost:
        counter.upstream_link.lost(lost.why_id, lost.why_en)
        return False
    except PayoutRefusedError:
        return False  # not ours to settle here: stays open, said at each start
    counter.upstream_link.answered()
    _end(counter, payout_id, "confirmed", str(row.receipt_no))
    return True


def _release(
    counter: Counter, endpoint: PayoutEndpoint, payout_id: str, claim_id: str, why: str
) -> bool:
    """Free the upstream's hold of a payout whose money never moved; True once it is free."""
    try:
        send_payout(endpoint, claim_id, "release", PayoutRelease(reservation_id=payout_id))
    except PayoutUnreachableError as lost:
        counter.upstream_link.lost(lost.why_id, lost.why_en)
        return False
    except PayoutRefusedError as refused:
        if refused.code != "reservation_not_held":
            return False
        why = f"{why}; never held upstream"  # the reserve never arrived: nothing to free
    counter.upstream_link.answered()
    _end(counter, payout_id, "released", why)
    return True


def _end(counter: Counter, payout_id: str, outcome: str, note: str) -> None:
    now = counter.now()
    with counter.store.write() as connection:
        connection.execute(
            sa.insert(payout_ends).values(
                payout_id=payout_id, outcome=outcome, ended_at=now.isoformat(), note=note[:500]
            )
        )
        append_event(
            connection,
            counter.audit_key,
            at=now.isoformat(),
            actor=None,
            action=f"payout.{outcome}",
            entity_id=payout_id,
            details={"note": note[:200]},
        )


def _event(
    counter: Counter,
    connection: sa.Connection,
    now: datetime,
    actor: str,
    action: str,
    payout_id: str,
    quote: PayoutQuote,
) -> None:
    append_event(
        connection,
        counter.audit_key,
        at=now.isoformat(),
        actor=actor,
        action=action,
        entity_id=payout_id,
        details={
            "claim_receipt_no": quote.claim_receipt_no,
            "net": quote.net,
            "method": quote.method,
        },
    )


# --- checks ------------------------------------------------------------------------------------


def _local_claim(connection: sa.Connection, receipt_no: str) -> Mapping[str, Any] | None:
    """The claim handed over here under `receipt_no`, with its status as sync learned it."""
    row = (
        connection.execute(
            sa.select(
                transactions.c.seq,
                transactions.c.id,
                transactions.c.kind,
                claim_handovers,
                claim_statuses.c.status,
                claim_statuses.c.gross,
                claim_statuses.c.tax,
                claim_statuses.c.net,
                claim_statuses.c.rejection_reason,
                transactions.c.seq.in_(sa.select(voids.c.voided_seq)).label("voided"),
            )
            .outerjoin(claim_handovers, claim_handovers.c.seq == transactions.c.seq)
            .outerjoin(claim_statuses, claim_statuses.c.seq == transactions.c.seq)
            .where(
                transactions.c.seq == receipt_seq(receipt_no),
                transactions.c.receipt_no == receipt_no,
            )
        )
        .mappings()
        .first()
    )
    return dict(row) if row is not None and row["kind"] == "claim_handover" else None


def _upstream_claim(
    counter: Counter, receipt_no: str, endpoint: PayoutEndpoint | None, url: str | None
) -> Mapping[str, Any]:
    """A claim handed over at another counter, as the upstream holds it (online only)."""
    link = counter.upstream_link
    if not link.may_ask():
        raise _elsewhere_offline(receipt_no, link.state.reason_id, link.state.reason_en)
    try:
        found = look_up_claims(endpoint or _endpoint(counter, url), receipt_no=receipt_no)
    except PayoutUnreachableError as lost:
        link.lost(lost.why_id, lost.why_en)
        raise _elsewhere_offline(receipt_no, lost.why_id, lost.why_en) from None
    except PayoutRefusedError as refused:
        raise _refusal(refused) from None
    link.answered()
    if not found:
        raise DomainError(
            "claim_receipt_no",
            f"Tanda terima berkas klaim {receipt_no} tidak ditemukan di loket ini maupun di "
            "server pusat.",
            f"No claim handover receipt {receipt_no} at this counter nor at the upstream.",
        )
    return held_claim_row(found[0])


def claims_elsewhere(
    counter: Counter, *, receipt_no: str | None = None, nik: str | None = None
) -> list[HeldClaim]:
    """The upstream's claims under a receipt number or a NIK, wherever handed over; none while
    the counter is offline (or has no upstream set), the link's state saying why."""
    link = counter.upstream_link
    if not link.may_ask():
        return []
    try:
        endpoint = _endpoint(counter, None)
    except DomainError:
        return []
    try:
        found = look_up_claims(endpoint, receipt_no=receipt_no, nik=nik)
    except PayoutUnreachableError as lost:
        link.lost(lost.why_id, lost.why_en)
        return []
    except PayoutRefusedError:
        return []
    link.answered()
    return found


def held_claim_row(claim: HeldClaim) -> dict[str, Any]:
    """The upstream's claim with the names a claim handed over here has."""
    return {
        "seq": None,
        "id": claim.claim_id,
        "counter_code": claim.counter_code,
        "reason": claim.reason,
        "nik": claim.nik,
        "kpj": claim.kpj,
        "participant_name": claim.participant_name,
        "claimant_name": claim.claimant_name,
        "payout_bank": claim.payout_bank,
        "payout_account": claim.payout_account,
        "status": claim.status.value,
        "gross": claim.gross,
        "tax": claim.tax,
        "net": claim.net,
        "rejection_reason": claim.rejection_reason,
        "voided": False,
    }


def _check_status(row: Mapping[str, Any] | None, receipt_no: str) -> None:
    """Refused unless the claim is approved and neither voided, rejected nor paid."""
    if row is None:
        raise DomainError(
            "claim_receipt_no",
            f"Tanda terima berkas klaim {receipt_no} tidak ditemukan di loket ini.",
            f"No claim handover receipt {receipt_no} at this counter.",
        )
    status = row["status"]
    if row["voided"]:
        raise DomainError(
            "claim_receipt_no",
            f"Penyerahan berkas klaim {receipt_no} sudah dibatalkan.",
            f"The claim handover {receipt_no} was voided.",
        )
    if status == "rejected":
        reason = str(row["rejection_reason"] or "-")
        raise DomainError(
            "claim_receipt_no",
            f"Klaim {receipt_no} ditolak BPJS Ketenagakerjaan: {reason}",
            f"Claim {receipt_no} was rejected by BPJS Ketenagakerjaan: {reason}",
        )
    if status == "paid":
        raise DomainError(
            "claim_receipt_no",
            f"Klaim {receipt_no} sudah dibayar.",
            f"Claim {receipt_no} is paid already.",
        )
    if status != "approved" or row["net"] is None:
        raise DomainError(
            "claim_receipt_no",
            f"Klaim {receipt_no} belum disetujui (jalankan sinkronisasi untuk kabar terbaru).",
            f"Claim {receipt_no} is not approved yet (sync for the latest news).",
        )


def _not_paid_here(connection: sa.Connection, claim_id: str, *, open_ok: bool = False) -> None:
    paid = connection.execute(
        sa.select(transactions.c.receipt_no)
        .join(benefit_payments, benefit_payments.c.seq == transactions.c.seq)
        .where(benefit_payments.c.claim_id == claim_id)
    ).scalar_one_or_none()
    if paid is not None:
        raise DomainError(
            "claim_receipt_no",
            f"Klaim ini sudah dibayar di loket ini dengan bukti {paid}.",
            f"This claim was paid at this counter with receipt {paid}.",
        )
    pending = connection.execute(
        sa.select(payouts.c.id)
        .outerjoin(payout_ends, payout_ends.c.payout_id == payouts.c.id)
        .where(payouts.c.claim_id == claim_id, payout_ends.c.payout_id.is_(None))
    ).first()
    if pending is not None and not open_ok:
        raise DomainError(
            "claim_receipt_no",
            "Pembayaran klaim ini sedang berjalan atau terputus: tunggu sampai selesai, atau "
            "mulai ulang aplikasi agar diselesaikan.",
            "A payout of this claim is under way or was cut off: wait for it, or restart the "
            "app so it is finished.",
        )


def _check_claimant(row: Mapping[str, Any], claimant_nik: str, heir_name: str) -> str:
    """The claimant the payout goes to, as the handover names them; the KTP must match."""
    masked = mask_identifier(claimant_nik)
    if row["reason"] != DEATH:
        if claimant_nik != row["nik"]:
            raise DomainError(
                "nik",
                f"NIK {masked} tidak sama dengan NIK klaim: periksa KTP asli peserta. "
                "Tidak ada yang dibayar.",
                f"NIK {masked} is not the claim's NIK: check the claimant's original KTP. "
                "Nothing was paid.",
            )
        return str(row["claimant_name"])
    # An heir: the handover names them, not their NIK; their KTP's name must be that name.
    if claimant_nik == row["nik"]:
        raise DomainError(
            "nik",
            "Klaim kematian dibayar kepada ahli waris: ketik NIK dari KTP ahli waris.",
            "A death claim is paid to the heir: type the NIK on the heir's KTP.",
        )
    name = validate_name(heir_name, "heir_name")
    if name.casefold() != str(row["claimant_name"]).casefold():
        raise DomainError(
            "heir_name",
            f"Nama ahli waris tidak sama dengan yang tercatat di klaim ({row['claimant_name']}): "
            "periksa KTP dan surat keterangan ahli waris.",
            f"The heir's name is not the claim's ({row['claimant_name']}): check the KTP and "
            "the heir statement.",
        )
    return str(row["claimant_name"])


def _lock_path(counter: Counter, payout_id: str) -> Path:
    return counter.store.data_dir / "payouts" / f"{payout_id}.lock"


def _endpoint(counter: Counter, url: str | None) -> PayoutEndpoint:
    address = upstream_address(counter, url)
    return PayoutEndpoint(address.url, address.token, address.ca_bundle)


def _elsewhere_offline(receipt_no: str, why_id: str, why_en: str) -> DomainError:
    return DomainError(
        "upstream",
        f"Klaim {receipt_no} tidak diserahkan di loket ini dan server pusat "
        f"{why_id or 'tidak terhubung'}: klaim dari loket lain hanya dapat dicari dan dibayar "
        "saat loket terhubung. Tidak ada yang dibayar.",
        f"Claim {receipt_no} was not handed over at this counter and the upstream "
        f"{why_en or 'is not connected'}: a claim from another counter can be found and paid "
        "only while the counter is connected. Nothing was paid.",
    )


def _offline(why_id: str, why_en: str) -> DomainError:
    return DomainError(
        "upstream",
        f"Server pusat {why_id or 'tidak terhubung'}: pembayaran jaminan perlu sambungan ke "
        "server pusat. Tidak ada yang dibayar; coba lagi setelah loket terhubung.",
        f"The upstream {why_en or 'is not connected'}: a benefit payout needs the link to "
        "the upstream. Nothing was paid; try again once the counter is connected.",
    )


def _refusal(refused: PayoutRefusedError) -> DomainError:
    message = _REFUSALS.get(refused.code)
    if message is None:
        message = (
            f"Server pusat menolak pembayaran ({refused.code}: {refused.message}). "
            "Tidak ada yang dibayar.",
            f"The upstream refused the payout ({refused.code}: {refused.message}). "
            "Nothing was paid.",
        )
    return DomainError("claim_receipt_no", *message)


__all__ = [
    "BenefitPaid",
    "PayBenefit",
    "PayoutEndpoint",
    "PayoutQuote",
    "ResumedPayouts",
    "claims_elsewhere",
    "open_payouts",
    "pay_benefit",
    "quote_payout",
    "resume_payouts",
]
