"""Files written whole (receipt PDFs, day reports, settings); file names as messages show them."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, fsync it, then rename it over `path`.

    The folder must exist. mkstemp makes the file readable by this user alone (the settings file
    holds the upload token).
    """
    folder = path.parent
    # Same folder: os.replace is an atomic rename only within one file system.
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    fsync_folder(folder)


def private_modes(folder: Path) -> tuple[int, int]:
    """(folder mode, file mode) for the data folder `folder`: this user's alone (0700, 0600);
    in a folder shared by a group of teller accounts (setgid, as the Linux install.sh makes
    /var/lib/spo-counter) the group's too, never others' (2770, 0660)."""
    try:
        shared = folder.stat().st_mode & stat.S_ISGID
    except OSError:
        shared = 0
    return (0o2770, 0o660) if shared else (0o700, 0o600)


def fsync_folder(folder: Path) -> None:
    # Makes the rename itself durable on POSIX; Windows cannot open a folder for this.
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def shown_name(name: str | Path) -> str:
    """A file name as a message may print it: as is, or escaped when it holds control (or other
    unprintable) characters, so a name cannot move the cursor, recolour or forge a terminal's
    lines (`'\\x1b[31mred.csv'`, `'a\\nb.csv'`)."""
    text = str(name)
    return text if text.isprintable() else repr(text)
