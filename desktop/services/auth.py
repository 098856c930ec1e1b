"""Logging in and supervisor approvals by PIN, with a lockout that survives a restart."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from desktop.counter import Counter
from desktop.domain.users import Role, validate_user_id
from desktop.domain.zones import zone_label
from desktop.errors import DomainError
from desktop.store.audit import append_event
from desktop.store.row_states import STATE, state_of
from desktop.store.schema import users

MAX_FAILED_ATTEMPTS = 5
LOCK_DURATION = timedelta(minutes=30)

# argon2id at OWASP's minimum (19 MiB, 2 iterations, 1 lane): about 30 ms a check here.
_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


def hash_pin(pin: str) -> str:
    return _hasher.hash(pin)


@dataclass(frozen=True)
class User:
    id: str
    name: str
    role: Role

    @property
    def is_supervisor(self) -> bool:
        return self.role is Role.SUPERVISOR


def login(counter: Counter, user_id: str, pin: str) -> User:
    """The user whose PIN this is; after 5 wrong PINs in a row the account locks for 30 minutes."""
    return _check_pin(counter, user_id, pin, id_field="user_id", pin_field="pin")


def approve(counter: Counter, supervisor_id: str, pin: str, *, requested_by: User) -> User:
    """A supervisor's approval of something `requested_by` asked for: never their own request."""
    supervisor = _check_pin(
        counter, supervisor_id, pin, id_field="supervisor_id", pin_field="supervisor_pin"
    )
    if not supervisor.is_supervisor:
        raise DomainError(
            "supervisor_id",
            "Persetujuan harus diberikan oleh supervisor.",
            "Approval must come from a supervisor.",
        )
    if supervisor.id == requested_by.id:
        raise DomainError(
            "supervisor_id",
            "Supervisor tidak boleh menyetujui permintaannya sendiri.",
            "A supervisor cannot approve their own request.",
        )
    return supervisor


def _check_pin(counter: Counter, user_id: str, pin: str, *, id_field: str, pin_field: str) -> User:
    user_id = validate_user_id(user_id, id_field)
    wrong = DomainError(pin_field, "ID pengguna atau PIN salah.", "Wrong user id or PIN.")
    with counter.store.read() as connection:
        row = connection.execute(sa.select(users).where(users.c.id == user_id)).mappings().first()
    if row is None or not row["active"]:
        raise wrong
    now = counter.now()
    locked_until = datetime.fromisoformat(row["locked_until"]) if row["locked_until"] else None
    if locked_until is not None and locked_until > now:
        raise _locked_error(counter, pin_field, locked_until)
    # The hash check runs outside the write lock: it is the slow part.
    good = _pin_matches(row["pin_hash"], pin)
    with counter.store.write() as connection:
        if good:
            connection.execute(
                sa.update(users)
                .where(users.c.id == user_id)
                .values(failed_attempts=0, locked_until=None)
            )
            return User(row["id"], row["name"], Role(row["role"]))
        # Re-read under the write lock: two wrong PINs typed at once must both count.
        failed = (
            connection.execute(
                sa.select(users.c.failed_attempts).where(users.c.id == user_id)
            ).scalar_one()
            + 1
        )
        if failed >= MAX_FAILED_ATTEMPTS:
            locked_until = now + LOCK_DURATION
            connection.execute(
                sa.update(users)
                .where(users.c.id == user_id)
                .values(failed_attempts=0, locked_until=locked_until.isoformat())
            )
            append_event(
                connection,
                counter.audit_key,
                at=now.isoformat(),
                actor=user_id,
                action="user.locked",
                entity_id=user_id,
                details={
                    "until": locked_until.isoformat(),
                    STATE: state_of(connection, ("users", user_id)),
                },
            )
        else:
            connection.execute(
                sa.update(users).where(users.c.id == user_id).values(failed_attempts=failed)
            )
    if locked_until is not None and failed >= MAX_FAILED_ATTEMPTS:
        raise _locked_error(counter, pin_field, locked_until)
    left = MAX_FAILED_ATTEMPTS - failed
    raise DomainError(
        pin_field,
        f"ID pengguna atau PIN salah. Sisa {left} kali percobaan sebelum akun terkunci.",
        f"Wrong user id or PIN. {left} more tries before the account locks.",
    )


def _pin_matches(pin_hash: str, pin: str) -> bool:
    if not (pin.isascii() and len(pin) <= 64):
        return False  # no PIN looks like this: a wrong try, without hashing a megabyte
    try:
        return _hasher.verify(pin_hash, pin)
    except (VerificationError, InvalidHashError):
        return False


def _locked_error(counter: Counter, field: str, until: datetime) -> DomainError:
    local = counter.local(until)
    label = zone_label(counter.profile.timezone)
    at = f"{local:%H:%M} {label}"
    return DomainError(
        field,
        f"Akun terkunci karena 5 kali PIN salah, sampai pukul {at}. Hubungi supervisor.",
        f"Account locked after 5 wrong PINs, until {at}. Call a supervisor.",
    )
