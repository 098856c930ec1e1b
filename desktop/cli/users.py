"""`user ...`: add, list, reset a PIN, unlock, deactivate, and change one's own PIN.

PINs never come as arguments: the user's own (or new) PIN from SPO_PIN, the approving
supervisor's from SPO_SUPERVISOR_PIN, a new PIN of one's own from SPO_NEW_PIN, or a hidden
prompt on a terminal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.cli.context import EXIT_OK, Context, counted

if TYPE_CHECKING:
    from desktop.cli.parser import Commands

NEW_PIN_VARIABLE = "SPO_NEW_PIN"


def register(commands: Commands) -> None:
    users = commands.group("user", "manage users", "user commands", "ACTION")
    p = users.add(
        "add",
        run_user_add,
        "add a teller or supervisor (new PIN from SPO_PIN, the approver's from SPO_SUPERVISOR_PIN)",
    )
    p.add_argument("--id", required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--role", required=True, choices=("teller", "supervisor"))
    p.add_argument("--by", required=True, help="id of the supervisor who approves")

    p = users.add("list", run_user_list, "every user: id, name, role, and active, locked or not")
    p.add_argument("--json", action="store_true")

    for name, handler, help_text in (
        (
            "reset-pin",
            run_reset_pin,
            "give a user a new PIN, also lifting a lock (new PIN from SPO_PIN, the "
            "supervisor's from SPO_SUPERVISOR_PIN)",
        ),
        (
            "unlock",
            run_unlock,
            "lift the lock after 5 wrong PINs (the supervisor's PIN from SPO_SUPERVISOR_PIN)",
        ),
        (
            "deactivate",
            run_deactivate,
            "a user who leaves can log in no more (the supervisor's PIN from SPO_SUPERVISOR_PIN)",
        ),
    ):
        p = users.add(name, handler, help_text)
        p.add_argument("--id", required=True, help="the user concerned")
        p.add_argument("--by", required=True, help="id of the supervisor who does it")

    p = users.add(
        "change-pin",
        run_change_pin,
        f"change one's own PIN (the current one from SPO_PIN, the new from {NEW_PIN_VARIABLE})",
    )
    p.add_argument("--id", required=True, help="your user id")


def run_user_add(ctx: Context) -> int:
    from desktop.services.setup import add_user

    a = ctx.args
    supervisor = ctx.login(a.by, "SPO_SUPERVISOR_PIN")
    pin = ctx.secret("SPO_PIN", f"PIN baru untuk {a.id}: ", f"New PIN for {a.id}: ", "pin")
    user = add_user(ctx.counter, by=supervisor, user_id=a.id, name=a.name, role=a.role, pin=pin)
    role = user.role.value
    ctx.say(f"Pengguna {user.id} ({role}) ditambahkan.", f"User {user.id} ({role}) added.")
    return EXIT_OK


def run_user_list(ctx: Context) -> int:
    from desktop.domain.zones import zone_label
    from desktop.services.users import list_users

    counter = ctx.counter
    entries = list_users(counter)
    now = counter.now()
    if ctx.args.json:
        ctx.emit(
            [
                {
                    "id": e.id,
                    "name": e.name,
                    "role": e.role.value,
                    "active": e.active,
                    "locked_until": (until := e.locked_at(now)) and until.isoformat(),
                }
                for e in entries
            ]
        )
        return EXIT_OK
    zone = zone_label(counter.profile.timezone)
    for e in entries:
        until = e.locked_at(now)
        if not e.active:
            status = ctx.text("nonaktif", "deactivated")
        elif until is not None:
            at = f"{counter.local(until):%H:%M} {zone}"
            status = ctx.text(f"terkunci sampai {at}", f"locked until {at}")
        else:
            status = ctx.text("aktif", "active")
        print(f"{e.id:<15} {e.name:<30} {e.role.value:<10} {status}")
    ctx.say(f"{len(entries)} pengguna.", f"{counted(len(entries), 'user')}.")
    return EXIT_OK


def _supervisor_pin(ctx: Context) -> str:
    who = ctx.args.by
    return ctx.secret("SPO_SUPERVISOR_PIN", f"PIN {who}: ", f"PIN {who}: ", "supervisor_pin")


def run_reset_pin(ctx: Context) -> int:
    from desktop.services.users import reset_pin

    a = ctx.args
    supervisor_pin = _supervisor_pin(ctx)
    new_pin = ctx.secret("SPO_PIN", f"PIN baru untuk {a.id}: ", f"New PIN for {a.id}: ", "pin")
    entry = reset_pin(
        ctx.counter,
        user_id=a.id,
        new_pin=new_pin,
        supervisor_id=a.by,
        supervisor_pin=supervisor_pin,
    )
    ctx.say(
        f"PIN {entry.id} sudah diganti; beri tahu PIN baru secara langsung.",
        f"The PIN of {entry.id} has been reset; tell them the new PIN in person.",
    )
    return EXIT_OK


def run_unlock(ctx: Context) -> int:
    from desktop.services.users import unlock_user

    a = ctx.args
    entry = unlock_user(
        ctx.counter, user_id=a.id, supervisor_id=a.by, supervisor_pin=_supervisor_pin(ctx)
    )
    ctx.say(f"Pengguna {entry.id} tidak terkunci lagi.", f"User {entry.id} is no longer locked.")
    return EXIT_OK


def run_deactivate(ctx: Context) -> int:
    from desktop.services.users import deactivate_user

    a = ctx.args
    entry = deactivate_user(
        ctx.counter, user_id=a.id, supervisor_id=a.by, supervisor_pin=_supervisor_pin(ctx)
    )
    ctx.say(f"Pengguna {entry.id} dinonaktifkan.", f"User {entry.id} deactivated.")
    return EXIT_OK


def run_change_pin(ctx: Context) -> int:
    from desktop.services.users import change_pin

    who = ctx.args.id
    old_pin = ctx.secret("SPO_PIN", f"PIN lama {who}: ", f"Current PIN of {who}: ", "old_pin")
    new_pin = ctx.secret(NEW_PIN_VARIABLE, f"PIN baru {who}: ", f"New PIN of {who}: ", "new_pin")
    user = change_pin(ctx.counter, user_id=who, old_pin=old_pin, new_pin=new_pin)
    ctx.say(f"PIN {user.id} sudah diganti.", f"The PIN of {user.id} has been changed.")
    return EXIT_OK
