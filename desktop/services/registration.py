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
from desktop.domain.nik import parse_nik
from desktop.errors import DomainError
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


def validate_registration(
    counter: Counter, cmd: RegisterParticipant, today: date
) -> ValidRegistration:
    """Every field checked, in form order, before anything is written."""
    info = parse_nik(cmd.nik, counter.reference.provinces, today)
    full_name = validate_name(cmd.full_name, "full_name")
    birth_place = validate_text(cmd.birth_place, "birth_place", max_length=60)
    birth_date = (
        parse_date(cmd.birth_date, "birth_date", "Tanggal lahir", "Birth date")
        if cmd.birth_date.strip()
        else info.birth_date
    )
    if birth_date != info.birth_date:
        raise DomainError(
            "birth_date",
            f"Tanggal lahir tidak sesuai dengan NIK (menurut NIK {info.birth_date:%d/%m/%Y}).",
            f"Birth date does not match the NIK (the NIK says {info.birth_date:%d/%m/%Y}).",
        )
    sex = cmd.sex.strip().upper() or info.sex
    if sex not in ("L", "P"):
        raise DomainError(
            "sex", "Jenis kelamin harus L atau P.", "Sex must be L (male) or P (female)."
        )
    if sex != info.sex:
        raise DomainError(
            "sex",
            f"Jenis kelamin tidak sesuai dengan NIK (menurut NIK {info.sex}).",
            f"Sex does not match the NIK (the NIK says {info.sex}).",
        )
    mother = validate_name(cmd.mother_maiden_name, "mother_maiden_name")
    phone = normalize_phone(cmd.phone)
    email = validate_email(cmd.email) if cmd.email.strip() else None
    address = validate_text(cmd.address, "address", max_length=200)
    occupation = validate_text(cmd.occupation, "occupation", max_length=60)
    income = (
        cmd.monthly_income
        if isinstance(cmd.monthly_income, int)
        else parse_rupiah(cmd.monthly_income, "monthly_income")
    )
    programs = parse_programs(cmd.programs)
    # The quote checks the income tier and the program choice exactly as a first payment would.
    quote_bpu(
        counter.reference,
        monthly_income=income,
        programs=programs,
        months=1,
        period_start=today.replace(day=1),
        on=today,
    )
    # Its form here; whether the register holds an active agent by it, in the write.
    agent = agent_code_format(cmd.agent_code)
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
    earlier = active_registration_receipt(connection, valid.nik)
    if earlier is not None:
        raise DomainError(
            "nik",
            f"NIK ini sudah terdaftar dengan tanda terima {earlier}.",
            f"This NIK is already registered, receipt {earlier}.",
        )
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
