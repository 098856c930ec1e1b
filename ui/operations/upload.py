"""The upload, as `spo-counter sync` runs it: the records, then the closed days' confirmation,
then the upstream's reference data. For the network worker, never the database one."""

from __future__ import annotations

from collections.abc import Callable

from desktop.counter import Counter
from desktop.services.upload import Link, SyncReport, Upload, UploadOutcome, upload
from ui.operations import Op


def upload_op(
    counter: Counter,
    command: Upload,
    link: Link,
    *,
    label: str = "upload",
    progress: Callable[[SyncReport], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    began: Callable[[], None] | None = None,
) -> Op[UploadOutcome]:
    """`progress`, `cancelled` and `began` are called on the network thread."""
    return Op(
        label,
        lambda: upload(counter, command, link, progress=progress, cancelled=cancelled, began=began),
    )
