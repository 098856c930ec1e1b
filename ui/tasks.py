"""Workers: calls run one at a time, in order, off the GUI thread; results return by signal.

Borrowed from Anki's `qt/aqt/taskman.py`. How the window's threads share the work
(docs/threading.md): the GUI thread only draws, and never touches the store. The composition
root starts four workers: "database" runs every service call of the screens, "network" the
uploads (seconds of waiting on the upstream, which must never hold up a capture), "inquiry" the
F3 form's look-ups of the upstream (never behind an upload), "printer" the receipts printed
(seconds on a slow printer). The network worker writes the upload's acknowledgements, the
inquiry worker the answers kept and the printer worker the print journal, so the database
worker is not the store's only user: what serialises them is the store's own lock
(desktop/store/store.py), held for each read or write scope, on its one connection. A call
that holds the GUI thread itself is the watchdog's (ui/watchdog.py); a slow call on the
database worker is logged here.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ParamSpec, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

T = TypeVar("T")
P = ParamSpec("P")
log = logging.getLogger(__name__)

SLOW_CALL_MS = 200


def _traced_like_python_threads(slot: Callable[P, None]) -> Callable[P, None]:
    """Run `slot` under the hook `threading.settrace` gives Python's own threads, if one is set.

    Each call Qt makes into Python on a QThread gets a fresh thread state, with no trace
    function: coverage (the tests measure it) would not see the workers' code at all
    (https://github.com/coveragepy/coveragepy/issues/686). The hook is installed for that
    call, so `slot`'s own frame is traced. Without a hook (the app as shipped) this costs
    one check per job.
    """

    def adopting(*args: P.args, **kwargs: P.kwargs) -> None:  # pragma: no cover - runs untraced
        hook = threading.gettrace()
        if hook is not None and sys.gettrace() is None:
            sys.settrace(hook)
        slot(*args, **kwargs)

    adopting.__name__ = slot.__name__
    adopting.__qualname__ = slot.__qualname__
    return adopting


@dataclass(frozen=True)
class _Job:
    id: int
    label: str
    call: Callable[[], object]


class _Worker(QObject):
    """Lives on the worker thread; runs each job it is sent and reports back."""

    finished = Signal(int, object, object)  # job id, result, exception (one of the two is None)

    def __init__(self, log_slow: bool) -> None:
        super().__init__()
        self.log_slow = log_slow

    @Slot(object)
    @_traced_like_python_threads
    def execute(self, job: _Job) -> None:
        started = time.perf_counter()
        result: object = None
        error: BaseException | None = None
        try:
            result = job.call()
        except BaseException as exc:  # every failure goes back to the caller, none kills the thread
            error = exc
        elapsed_ms = (time.perf_counter() - started) * 1000
        if self.log_slow and elapsed_ms > SLOW_CALL_MS:
            log.warning("slow core call %s: %.0f ms", job.label, elapsed_ms)
        self.finished.emit(job.id, result, error)

    @Slot()
    @_traced_like_python_threads
    def stop(self) -> None:
        # Queued after every job already sent, so those all run before the thread ends. Back on
        # the GUI thread, the worker can be deleted there once its own thread has gone.
        app = QCoreApplication.instance()
        if app is not None:
            self.moveToThread(app.thread())
        QThread.currentThread().quit()


class TaskManager(QObject):
    """Runs calls one at a time on its own thread; built by the composition root.

    The app has four: "database" (every service call of the screens), "network" (uploads),
    "inquiry" (the F3 form's look-ups of the upstream) and "printer" (receipts printed).
    Network, inquiry and printer calls are slow by nature, so those workers pass
    `log_slow=False`.
    """

    _submit = Signal(object)
    _stop = Signal()

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        name: str = "database",
        log_slow: bool = True,
    ) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName(name)
        self._worker = _Worker(log_slow)
        self._worker.moveToThread(self._thread)
        self._submit.connect(self._worker.execute)
        self._stop.connect(self._worker.stop)
        self._worker.finished.connect(self._finished)
        self._callbacks: dict[
            int, tuple[Callable[[Any], None], Callable[[BaseException], None] | None]
        ] = {}
        self._next_id = 0
        self._closed = False
        self._thread.start()

    def run(
        self,
        fn: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None] | None = None,
        *,
        label: str | None = None,
    ) -> None:
        """Run `fn` on the worker; `on_done(result)` or `on_error(exc)` follows on the GUI thread.

        Without `on_error` an exception is logged with its traceback and dropped.
        """
        if self._closed:
            raise RuntimeError("the task manager is closed")
        self._next_id += 1
        self._callbacks[self._next_id] = (on_done, on_error)
        name = label or str(getattr(fn, "__qualname__", repr(fn)))
        self._submit.emit(_Job(self._next_id, name, fn))

    @property
    def busy(self) -> bool:
        """True while some job's result has not come back yet."""
        return bool(self._callbacks)

    def close(self) -> None:
        """Finish the jobs already sent, stop the thread and wait for it (at exit)."""
        if self._closed:
            return
        self._closed = True
        self._stop.emit()
        self._thread.wait()
        self._callbacks.clear()

    @Slot(int, object, object)
    def _finished(self, job_id: int, result: object, error: BaseException | None) -> None:
        callbacks = self._callbacks.pop(job_id, None)
        if callbacks is None:
            return
        on_done, on_error = callbacks
        if error is None:
            on_done(result)
        elif on_error is not None:
            on_error(error)
        else:
            log.error("core call failed", exc_info=error)
