"""The reference data set in force: the newest pulled one already in force, else the shipped one.

Sets pulled from the upstream live in ``<data dir>/reference/<version>/`` with the date they take
effect (desktop/sync/reference_pull.py writes them).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop.reference import ReferenceData, load_reference

EFFECTIVE_FILE = "effective_from.txt"


def reference_dir(data_dir: Path) -> Path:
    return data_dir / "reference"


def reference_in_force(data_dir: Path, on: date) -> ReferenceData:
    """The newest pulled set in force on `on`, else the shipped one."""
    best: tuple[date, Path] | None = None
    folder = reference_dir(data_dir)
    if folder.is_dir():
        for candidate in folder.iterdir():
            marker = candidate / EFFECTIVE_FILE
            if candidate.name.startswith(".") or not marker.is_file():
                continue
            try:
                effective = date.fromisoformat(marker.read_text(encoding="ascii").strip())
            except ValueError:
                continue
            if effective <= on and (best is None or effective > best[0]):
                best = (effective, candidate)
    if best is None:
        return load_reference()
    return load_reference(best[1])
