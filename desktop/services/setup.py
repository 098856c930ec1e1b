"""Setting up a counter (its profile and first supervisor) and adding users to it."""

from __future__ import annotations

import re
import secrets

import sqlalchemy as sa

from desktop.counter import Counter, Profile
from desktop.domain.identifiers import validate_name, validate_text
from desktop.domain.users import Role, validate_new_pin, validate_role, validate_user_id
from desktop.domain.zones import validate_timezone
from desktop.errors import DomainError
from desktop.keystore import RECEIPT_KEY
from desktop.keystore import guarded as keystore
from desktop.receipts.model import Paper
from desktop.reference import partner_banks
from desktop.services.auth import User, hash_pin
from desktop.store.audit import AuditKey, append_event
from desktop.store.row_states import STATE, state_of
from desktop.store.schema import counter_profile, receipt_sequence, users

__all__ = [
    "Paper",
    "add_user",
    "counter_code",
    "init_counter",
    "parse_paper",
    "partner_banks",
    "validate_bank",
    "validate_branch_code",
]

# A bank's branch code: 4 digits, as in BNI-0123-01.
_BRANCH = re.compile(r"[0-9]{4}")
# The demo counter's (desktop/services/demo.py): no real branch can have it, which is how demo
# data is kept off real counters; its load tests make thousands of counters of made-up banks.
DEMO_BRANCH = "DEMO"
_DEMO_BANK = re.compile(r"[A-Z]{2,10}")


def counter_code(bank_code: str, branch_code: str, counter_no: int) -> str:
    return f"{bank_code}-{branch_code}-{counter_no:02d}"


def init_counter(
    counter: Counter,
    *,
    bank_code: str,
    branch_code: str,
    branch_name: str,
    counter_no: int | str,
    timezone: str,
    supervisor_id: str,
    supervisor_name: str,
    supervisor_pin: str,
    paper: str = Paper.ROLL_80.value,
    demo: bool = False,
) -> Profile:
    """Create the counter's profile and its first supervisor; refused once a counter exists.

    The bank is one of the partner banks and the branch code 4 digits; only the demo (`demo`)
    makes a counter of branch DEMO, of any bank code of 2-10 letters."""
    paper_format = parse_paper(paper)
    if demo and branch_code == DEMO_BRANCH and _DEMO_BANK.fullmatch(bank_code):
        bank, branch = bank_code, branch_code
    else:
        bank = validate_bank(bank_code)
        branch = validate_branch_code(branch_code)
    number = _counter_number(counter_no)
    name = validate_text(branch_name, "branch_name", max_length=100)
    zone = validate_timezone(timezone)
    sup_id = validate_user_id(supervisor_id, "supervisor_id")
    sup_name = validate_name(supervisor_name, "supervisor_name")
    pin_hash = hash_pin(validate_new_pin(supervisor_pin))
    code = counter_code(bank, branch, number)
    now = counter.now().isoformat()
    with counter.store.write() as connection:
        if connection.execute(sa.select(counter_profile.c.counter_code)).first() is not None:
            raise DomainError(
                "counter",
                "Loket ini sudah disiapkan sebelumnya.",
                "This counter has already been set up.",
            )
        keystore(lambda: counter.keys.put(RECEIPT_KEY, secrets.token_hex(32).encode("ascii")))
        connection.execute(
            sa.insert(counter_profile).values(
                id=1,
                counter_code=code,
                bank_code=bank,
                branch_code=branch,
                branch_name=name,
                counter_no=number,
                timezone=zone,
                receipt_secret="",  # kept in the key store (desktop/keystore.py RECEIPT_KEY)
                created_at=now,
                paper=paper_format.value,
            )
        )
        connection.execute(sa.insert(receipt_sequence).values(counter_code=code, last_seq=0))
        append_event(
            connection,
            counter.audit_key,
            at=now,
            actor=sup_id,
            action="counter.init",
            entity_id=code,
            details={
                "bank": bank,
                "branch": branch,
                "counter_no": number,
                "timezone": zone,
                STATE: state_of(connection, ("counter_profile", 1)),
            },
        )
        _insert_user(
            connection, counter.audit_key, now, sup_id, sup_name, Role.SUPERVISOR, pin_hash, by=None
        )
    counter.reload_profile()
    return counter.profile


def add_user(counter: Counter, *, by: User, user_id: str, name: str, role: str, pin: str) -> User:
    """Add a teller or supervisor; only a logged-in supervisor may."""
    if not by.is_supervisor:
        raise DomainError(
            "by",
            "Hanya supervisor yang dapat menambah pengguna.",
            "Only a supervisor can add users.",
        )
    new_id = validate_user_id(user_id)
    new_name = validate_name(name, "name")
    new_role = validate_role(role)
    pin_hash = hash_pin(validate_new_pin(pin))
    now = counter.now().isoformat()
    with counter.store.write() as connection:
        exists = connection.execute(sa.select(users.c.id).where(users.c.id == new_id)).first()
        if exists is not None:
            raise DomainError(
                "user_id",
                f"ID pengguna {new_id} sudah dipakai.",
                f"User id {new_id} is already taken.",
            )
        _insert_user(
            connection, counter.audit_key, now, new_id, new_name, new_role, pin_hash, by=by.id
        )
    return User(new_id, new_name, new_role)


def _insert_user(
    connection: sa.Connection,
    key: AuditKey,
    now: str,
    user_id: str,
    name: str,
    role: Role,
    pin_hash: str,
    *,
    by: str | None,
) -> None:
    connection.execute(
        sa.insert(users).values(
            id=user_id,
            name=name,
            role=role.value,
            pin_hash=pin_hash,
            failed_attempts=0,
            active=True,
            created_at=now,
            created_by=by,
        )
    )
    append_event(
        connection,
        key,
        at=now,
        actor=by or user_id,
        action="user.add",
        entity_id=user_id,
        details={"role": role.value, STATE: state_of(connection, ("users", user_id))},
    )


def validate_bank(raw: str) -> str:
    """One of the partner banks (reference data), by its code in any case; else refused."""
    bank = raw.strip().upper()
    banks = partner_banks()
    if bank not in banks:
        choices = ", ".join(banks)
        raise DomainError(
            "bank",
            f"Bank harus salah satu bank mitra: {choices}.",
            f"Bank must be one of the partner banks: {choices}.",
        )
    return bank


def validate_branch_code(raw: str) -> str:
    """The branch code: exactly 4 digits (e.g. 0123)."""
    branch = raw.strip()
    if not (branch.isascii() and _BRANCH.fullmatch(branch)):
        raise DomainError(
            "branch_code",
            "Kode cabang harus 4 angka, mis. 0123.",
            "Branch code must be 4 digits, e.g. 0123.",
        )
    return branch


def parse_paper(raw: str) -> Paper:
    """A receipt paper as typed ("roll80", " A4 "), or a refusal naming the field "paper"."""
    try:
        return Paper(raw.strip().lower())
    except ValueError:
        choices = ", ".join(p.value for p in Paper)
        raise DomainError(
            "paper",
            f"Kertas tanda terima harus salah satu dari: {choices}.",
            f"Receipt paper must be one of: {choices}.",
        ) from None


def _counter_number(raw: int | str) -> int:
    text = str(raw).strip()
    if not (text.isascii() and text.isdigit() and len(text) <= 2 and 1 <= int(text) <= 99):
        raise DomainError("counter", "Nomor loket harus 1-99.", "Counter number must be 1-99.")
    return int(text)
