"""Registering a BPU participant at the counter."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa

from desktop.counter import Counter
from desktop.domain.contributions import parse_programs, quote_bpu
from desktop.domain.dates import parse_date
from desktop.domain.identifiers import normalize_phone, validate_email, validate_name, validate_text
from desktop.domain.money import parse_rupiah
from desktop.domain.nik import NIK_LENGTH, normalize_nik, parse_nik
from desktop.errors import Checks, DomainError, each_error
from desktop.services.agents import agent_code_format, checked_agent
from desktop.services.auth import User
from desktop.services.capture import Captured, capture
from desktop.services.lookup import active_registration_receipt
from desktop.store.schema import participants


@dataclass(frozen=True)
class RegisterParticipant:
    """A registration form as typed: strings as entered, checked by the service."""

    nik: str
    full_name: str
    birth_place: str
    birth_date: str
    sex: str
    mother_maiden_name: str
    phone: str
    address: str
    occupation: str
    monthly_income: str | int
    programs: str
    email: str = ""
    agent_code: str = ""


@dataclass(frozen=True)
class ValidRegistration:
    nik: str
    details: dict[str, object]


# What a registration cannot go without (the form marks them): birth date and sex come from
# the NIK when left empty, email and agent code may stay empty.
REQUIRED = (
    "nik",
    "full_name",
    "birth_place",
    "birth_date",
    "sex",
    "mother_maiden_name",
    "phone",
    "address",
    "occupation",
    "monthly_income",
    "programs",
)


def validate_registration(
    counter: Counter, cmd: RegisterParticipant, today: date
) -> ValidRegistration:
    """Every field checked before anything is written; all that are wrong are said at once
    (FieldsError, in form order; one wrong field raises its own DomainError)."""
    checks = Checks()
    info = checks.take(lambda: parse_nik(cmd.nik, counter.reference.provinces, today))
    full_name = checks.take(lambda: validate_name(cmd.full_name, "full_name"))
    birth_place = checks.take(lambda: validate_text(cmd.birth_place, "birth_place", max_length=60))
    birth_date = (
        checks.take(lambda: parse_date(cmd.birth_date, "birth_date", "Tanggal lahir", "Birth date"))
        if cmd.birth_date.strip()
        else info.birth_date
        if info is not None
        else None
    )
    if info is not None and birth_date is not None and birth_date != info.birth_date:
        checks.add(
            DomainError(
                "birth_date",
                f"Tanggal lahir tidak sesuai dengan NIK (menurut NIK {info.birth_date:%d/%m/%Y}).",
                f"Birth date does not match the NIK (the NIK says {info.birth_date:%d/%m/%Y}).",
            )
        )
    sex = cmd.sex.strip().upper() or (info.sex if info is not None else "")
    if sex not in ("L", "P"):
        checks.add(
            DomainError(
                "sex", "Jenis kelamin harus L atau P.", "Sex must be L (male) or P (female)."
            )
        )
    elif info is not None and sex != info.sex:
        checks.add(
            DomainError(
                "sex",
                f"Jenis kelamin tidak sesuai dengan NIK (menurut NIK {info.sex}).",
                f"Sex does not match the NIK (the NIK says {info.sex}).",
            )
        )
    mother = checks.take(lambda: validate_name(cmd.mother_maiden_name, "mother_maiden_name"))
    phone = checks.take(lambda: normalize_phone(cmd.phone))
    email = checks.take(lambda: validate_email(cmd.email)) if cmd.email.strip() else None
    address = checks.take(lambda: validate_text(cmd.address, "address", max_length=200))
    occupation = checks.take(lambda: validate_text(cmd.occupation, "occupation", max_length=60))
    income = (
        cmd.monthly_income
        if isinstance(cmd.monthly_income, int)
        else checks.take(lambda: parse_rupiah(str(cmd.monthly_income), "monthly_income"))
        if str(cmd.monthly_income).strip()
        else None
    )
    if income is None and not str(cmd.monthly_income).strip():
        checks.add(
            DomainError(
                "monthly_income",
                "Penghasilan per bulan wajib diisi: pilih tingkat penghasilan.",
                "The monthly income is required: choose the income tier.",
            )
        )
    programs = checks.take(lambda: parse_programs(cmd.programs))
    if income is not None and programs is not None:
        # The quote checks the income tier and the program choice exactly as a first payment
        # would.
        checks.take(
            lambda: quote_bpu(
                counter.reference,
                monthly_income=income,
                programs=programs,
                months=1,
                period_start=today.replace(day=1),
                on=today,
            )
        )
    # Its form here; whether the register holds an active agent by it, in the write.
    agent = checks.take(lambda: agent_code_format(cmd.agent_code))
    checks.done()
    if info is None or birth_date is None or programs is None:  # each one's error was raised
        raise RuntimeError("a registration check failed without saying why")
    return ValidRegistration(
        nik=info.nik,
        details={
            "nik": info.nik,
            "full_name": full_name,
            "birth_place": birth_place,
            "birth_date": birth_date.isoformat(),
            "sex": sex,
            "mother_maiden_name": mother,
            "phone": phone,
            "email": email,
            "address": address,
            "occupation": occupation,
            "monthly_income": income,
            "programs": "+".join(sorted(p.value for p in programs)),
            "agent_code": agent,
        },
    )


def check_registration(counter: Counter, cmd: RegisterParticipant) -> tuple[DomainError, ...]:
    """What the save would refuse in the fields as typed, every error (none: all fine). The
    same checks the save runs (`validate_registration`), without the store: pure, quick, so the
    form runs it as the teller goes."""
    try:
        validate_registration(counter, cmd, counter.business_date())
    except DomainError as error:
        return each_error(error)
    return ()


def check_nik_free(counter: Counter, raw: str) -> None:
    """Refuse a NIK already registered here (DomainError "nik" naming its receipt); a NIK that
    is no NIK is left to the field's own check. What the save refuses, asked when the NIK field
    is left."""
    nik = normalize_nik(raw)
    if len(nik) != NIK_LENGTH or not nik.isdigit():
        return
    with counter.store.read() as connection:
        _refuse_registered(connection, nik)


def _refuse_registered(connection: sa.Connection, nik: str) -> None:
    earlier = active_registration_receipt(connection, nik)
    if earlier is not None:
        raise DomainError(
            "nik",
            f"NIK ini sudah terdaftar dengan tanda terima {earlier}.",
            f"This NIK is already registered, receipt {earlier}.",
        )


def register_participant(counter: Counter, actor: User, cmd: RegisterParticipant) -> Captured:
    now = counter.now()
    valid = validate_registration(counter, cmd, counter.business_date(now))
    with counter.store.write() as connection:
        return write_registration(connection, counter, actor, valid, now)


def write_registration(
    connection: sa.Connection,
    counter: Counter,
    actor: User,
    valid: ValidRegistration,
    now: datetime,
) -> Captured:
    agent = valid.details.get("agent_code")
    if agent is not None:
        checked_agent(connection, str(agent))
    _refuse_registered(connection, valid.nik)
    participant_id = connection.execute(
        sa.select(participants.c.id).where(participants.c.nik == valid.nik)
    ).scalar_one_or_none()
    if participant_id is None:
        participant_id = str(uuid.uuid4())
        connection.execute(
            sa.insert(participants).values(
                id=participant_id, nik=valid.nik, kpj=None, created_at=now.isoformat()
            )
        )
    return capture(
        connection,
        counter,
        kind="registration",
        actor=actor,
        now=now,
        details={"participant_id": participant_id, **valid.details},
        participant_id=participant_id,
    )
