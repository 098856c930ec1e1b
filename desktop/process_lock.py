"""A lock one running program holds on a file, freed by the system when it ends however it ends
(a crash, kill -9, a power cut): which payout a live program is still working on.

POSIX `flock` and Windows `msvcrt.locking`, both taken without waiting. Two holders are refused
even within one program (each take opens the file anew).
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path


class HeldLock:
    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    def release(self, *, remove: bool = True) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        if remove:  # before unlocking: nobody takes a lock on a file about to go
            with contextlib.suppress(OSError):
                os.unlink(self.path)
        _unlock(fd)
        os.close(fd)


def try_hold(path: Path) -> HeldLock | None:
    """The lock on `path` (made if need be), or None while another holder has it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    if not _lock(fd):
        os.close(fd)
        return None
    return HeldLock(path, fd)


if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        with contextlib.suppress(OSError):
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
