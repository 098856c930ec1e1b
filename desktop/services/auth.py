"""Logging in and supervisor approvals by PIN, with a lockout that survives a restart and holds
however many programs try PINs at once.

The lockout, as an invariant: while an account's count of tries stands at the limit (5), no PIN
of it is verified, so at most 5 PINs are ever checked before the lock, whatever the concurrency.

How it holds: every try is counted *before* its PIN is hashed. In ONE write transaction
(`store.write()`: BEGIN IMMEDIATE, so a second program's try waits for this one's commit) the
try reads the account, is refused there if it is locked, and otherwise counts itself as a
failure in advance ("in flight"); the try that brings the count to the limit locks the account
in that same transaction. Only a try that got a place in the count verifies its PIN, outside
the transaction (argon2 is the slow part, about 30 ms, and a login must not hold the store's
write lock that long). So the count is always at least the number of verifications started
since it was last cleared, and once it reaches 5 every other try is refused unhashed: 30 wrong
PINs sent at once are 5 verifications and 25 refusals, and even the right PIN is refused until
the lock ends.

After the check a second short write transaction records the outcome. A wrong PIN changes
nothing (it was counted already); the try that reached the limit then writes the `user.locked`
event. A right PIN takes back its own count and those of the tries counted before it (as a
right PIN forgives the wrong ones typed before it), keeps those counted after it, and lifts a
lock that one of those later tries set while it was being checked (fewer than 5 remain). A try
whose program dies between the two transactions stays counted as a failure: the lock errs
towards refusing, and never sticks, because it ends after 30 minutes or a supervisor lifts it.
"""

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
    return check_pin(counter, user_id, pin, id_field="user_id", pin_field="pin")


def approve(counter: Counter, supervisor_id: str, pin: str, *, requested_by: User) -> User:
    """A supervisor's approval of something `requested_by` asked for: never their own request."""
    supervisor = authorize_supervisor(counter, supervisor_id, pin)
    if supervisor.id == requested_by.id:
        raise DomainError(
            "supervisor_id",
            "Supervisor tidak boleh menyetujui permintaannya sendiri.",
            "A supervisor cannot approve their own request.",
        )
    return supervisor


def authorize_supervisor(counter: Counter, supervisor_id: str, pin: str) -> User:
    """The supervisor whose id and PIN these are (the lockout counts these tries too)."""
    supervisor = check_pin(
        counter, supervisor_id, pin, id_field="supervisor_id", pin_field="supervisor_pin"
    )
    if not supervisor.is_supervisor:
        raise DomainError(
            "supervisor_id",
            "Persetujuan harus diberikan oleh supervisor.",
            "Approval must come from a supervisor.",
        )
    return supervisor


def check_pin(counter: Counter, user_id: str, pin: str, *, id_field: str, pin_field: str) -> User:
    """The active user whose PIN this is, the try counted first (see the module's docstring);
    refusals name `id_field` or `pin_field`."""
    user_id = validate_user_id(user_id, id_field)
    now = counter.now()
    with counter.store.write() as connection:
        attempt = _count_try(connection, counter, user_id, now, pin_field)
    if not _pin_matches(attempt.pin_hash, pin):
        raise _wrong_pin(counter, attempt, now, pin_field)
    with counter.store.write() as connection:
        _forgive(connection, counter, attempt, now)
    if not attempt.user_active:
        # Said only to whoever knows the PIN: a stranger cannot learn which ids exist.
        raise DomainError(
            id_field,
            f"Pengguna {user_id} sudah dinonaktifkan. Hubungi supervisor.",
            f"User {user_id} has been deactivated. Call a supervisor.",
        )
    return attempt.user


@dataclass(frozen=True)
class _Attempt:
    """A try with its place in the count: `ahead` tries were counted before it."""

    user: User
    user_active: bool
    pin_hash: str
    ahead: int


def _count_try(
    connection: sa.Connection, counter: Counter, user_id: str, now: datetime, field: str
) -> _Attempt:
    """Inside the write transaction: refuse a locked account, else count this try as failed."""
    row = connection.execute(sa.select(users).where(users.c.id == user_id)).mappings().first()
    if row is None:
        raise DomainError(field, "ID pengguna atau PIN salah.", "Wrong user id or PIN.")
    failed: int = row["failed_attempts"]
    until = _parse(row["locked_until"])
    if until is not None and until <= now:
        failed, until = 0, None  # the lock has run its time: a fresh count
    if until is not None:
        raise _locked_error(counter, field, until)
    values: dict[str, object] = {"failed_attempts": failed + 1, "locked_until": None}
    if failed + 1 >= MAX_FAILED_ATTEMPTS:
        values["locked_until"] = (now + LOCK_DURATION).isoformat()
    connection.execute(sa.update(users).where(users.c.id == user_id).values(**values))
    if values["locked_until"] != row["locked_until"]:
        # The lock set (this try reached the limit) or run out: audited with the row, in the
        # same transaction, so verify never finds the row changed behind the log's back.
        action = "user.locked" if values["locked_until"] else "user.lock_expired"
        _audit_user(connection, counter, now, user_id, action, values["locked_until"])
    user = User(row["id"], row["name"], Role(row["role"]))
    return _Attempt(user, bool(row["active"]), row["pin_hash"], failed)


def _audit_user(
    connection: sa.Connection,
    counter: Counter,
    now: datetime,
    user_id: str,
    action: str,
    until: object,
) -> None:
    append_event(
        connection,
        counter.audit_key,
        at=now.isoformat(),
        actor=user_id,
        action=action,
        entity_id=user_id,
        details={"until": until, STATE: state_of(connection, ("users", user_id))},
    )


def _forgive(connection: sa.Connection, counter: Counter, attempt: _Attempt, now: datetime) -> None:
    """A right PIN: its own try and those counted before it no longer count; later ones do. A
    lock this very try set (it was the fifth) is lifted again, and that is audited."""
    row = connection.execute(
        sa.select(users.c.failed_attempts, users.c.locked_until).where(
            users.c.id == attempt.user.id
        )
    ).one()
    later = max(row.failed_attempts - attempt.ahead - 1, 0)
    connection.execute(
        sa.update(users)
        .where(users.c.id == attempt.user.id)
        .values(failed_attempts=later, locked_until=None)
    )
    if row.locked_until is not None:
        _audit_user(connection, counter, now, attempt.user.id, "user.lock_lifted_by_pin", None)


def _wrong_pin(counter: Counter, attempt: _Attempt, now: datetime, field: str) -> DomainError:
    """A wrong PIN, counted already: the tries left, or the lock (its event written with it, by
    the try that reached the limit)."""
    user_id = attempt.user.id
    with counter.store.read() as connection:
        row = connection.execute(
            sa.select(users.c.failed_attempts, users.c.locked_until).where(users.c.id == user_id)
        ).one()
    until = _parse(row.locked_until)
    if until is not None and until > now:
        return _locked_error(counter, field, until)
    left = max(MAX_FAILED_ATTEMPTS - row.failed_attempts, 1)
    return DomainError(
        field,
        f"ID pengguna atau PIN salah. Sisa {left} kali percobaan sebelum akun terkunci.",
        f"Wrong user id or PIN. {left} more tries before the account locks.",
    )


def _parse(stored: str | None) -> datetime | None:
    return datetime.fromisoformat(stored) if stored else None


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
