"""`import registrations|contributions`: a Perisai agent's CSV file, row by row."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli.context import EXIT_OK, EXIT_REFUSED, Context

EXIT_INTERRUPTED = 130  # Ctrl+C, as a shell reports it

if TYPE_CHECKING:
    from desktop.cli.parser import Commands

KINDS = (
    ("registrations", "BPU registrations, one a row"),
    ("contributions", "cash BPU contributions for known participants, one a row"),
)


def register(commands: Commands) -> None:
    kinds = commands.group("import", "import a Perisai agent's CSV file", "what to import", "KIND")
    for what, text in KINDS:
        p = kinds.add(what, run_import, text)
        p.set_defaults(what=what)
        p.add_argument("file", help="CSV file (UTF-8, comma or semicolon separated)")
        p.add_argument("--teller", required=True, help="teller id (PIN from SPO_PIN)")
        p.add_argument("--json", action="store_true")


def run_import(ctx: Context) -> int:
    from desktop.services.imports import import_contributions, import_registrations

    a = ctx.args
    teller = ctx.login(a.teller)
    run = import_registrations if a.what == "registrations" else import_contributions
    result = run(ctx.counter, teller, Path(a.file), lang=ctx.lang)
    if a.json:
        ctx.emit(result.as_dict())
    else:
        for ok in result.accepted:
            ctx.say(
                f"baris {ok.row}: diterima, {ok.receipt_no}",
                f"row {ok.row}: accepted, {ok.receipt_no}",
            )
        for bad in result.rejected:
            ctx.say(
                f"baris {bad.row}: DITOLAK [{bad.field}] {bad.message}",
                f"row {bad.row}: REJECTED [{bad.field}] {bad.message}",
            )
        if result.upstream not in (None, "online"):
            # Already in the language asked for: the rows after it were checked offline.
            ctx.warn("upstream", str(result.upstream), str(result.upstream))
        accepted, rejected = len(result.accepted), len(result.rejected)
        ctx.say(
            f"{accepted} diterima, {rejected} ditolak.",
            f"{accepted} accepted, {rejected} rejected.",
        )
    stopped = result.stopped
    if stopped is not None:
        # On stderr too, with --json: whoever runs it sees why the file was not finished.
        ctx.warn(
            stopped.field,
            f"impor berhenti di baris {stopped.row}: {stopped.message} "
            f"{len(result.accepted)} baris sebelumnya diterima dan tersimpan.",
            f"the import stopped at row {stopped.row}: {stopped.message} "
            f"{len(result.accepted)} row(s) before it were accepted and saved.",
        )
        return EXIT_INTERRUPTED if stopped.field == "interrupted" else EXIT_REFUSED
    if result.accepted:
        from desktop.cli.backup import automatic_backup_after
        from desktop.services.backups import BackupKind

        automatic_backup_after(ctx, BackupKind.HOURLY)  # at least hourly while capturing
    return EXIT_REFUSED if result.rejected else EXIT_OK
