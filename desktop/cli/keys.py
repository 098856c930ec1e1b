"""`keys ...`: the counter's secrets on this PC. `keys sheet` prints a new recovery sheet (a
supervisor's PIN from SPO_SUPERVISOR_PIN); `keys restore FILE` keeps the secrets of a recovery
sheet for the data folder, on a new PC or after its key store was lost."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli.context import EXIT_OK, Context

if TYPE_CHECKING:
    from desktop.cli.parser import Commands


def register(commands: Commands) -> None:
    keys = commands.group("keys", "the counter's keys", "keys commands", "ACTION")
    p = keys.add(
        "sheet",
        run_keys_sheet,
        "write a new recovery sheet (PDF) of this counter's keys (the supervisor's PIN from "
        "SPO_SUPERVISOR_PIN)",
    )
    p.add_argument("--by", required=True, help="id of the supervisor who asks for it")
    p.add_argument(
        "--to",
        default=".",
        metavar="PATH",
        help="a file, or a folder for SPO-Counter-pemulihan-CODE.pdf (default: this folder)",
    )
    p = keys.add(
        "restore",
        run_keys_restore,
        "keep the keys of a recovery sheet for this data folder (on a new PC)",
    )
    p.add_argument("file", help="the recovery sheet's PDF, or a text file with its code")
    p.add_argument("--json", action="store_true")


def run_keys_sheet(ctx: Context) -> int:
    from desktop.files import shown_name
    from desktop.services.recovery import new_recovery_sheet

    a = ctx.args
    pin = ctx.secret("SPO_SUPERVISOR_PIN", f"PIN {a.by}: ", f"PIN {a.by}: ", "supervisor_pin")
    path = new_recovery_sheet(ctx.counter, Path(a.to), supervisor_id=a.by, supervisor_pin=pin)
    sheet = shown_name(path)
    ctx.say(
        f"Lembar pemulihan kunci: {sheet}. Cetak, simpan di brankas cabang, lalu hapus berkasnya.",
        f"The keys' recovery sheet: {sheet}. Print it, keep it in the branch safe, then delete "
        "the file.",
    )
    return EXIT_OK


def run_keys_restore(ctx: Context) -> int:
    from desktop.paths import data_dir
    from desktop.services.recovery import restore_keys

    folder = data_dir(ctx.args.data_dir)
    restored = restore_keys(folder, Path(ctx.args.file))
    if ctx.args.json:
        ctx.emit(
            {
                "store_id": restored.store_id,
                "keys": list(restored.names),
                "store_opens": restored.store_opens,
            }
        )
        return EXIT_OK
    names = ", ".join(restored.names)
    if restored.store_opens:
        ctx.say(
            f"Kunci dipulihkan ({names}); data loket di {folder} terbuka dengan kunci ini.",
            f"Keys restored ({names}); the counter's data in {folder} open with them.",
        )
    else:
        ctx.say(
            f"Kunci dipulihkan ({names}). Belum ada data loket di {folder}: salin folder data "
            "atau cadangannya ke sana.",
            f"Keys restored ({names}). No counter data in {folder} yet: copy the data folder "
            "or its backup there.",
        )
    return EXIT_OK
