"""`init`: the counter's profile and its first supervisor (its users: `desktop/cli/users.py`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.cli.context import EXIT_OK, Context

if TYPE_CHECKING:
    from desktop.cli.parser import Commands


def register(commands: Commands) -> None:
    p = commands.add(
        "branch-address",
        run_branch_address,
        'the branch\'s street address printed on the receipts; "" for none (the '
        "supervisor's PIN from SPO_SUPERVISOR_PIN)",
    )
    p.add_argument("address", help='one line, at most 150 characters, e.g. "Jl. Lada No. 1"')
    p.add_argument("--by", required=True, help="id of the supervisor who changes it")

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
    p.add_argument(
        "--recovery-sheet",
        default=".",
        metavar="PATH",
        help="where to write the keys' recovery sheet (PDF): a file, or a folder for "
        "SPO-Counter-pemulihan-CODE.pdf in it (default: the current folder). Print it, keep it "
        "in the branch safe, delete the file.",
    )


def run_init(ctx: Context) -> int:
    from pathlib import Path

    from desktop.files import shown_name
    from desktop.services.recovery import set_up_counter

    a = ctx.args
    who = a.supervisor_id
    pin = ctx.secret("SPO_PIN", f"PIN baru untuk {who}: ", f"New PIN for {who}: ", "pin")
    done = set_up_counter(
        ctx.counter,
        recovery_sheet=Path(a.recovery_sheet),
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
    code = done.profile.counter_code
    ctx.say(f"Loket {code} siap. Supervisor: {who}.", f"Counter {code} ready. Supervisor: {who}.")
    sheet = shown_name(done.recovery_sheet)
    ctx.say(
        f"Lembar pemulihan kunci: {sheet}. Cetak, simpan di brankas cabang, lalu hapus berkasnya.",
        f"The keys' recovery sheet: {sheet}. Print it, keep it in the branch safe, then delete "
        "the file.",
    )
    return EXIT_OK


def run_branch_address(ctx: Context) -> int:
    from desktop.services.preferences import set_branch_address

    supervisor = ctx.login(ctx.args.by, "SPO_SUPERVISOR_PIN")
    address = set_branch_address(ctx.counter, supervisor, ctx.args.address).pc.branch_address
    if address:
        ctx.say(
            f"Alamat cabang di tanda terima: {address}", f"Branch address on receipts: {address}"
        )
    else:
        ctx.say("Tanda terima tanpa alamat cabang.", "Receipts without a branch address.")
    return EXIT_OK
