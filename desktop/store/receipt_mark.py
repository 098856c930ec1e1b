"""The receipt high-water mark kept outside the database, so a lost write-ahead log is seen.

`receipt-mark` in the data folder holds, for the counter's code:
- `reserved`: no receipt number above it was ever handed out. Numbers are reserved in blocks of
  BLOCK, the file fsync'd before the first number of a block is used (a database sequence
  cache): one fsync per BLOCK captures, not one per capture.
- `floor`: the last number committed when that block was reserved (fsync'd with it).
- `used`: the last number committed, written just before each commit, under the write lock,
  without an fsync (the operating system keeps it even if the process dies).

The database lost committed records when its last number is below `used` or `floor`: a WAL
deleted, quarantined or left behind by a copy, a restore of an older file. Numbers up to
`reserved` may have been printed, so numbering goes on after it and the gap is recorded in the
audit chain (desktop/services/receipt_gaps.py); docs/store.md has the rule.

The file has two slots of SLOT bytes, written in turn, each with its generation and a CRC:
a write torn by a power cut leaves the other slot whole.
"""

from __future__ import annotations

import os
import threading
import zlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

MARK_FILENAME = "receipt-mark"
BLOCK = 100
SLOT = 512
_MAGIC = "spo-receipt-mark 1"
# Where a Store puts its mark in its connection's info: the capture path reserves through it.
MARK_INFO = "spo_receipt_mark"
# Set in a connection's info by the capture path: the counter whose sequence moved.
TAKEN_INFO = "spo_receipt_taken"


@dataclass(frozen=True)
class MarkState:
    counter_code: str
    generation: int
    floor: int
    reserved: int
    used: int

    @property
    def handed_out(self) -> int:
        """The last number known to have been committed."""
        return max(self.floor, self.used)


@dataclass(frozen=True)
class ReceiptLoss:
    """The database's last number is below what the mark says was committed."""

    counter_code: str
    last_in_database: int
    last_committed: int  # known committed (the mark)
    reserved: int  # numbering goes on after this


class ReceiptsLostError(Exception):
    """Raised by the capture path instead of handing out a number that was handed out before."""

    def __init__(self, loss: ReceiptLoss) -> None:
        super().__init__(
            f"receipt numbers up to {loss.last_committed} were committed, the database ends at "
            f"{loss.last_in_database}"
        )
        self.loss = loss


def _encode(state: MarkState) -> bytes:
    body = (
        f"{_MAGIC} {state.counter_code} {state.generation} {state.floor} {state.reserved} "
        f"{state.used}"
    )
    line = f"{body} {zlib.crc32(body.encode()):08x}\n".encode()
    return line.ljust(SLOT, b" ")


def _decode(raw: bytes) -> MarkState | None:
    line = raw.split(b"\n", 1)[0].decode("utf-8", "replace")
    body, _, crc = line.rpartition(" ")
    if not body.startswith(_MAGIC + " ") or crc != f"{zlib.crc32(body.encode()):08x}":
        return None
    fields = body[len(_MAGIC) + 1 :].split(" ")
    if len(fields) != 5:
        return None
    code, *numbers = fields
    try:
        generation, floor, reserved, used = (int(n) for n in numbers)
    except ValueError:
        return None
    return MarkState(code, generation, floor, reserved, used)


class ReceiptMark:
    """The mark file of one data folder; every read goes to the file (another process may have
    moved it on), every write happens under the store's write lock."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file: BinaryIO | None = None
        # One file position shared by the window's workers: each seek and its read or write
        # go together.
        self._lock = threading.Lock()
        # The state `reserve` read or wrote in the write transaction under way: `note_used`
        # before its commit starts from it instead of reading the file again (no other process
        # writes the mark while this one holds the write lock).
        self._current: MarkState | None = None

    def _handle(self, create: bool) -> BinaryIO | None:
        if self._file is None:
            flags = os.O_RDWR | getattr(os, "O_BINARY", 0) | (os.O_CREAT if create else 0)
            try:
                fd = os.open(self.path, flags, 0o600)
            except FileNotFoundError:
                return None
            self._file = os.fdopen(fd, "r+b", buffering=0)
        return self._file

    def read(self, counter_code: str) -> MarkState | None:
        """The newest whole slot for this counter; None if there is none (no mark yet, another
        counter's, or both slots unreadable)."""
        with self._lock:
            handle = self._handle(create=False)
            if handle is None:
                return None
            handle.seek(0)
            raw = handle.read(2 * SLOT)
        states = [s for s in (_decode(raw[:SLOT]), _decode(raw[SLOT:])) if s is not None]
        states = [s for s in states if s.counter_code == counter_code]
        return max(states, key=lambda s: s.generation, default=None)

    def _write(self, state: MarkState, *, durable: bool) -> None:
        with self._lock:
            handle = self._handle(create=True)
            if handle is None:  # pragma: no cover - create=True always opens or raises
                raise OSError(f"cannot open {self.path}")
            handle.seek((state.generation % 2) * SLOT)
            handle.write(_encode(state))
            if durable:
                os.fsync(handle.fileno())

    def loss(self, counter_code: str, last_in_database: int) -> ReceiptLoss | None:
        """What the database lost, judged by the mark; None when it lost nothing (or there is
        no mark to judge by)."""
        state = self.read(counter_code)
        if state is None or last_in_database >= state.handed_out:
            return None
        return ReceiptLoss(counter_code, last_in_database, state.handed_out, state.reserved)

    def reserve(self, counter_code: str, seq: int) -> None:
        """Before `seq` is used: refuse it if it was handed out before (ReceiptsLostError), and
        reserve the next block, fsync'd, when it lies beyond the reserved one."""
        self._current = None
        state = self.read(counter_code)
        if state is not None and seq - 1 < state.handed_out:
            raise ReceiptsLostError(
                ReceiptLoss(counter_code, seq - 1, state.handed_out, state.reserved)
            )
        if state is None or seq > state.reserved:
            generation = state.generation + 1 if state is not None else 1
            used = state.used if state is not None else seq - 1
            state = MarkState(counter_code, generation, seq - 1, seq + BLOCK - 1, used)
            self._write(state, durable=True)
        self._current = state

    def note_used(self, counter_code: str, last_seq: int) -> int | None:
        """The last number committed (called just before the commit, under the write lock);
        returns the number noted before, to put back should the commit fail."""
        state, self._current = self._current, None
        if state is None or state.counter_code != counter_code:
            state = self.read(counter_code)
        if state is None:
            return None  # nothing reserved yet: the first capture's reservation starts the mark
        if state.used != last_seq:
            self._write(
                replace(state, generation=state.generation + 1, used=last_seq), durable=False
            )
        return state.used

    def settle(self, counter_code: str, resume_after: int) -> None:
        """The numbers up to `resume_after` are written off (a recorded gap): fsync'd, so the
        next start does not find the same loss again."""
        state = self.read(counter_code)
        generation = state.generation + 1 if state is not None else 1
        self._write(
            MarkState(counter_code, generation, resume_after, resume_after, resume_after),
            durable=True,
        )

    def close(self) -> None:
        with self._lock:
            if self._file is not None:
                self._file.close()
                self._file = None
