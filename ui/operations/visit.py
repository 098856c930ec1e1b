"""Shift+F3: a Perisai agent's collective visit: the file opened, its rows checked, the batch
captured, its receipts rendered as one PDF."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.counter import Counter
from desktop.services.auth import User
from desktop.services.imports import Progress
from desktop.services.visit import (
    CaptureVisit,
    RenderedVisit,
    VisitCheck,
    VisitResult,
    VisitRow,
    capture_visit,
    check_visit,
    open_visit,
    visit_receipts,
)
from ui.operations import Changes, Op

if TYPE_CHECKING:
    from ui.context import Context

CAPTURED = Changes(transactions=True, day=True)


def open_visit_op(path: Path) -> Op[tuple[VisitRow, ...]]:
    return Op("open_visit", lambda: open_visit(path))


def check_visit_op(
    counter: Counter, actor: User, rows: Sequence[VisitRow], lang: str
) -> Op[VisitCheck]:
    """Reads only (the rows are paid in a scope rolled back): tells nobody."""
    kept = tuple(rows)
    return Op("check_visit", lambda: check_visit(counter, actor, kept, lang=lang))


def capture_visit_op(
    ctx: Context, actor: User, cmd: CaptureVisit, progress: Callable[[Progress], None]
) -> Op[VisitResult]:
    """`progress` is called on the worker after each group commit."""
    return Op(
        "capture_visit",
        lambda: capture_visit(ctx.counter, actor, cmd, lang=ctx.lang, progress=progress),
        changes=CAPTURED,
        notifier=ctx.changes,
    )


def visit_receipts_op(ctx: Context, actor: User, result: VisitResult) -> Op[RenderedVisit]:
    return Op(
        "visit_receipts",
        lambda: visit_receipts(ctx.counter, actor, result),
        changes=Changes(receipts=True),
        notifier=ctx.changes,
    )
