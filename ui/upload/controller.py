"""Uploading in the background: on the network worker, with progress, cancel and timed retries.

The upload (`desktop.services.upload.upload`, as `spo-counter sync` runs it) goes on the network
worker, never on the GUI thread nor the database worker, so a slow or unreachable upstream never
holds up a capture. Its progress
comes back to the GUI thread by a queued signal; a cancel is a flag the upload reads before each
batch (and that cuts a backoff wait short). While the app is open a timer starts an upload every
few minutes when records are pending, so a failed upload is tried again on the next tick.

Once the records are all answered, the same upload confirms the closed days the upstream has not
confirmed yet (the closing upload), then takes the upstream's reference data: `days_confirmed`
tells how each day went, before `finished`. A timed upload also runs when only such a day waits;
a day the upstream answered with something a retry cannot mend (different data, a refused
record) is tried again only when the teller asks.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import replace

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal, Slot

from desktop.counter import Counter
from desktop.errors import DomainError
from desktop.services.upload import (
    DayConfirmation,
    Link,
    RetryPolicy,
    SyncReport,
    Transport,
    Upload,
    UploadOutcome,
)
from ui.operations.upload import upload_op
from ui.tasks import TaskManager

log = logging.getLogger(__name__)

UPLOAD_EVERY_MS = 5 * 60_000


def _tr(text: str) -> str:
    return QCoreApplication.translate("upload", text)


def done_text(
    report: SyncReport,
    *,
    cancelled: bool = False,
    days: Sequence[DayConfirmation] = (),
    lang: str = "id",
) -> str:
    """`Terkirim 12, ditolak 1` (records the upstream already held count as sent), then how the
    closed days' confirmation went, if any was tried."""
    text = _tr("Terkirim {0}, ditolak {1}").format(
        report.sent + report.duplicates, len(report.quarantined)
    )
    if cancelled and report.pending:
        return _tr("Unggah dibatalkan. {0}; {1} masih menunggu.").format(text, report.pending)
    if days:
        return f"{text}. {days_text(days, lang)}"
    return text


def days_text(days: Sequence[DayConfirmation], lang: str = "id") -> str:
    """`Tutup hari 23/11/2026 terkonfirmasi.`, or the first day's trouble in the teller's words."""
    confirmed = [f"{d.business_date:%d/%m/%Y}" for d in days if d.confirmed]
    failed = [d for d in days if not d.confirmed]
    parts = []
    if confirmed:
        parts.append(_tr("Tutup hari {0} terkonfirmasi server pusat.").format(", ".join(confirmed)))
    if failed:
        parts.append(failed[0].message(lang))
    return " ".join(parts)


class UploadController(QObject):
    """Starts uploads (by hand or on its timer) and reports them; one at a time.

    Every run is the core's one upload (`desktop.services.upload.upload`): the records, the
    closed days' confirmation and the reference data, exactly as `spo-counter sync` does.
    """

    started = Signal()
    progress = Signal(int, int)  # records done so far (sent or refused), records still pending
    finished = Signal(object)  # SyncReport
    days_confirmed = Signal(object)  # list[DayConfirmation], before `finished`, when any was tried
    failed = Signal(str)  # a message for the teller, in their language
    # Claim receipt numbers whose payout, cut off earlier, the run confirmed or released.
    payouts_resumed = Signal(object)

    _began = Signal()  # from the network thread: a timed upload found records to send
    _progressed = Signal(object)  # from the network thread: a copy of the report so far

    def __init__(
        self,
        counter: Counter,
        network: TaskManager,
        *,
        lang: str = "id",
        every_ms: int = UPLOAD_EVERY_MS,
        batch_size: int = 200,
        policy: RetryPolicy | None = None,
        transport: Transport | None = None,
        sleep: Callable[[float], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.counter = counter
        self.network = network
        self.lang = lang
        self.batch_size = batch_size
        self.policy = policy
        self.transport = transport
        self._cancel = threading.Event()
        # A backoff wait ends at once on cancel; the cancel itself is read before the next batch.
        self._sleep = sleep or self._wait
        self._running = False
        # A timed run checks on the worker whether anything waits; a teller's F9 meanwhile
        # is not lost: it runs as soon as that check ends (unless the check found work and is
        # uploading already). The value is whether the refused records go back in the queue.
        self._timed = False
        self._timed_uploading = False
        self._asked: bool | None = None
        # Closed days whose upload a retry cannot mend (mismatch, refused records): the timer
        # leaves them alone until the teller uploads by hand.
        self._given_up: set[str] = set()
        self.last_days: list[DayConfirmation] = []  # of the last upload that finished
        self._began.connect(self._timed_upload_started)
        self._progressed.connect(self._on_progress)
        self.timer = QTimer(self)
        self.timer.setInterval(every_ms)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    @property
    def running(self) -> bool:
        return self._running

    @property
    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    def start(self, *, requeue_quarantined: bool = False) -> bool:
        """Upload now (the teller asked), with the records the upstream refused put back in the
        queue first when asked; False if one is under way already. An upstream not set up, down
        or refusing the counter is said by `failed`."""
        if self._running:
            if not self._timed or self._timed_uploading:
                return False
            self._asked = bool(self._asked) or requeue_quarantined  # after the timer's check
            return True
        self._launch(timed=False, requeue=requeue_quarantined)
        return True

    def cancel(self) -> None:
        """Stop after the batch under way (its answer is applied whole)."""
        if self._running:
            self._cancel.set()

    def stop(self) -> None:
        """At close: no more timed uploads, and the one under way stops soon."""
        self.timer.stop()
        self.cancel()

    def _wait(self, seconds: float) -> None:
        self._cancel.wait(seconds)

    def _tick(self) -> None:
        if not self._running:  # what waits is read on the worker, off the GUI thread
            self._launch(timed=True)

    def _launch(self, *, timed: bool, requeue: bool = False) -> None:
        self._running = True
        self._timed = timed
        self._timed_uploading = False
        self._cancel.clear()
        # By hand every waiting day is tried; on the timer, not those a retry cannot mend.
        command = Upload(
            requeue_quarantined=requeue,
            only_if_waiting=timed,
            skip_days=frozenset(self._given_up) if timed else frozenset(),
        )
        link = Link(
            batch_size=self.batch_size,
            policy=self.policy,
            transport=self.transport,
            sleep=self._sleep,
        )
        op = upload_op(
            self.counter,
            command,
            link,
            progress=self._report_progress,
            cancelled=self._cancel.is_set,
            began=self._timed_upload_began if timed else None,
        )
        if not timed:
            self.started.emit()
        # Not `op.run`: a bug in an upload is said in the upload bar, the window goes on.
        self.network.run(op.call, self._done, self._error, label=op.label)

    def _timed_upload_began(self) -> None:
        """On the network thread: a timed upload found something to send."""
        if shiboken6.isValid(self):
            self._began.emit()

    @Slot()
    def _timed_upload_started(self) -> None:
        self._timed_uploading = True
        self._asked = None  # the teller asked for an upload: this one is it
        self.started.emit()

    def _run_finished(self) -> None:
        """The run ended: the teller's request that came during the timer's check goes now."""
        self._running = False
        asked, self._asked = self._asked, None
        if asked is not None:
            self._launch(timed=False, requeue=asked)

    def _report_progress(self, report: SyncReport) -> None:
        """On the network thread: hand a copy to the GUI thread (the upload goes on changing it)."""
        if shiboken6.isValid(self):
            self._progressed.emit(replace(report, quarantined=list(report.quarantined)))

    @Slot(object)
    def _on_progress(self, report: SyncReport) -> None:
        if self._running:
            done = report.sent + report.duplicates + len(report.quarantined)
            self.progress.emit(done, report.pending)

    def _done(self, outcome: UploadOutcome) -> None:
        if not shiboken6.isValid(self):
            return  # the window closed while the upload ran
        if not outcome.ran:  # a timed tick found nothing to send
            self._run_finished()
            return
        if outcome.payouts is not None and (outcome.payouts.confirmed or outcome.payouts.released):
            self.payouts_resumed.emit((*outcome.payouts.confirmed, *outcome.payouts.released))
        if outcome.problem is not None:
            self._error(outcome.problem)
            return
        for day in outcome.days:
            if day.confirmed or day.retryable:
                self._given_up.discard(day.report_no)
            else:
                self._given_up.add(day.report_no)
        self.last_days = list(outcome.days)
        self._running = False
        if outcome.days:
            self.days_confirmed.emit(list(outcome.days))
        self.finished.emit(outcome.report)

    def _error(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self._run_finished()  # a timed check that failed: the teller's own request still runs
        self.last_days = []
        if isinstance(error, DomainError):
            message = error.message(self.lang)
        else:  # a bug: keep the traceback for the report, tell the teller the data is safe
            log.error("upload failed", exc_info=error)
            message = _tr("Unggah gagal karena kesalahan program ({0}). Data tetap aman di loket.")
            message = message.format(type(error).__name__)
        if self._cancel.is_set():
            message = _tr("Unggah dibatalkan. {0}").format(message)
        self.failed.emit(message)
