"""`import registrations|contributions`: a Perisai agent's CSV file, row by row."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli.context import EXIT_OK, EXIT_REFUSED, Context

EXIT_INTERRUPTED = 130  # Ctrl+C, as a shell reports it
PROGRESS_EVERY = 10_000  # rows between two progress lines (on stderr)

if TYPE_CHECKING:
    from collections.abc import Callable

    from desktop.cli.parser import Commands
    from desktop.services.imports import Progress

KINDS = (
    ("registrations", "BPU registrations, one a row"),
    ("contributions", "cash BPU contributions for known participants, one a row"),
)


def register(commands: Commands) -> None:
    kinds = commands.group("import", "import a Perisai agent's CSV file", "what to import", "KIND")
    for what, text in KINDS:
        p = kinds.add(what, run_import, text)
        p.set_defaults(what=what)
        p.add_argument(
            "file", help="CSV file (UTF-8, comma or semicolon separated) or Excel workbook (.xlsx)"
        )
        p.add_argument("--teller", required=True, help="teller id (PIN from SPO_PIN)")
        p.add_argument("--json", action="store_true")
        p.add_argument(
            "--check",
            action="store_true",
            help="every row's verdict, nothing written (no receipt, no upload)",
        )
        p.add_argument(
            "--progress-every",
            type=int,
            default=PROGRESS_EVERY,
            metavar="N",
            help=f"a progress line on stderr every N rows (default {PROGRESS_EVERY}; 0: none)",
        )


def run_import(ctx: Context) -> int:
    from desktop.services.imports import import_contributions, import_registrations

    a = ctx.args
    teller = ctx.login(a.teller)
    run = import_registrations if a.what == "registrations" else import_contributions
    result = run(
        ctx.counter,
        teller,
        Path(a.file),
        lang=ctx.lang,
        progress=None if a.check else _reporter(ctx),
        check=a.check,
    )
    if a.json:
        out = result.as_dict()
        if a.check:
            out["checked_only"] = True
        ctx.emit(out)
    else:
        for ok in result.accepted:
            if a.check:
                ctx.say(f"baris {ok.row}: dapat diterima", f"row {ok.row}: would be accepted")
            else:
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
        if a.check:
            ctx.say(
                f"{accepted} dapat diterima, {rejected} ditolak. Pemeriksaan saja: tidak ada "
                "yang disimpan.",
                f"{accepted} would be accepted, {rejected} rejected. A check only: nothing "
                "was saved.",
            )
        else:
            ctx.say(
                f"{accepted} diterima, {rejected} ditolak.",
                f"{accepted} accepted, {rejected} rejected.",
            )
    stopped = result.stopped
    if stopped is not None and a.check:
        ctx.warn(
            stopped.field,
            f"pemeriksaan berhenti di baris {stopped.row}: {stopped.message} Tidak ada yang "
            "disimpan.",
            f"the check stopped at row {stopped.row}: {stopped.message} Nothing was saved.",
        )
        return EXIT_INTERRUPTED if stopped.field == "interrupted" else EXIT_REFUSED
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
    if result.accepted and not a.check:
        from desktop.cli.backup import automatic_backup_after
        from desktop.services.backups import BackupKind

        automatic_backup_after(ctx, BackupKind.HOURLY)  # at least hourly while capturing
    return EXIT_REFUSED if result.rejected else EXIT_OK


def _reporter(ctx: Context) -> Callable[[Progress], None] | None:
    """Progress lines on stderr (stdout stays the verdicts, or the JSON): the row reached, the
    rows committed (durable whatever happens next), the rows refused, the rate so far."""
    every = ctx.args.progress_every
    if every <= 0:
        return None
    started = time.monotonic()
    shown = {"row": 1}

    def report(progress: Progress) -> None:
        if progress.row // every <= shown["row"] // every:
            return
        shown["row"] = progress.row
        elapsed = max(time.monotonic() - started, 1e-9)
        rate = (progress.row - 1) / elapsed
        line = ctx.text(
            f"baris {progress.row}: {progress.accepted} tersimpan, {progress.rejected} ditolak, "
            f"{rate:.0f} baris/detik",
            f"row {progress.row}: {progress.accepted} committed, {progress.rejected} rejected, "
            f"{rate:.0f} rows/s",
        )
        print(f"spo-counter: import: {line}", file=sys.stderr, flush=True)

    return report
