"""What every screen is handed by the composition root: the counter, the workers, the language,
and the one broadcast of what changed."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from desktop.services.opening import CounterPeek
from ui.operations import ChangeNotifier
from ui.tasks import TaskManager

if TYPE_CHECKING:
    from desktop.counter import Counter


class OpeningCounter:
    """A counter the database worker is still opening; the login window is shown meanwhile.

    Whoever needs the counter itself waits until it is open (or gets the error that stopped it):
    the worker runs jobs in order, so a job queued after the opening never waits.
    """

    def __init__(self, peek: CounterPeek) -> None:
        self.peek = peek
        self._done = threading.Event()
        self._counter: Counter | None = None
        self._error: BaseException | None = None

    def opened(self, counter: Counter) -> None:
        self._counter = counter
        self._done.set()

    def failed(self, error: BaseException) -> None:
        self._error = error
        self._done.set()

    def counter_if_open(self) -> Counter | None:
        return self._counter

    def wait(self) -> Counter:
        self._done.wait()
        if self._counter is None:
            raise RuntimeError("the counter could not be opened") from self._error
        return self._counter


@dataclass(frozen=True)
class Context:
    source: Counter | OpeningCounter
    tasks: TaskManager  # the database worker
    network: TaskManager  # the network worker: uploads
    lang: str = "id"
    printer: TaskManager | None = None  # the printer worker; None: the network worker's turn
    changes: ChangeNotifier = field(default_factory=ChangeNotifier)  # what each operation changed
    inquiries: TaskManager | None = None  # the inquiry worker; None: the network worker's turn

    @property
    def asking(self) -> TaskManager:
        """Where the upstream is asked who pays and what is due: never behind an upload (which
        may take minutes on a slow link), never on the database worker (a capture waits there)."""
        return self.inquiries or self.network

    @property
    def printing(self) -> TaskManager:
        """Where receipts are printed: never the database worker, which a print (seconds on a
        slow printer) would hold up."""
        return self.printer or self.network

    @property
    def counter(self) -> Counter:
        if isinstance(self.source, OpeningCounter):
            return self.source.wait()
        return self.source

    @property
    def counter_title(self) -> str:
        """`KC Jakarta Kota · Loket 01`: which branch and counter this window belongs to."""
        if isinstance(self.source, OpeningCounter):
            branch, number = self.source.peek.branch_name, self.source.peek.counter_no
        else:
            profile = self.source.profile
            branch, number = profile.branch_name, profile.counter_no
        return f"{branch} · Loket {number:02d}"
