"""Uploading in the background: on the network worker, with progress, cancel and timed retries.

The upload (`desktop.sync.client.sync`) runs on the network worker, never on the GUI thread nor
the database worker, so a slow or unreachable upstream never holds up a capture. Its progress
comes back to the GUI thread by a queued signal; a cancel is a flag the upload reads before each
batch (and that cuts a backoff wait short). While the app is open a timer starts an upload every
few minutes when records are pending, so a failed upload is tried again on the next tick.

Once the records are all answered, the same upload confirms the closed days the upstream has not
confirmed yet (the closing upload, `desktop.services.day_upload`): `days_confirmed` tells how each
went, before `finished`. A timed upload also runs when only such a day waits; a day the upstream
answered with something a retry cannot mend (different data, a refused record) is tried again
only when the teller asks.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import httpx
import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QToolBar,
    QWidget,
)

from desktop.counter import Counter
from desktop.errors import DomainError
from desktop.services.day_upload import (
    DayConfirmation,
    awaiting_confirmation,
    confirm_closed_days,
)
from desktop.settings import TOKEN_VARIABLE, URL_VARIABLE, upstream_setting
from desktop.sync.client import RetryPolicy, SyncReport, pending_counts, sync
from ui.tasks import TaskManager

log = logging.getLogger(__name__)

UPLOAD_EVERY_MS = 5 * 60_000


def _tr(text: str) -> str:
    return QCoreApplication.translate("upload", text)


@dataclass(frozen=True)
class Upstream:
    url: str
    token: str


def upstream_from_env(data_dir: Path | None = None) -> Upstream | None:
    """Where to upload: SPO_UPSTREAM_URL / SPO_UPSTREAM_TOKEN when bank IT set them, else what
    a supervisor saved in Settings (`<data_dir>/settings.json`); None when neither says."""
    if data_dir is None:
        url = os.environ.get(URL_VARIABLE, "").strip()
        token = os.environ.get(TOKEN_VARIABLE, "").strip()
        return Upstream(url, token) if url and token else None
    upstream = upstream_setting(data_dir)
    return Upstream(upstream.url, upstream.token) if upstream.configured else None


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


@dataclass(frozen=True)
class _Outcome:
    """What one upload run came to: the records' report and the closed days tried after."""

    report: SyncReport
    days: list[DayConfirmation]


class UploadController(QObject):
    """Starts uploads (by hand or on its timer) and reports them; one at a time."""

    started = Signal()
    progress = Signal(int, int)  # records done so far (sent or refused), records still pending
    finished = Signal(object)  # SyncReport
    days_confirmed = Signal(object)  # list[DayConfirmation], before `finished`, when any was tried
    failed = Signal(str)  # a message for the teller, in their language

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
        transport: httpx.BaseTransport | None = None,
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
        # Closed days whose upload a retry cannot mend (mismatch, refused records): the timer
        # leaves them alone until the teller uploads by hand.
        self._given_up: set[str] = set()
        self.last_days: list[DayConfirmation] = []  # of the last upload that finished
        self._began.connect(self.started)
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

    def start(self) -> bool:
        """Upload now (the teller asked); False, with `failed` saying why, if it cannot start."""
        if self._running:
            return False
        upstream = upstream_from_env(self.counter.store.data_dir)
        if upstream is None:
            self.failed.emit(
                _tr(
                    "Alamat server pusat belum diatur: isi di Pengaturan (atau {0} dan {1}), "
                    "lalu coba lagi. Data tetap aman di loket."
                ).format(URL_VARIABLE, TOKEN_VARIABLE)
            )
            return False
        self._launch(upstream, only_if_pending=False)
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
        if not self._running:  # where to upload is read on the worker, off the GUI thread
            self._launch(None, only_if_pending=True)

    def _launch(self, chosen: Upstream | None, *, only_if_pending: bool) -> None:
        self._running = True
        self._cancel.clear()
        counter = self.counter
        # By hand every waiting day is tried; on the timer, not those a retry cannot mend.
        skip = frozenset(self._given_up) if only_if_pending else frozenset()

        def upload() -> _Outcome | None:
            upstream = chosen or upstream_from_env(counter.store.data_dir)
            if upstream is None:
                return None  # nowhere to upload to yet: stay idle, say nothing every few minutes
            if only_if_pending:
                waiting_days = [
                    d for d in awaiting_confirmation(counter) if d.report_no not in skip
                ]
                if pending_counts(counter)[0] == 0 and not waiting_days:
                    return None
                if shiboken6.isValid(self):
                    self._began.emit()
            report = sync(
                counter,
                upstream.url,
                upstream.token,
                batch_size=self.batch_size,
                policy=self.policy,
                sleep=self._sleep,
                transport=self.transport,
                progress=self._report_progress,
                cancelled=self._cancel.is_set,
            )
            days: list[DayConfirmation] = []
            if not report.pending and not self._cancel.is_set():
                days = confirm_closed_days(
                    counter,
                    upstream.url,
                    upstream.token,
                    skip=skip,
                    policy=self.policy,
                    sleep=self._sleep,
                    transport=self.transport,
                )
            return _Outcome(report, days)

        if not only_if_pending:
            self.started.emit()
        self.network.run(upload, self._done, self._error, label="upload")

    def _report_progress(self, report: SyncReport) -> None:
        """On the network thread: hand a copy to the GUI thread (the upload goes on changing it)."""
        if shiboken6.isValid(self):
            self._progressed.emit(replace(report, quarantined=list(report.quarantined)))

    @Slot(object)
    def _on_progress(self, report: SyncReport) -> None:
        if self._running:
            done = report.sent + report.duplicates + len(report.quarantined)
            self.progress.emit(done, report.pending)

    def _done(self, outcome: _Outcome | None) -> None:
        if not shiboken6.isValid(self):
            return  # the window closed while the upload ran
        self._running = False
        if outcome is None:  # a timed tick found nothing to send
            return
        for day in outcome.days:
            if day.confirmed or day.retryable:
                self._given_up.discard(day.report_no)
            else:
                self._given_up.add(day.report_no)
        self.last_days = outcome.days
        if outcome.days:
            self.days_confirmed.emit(outcome.days)
        self.finished.emit(outcome.report)

    def _error(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self._running = False
        if isinstance(error, DomainError):
            message = error.message(self.lang)
        else:  # a bug: keep the traceback for the report, tell the teller the data is safe
            log.error("upload failed", exc_info=error)
            message = _tr("Unggah gagal karena kesalahan program ({0}). Data tetap aman di loket.")
            message = message.format(type(error).__name__)
        if self._cancel.is_set():
            message = _tr("Unggah dibatalkan. {0}").format(message)
        self.failed.emit(message)


class UploadBar(QToolBar):
    """Above the pages: the upload button, and while it runs its progress and cancel; then how
    it ended (a long message is cut at the edge, its tooltip holds all of it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_tr("Unggah"), parent)
        self.setObjectName("upload_bar")
        self.setMovable(False)
        self.setFloatable(False)
        strip = QWidget()
        row = QHBoxLayout(strip)
        row.setContentsMargins(6, 2, 6, 2)
        self.upload_button = QPushButton(_tr("Unggah sekarang (Ctrl+U)"))
        self.upload_button.setObjectName("upload_now")
        self.upload_button.setToolTip(_tr("Kirim data yang menunggu ke server pusat"))
        self.upload_progress = QProgressBar()
        self.upload_progress.setObjectName("upload_progress")
        self.upload_progress.setFixedWidth(220)
        self.upload_progress.setFormat(_tr("Terkirim %v dari %m"))
        self.cancel_button = QPushButton(_tr("Batal"))
        self.cancel_button.setObjectName("upload_cancel")
        for button in (self.upload_button, self.cancel_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays on the form
        self.upload_message = QLabel()
        self.upload_message.setObjectName("upload_message")
        self.upload_message.setTextFormat(Qt.TextFormat.PlainText)
        self.upload_message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        row.addWidget(self.upload_button)
        row.addWidget(self.upload_progress)
        row.addWidget(self.cancel_button)
        row.addWidget(self.upload_message, 1)
        self.addWidget(strip)
        self.show_uploading(False)

    def show_uploading(self, running: bool) -> None:
        self.upload_progress.setVisible(running)
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running)
        self.upload_button.setEnabled(not running)
        if running:
            self.upload_progress.setRange(0, 0)  # busy until the first batch is answered
            self.show_message(_tr("Mengunggah…"))

    def show_progress(self, done: int, pending: int) -> None:
        self.upload_progress.setRange(0, done + pending)
        self.upload_progress.setValue(done)
        self.show_message(_tr("Mengunggah ke server pusat; transaksi tetap bisa dicatat."))

    def show_message(self, text: str, *, problem: bool = False) -> None:
        self.upload_message.setText(text)
        self.upload_message.setToolTip(text)
        self.upload_message.setStyleSheet("color: #b00020;" if problem else "")
