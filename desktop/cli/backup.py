"""`backup`, `restore FILE`, `recover`: a supervisor's backups and restores (PIN from
SPO_SUPERVISOR_PIN or a hidden prompt); and the automatic backup after a day close or an import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.cli.context import EXIT_OK, EXIT_REFUSED, Context
from desktop.files import shown_name

if TYPE_CHECKING:
    from desktop.cli.parser import Commands
    from desktop.services.backups import BackupKind, BackupOutcome
    from desktop.services.restore import TakenBack

PIN_VARIABLE = "SPO_SUPERVISOR_PIN"


def register(commands: Commands) -> None:
    p = commands.add(
        "backup",
        run_backup,
        f"back the store up now and check the copy (the supervisor's PIN from {PIN_VARIABLE})",
    )
    p.add_argument("--by", required=True, help="id of the supervisor who does it")
    p.add_argument("--to", help="write the backup into this folder instead of <data>/backups")
    p.add_argument("--json", action="store_true")

    p = commands.add(
        "restore",
        run_restore,
        "put a checked backup in place of the store (kept aside, never overwritten), then "
        f"take back from the upstream what came after it (PIN from {PIN_VARIABLE})",
    )
    p.add_argument("file", help="the backup file (counter-…Z-kind.sqlite)")
    p.add_argument("--by", required=True, help="id of the supervisor who does it")
    p.add_argument("--json", action="store_true")

    p = commands.add(
        "recover",
        run_recover,
        "after a restore, ask the upstream again for the counter's records since the backup",
    )
    p.add_argument("--by", required=True, help="id of the supervisor who does it")
    p.add_argument("--json", action="store_true")


def run_backup(ctx: Context) -> int:
    from desktop.services.backups import BackupNow, take_backup

    supervisor = ctx.login(ctx.args.by, PIN_VARIABLE)
    outcome = take_backup(ctx.counter, supervisor, BackupNow(to=ctx.args.to))
    if ctx.args.json:
        ctx.emit(_outcome_json(ctx, outcome))
    else:
        _say_backup(ctx, outcome)
    return EXIT_OK if outcome.ok else EXIT_REFUSED


def run_restore(ctx: Context) -> int:
    from desktop.clock import utc_now
    from desktop.paths import data_dir
    from desktop.services.restore import RestoreBackup, restore_backup

    pin = ctx.secret(PIN_VARIABLE, f"PIN {ctx.args.by}: ", f"PIN {ctx.args.by}: ", "supervisor_pin")
    outcome = restore_backup(
        data_dir(ctx.args.data_dir),
        RestoreBackup(ctx.args.file, ctx.args.by, pin),
        clock=ctx.clock or utc_now,
    )
    problem = outcome.recovery_problem
    if ctx.args.json:
        ctx.emit(
            {
                "restored_from": str(outcome.restored_from),
                "set_aside": [str(path) for path in outcome.set_aside],
                "transactions": outcome.check.transactions,
                "recovered": _taken_json(outcome.recovered),
                "recovery_pending": outcome.recovery_pending,
                "problem": problem.message(ctx.lang) if problem else None,
            }
        )
    else:
        name = shown_name(outcome.restored_from.name)
        ctx.say(
            f"Dipulihkan dari {name} ({outcome.check.transactions} transaksi).",
            f"Restored from {name} ({outcome.check.transactions} transactions).",
        )
        for path in outcome.set_aside:
            ctx.say(
                f"Data sebelumnya disimpan sebagai {shown_name(path)}.",
                f"The previous data is kept as {shown_name(path)}.",
            )
        if outcome.recovered is not None:
            _say_taken(ctx, outcome.recovered)
    if problem is not None:
        ctx.warn(
            problem.field,
            f"{problem.message_id} Transaksi baru menunggu: jalankan 'spo-counter recover'.",
            f"{problem.message_en} New transactions wait: run 'spo-counter recover'.",
        )
        return EXIT_REFUSED
    return EXIT_OK


def run_recover(ctx: Context) -> int:
    from desktop.services.restore import RecoverAfterRestore, recover_after_restore

    supervisor = ctx.login(ctx.args.by, PIN_VARIABLE)
    taken = recover_after_restore(ctx.counter, supervisor, RecoverAfterRestore())
    if ctx.args.json:
        ctx.emit(_taken_json(taken))
    else:
        _say_taken(ctx, taken)
    return EXIT_OK


def automatic_backup_after(ctx: Context, kind: BackupKind) -> None:
    """The automatic backup after a day close (daily) or an import (hourly, when due): a line
    for a person, a warning when it or its second copy failed; never the command's outcome."""
    from desktop.errors import DomainError
    from desktop.services.backups import automatic_backup

    try:
        outcome = automatic_backup(ctx.counter, kind)
    except DomainError as error:
        ctx.warn(error.field, error.message_id, error.message_en)
        return
    if outcome is None:
        return
    if not ctx.args.json:
        _say_backup(ctx, outcome)
    elif not outcome.ok or outcome.copy_problem is not None:
        _say_backup(ctx, outcome, stderr_only=True)


def _say_backup(ctx: Context, outcome: BackupOutcome, *, stderr_only: bool = False) -> None:
    name = shown_name(outcome.path)
    if outcome.ok and not stderr_only:
        ctx.say(
            f"Cadangan {name} dibuat dan diperiksa: utuh ({outcome.check.transactions} transaksi).",
            f"Backup {name} made and checked: intact ({outcome.check.transactions} transactions).",
        )
        if outcome.copied_to is not None:
            copied = shown_name(outcome.copied_to)
            ctx.say(f"Disalin ke {copied}.", f"Copied to {copied}.")
    elif not outcome.ok:
        detail = "; ".join(outcome.check.problems[:3])
        ctx.warn(
            "backup",
            f"cadangan {name} gagal diperiksa: {detail}",
            f"backup {name} failed its check: {detail}",
        )
    if outcome.copy_problem is not None:
        ctx.warn(
            outcome.copy_problem.field,
            outcome.copy_problem.message_id,
            outcome.copy_problem.message_en,
        )


def _say_taken(ctx: Context, taken: TakenBack) -> None:
    ctx.say(
        f"Diambil kembali dari server pusat: {taken.records} transaksi, {taken.events} peristiwa "
        f"audit. Nomor tanda terima berlanjut setelah nomor {taken.last_receipt_seq}.",
        f"Taken back from the upstream: {taken.records} transactions, {taken.events} audit "
        f"events. Receipt numbers go on after number {taken.last_receipt_seq}.",
    )


def _taken_json(taken: TakenBack | None) -> dict[str, int] | None:
    if taken is None:
        return None
    return {
        "records": taken.records,
        "events": taken.events,
        "last_receipt_seq": taken.last_receipt_seq,
    }


def _outcome_json(ctx: Context, outcome: BackupOutcome) -> dict[str, object]:
    problem = outcome.copy_problem
    return {
        "ok": outcome.ok,
        "file": str(outcome.path),
        "kind": "manual",
        "transactions": outcome.check.transactions,
        "last_receipt_seq": outcome.check.last_receipt_seq,
        "problems": list(outcome.check.problems),
        "copied_to": str(outcome.copied_to) if outcome.copied_to else None,
        "copy_problem": problem.message(ctx.lang) if problem else None,
        "removed": [str(path) for path in outcome.removed],
    }
