"""`init` and `user add`: the counter's profile and first supervisor, then its users."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.cli.context import EXIT_OK, Context

if TYPE_CHECKING:
    from desktop.cli.parser import Commands


def register(commands: Commands) -> None:
    p = commands.add(
        "init", run_init, "set up this counter and its first supervisor (PIN from SPO_PIN)"
    )
    p.set_defaults(creates_store=True)
    p.add_argument("--bank", required=True, help="bank code, e.g. BNI")
    p.add_argument("--branch-code", required=True, help="branch code, e.g. 0123")
    p.add_argument("--branch-name", required=True, help="branch name as printed on receipts")
    p.add_argument("--counter", required=True, help="counter number 1-99")
    p.add_argument(
        "--timezone",
        required=True,
        help="Asia/Jakarta (WIB), Asia/Makassar (WITA) or Asia/Jayapura (WIT)",
    )
    p.add_argument("--supervisor-id", required=True)
    p.add_argument("--supervisor-name", required=True)
    p.add_argument(
        "--paper",
        default="roll80",
        choices=("roll80", "a5", "a4"),
        help="receipt paper: 80 mm roll, A5, or A4 with both copies (default roll80)",
    )

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


def run_init(ctx: Context) -> int:
    from desktop.services.setup import init_counter

    a = ctx.args
    who = a.supervisor_id
    pin = ctx.secret("SPO_PIN", f"PIN baru untuk {who}: ", f"New PIN for {who}: ", "pin")
    profile = init_counter(
        ctx.counter,
        bank_code=a.bank,
        branch_code=a.branch_code,
        branch_name=a.branch_name,
        counter_no=a.counter,
        timezone=a.timezone,
        supervisor_id=who,
        supervisor_name=a.supervisor_name,
        supervisor_pin=pin,
        paper=a.paper,
    )
    code = profile.counter_code
    ctx.say(f"Loket {code} siap. Supervisor: {who}.", f"Counter {code} ready. Supervisor: {who}.")
    return EXIT_OK


def run_user_add(ctx: Context) -> int:
    from desktop.services.setup import add_user

    a = ctx.args
    supervisor = ctx.login(a.by, "SPO_SUPERVISOR_PIN")
    pin = ctx.secret("SPO_PIN", f"PIN baru untuk {a.id}: ", f"New PIN for {a.id}: ", "pin")
    user = add_user(ctx.counter, by=supervisor, user_id=a.id, name=a.name, role=a.role, pin=pin)
    role = user.role.value
    ctx.say(f"Pengguna {user.id} ({role}) ditambahkan.", f"User {user.id} ({role}) added.")
    return EXIT_OK
