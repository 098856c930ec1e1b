"""`demo`: a demo counter filled with realistic days, and its users' PINs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.cli.context import EXIT_OK, Context, counted

if TYPE_CHECKING:
    from desktop.cli.parser import Commands


def register(commands: Commands) -> None:
    p = commands.add("demo", run_demo, "create or fill a demo counter with realistic data")
    p.set_defaults(creates_store=True)
    p.add_argument("--transactions", type=int, default=300, help="how many (default 300)")
    p.add_argument("--seed", type=int, default=1, help="random seed (same seed, same people)")
    p.add_argument("--json", action="store_true")


def run_demo(ctx: Context) -> int:
    from desktop.services.demo import make_demo

    summary = make_demo(
        ctx.counter.store,
        transactions=ctx.args.transactions,
        seed=ctx.args.seed,
        clock=ctx.counter.clock,
    )
    if ctx.args.json:
        ctx.emit(
            {
                "counter_code": summary.counter_code,
                "created": summary.created,
                "days": [d.isoformat() for d in summary.days],
                "counts": summary.counts,
                "users": [
                    {"id": u.id, "name": u.name, "role": u.role.value, "pin": u.pin}
                    for u in summary.users
                ],
            }
        )
        return EXIT_OK
    code, total = summary.counter_code, sum(summary.counts.values())
    if summary.created:
        ctx.say(
            f"Loket demo {code} dibuat: {total} transaksi.",
            f"Demo counter {code} created: {counted(total, 'transaction')}.",
        )
    else:
        ctx.say(
            f"Loket demo {code} ditambah: {total} transaksi.",
            f"Demo counter {code} added to: {counted(total, 'transaction')}.",
        )
    folder = ctx.counter.store.data_dir
    ctx.say(f"Data: {folder}", f"Data: {folder}")
    ctx.say("Pengguna demo (ID / PIN / peran):", "Demo users (ID / PIN / role):")
    for user in summary.users:
        print(f"  {user.id:<10} {user.pin}  {user.role.value:<10} {user.name}")
    return EXIT_OK
