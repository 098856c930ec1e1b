"""Where a counter keeps its data: --data-dir, else SPO_DATA_DIR, else the user data directory."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "spo-counter"
DB_FILENAME = "counter.sqlite"
# Written by a restore, removed once the upstream was asked for what came after the backup:
# while it is there, no capture takes a receipt number (desktop/services/restore.py).
RESTORE_MARKER = "restore-pending.json"


def data_dir(explicit: Path | str | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get("SPO_DATA_DIR")
    if from_env:
        return Path(from_env).expanduser()
    return Path(user_data_dir(APP_NAME, appauthor=False))
