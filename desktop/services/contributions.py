"""Taking contribution payments: BPU participants by NIK or KPJ, PU employers by payment code."""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import sqlalchemy as sa

from desktop.counter import Counter
from desktop.domain.bpu import BpuQuote
from desktop.domain.contributions import Program, parse_programs, quote_bpu
from desktop.domain.dates import parse_month
from desktop.domain.identifiers import (
    validate_kpj,
    validate_npp,
    validate_payment_code,
    validate_text,
)
from desktop.domain.money import MAX_AMOUNT, format_rupiah, parse_rupiah
from desktop.domain.nik import mask_identifier, parse_nik
from desktop.domain.periods import add_months
from desktop.domain.pu import pu_programs
from desktop.domain.tender import Payment, validate_payment
from desktop.errors import Checks, DomainError
from desktop.services.agents import checked_agent
from desktop.services.auth import User
from desktop.services.capture import Captured, capture
from desktop.services.lookup import (
    KnownParticipant,
    find_participant,
    not_refunded,
    not_voided,
    participant_seen_upstream,
)
from desktop.store.captures import last_paid_month, paid_bpu_receipt
from desktop.store.participants import participant_id_for
from desktop.store.schema import contributions, participants, transactions

# The window's bill fields for a bill typed by hand (JKP, billed since PP 6/2025, comes filled
# from the inquiry). A late fine is not taken at the counter: the upstream bills it.
PU_PROGRAMS = (Program.JKK, Program.JKM, Program.JHT, Program.JP)
# A participant registered elsewhere pays offline when an inquiry described them this lately.
SEEN_LATELY = timedelta(days=7)


@dataclass(frozen=True)
class PayBpuContribution:
    """A BPU payment as typed. Income and programs default to those of the registration."""

    participant: str
    months: int | str
    period_start: str
    monthly_income: int | str = ""
    programs: str = ""
    tender: str = "cash"
    debit_account: str = ""
    debit_reference: str = ""  # the bank's reference of a debit (EDC slip, core-banking debit)
    cash_given: int | None = None
    # The upstream's word (an inquiry): the participant's sector brings its reliefs (PP 50/2025),
    # the month paid through bounds how far ahead a payment reaches. Empty: not known.
    sector: str = ""
    paid_through: str = ""
    # The Perisai agent who brought the payment, from the register; empty: none.
    agent_code: str = ""


@dataclass(frozen=True)
class PayPuContribution:
    """An employer's bill paid against its payment code, with the amounts billed per program."""

    payment_code: str
    npp: str
    employer_name: str
    period: str
    billed: Mapping[str, int | str] = field(default_factory=dict)
    tender: str = "cash"
    debit_account: str = ""
    debit_reference: str = ""  # the bank's reference of a debit (EDC slip, core-banking debit)
    cash_given: int | None = None


def identify_participant(
    connection: sa.Connection, counter: Counter, raw: str, today: date
) -> tuple[KnownParticipant, str]:
    """The participant with the NIK (16 digits) or KPJ typed, and which one it was: registered
    here, or registered elsewhere and seen in an inquiry within SEEN_LATELY."""
    nik, kpj = payer_key(counter, raw, today)
    by = "nik" if nik is not None else "kpj"
    found = find_participant(connection, nik=nik, kpj=kpj)
    if found is None:
        seen = participant_seen_upstream(connection, nik=nik, kpj=kpj)
        if seen is not None and _seen_lately(seen, counter.now()):
            found = seen
    if found is None:
        masked = mask_identifier(nik or kpj or "")
        raise DomainError(
            "participant",
            f"Peserta {masked} belum terdaftar di loket ini dan belum dikenali server pusat. "
            "Tanyakan saat server pusat terhubung, atau daftarkan dulu.",
            f"Participant {masked} is not registered at this counter and not known from the "
            "upstream. Ask while the upstream is reachable, or register them first.",
        )
    return found, by


def payer_key(counter: Counter, raw: str, today: date) -> tuple[str | None, str | None]:
    """(NIK, None) or (None, KPJ) from what was typed, checked; else the field's message."""
    cleaned = re.sub(r"[\s.-]", "", raw)
    kpj_length = counter.reference.identifier_lengths["kpj"]
    if len(cleaned) == 16:
        return parse_nik(cleaned, counter.reference.provinces, today).nik, None
    if len(cleaned) == kpj_length:
        return None, validate_kpj(cleaned, kpj_length)
    raise DomainError(
        "participant",
        f"Isi NIK (16 angka) atau nomor KPJ ({kpj_length} angka) peserta.",
        f"Enter the participant's NIK (16 digits) or KPJ number ({kpj_length} digits).",
    )


def _seen_lately(seen: KnownParticipant, now: datetime) -> bool:
    try:
        at = datetime.fromisoformat(seen.seen_at)
    except ValueError:
        return False
    return now - at <= SEEN_LATELY


def pay_bpu(counter: Counter, actor: User, cmd: PayBpuContribution) -> Captured:
    now = counter.now()
    today = counter.business_date(now)
    checks = Checks()  # what the form has wrong, said all at once
    months = checks.take(lambda: parse_months(cmd.months))
    period_start = checks.take(
        lambda: parse_month(cmd.period_start, "period_start", "Periode awal", "First month")
    )
    checks.take(lambda: _tender_fields(cmd.tender, cmd.debit_account, cmd.debit_reference))
    with counter.store.write() as connection:
        found = checks.take(
            lambda: identify_participant(connection, counter, cmd.participant, today)
        )
        agent = checks.take(lambda: checked_agent(connection, cmd.agent_code))
        income = (
            None
            if found is None
            else found[0].monthly_income
            if cmd.monthly_income in ("", None)
            else cmd.monthly_income
            if isinstance(cmd.monthly_income, int)
            else checks.take(lambda: parse_rupiah(str(cmd.monthly_income), "monthly_income"))
        )
        checks.done()
        if found is None or months is None or period_start is None or income is None:
            raise RuntimeError("a payment check failed without saying why")
        participant, identified_by = found
        programs = parse_programs(cmd.programs or participant.programs)
        participant_id = participant.id or participant_id_for(
            connection, participant.nik, participant.kpj, str(uuid.uuid4()), now.isoformat()
        )
        # The upstream's word (now, or as kept from an inquiry) and what was paid here since.
        upstream_said = cmd.paid_through or participant.paid_through or ""
        said = (
            parse_month(upstream_said, "paid_through", "Lunas s.d.", "Paid through")
            if upstream_said
            else None
        )
        here = last_paid_month(connection, participant_id)
        paid_through = max((m for m in (said, here) if m is not None), default=None)
        sector = cmd.sector or participant.sector or None
        if said is not None and period_start <= said:
            raise DomainError(
                "period_start",
                f"Menurut server pusat iuran sudah lunas s.d. {said:%m/%Y}: periode "
                "awal paling awal bulan berikutnya.",
                f"The upstream says contributions are paid through {said:%m/%Y}: the "
                "first month may be the next one at the earliest.",
            )
        quote = quote_bpu(
            counter.reference,
            monthly_income=income,
            programs=programs,
            months=months,
            period_start=period_start,
            on=today,
            sector=sector,
            paid_through=paid_through,
        )
        payment = _payment(
            cmd.tender, quote.total, cmd.debit_account, cmd.cash_given, cmd.debit_reference
        )
        return capture_bpu(
            connection,
            counter,
            actor,
            now,
            participant_id=participant_id,
            nik=participant.nik,
            identified_by=identified_by,
            quote=quote,
            payment=payment,
            agent_code=agent,
        )


def capture_bpu(
    connection: sa.Connection,
    counter: Counter,
    actor: User,
    now: datetime,
    *,
    participant_id: str,
    nik: str,
    identified_by: str,
    quote: BpuQuote,
    payment: Payment,
    payer: Mapping[str, str] | None = None,
    agent_code: str | None = None,
) -> Captured:
    """Capture a quoted BPU payment, unless part of its period was paid here already (then
    DomainError `period_start` naming that receipt, nothing written): the one capture of every
    BPU payment, whether the participant is known (`pay_bpu`) or awaits verification."""
    start, end = quote.period_start.isoformat(), quote.period_end.isoformat()
    _refuse_paid_period(connection, participant_id, start, end)
    return capture(
        connection,
        counter,
        kind="contribution",
        actor=actor,
        now=now,
        amount=quote.total,
        payment=payment,
        participant_id=participant_id,
        participant_nik=nik,
        details={
            "category": "BPU",
            "identified_by": identified_by,
            "monthly_income": quote.monthly_income,
            "months": quote.months,
            "period_start": start,
            "period_end": end,
        },
        lines=quote.net_lines(),
        payer=payer,
        agent_code=agent_code,
    )


def pay_pu(counter: Counter, actor: User, cmd: PayPuContribution) -> Captured:
    now = counter.now()
    checks = Checks()  # what the form has wrong, said all at once
    payment_code = checks.take(
        lambda: validate_payment_code(
            cmd.payment_code, counter.reference.lengths_of("payment_code")
        )
    )
    npp = checks.take(lambda: check_pu_field(counter, "npp", cmd.npp))
    employer = checks.take(lambda: check_pu_field(counter, "employer_name", cmd.employer_name))
    period = checks.take(
        lambda: parse_month(cmd.period, "period", "Periode iuran", "Contribution month")
    )
    lines = (
        checks.take(lambda: _billed_lines(cmd.billed, pu_programs(counter.reference, period)))
        if period is not None
        else None
    )
    total = sum(lines.values()) if lines is not None else 0
    payment = (
        checks.take(
            lambda: _payment(
                cmd.tender, total, cmd.debit_account, cmd.cash_given, cmd.debit_reference
            )
        )
        if lines is not None
        else checks.take(lambda: _tender_fields(cmd.tender, cmd.debit_account, cmd.debit_reference))
    )
    checks.done()
    if payment_code is None or period is None or lines is None or payment is None:
        raise RuntimeError("a payment check failed without saying why")
    with counter.store.write() as connection:
        _refuse_code_paid(connection, payment_code)
        return capture(
            connection,
            counter,
            kind="contribution",
            actor=actor,
            now=now,
            amount=total,
            payment=payment,
            details={
                "category": "PU",
                "payment_code": payment_code,
                "npp": npp,
                "employer_name": employer,
                "months": 1,
                "period_start": period.isoformat(),
                "period_end": period.isoformat(),
            },
            lines=lines,
        )


def check_pu_field(counter: Counter, field: str, raw: str) -> str:
    """A PU bill's NPP or employer name as the save checks it (the form checks each when it is
    left); DomainError naming the field when wrong."""
    if field == "npp":
        return validate_npp(raw, counter.reference.identifier_lengths["npp"])
    return validate_text(raw, "employer_name", max_length=100)


def check_payment_code(counter: Counter, raw: str) -> None:
    """The payment code field left: refused when it is no payment code, or when its bill was
    paid here already (naming the receipt). The save's own checks, read-only."""
    code = validate_payment_code(raw, counter.reference.lengths_of("payment_code"))
    with counter.store.read() as connection:
        _refuse_code_paid(connection, code)


def check_bpu_period(
    counter: Counter, participant: str, months: int | str, period_start: str
) -> None:
    """The months chosen for a participant shown on the form: refused when part of them was
    paid here already (DomainError "period_start" naming the receipt), as the save refuses."""
    count = parse_months(months)
    start = parse_month(period_start, "period_start", "Periode awal", "First month")
    today = counter.business_date()
    with counter.store.read() as connection:
        found, _by = identify_participant(connection, counter, participant, today)
        participant_id = (
            found.id
            or connection.execute(
                sa.select(participants.c.id).where(participants.c.nik == found.nik)
            ).scalar_one_or_none()
        )
        if participant_id is None:
            return  # never paid here
        end = add_months(start, count - 1)
        _refuse_paid_period(connection, participant_id, start.isoformat(), end.isoformat())


def _refuse_paid_period(
    connection: sa.Connection, participant_id: str, start: str, end: str
) -> None:
    paid = paid_bpu_receipt(connection, participant_id, start, end)
    if paid is not None:
        raise DomainError(
            "period_start",
            f"Sebagian periode ini sudah dibayar dengan tanda terima {paid}.",
            f"Part of this period is already paid, receipt {paid}.",
        )


def _refuse_code_paid(connection: sa.Connection, payment_code: str) -> None:
    paid = connection.execute(
        sa.select(transactions.c.receipt_no)
        .join(contributions, contributions.c.seq == transactions.c.seq)
        .where(contributions.c.payment_code == payment_code, not_voided(), not_refunded())
        .limit(1)
    ).scalar_one_or_none()
    if paid is not None:
        raise DomainError(
            "payment_code",
            f"Kode iuran ini sudah dibayar dengan tanda terima {paid}.",
            f"This payment code is already paid, receipt {paid}.",
        )


def _tender_fields(tender: str, account: str, reference: str) -> Payment:
    """The tender and a debit's account and reference, checked before the amount is known."""
    return validate_payment(
        tender, 0, debit_account=account or None, debit_reference=reference or None
    )


def parse_months(raw: int | str) -> int:
    text = str(raw).strip()
    if text in ("1", "3", "6", "12"):
        return int(text)
    raise DomainError(
        "months",
        "Jumlah bulan harus 1, 3, 6 atau 12.",
        "Number of months must be 1, 3, 6 or 12.",
    )


def _billed_lines(billed: Mapping[str, int | str], programs: tuple[Program, ...]) -> dict[str, int]:
    lines: dict[str, int] = {}
    for program_raw, amount_raw in billed.items():
        parsed = parse_programs(program_raw, "billed")
        program = next(iter(parsed)) if len(parsed) == 1 else None
        if program is None or program not in programs:
            names = ", ".join(p.value for p in programs[:-1])
            raise DomainError(
                "billed",
                f"Tagihan PU periode ini hanya untuk {names} dan {programs[-1].value}.",
                f"A PU bill for this month only has {names} and {programs[-1].value}.",
            )
        amount = (
            amount_raw
            if isinstance(amount_raw, int) and not isinstance(amount_raw, bool)
            else parse_rupiah(str(amount_raw), "billed")
        )
        if not 0 <= amount <= MAX_AMOUNT:
            raise DomainError(
                "billed",
                f"Jumlah tagihan harus antara Rp0 dan {format_rupiah(MAX_AMOUNT)}.",
                f"A billed amount must be between Rp0 and {format_rupiah(MAX_AMOUNT)}.",
            )
        if amount:
            lines[program.value] = amount
    if not lines:
        raise DomainError(
            "billed",
            "Isi jumlah tagihan sedikitnya satu program.",
            "Enter the billed amount of at least one program.",
        )
    return lines


def _payment(
    tender: str, total: int, account: str, cash_given: int | None, reference: str
) -> Payment:
    return validate_payment(
        tender,
        total,
        debit_account=account or None,
        cash_given=cash_given,
        debit_reference=reference or None,
    )
