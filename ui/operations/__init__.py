"""One-line UI actions: a core call on a worker, then success, failure or a bug report, then
what changed told to every screen.

Borrowed from Anki's `qt/aqt/operations`: a screen writes
`void_op(ctx, user, cmd).success(...).failure(...).run(ctx.tasks, self)` and never touches a
thread. Every factory lives in this package, one module per feature, each one line over ONE
service function (the same one the `spo-counter` command calls). A DomainError is expected
trouble and goes to the failure handler (shown next to the field it names); any other exception
is a bug and opens the report dialog. The core's write scopes roll back on any exception, so
nothing is half-written either way.

What changed comes back as one value, `Changes` (Anki's OpChanges): an operation that changes
the store declares it, its factory takes the Context, and once the screen's own success handler
has run, `ctx.changes` (the one `ChangeNotifier`) broadcasts it with the screen that ran it.
Each screen decides from it whether to read again; no screen is wired to another. A factory
that only reads takes the counter and tells nobody.

The services are imported when a call runs, on the worker, or by the feature's module: the login
window shows before the store's modules have loaded (see ui/app.py), so this module and
`ui.operations.auth` import none.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from desktop.errors import DomainError, StoreError
from ui.errors import show_bug_report, show_problem
from ui.store_failure import show_store_failure
from ui.tasks import TaskManager

if TYPE_CHECKING:
    from desktop.services.capture import Captured
    from desktop.services.upload import DayConfirmation

T = TypeVar("T")


@dataclass(frozen=True)
class Changes:
    """What an operation changed; each screen reads again only what it shows of it."""

    transactions: bool = False  # a capture or a void: the journal, the figures, the backlog
    day: bool = False  # the business day: opened, counted, closed, reopened, confirmed
    upload: bool = False  # the upstream answered: records sent or quarantined, days confirmed
    receipts: bool = False  # the print journal: a receipt issued, printed or saved
    settings: bool = False  # paper, printer, upload address, language
    users: bool = False  # a user added, their PIN reset, unlocked or deactivated
    backups: bool = False  # a backup written and checked
    captured: Captured | None = None  # the transaction just stored: its receipt comes next
    confirmations: tuple[DayConfirmation, ...] = ()  # closed days the upstream answered for

    @classmethod
    def capture(cls, captured: Captured) -> Changes:
        """A transaction stored (a registration, payment, claim handover or void)."""
        return cls(transactions=True, day=captured.day_opened_automatically, captured=captured)

    def __bool__(self) -> bool:
        return any(getattr(self, field.name) for field in fields(self))


class ChangeNotifier(QObject):
    """The one broadcast of what changed: `changed(Changes, initiator)` after an operation, the
    initiator being the screen that ran it (it has handled its own outcome already). Built by
    the composition root, handed to every screen in the Context."""

    changed = Signal(object, object)

    def notify(self, changes: Changes, initiator: object = None) -> None:
        if changes:
            self.changed.emit(changes, initiator)


class Op(Generic[T]):
    """A core call and what the screen does with its outcome."""

    def __init__(
        self,
        label: str,
        call: Callable[[], T],
        *,
        changes: Changes | Callable[[T], Changes] | None = None,
        notifier: ChangeNotifier | None = None,
    ) -> None:
        self.label = label
        self._call = call
        self._changes = changes
        self._notifier = notifier
        self._on_success: Callable[[T], None] = lambda _result: None
        self._on_failure: Callable[[DomainError], None] | None = None

    @property
    def call(self) -> Callable[[], T]:
        """The core call itself, for a controller that reports its outcome its own way."""
        return self._call

    def success(self, fn: Callable[[T], None]) -> Op[T]:
        self._on_success = fn
        return self

    def failure(self, fn: Callable[[DomainError], None]) -> Op[T]:
        self._on_failure = fn
        return self

    def run(self, tasks: TaskManager, parent: QWidget) -> None:
        """Start the call; the handlers run on the GUI thread, unless `parent` is gone by then."""

        def done(result: T) -> None:
            if shiboken6.isValid(parent):
                self._guarded(parent, lambda: self._on_success(result))
            self._tell(result, parent)  # stored even when the screen has gone meanwhile

        def failed(error: BaseException) -> None:
            if not shiboken6.isValid(parent):
                return
            if isinstance(error, StoreError):
                # The file failed: its dialog (with the backup offered), and the screen's own
                # handler still runs, so the form is ready again (not left busy).
                show_store_failure(parent, error)
            if not isinstance(error, DomainError):
                show_bug_report(parent, error)
            elif self._on_failure is not None:
                on_failure = self._on_failure
                self._guarded(parent, lambda: on_failure(error))
            else:
                show_problem(parent, error.message())

        tasks.run(self._call, done, failed, label=self.label)

    def _tell(self, result: T, initiator: QWidget) -> None:
        notifier, changes = self._notifier, self._changes
        if notifier is None or changes is None or not shiboken6.isValid(notifier):
            return
        notifier.notify(changes(result) if callable(changes) else changes, initiator)

    @staticmethod
    def _guarded(parent: QWidget, handler: Callable[[], None]) -> None:
        try:
            handler()
        except Exception as error:  # a bug in a screen's handler is still a bug to report
            show_bug_report(parent, error)
