"""The window's automatic backups: after a day close, and at least hourly while capturing.

Every few minutes (and at once after anything changed the business day) the database worker is
asked whether a backup is due (desktop/services/backups.py `due_backup`); the hourly one waits
until nothing was captured for `quiet` seconds, so a teller between customers is when the store's
pages are copied, and no capture waits behind the copy in the middle of a customer. The copy's
check, rotation and second copy run on the network worker: they read only the backup.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Final

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from desktop.errors import DomainError
from desktop.services.backups import BackupOutcome
from ui.context import Context
from ui.operations import Changes
from ui.operations.backup import keep_backup_op, write_due_backup_op

ASK_EVERY_MS: Final = 5 * 60_000
QUIET: Final = timedelta(seconds=30)


class BackupTimer(QObject):
    """Emits `kept(BackupOutcome)` after each automatic backup, `problem(str)` when one failed
    (its check, the second folder, the disk): the window says it in its status bar."""

    kept = Signal(object)
    problem = Signal(str)

    def __init__(
        self,
        ctx: Context,
        window: QWidget,
        *,
        every_ms: int = ASK_EVERY_MS,
        quiet: timedelta = QUIET,
    ) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self.quiet = quiet
        self.running = False
        self.timer = QTimer(self)
        self.timer.setInterval(every_ms)
        self.timer.timeout.connect(self.ask)
        ctx.changes.changed.connect(self._changed)

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def _changed(self, changes: Changes, _initiator: object) -> None:
        if changes.day and self.timer.isActive():
            self.ask()  # a day close: its daily backup now

    def ask(self) -> None:
        """Write the backup that is due, if any (one at a time)."""
        if self.running:
            return
        self.running = True
        write_due_backup_op(self.ctx.counter, self.quiet).success(self._written).failure(
            self._failed
        ).run(self.ctx.tasks, self.window)

    def _written(self, path: Path | None) -> None:
        if path is None:
            self.running = False
            return
        keep_backup_op(self.ctx, path).success(self._kept).failure(self._failed).run(
            self.ctx.network, self.window
        )

    def _kept(self, outcome: BackupOutcome) -> None:
        self.running = False
        self.kept.emit(outcome)
        if not outcome.ok:
            self.problem.emit(
                self.tr("Cadangan {0} gagal diperiksa: {1}").format(
                    outcome.path.name, "; ".join(outcome.check.problems[:2])
                )
            )
        elif outcome.copy_problem is not None:
            self.problem.emit(outcome.copy_problem.message(self.ctx.lang))

    def _failed(self, error: DomainError) -> None:
        self.running = False
        self.problem.emit(error.message(self.ctx.lang))
