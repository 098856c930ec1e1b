"""One-line UI actions: a core call on the database worker, then success, failure or a bug report.

Borrowed from Anki's `qt/aqt/operations`: a screen writes
`login_op(ctx, uid, pin).success(...).failure(...).run(tasks, self)` and never touches a
thread. A DomainError is expected trouble and goes to the failure handler (shown next to the field
it names); any other exception is a bug and opens the report dialog. The core's write scopes roll
back on any exception, so nothing is half-written either way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

import shiboken6
from PySide6.QtWidgets import QWidget

from desktop.errors import DomainError
from ui.errors import show_bug_report, show_problem
from ui.tasks import TaskManager

if TYPE_CHECKING:
    from desktop.counter import Counter
    from desktop.services.auth import User
    from desktop.services.capture import Captured
    from desktop.services.registration import RegisterParticipant
    from desktop.services.status import CounterStatus
    from ui.context import Context

T = TypeVar("T")


class Op(Generic[T]):
    """A core call and what the screen does with its outcome."""

    def __init__(self, label: str, call: Callable[[], T]) -> None:
        self.label = label
        self._call = call
        self._on_success: Callable[[T], None] = lambda _result: None
        self._on_failure: Callable[[DomainError], None] | None = None

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

        def failed(error: BaseException) -> None:
            if not shiboken6.isValid(parent):
                return
            if not isinstance(error, DomainError):
                show_bug_report(parent, error)
            elif self._on_failure is not None:
                on_failure = self._on_failure
                self._guarded(parent, lambda: on_failure(error))
            else:
                show_problem(parent, error.message())

        tasks.run(self._call, done, failed, label=self.label)

    @staticmethod
    def _guarded(parent: QWidget, handler: Callable[[], None]) -> None:
        try:
            handler()
        except Exception as error:  # a bug in a screen's handler is still a bug to report
            show_bug_report(parent, error)


# The services are imported when a call runs, on the worker: the login window shows before the
# store's modules have loaded (see ui/app.py).


def login_op(ctx: Context, user_id: str, pin: str) -> Op[User]:
    def call() -> User:
        from desktop.services.auth import login

        return login(ctx.counter, user_id, pin)  # on the worker: the counter is open by now

    return Op("login", call)


def status_op(counter: Counter) -> Op[CounterStatus]:
    from desktop.services.status import counter_status

    return Op("counter_status", lambda: counter_status(counter))


def registration_op(counter: Counter, actor: User, cmd: RegisterParticipant) -> Op[Captured]:
    from desktop.services.registration import register_participant

    return Op("register_participant", lambda: register_participant(counter, actor, cmd))
