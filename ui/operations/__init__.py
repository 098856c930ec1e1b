"""One-line UI actions: a core call on a worker, then success, failure or a bug report.

Borrowed from Anki's `qt/aqt/operations`: a screen writes
`login_op(ctx, uid, pin).success(...).failure(...).run(ctx.tasks, self)` and never touches a
thread. Every factory lives in this package, one module per feature, each one line over ONE
service function (the same one the `spo-counter` command calls). A DomainError is expected
trouble and goes to the failure handler (shown next to the field it names); any other exception
is a bug and opens the report dialog. The core's write scopes roll back on any exception, so
nothing is half-written either way.

The services are imported when a call runs, on the worker, or by the feature's module: the login
window shows before the store's modules have loaded (see ui/app.py), so this module and
`ui.operations.auth` import none.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

import shiboken6
from PySide6.QtWidgets import QWidget

from desktop.errors import DomainError
from ui.errors import show_bug_report, show_problem
from ui.tasks import TaskManager

T = TypeVar("T")


class Op(Generic[T]):
    """A core call and what the screen does with its outcome."""

    def __init__(self, label: str, call: Callable[[], T]) -> None:
        self.label = label
        self._call = call
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
