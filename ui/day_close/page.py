"""The Day close page: the blind cash count, the difference approved, the report, the upload.

Three steps, keyboard first:

1. **Count** (blind): pieces per note and coin, the counted total live; the expected figure is not
   shown, nor read, before the count is stored. Enter moves to the next denomination, Enter on
   the last one (or Ctrl+Enter anywhere) stores the count.
2. **Result**: the expected cash, the variance, the debit-account payments apart. No difference:
   Enter closes. A difference: its reason, then a supervisor who did not count types their id and
   PIN, Enter closes. Esc counts again (every count stays on record).
3. **Closed**: the report as stored (Ctrl+P print, Ctrl+Shift+S save), the closing upload started
   on the network worker with its outcome ("Terkonfirmasi server pusat ...", or why not, with
   Retry), and for a supervisor Reopen.

Every store call runs on the database worker through an `Op` (ui/operations/day.py); the upload
runs on the network worker, so a slow upstream never holds up the window. The local close always
completes: the upload is a separate step, retried here, by the window's upload, or by `sync`.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.money import format_rupiah
from desktop.domain.zones import zone_label
from desktop.errors import DomainError
from desktop.services.auth import User
from desktop.services.business_day import DayReopened
from desktop.services.day_close import CountRecorded, DayClosed
from desktop.services.day_overview import DayOverview
from desktop.services.upload import DayConfirmation, RetryPolicy, UploadOutcome
from ui.context import Context
from ui.day_close.open_day import OpenDayDialog, open_day_wanted
from ui.day_close.reopen import ReopenDialog
from ui.day_close.steps import WARN_STYLE, ClosedStep, CountStep, ResultStep
from ui.operations import Changes
from ui.operations.day import close_op, count_op, overview_op
from ui.operations.upload import closing_upload_op
from ui.widgets import error_label, hide_text, page_heading, show_text, text_label

EARLIER_BUTTONS = 3  # earlier days left open get a button each, the oldest first
COUNT, RESULT, CLOSED = 0, 1, 2


class DayClosePage(QWidget):
    """`closed(DayClosed)`, `reopened(DayReopened)`, `confirmed(DayConfirmation)` and
    `opened(DayOpened)` say what was done here; `refresh()` reads the day again (call it when
    the page is shown). The day is read again after whatever changed it or its transactions,
    here or elsewhere, and the upload's confirmations of closed days are shown as they come."""

    closed = Signal(object)
    reopened = Signal(object)
    confirmed = Signal(object)
    opened = Signal(object)

    def __init__(
        self,
        ctx: Context,
        user: User,
        parent: QWidget | None = None,
        *,
        upload_policy: RetryPolicy | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.user = user
        self.upload_policy = upload_policy
        self.target: date | None = None  # None: today's business day
        self.overview: DayOverview | None = None
        self.counted: CountRecorded | None = None
        self.report: DayClosed | None = None
        self.busy = False
        self.uploading = False
        self._empty_confirmed = False
        self._loading = False
        self._load_again = False
        self.setObjectName("page_day_close")

        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 12)
        outer.setSpacing(6)
        top = QHBoxLayout()
        heading = page_heading(self.tr("Tutup hari kerja"))
        top.addWidget(heading)
        self.day_title = QLabel()
        self.day_title.setObjectName("day_title")
        self.day_title.setStyleSheet("font-size: 14pt;")
        top.addSpacing(12)
        top.addWidget(self.day_title)
        top.addStretch(1)
        self.back_button = QPushButton(self.tr("Kembali ke hari ini"))
        self.back_button.setObjectName("back_to_today")
        self.back_button.hide()
        top.addWidget(self.back_button)
        outer.addLayout(top)
        state_row = QHBoxLayout()
        self.day_line = text_label("day_line")
        self.day_line.setText(self.tr("Memuat…"))
        state_row.addWidget(self.day_line, 1)
        self.float_button = QPushButton(self.tr("Hitung &modal awal…"))
        self.float_button.setObjectName("count_float")
        self.float_button.hide()
        state_row.addWidget(self.float_button)
        outer.addLayout(state_row)
        self.earlier = QWidget()
        self.earlier.setObjectName("earlier_days")
        self.earlier_row = QHBoxLayout(self.earlier)
        self.earlier_row.setContentsMargins(0, 0, 0, 0)
        self.earlier_text = text_label("earlier_text", WARN_STYLE)
        self.earlier_row.addWidget(self.earlier_text, 1)
        self.earlier_buttons: list[QPushButton] = []
        self.earlier.hide()
        outer.addWidget(self.earlier)

        self.counting = CountStep()
        self.result = ResultStep()
        self.done = ClosedStep(ctx, user.is_supervisor)
        self.steps = QStackedWidget()
        for step in (self.counting, self.result, self.done):
            self.steps.addWidget(step)
        outer.addWidget(self.steps, 1)
        self.form_error = error_label("form_error")
        outer.addWidget(self.form_error)

        self.back_button.clicked.connect(self.show_today)
        self.float_button.clicked.connect(self.count_float)
        self.counting.form.changed.connect(self._count_changed)
        self.counting.form.submitted.connect(self.submit_count)
        self.counting.button.clicked.connect(self.submit_count)
        self.result.approval.submitted.connect(self.submit_close)
        self.result.close_button.clicked.connect(self.submit_close)
        self.result.recount_button.clicked.connect(self.recount)
        self.done.retry_button.clicked.connect(self.start_upload)
        self.done.reopen_button.clicked.connect(self.reopen)
        keys = (
            ("Ctrl+Return", self._ctrl_enter),
            ("Ctrl+Enter", self._ctrl_enter),
            ("Ctrl+S", self._ctrl_enter),
            ("Ctrl+P", self._print),
            ("Ctrl+Shift+S", self._save),
            ("Esc", self._escape),
        )
        for sequence, slot in keys:
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.setFocusProxy(self.steps)
        self.steps.setFocusProxy(self.counting.form.first)
        ctx.changes.changed.connect(self._changed)
        self.refresh()

    # --- reading the day -------------------------------------------------------------------------

    def _changed(self, changes: Changes, initiator: object) -> None:
        if changes.confirmations and initiator is not self:  # the window's upload confirmed
            self.show_confirmations(list(changes.confirmations))
        if changes.day or changes.transactions:
            self.refresh()

    def refresh(self) -> None:
        """Read the day again; one read at a time (a request meanwhile runs after it)."""
        if self._loading:
            self._load_again = True
            return
        self._loading = True
        (
            overview_op(self.ctx.counter, self.target)
            .success(self._show_overview)
            .failure(self._overview_failed)
            .run(self.ctx.tasks, self)
        )

    def _loaded(self) -> None:
        self._loading = False
        if self._load_again:
            self._load_again = False
            self.refresh()

    def _overview_failed(self, error: DomainError) -> None:
        show_text(self.form_error, error.message(self.ctx.lang))
        self._loaded()

    def _show_overview(self, overview: DayOverview) -> None:
        self.overview = overview
        self._show_header(overview)
        report = overview.report
        if overview.state.status == "closed" and report is not None:
            if self.step != CLOSED or self.done.report_view.report_no != report.report_no:
                self._show_closed(report)
            elif report.confirmed_at is not None and not self.uploading:
                self.done.show_confirmed(report.confirmed_at)
        elif self.step == CLOSED or (
            self.counted is not None and self.counted.business_date != overview.day
        ):
            self._to_count(clear=True)  # reopened meanwhile, or another day chosen
        self._loaded()

    def _show_header(self, overview: DayOverview) -> None:
        state = overview.state
        self.day_title.setText(f"{overview.day:%d/%m/%Y}")
        self.back_button.setVisible(overview.day != overview.today)
        counter = self.ctx.counter
        count = overview.transactions
        if state.status == "not_opened":
            line = self.tr(
                "Belum dibuka. Bila modal awal belum dihitung, transaksi pertama membuka hari "
                "kerja dengan modal awal Rp0."
            )
        elif state.status == "closed":
            line = self.tr("Sudah ditutup · {0} transaksi").format(count)
        else:
            zone = zone_label(counter.profile.timezone)
            at = f"{counter.local(state.opened_at or counter.now()):%H:%M} {zone}"
            if state.auto_opened and not state.float_recorded:
                line = self.tr(
                    "Dibuka otomatis oleh transaksi pertama pukul {0} · modal awal belum dihitung "
                    "(Rp0) · {1} transaksi"
                ).format(at, count)
            else:
                line = self.tr("Dibuka pukul {0} oleh {1} · modal awal {2} · {3} transaksi").format(
                    at, state.opened_by or "-", format_rupiah(state.opening_float), count
                )
            if state.closes:
                reopened = self.tr("dibuka kembali setelah laporan versi {0}")
                line = f"{line} · {reopened.format(state.closes)}"
        self.day_line.setText(line)
        self.float_button.setVisible(overview.day == overview.today and open_day_wanted(state))
        self._show_earlier(overview.unclosed)

    def _show_earlier(self, days: tuple[date, ...]) -> None:
        for button in self.earlier_buttons:
            self.earlier_row.removeWidget(button)
            button.deleteLater()
        self.earlier_buttons = []
        if not days:
            self.earlier.hide()
            return
        listed = ", ".join(f"{d:%d/%m/%Y}" for d in days)
        self.earlier_text.setText(
            self.tr("Hari kerja sebelumnya belum ditutup: {0}.").format(listed)
        )
        for day in days[:EARLIER_BUTTONS]:
            button = QPushButton(self.tr("Tutup {0}").format(f"{day:%d/%m/%Y}"))
            button.setObjectName(f"close_earlier_{day.isoformat()}")
            button.clicked.connect(lambda _checked=False, d=day: self.show_day(d))
            self.earlier_row.addWidget(button)
            self.earlier_buttons.append(button)
        self.earlier.show()

    def show_day(self, day: date | None) -> None:
        """Work on another business day (an earlier one left open), or on today's (None)."""
        self.target = day
        self._to_count(clear=True)
        self.refresh()

    def show_today(self) -> None:
        self.show_day(None)

    def count_float(self) -> None:
        """Today's opening float, when not counted yet: the same dialog as after login."""
        if self.overview is None:
            return
        dialog = OpenDayDialog(self.ctx, self.user, self.overview.state, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.opened.connect(self.opened)
        dialog.open()

    @property
    def step(self) -> int:
        return self.steps.currentIndex()

    def _go(self, step: int, focus: QWidget) -> None:
        self.steps.setCurrentIndex(step)
        self.steps.setFocusProxy(focus)  # where the window's focus on this page lands
        if self.isVisible():
            focus.setFocus()

    # --- step 1: the blind count -----------------------------------------------------------------

    def _to_count(self, *, clear: bool) -> None:
        self.counted = None
        self.report = None
        self.done.report_view.clear()
        self._empty_confirmed = False
        for label in (self.counting.error, self.form_error):
            hide_text(label)
        if clear:
            self.counting.form.set_pieces({})
        self.result.clear()
        self._go(COUNT, self.counting.form.first)
        self.counting.form.first.selectAll()

    def _count_changed(self, _total: int) -> None:
        self._empty_confirmed = False

    def submit_count(self) -> None:
        overview = self.overview
        if self.busy or overview is None or self.step != COUNT:
            return
        if overview.state.status == "closed":
            return
        hide_text(self.form_error)
        form = self.counting.form
        if form.total_value() == 0 and not self._empty_confirmed:
            self._empty_confirmed = True
            show_text(
                self.counting.error,
                self.tr(
                    "Semua pecahan 0. Laci benar-benar kosong? Simpan sekali lagi untuk mencatat "
                    "laci kosong."
                ),
            )
            return
        self._set_busy(True)
        (
            count_op(self.ctx, self.user, form.cash_count(), overview.day)
            .success(self._counted)
            .failure(self._count_refused)
            .run(self.ctx.tasks, self)
        )

    def _count_refused(self, error: DomainError) -> None:
        self._set_busy(False)
        show_text(self.counting.error, error.message(self.ctx.lang))
        self.counting.form.first.setFocus()

    # --- step 2: the figures, and the approval of a difference -----------------------------------

    def _counted(self, counted: CountRecorded) -> None:
        self._set_busy(False)
        self.counted = counted
        focus = self.result.show_counted(counted)
        self._go(RESULT, focus)

    def recount(self) -> None:
        """Back to the count, as typed before: each count is recorded, the last one closes."""
        if self.busy or self.step != RESULT:
            return
        self._to_count(clear=False)

    def submit_close(self) -> None:
        counted = self.counted
        if self.busy or counted is None or self.step != RESULT:
            return
        self.result.clear_errors()
        hide_text(self.form_error)
        self._set_busy(True)
        (
            close_op(
                self.ctx,
                self.user,
                counted.business_date,
                self.result.approval_typed(),
            )
            .success(self._closed)
            .failure(self._close_refused)
            .run(self.ctx.tasks, self)
        )

    def _close_refused(self, error: DomainError) -> None:
        self._set_busy(False)
        self.result.show_refusal(error, self.ctx.lang)

    # --- step 3: closed: the report, the upload, reopening ---------------------------------------

    def _closed(self, closed: DayClosed) -> None:
        self._set_busy(False)
        self.result.clear()
        self._show_closed(closed)
        self.closed.emit(closed)
        self.start_upload()

    def _show_closed(self, report: DayClosed) -> None:
        self.report = report
        self.counted = None
        self.done.show_report(report)
        if not self.uploading:
            if report.confirmed_at is not None:
                self.done.show_confirmed(report.confirmed_at)
            else:
                self.done.show_unconfirmed()
        self._go(CLOSED, self.done.focusProxy() or self.done)

    def start_upload(self) -> None:
        """The closing upload of the day shown, on the network worker; Retry runs it again."""
        report = self.report
        if self.uploading or report is None:
            return
        self.uploading = True
        self.done.show_uploading()
        (
            closing_upload_op(self.ctx, self.upload_policy)
            .success(self._uploaded)
            .failure(self._upload_failed)
            .run(self.ctx.network, self)
        )

    def _uploaded(self, outcome: UploadOutcome) -> None:
        self.uploading = False
        report = self.report
        mine = [d for d in outcome.days if report is not None and d.report_no == report.report_no]
        if mine:
            self.show_confirmations(mine)
            self.confirmed.emit(mine[0])
        elif outcome.problem is not None:
            self._upload_failed(outcome.problem)
        elif outcome.report.pending:  # the records went first and some are still waiting
            self._upload_trouble(
                self.tr(
                    "{0} transaksi masih menunggu unggah; hari kerja belum dikonfirmasi."
                ).format(outcome.report.pending)
            )

    def _upload_failed(self, error: DomainError) -> None:
        self.uploading = False
        self._upload_trouble(error.message(self.ctx.lang))

    def show_confirmations(self, confirmations: list[DayConfirmation]) -> None:
        """How uploads went for the report shown (also the window's own: `days_confirmed`)."""
        report = self.report
        if report is None or self.uploading:
            return
        for confirmation in confirmations:
            if confirmation.report_no != report.report_no:
                continue
            if confirmation.confirmed_at is not None:
                self.done.show_confirmed(confirmation.confirmed_at)
            else:
                self._upload_trouble(confirmation.message(self.ctx.lang))

    def _upload_trouble(self, message: str) -> None:
        self.done.show_trouble(message)
        if self.isVisible() and self.step == CLOSED and self.busy is False:
            self.done.retry_button.setFocus()

    def reopen(self) -> None:
        """A supervisor reopens the day shown, with a reason; the next close makes a new version."""
        report = self.report
        if report is None or not self.user.is_supervisor or self.busy:
            return
        dialog = ReopenDialog(
            self.ctx, self.user, report.business_date, report.report_no, report.version, self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.reopened.connect(self._reopened)
        dialog.open()

    def _reopened(self, reopened: DayReopened) -> None:
        self.reopened.emit(reopened)
        self._to_count(clear=True)

    # --- keys ------------------------------------------------------------------------------------

    def _ctrl_enter(self) -> None:
        if self.step == COUNT:
            self.submit_count()
        elif self.step == RESULT:
            self.submit_close()

    def _escape(self) -> None:
        if self.step == RESULT:
            self.recount()

    def _print(self) -> None:
        if self.step == CLOSED:
            self.done.report_view.print_report()

    def _save(self) -> None:
        if self.step == CLOSED:
            self.done.report_view.save_pdf()

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for button in (
            self.counting.button,
            self.result.close_button,
            self.result.recount_button,
        ):
            button.setEnabled(not busy)
