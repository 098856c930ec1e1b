"""The GUI-thread watchdog: a call that holds the GUI thread longer than 100 ms is logged.

A freeze is felt on the GUI thread, so that is where the guard is (as Anki's slow-call warning
watches its main thread). A timer on the GUI thread beats every 50 ms; a plain Python thread
watches the beats. When a beat is more than 100 ms late, the watcher takes the GUI thread's
Python stack there and then (what is holding it), and once the beats come back it logs one
WARNING for the stall: how long the GUI thread was held, how much of that time it spent on the
CPU (little: it waited, for a lock, the GIL, the disk, or a busy machine), and that stack. The
composition root
(ui/app.py) runs it from the event loop's start until quit; the UI tests run it too
(tests/ui/conftest.py) and list the stalls at the end of the run.

A hold is measured by the beat that comes late, so holds of 100-150 ms are caught when they
start late in a beat's interval, every hold over 150 ms always. The cost is a timer event on
the GUI thread every 50 ms and a thread that wakes every 25 ms.
"""

from __future__ import annotations

import faulthandler
import logging
import tempfile
import threading
import time
from collections.abc import Callable
from typing import IO

from PySide6.QtCore import QObject, Qt, QTimer

log = logging.getLogger(__name__)

LIMIT_MS = 100  # a hold longer than this is felt as a freeze
BEAT_MS = 50

# Milliseconds held, of which on the GUI thread's CPU, the stack (most recent call first).
Report = Callable[[int, int, list[str]], None]


class _Pulse:
    """What the two threads share: numbers and events, never a Qt object (the watcher must not
    be the one to release a Qt wrapper)."""

    def __init__(self) -> None:
        self.last = time.monotonic()
        self.cpu = time.thread_time()  # the GUI thread's own CPU time, at the last beat
        self.beats = 0
        self.stopped = threading.Event()
        self.stalled = threading.Event()  # set while a stall is under way, once it is seen


class _Heart(QObject):
    """On the GUI thread: beats while the event loop runs."""

    def __init__(self, pulse: _Pulse, beat_ms: int) -> None:
        super().__init__()
        self._pulse = pulse
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(beat_ms)
        self._timer.timeout.connect(self._beat)
        self._timer.start()

    def _beat(self) -> None:
        self._pulse.cpu = time.thread_time()  # before `last`: the watcher reads them after it
        self._pulse.last = time.monotonic()
        self._pulse.beats += 1

    def stop(self) -> None:
        self._timer.stop()


class GuiWatchdog:
    """`start()` and `stop()` on the GUI thread; `stall_seen` is set while a stall is under way
    (a test holds the GUI thread until the watcher has seen it)."""

    def __init__(
        self,
        *,
        limit_ms: int = LIMIT_MS,
        beat_ms: int = BEAT_MS,
        report: Report | None = None,
    ) -> None:
        self.limit_ms = limit_ms
        self.beat_ms = beat_ms
        self._report = report or log_stall
        self._pulse = _Pulse()
        self._heart: _Heart | None = None
        self._watcher: threading.Thread | None = None

    @property
    def stall_seen(self) -> threading.Event:
        return self._pulse.stalled

    @property
    def beats(self) -> int:
        """Heartbeats so far: the event loop has run this many times 50 ms apart, or so."""
        return self._pulse.beats

    @property
    def running(self) -> bool:
        return self._watcher is not None

    def start(self) -> None:
        if self._watcher is not None:
            return
        pulse = self._pulse = _Pulse()
        self._heart = _Heart(pulse, self.beat_ms)
        self._watcher = threading.Thread(
            target=_watch,
            args=(pulse, self.limit_ms, self.beat_ms, threading.get_ident(), self._report),
            name="gui-watchdog",
            daemon=True,  # never what keeps a closing app alive
        )
        self._watcher.start()

    def stop(self) -> None:
        """Stop watching; a stall under way is reported first (say, a shutdown that waits)."""
        watcher, heart = self._watcher, self._heart
        if watcher is None:
            return
        self._watcher = self._heart = None
        self._pulse.cpu = time.thread_time()  # where a stall under way ends
        self._pulse.stopped.set()
        watcher.join()
        if heart is not None:
            heart.stop()


def log_stall(held_ms: int, cpu_ms: int, stack: list[str]) -> None:
    log.warning(
        "the GUI thread was held for %d ms, %d ms of it on the CPU (over %d ms is felt as a "
        "freeze); it was in, most recent call first:\n%s",
        held_ms,
        cpu_ms,
        LIMIT_MS,
        "\n".join(stack) or "  (no Python code: Qt itself)",
        extra={"stall_ms": held_ms, "stall_cpu_ms": cpu_ms, "stall_stack": stack},
    )


def _watch(pulse: _Pulse, limit_ms: int, beat_ms: int, gui: int, report: Report) -> None:
    """The watcher's loop, on its own thread, until `pulse.stopped`."""
    poll = beat_ms / 2000
    due = beat_ms / 1000
    limit = limit_ms / 1000
    with tempfile.TemporaryFile("w+", encoding="utf-8") as dump:
        while not pulse.stopped.wait(poll):
            last, cpu = pulse.last, pulse.cpu
            if time.monotonic() - last - due <= limit:
                continue
            stack = gui_stack(gui, dump)  # now, while it holds
            pulse.stalled.set()
            while pulse.last == last and not pulse.stopped.wait(poll):
                pass
            pulse.stalled.clear()
            ended = pulse.last if pulse.last != last else time.monotonic()
            held = max(ended - last - due, 0)
            report(round(held * 1000), round(min(pulse.cpu - cpu, held) * 1000), stack)


def gui_stack(gui: int, dump: IO[str]) -> list[str]:
    """The GUI thread's Python stack as `File "...", line N in function` lines.

    faulthandler writes it from C: sys._current_frames() would hand this thread references to
    the GUI thread's frames, and a frame that finished meanwhile would then free its locals
    (Qt wrappers among them) here, off the GUI thread.
    """
    dump.seek(0)
    dump.truncate()
    faulthandler.dump_traceback(dump, all_threads=True)
    dump.seek(0)
    lines: list[str] = []
    mine = False
    for line in dump.read().splitlines():
        if line.startswith(("Thread 0x", "Current thread 0x")):
            ident = line.split("0x", 1)[1].split(" ", 1)[0]
            mine = int(ident, 16) == gui
        elif mine and line.startswith("  "):
            lines.append(line)
    return lines
