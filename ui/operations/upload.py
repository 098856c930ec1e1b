"""The upload, as `spo-counter sync` runs it: the records, then the closed days' confirmation,
then the upstream's reference data. For the network worker, never the database one."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from desktop.counter import Counter
from desktop.services.upload import (
    Link,
    RetryPolicy,
    SyncReport,
    Upload,
    UploadOutcome,
    upload,
)
from ui.operations import Changes, Op

if TYPE_CHECKING:
    from ui.context import Context


def upload_op(
    counter: Counter,
    command: Upload,
    link: Link,
    *,
    progress: Callable[[SyncReport], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    began: Callable[[], None] | None = None,
) -> Op[UploadOutcome]:
    """The window's upload (ui/upload/controller.py, which says what it changed itself);
    `progress`, `cancelled` and `began` are called on the network thread."""
    return Op(
        "upload",
        lambda: upload(counter, command, link, progress=progress, cancelled=cancelled, began=began),
    )


def closing_upload_op(ctx: Context, policy: RetryPolicy | None = None) -> Op[UploadOutcome]:
    """The upload the Day close page starts once the day is closed, and its Retry."""
    return Op(
        "close_day_upload",
        lambda: upload(ctx.counter, Upload(), Link(policy=policy)),
        changes=uploaded,
        notifier=ctx.changes,
    )


def uploaded(outcome: UploadOutcome) -> Changes:
    """What an upload changed: what the upstream answered, and the closed days it confirmed."""
    return Changes(upload=True, day=bool(outcome.days), confirmations=tuple(outcome.days))
