"""Taking a BPU payment nobody can verify now: the upstream cannot be reached and the NIK is not
registered at this counter. The teller confirms who pays (name, birth date) and the tier; the
payment is captured as usual with that confirmation in its record, and its receipt says it
awaits BPJS's verification. The upload settles it: accepted (the KPJ comes back and is kept) or
refused (unknown there, or the months paid elsewhere meanwhile), and then quarantined like any
refused record, for a refund.

The state of such a payment is not written anywhere of its own: it is the outbox's, read by
`verification_of` (pending: awaiting verification; sent: verified; quarantined: refused).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from enum import StrEnum

import sqlalchemy as sa

from desktop.counter import Counter
from desktop.domain.bpu import quote_bpu
from desktop.domain.contributions import parse_programs
from desktop.domain.dates import parse_date, parse_month
from desktop.domain.identifiers import validate_name
from desktop.domain.money import parse_rupiah
from desktop.domain.nik import mask_identifier, parse_nik
from desktop.domain.tender import validate_payment
from desktop.errors import DomainError
from desktop.services.auth import User
from desktop.services.capture import Captured

# The months' rule is the F3 payment's own (desktop/services/contributions.py, wt-f3's file).
from desktop.services.contributions import capture_bpu, identify_participant, parse_months
from desktop.services.inquiry import Inquire, InquiryLink, inquire
from desktop.services.upload import upstream_address
from desktop.store.captures import last_paid_month
from desktop.store.schema import outbox, participants, transactions, unverified_payers

__all__ = [
    "PayUnverifiedBpu",
    "UnverifiedPayment",
    "Verification",
    "may_pay_unverified",
    "pay_unverified_bpu",
    "verification_of",
]

AWAITING_NOTE_ID = "Menunggu verifikasi BPJS Ketenagakerjaan"
AWAITING_NOTE_EN = "Awaiting verification by BPJS Ketenagakerjaan"


class Verification(StrEnum):
    """Where a payment taken without verification stands (from its outbox row)."""

    AWAITING = "awaiting_verification"  # not answered by the upstream yet
    VERIFIED = "verified"  # accepted upstream: the participant's KPJ came back
    REFUSED = "refused"  # refused upstream: quarantined, to be refunded


@dataclass(frozen=True)
class PayUnverifiedBpu:
    """A BPU payment for a NIK nobody can verify now, with who the teller confirmed pays."""

    nik: str
    full_name: str
    birth_date: str  # DD/MM/YYYY or YYYY-MM-DD: must agree with the NIK's
    monthly_income: int | str  # the tier the participant declares
    programs: str  # e.g. "JKK+JKM" or "JKK+JKM+JHT"
    months: int | str
    period_start: str
    tender: str = "cash"
    debit_account: str = ""
    debit_reference: str = ""
    cash_given: int | None = None
    upstream_url: str | None = None  # overrides SPO_UPSTREAM_URL and Settings, as inquire's


@dataclass(frozen=True)
class UnverifiedPayment:
    receipt_no: str
    nik: str
    full_name: str
    state: Verification
    kpj: str | None  # once verified
    reason: str | None  # the upstream's, once refused


def pay_unverified_bpu(
    counter: Counter, actor: User, cmd: PayUnverifiedBpu, link: InquiryLink | None = None
) -> Captured:
    """Capture the payment, after checking nobody can verify the participant now.

    Refused (DomainError, nothing written) when a field is wrong (named as the form's: `nik`,
    `full_name`, `birth_date`, `monthly_income`, `programs`, `months`, `period_start`, the
    tender's), when the participant is registered here or the upstream answers (field
    `participant`: then they pay as usual, or register first), or when the upstream refuses
    the counter (`token`). Only an upstream that cannot be reached (at most the inquiry's 2 s)
    lets the payment through.
    """
    now = counter.now()
    today = counter.business_date(now)
    ref = counter.reference
    nik = parse_nik(cmd.nik, ref.provinces, today)
    full_name = validate_name(cmd.full_name, "full_name")
    birth = parse_date(cmd.birth_date, "birth_date", "Tanggal lahir", "Birth date")
    if birth != nik.birth_date:
        raise DomainError(
            "birth_date",
            f"Tanggal lahir tidak sesuai NIK (menurut NIK {nik.birth_date:%d/%m/%Y}). Periksa "
            "KTP peserta.",
            f"The birth date does not match the NIK (the NIK says {nik.birth_date:%d/%m/%Y}). "
            "Check the participant's ID card.",
        )
    if cmd.monthly_income in ("", None):
        raise DomainError(
            "monthly_income",
            "Pilih tingkat penghasilan yang disebut peserta.",
            "Choose the income tier the participant states.",
        )
    income = (
        cmd.monthly_income
        if isinstance(cmd.monthly_income, int)
        else parse_rupiah(cmd.monthly_income, "monthly_income")
    )
    programs = parse_programs(cmd.programs)
    months = parse_months(cmd.months)
    period_start = parse_month(cmd.period_start, "period_start", "Periode awal", "First month")
    may_pay_unverified(counter, nik.nik, upstream_url=cmd.upstream_url, link=link)
    with counter.store.write() as connection:
        participant_id = connection.execute(
            sa.select(participants.c.id).where(participants.c.nik == nik.nik)
        ).scalar_one_or_none()
        quote = quote_bpu(
            ref,
            monthly_income=income,
            programs=programs,
            months=months,
            period_start=period_start,
            on=today,
            paid_through=last_paid_month(connection, participant_id) if participant_id else None,
        )
        payment = validate_payment(
            cmd.tender,
            quote.total,
            debit_account=cmd.debit_account or None,
            cash_given=cmd.cash_given,
            debit_reference=cmd.debit_reference or None,
        )
        if participant_id is None:
            participant_id = str(uuid.uuid4())
            connection.execute(
                sa.insert(participants).values(
                    id=participant_id, nik=nik.nik, kpj=None, created_at=now.isoformat()
                )
            )
        return capture_bpu(
            connection,
            counter,
            actor,
            now,
            participant_id=participant_id,
            nik=nik.nik,
            identified_by="nik",
            quote=quote,
            payment=payment,
            payer={"nik": nik.nik, "full_name": full_name, "birth_date": birth.isoformat()},
        )


def may_pay_unverified(
    counter: Counter,
    nik: str,
    *,
    upstream_url: str | None = None,
    link: InquiryLink | None = None,
) -> str:
    """The NIK (checked, without separators) when a payment may be taken for it without
    verification now: neither registered here nor seen in an inquiry lately (as
    `identify_participant` knows them), and the upstream cannot be reached (asked: at most
    the inquiry's 2 s). The F3 form asks this before it offers the confirmation; the payment
    asks it again. DomainError otherwise, as `pay_unverified_bpu` says it."""
    info = parse_nik(nik, counter.reference.provinces, counter.business_date())
    masked = mask_identifier(info.nik)
    with counter.store.read() as connection:
        try:  # registered here, or seen in an inquiry lately: they pay as usual
            identify_participant(connection, counter, info.nik, counter.business_date())
        except DomainError as unknown:
            if unknown.field != "participant":
                raise
        else:
            raise DomainError(
                "participant",
                f"Peserta {masked} dikenal loket ini: bayar seperti biasa, tanpa konfirmasi.",
                f"Participant {masked} is known at this counter: take the payment as usual, "
                "with no confirmation.",
            )
    _check_unreachable(counter, info.nik, masked, upstream_url, link)
    return info.nik


def _check_unreachable(
    counter: Counter, nik: str, masked: str, upstream_url: str | None, link: InquiryLink | None
) -> None:
    """Ask the upstream about the NIK: only "cannot be reached" lets an unverified payment
    through; whoever it knows pays as usual, whoever it does not must register first. A counter
    with no upstream set up has nobody to verify the payment later: refused as that says."""
    upstream_address(counter, upstream_url)
    try:
        answer = inquire(counter, Inquire(nik, upstream_url=upstream_url), link)
    except DomainError as error:
        if error.field == "upstream":
            return
        if error.field == "query":
            raise DomainError(
                "participant",
                f"Server pusat tidak mengenal {masked}: daftarkan peserta dulu (F2).",
                f"The upstream does not know {masked}: register the participant first (F2).",
            ) from None
        raise
    name = answer.participant.full_name if answer.participant is not None else masked
    raise DomainError(
        "participant",
        f"Server pusat mengenal peserta ini ({name}): bayar seperti biasa, tanpa konfirmasi.",
        f"The upstream knows this participant ({name}): take the payment as usual, with no "
        "confirmation.",
    )


def verification_of(counter: Counter, receipt_no: str) -> UnverifiedPayment | None:
    """Where the payment with this receipt stands, if it was taken without verification."""
    query = (
        sa.select(
            transactions.c.receipt_no,
            unverified_payers.c.nik,
            unverified_payers.c.full_name,
            outbox.c.status,
            outbox.c.last_error,
            participants.c.kpj,
        )
        .join(unverified_payers, unverified_payers.c.seq == transactions.c.seq)
        .join(outbox, outbox.c.seq == transactions.c.seq)
        .join(participants, participants.c.id == transactions.c.participant_id)
        .where(transactions.c.receipt_no == receipt_no)
    )
    with counter.store.read() as connection:
        row = connection.execute(query).first()
    if row is None:
        return None
    state = {
        "sent": Verification.VERIFIED,
        "quarantined": Verification.REFUSED,
    }.get(str(row.status), Verification.AWAITING)
    return UnverifiedPayment(
        receipt_no=row.receipt_no,
        nik=row.nik,
        full_name=row.full_name,
        state=state,
        kpj=row.kpj if state is Verification.VERIFIED else None,
        reason=row.last_error if state is Verification.REFUSED else None,
    )
