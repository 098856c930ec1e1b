"""Managing the counter's users after they were added: the list, a supervisor's PIN reset, unlock
and deactivation (each with the supervisor's own id and PIN, audited), and a user's own PIN change.

A supervisor signs each change with their PIN even when logged in: a PIN is the key to every
record a user captures, so whoever changes one proves at that moment who they are (the command
line takes it from SPO_SUPERVISOR_PIN). Inputs are checked before any PIN, so a typing slip
costs no try of the lockout; the target is read again under the write lock.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from desktop.counter import Counter
from desktop.domain.users import Role, validate_new_pin, validate_user_id
from desktop.errors import DomainError
from desktop.services.auth import User, authorize_supervisor, check_pin, hash_pin
from desktop.store.audit import append_event
from desktop.store.row_states import STATE, state_of
from desktop.store.schema import users

__all__ = [
    "UserEntry",
    "change_pin",
    "deactivate_user",
    "list_users",
    "reset_pin",
    "unlock_user",
]


@dataclass(frozen=True)
class UserEntry:
    id: str
    name: str
    role: Role
    active: bool
    locked_until: str | None  # UTC ISO time while locked after wrong PINs

    def locked_at(self, now: datetime) -> datetime | None:
        """Until when the account is locked at `now`; None when it is not."""
        if self.locked_until is None:
            return None
        until = datetime.fromisoformat(self.locked_until)
        return until if until > now else None


def list_users(counter: Counter) -> list[UserEntry]:
    """Every user, supervisors first, then by id."""
    query = sa.select(
        users.c.id, users.c.name, users.c.role, users.c.active, users.c.locked_until
    ).order_by(sa.case((users.c.role == Role.SUPERVISOR.value, 0), else_=1), users.c.id)
    with counter.store.read() as connection:
        rows = connection.execute(query).all()
    return [_entry(row._mapping) for row in rows]


def reset_pin(
    counter: Counter, *, user_id: str, new_pin: str, supervisor_id: str, supervisor_pin: str
) -> UserEntry:
    """A supervisor gives a user a new PIN (one who forgot theirs); it also lifts a lock."""
    target = validate_user_id(user_id)
    pin_hash = hash_pin(validate_new_pin(new_pin))
    supervisor = authorize_supervisor(counter, supervisor_id, supervisor_pin)
    with counter.store.write() as connection:
        _active_target(connection, target)
        return _change(
            connection,
            counter,
            supervisor,
            target,
            "user.pin_reset",
            {"pin_hash": pin_hash, "failed_attempts": 0, "locked_until": None},
        )


def unlock_user(
    counter: Counter, *, user_id: str, supervisor_id: str, supervisor_pin: str
) -> UserEntry:
    """A supervisor lifts the lock after 5 wrong PINs before its 30 minutes are over."""
    target = validate_user_id(user_id)
    supervisor = authorize_supervisor(counter, supervisor_id, supervisor_pin)
    now = counter.now()
    with counter.store.write() as connection:
        if _active_target(connection, target).locked_at(now) is None:
            raise DomainError(
                "user_id",
                f"Pengguna {target} tidak sedang terkunci.",
                f"User {target} is not locked.",
            )
        return _change(
            connection,
            counter,
            supervisor,
            target,
            "user.unlock",
            {"failed_attempts": 0, "locked_until": None},
        )


def deactivate_user(
    counter: Counter, *, user_id: str, supervisor_id: str, supervisor_pin: str
) -> UserEntry:
    """A supervisor deactivates a user, who can log in no more; their records stay theirs.

    Never themselves, and never the last active supervisor: someone must be able to manage
    the counter. That is counted under the write lock, so of two supervisors deactivating each
    other at once the second is refused.
    """
    target = validate_user_id(user_id)
    supervisor = authorize_supervisor(counter, supervisor_id, supervisor_pin)
    with counter.store.write() as connection:
        entry = _active_target(connection, target)
        others = connection.execute(
            sa.select(sa.func.count())
            .select_from(users)
            .where(users.c.role == Role.SUPERVISOR.value, users.c.active, users.c.id != target)
        ).scalar_one()
        if entry.role is Role.SUPERVISOR and others == 0:
            raise DomainError(
                "user_id",
                f"{target} adalah supervisor aktif terakhir: tidak dapat dinonaktifkan.",
                f"{target} is the last active supervisor and cannot be deactivated.",
            )
        if target == supervisor.id:
            raise DomainError(
                "user_id",
                "Supervisor tidak dapat menonaktifkan dirinya sendiri.",
                "A supervisor cannot deactivate themselves.",
            )
        return _change(
            connection, counter, supervisor, target, "user.deactivate", {"active": False}
        )


def change_pin(counter: Counter, *, user_id: str, old_pin: str, new_pin: str) -> User:
    """A user changes their own PIN: the current one (counted by the lockout), then the new."""
    validate_new_pin(new_pin, "new_pin")
    if new_pin == old_pin:
        raise DomainError(
            "new_pin",
            "PIN baru harus berbeda dari PIN lama.",
            "The new PIN must differ from the old one.",
        )
    pin_hash = hash_pin(new_pin)
    user = check_pin(counter, user_id, old_pin, id_field="user_id", pin_field="old_pin")
    with counter.store.write() as connection:
        connection.execute(sa.update(users).where(users.c.id == user.id).values(pin_hash=pin_hash))
        append_event(
            connection,
            counter.audit_key,
            at=counter.now().isoformat(),
            actor=user.id,
            action="user.pin_change",
            entity_id=user.id,
            details={STATE: state_of(connection, ("users", user.id))},
        )
    return user


def _active_target(connection: sa.Connection, user_id: str) -> UserEntry:
    row = connection.execute(sa.select(users).where(users.c.id == user_id)).mappings().first()
    if row is None:
        raise DomainError(
            "user_id", f"Pengguna {user_id} tidak ada.", f"There is no user {user_id}."
        )
    entry = _entry(row)
    if not entry.active:
        raise DomainError(
            "user_id",
            f"Pengguna {user_id} sudah dinonaktifkan.",
            f"User {user_id} has been deactivated.",
        )
    return entry


def _change(
    connection: sa.Connection,
    counter: Counter,
    supervisor: User,
    target: str,
    action: str,
    values: Mapping[str, object],
) -> UserEntry:
    """Write the change and its audit event (never a PIN or its hash); the user as now stored."""
    connection.execute(sa.update(users).where(users.c.id == target).values(**values))
    append_event(
        connection,
        counter.audit_key,
        at=counter.now().isoformat(),
        actor=supervisor.id,
        action=action,
        entity_id=target,
        details={STATE: state_of(connection, ("users", target))},
    )
    row = connection.execute(sa.select(users).where(users.c.id == target)).mappings().one()
    return _entry(row)


def _entry(row: sa.RowMapping) -> UserEntry:
    return UserEntry(
        row["id"], row["name"], Role(row["role"]), bool(row["active"]), row["locked_until"]
    )
