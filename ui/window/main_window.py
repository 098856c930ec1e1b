"""The teller's main window: navigation, pages, the status bar, the lock (Ctrl+L or idle), and
the account menu (Ganti PIN, lock, Keluar).

The pages are not wired to one another: each operation's `Changes` is broadcast once by
`ctx.changes`, and every page (the window itself for its status bar and the receipt of a
capture) decides from it whether to read again. The window adds what its upload changed.

One window is one user's session. Another user who logs in on its lock screen gets a window of
their own (`switch_user`); this one is set aside, locked and hidden with its forms as they were,
until its owner comes back (`resume`). `ended` tells the composition root a session is over.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QToolButton,
    QWidget,
)

from desktop.errors import DomainError
from desktop.services.auth import User
from desktop.services.receipt_output import RenderedReceipt
from desktop.services.status import CounterStatus
from desktop.services.upload import DayConfirmation, SyncReport
from ui.agents.page import AgentsPage
from ui.backup_timer import BackupTimer
from ui.claim.page import ClaimPage
from ui.claims.page import ClaimsPage
from ui.confirm import ask_discard, has_typing
from ui.context import Context
from ui.contribution.page import ContributionPage
from ui.day_close.open_day import auto_open_note
from ui.day_close.page import DayClosePage
from ui.idle import IDLE_LOCK_MS, IdleWatcher
from ui.journal.page import JournalPage
from ui.lookup.page import LookupPage
from ui.operations import Changes
from ui.operations.status import status_op
from ui.receipt.jobs import PrintJobs
from ui.receipt.preview import ReceiptPreview
from ui.registration.page import RegistrationPage
from ui.settings.change_pin import ChangePinDialog
from ui.settings.page import SettingsPage
from ui.summary.page import SummaryPage
from ui.upload.bar import UploadBar
from ui.upload.controller import UploadController, done_text
from ui.upload.quarantine import QuarantinePage
from ui.visit.page import VisitPage
from ui.window.lock import LockPage
from ui.window.nav import NavList
from ui.window.pages import PAGES, PageSpec
from ui.window.status_bar import CounterStatusBar, LinkWatch

STATUS_EVERY_MS = 30_000
PAGE_INDEX = {spec.key: index for index, spec in enumerate(PAGES)}


class MainWindow(QMainWindow):
    """Navigation on the left, the chosen page on the right; `locked` tells when it (un)locks,
    `switch_user(User)` who logged in on its lock screen, `ended(by_hand)` that it closed
    (by "Keluar", or by the window's close button)."""

    locked = Signal(bool)
    switch_user = Signal(object)
    ended = Signal(bool)

    def __init__(
        self,
        ctx: Context,
        user: User,
        *,
        idle_ms: int = IDLE_LOCK_MS,
        status_every_ms: int = STATUS_EVERY_MS,
        upload: UploadController | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.user = user
        self.upload = upload or UploadController(ctx.counter, ctx.network, lang=ctx.lang)
        self.upload.setParent(self)
        # Before the pages listen: after a capture its receipt is the worker's next job.
        ctx.changes.changed.connect(self._changed)
        self.setWindowTitle(self.tr("SPO Counter — {0}").format(ctx.counter_title))
        self._fit_to_screen()
        self.receipt_preview: ReceiptPreview | None = None  # the one on screen
        self.workspace = QWidget()
        self.nav = NavList(PAGES)
        self.pages = QStackedWidget()
        row = QHBoxLayout(self.workspace)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.nav)
        row.addWidget(self.pages, 1)
        for index, spec in enumerate(PAGES):
            self.pages.addWidget(self._page(spec))
            if spec.supervisor_only and not user.is_supervisor:
                self.nav.item(index).setHidden(True)
                continue
            if spec.shortcut:
                shortcut = QShortcut(QKeySequence(spec.shortcut), self.workspace)
                shortcut.activated.connect(lambda i=index: self.show_page(i))
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.pages.currentChanged.connect(self._page_shown)
        self.nav.setCurrentRow(0)
        self.lock_page = LockPage(ctx, user)
        self.lock_page.unlocked.connect(self._unlocked)
        self.lock_page.switched.connect(self.switch_user)
        self.screens = QStackedWidget()
        self.screens.addWidget(self.workspace)
        self.screens.addWidget(self.lock_page)
        self.setCentralWidget(self.screens)
        self.status = CounterStatusBar(user, lang=ctx.lang)
        self.setStatusBar(self.status)
        self.status.zone = ctx.counter.profile.zone
        self.status.show_link(ctx.counter.upstream_link.state)
        self.link_watch = LinkWatch(ctx.counter.upstream_link, self)
        self.link_watch.changed.connect(self.status.show_link)
        self._add_account_menu()
        self.print_jobs = PrintJobs(ctx, self)
        self.print_jobs.started.connect(self._print_started)
        self.print_jobs.printed.connect(self._paper_out)
        self.print_jobs.failed.connect(self._print_failed)
        self.status.reprint_button.clicked.connect(self.print_again)
        self._logging_out = False
        self._quit_asked: QMessageBox | None = None
        self._quit_confirmed = False
        # F9, never Ctrl+U: that is "delete line" in a text field (it would wipe a NIK typed).
        upload_key = QShortcut(QKeySequence("F9"), self.workspace)  # not while locked
        upload_key.activated.connect(self.start_upload)
        self.upload_bar = UploadBar()
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.upload_bar)
        self.upload_bar.upload_button.clicked.connect(self.start_upload)
        self.upload_bar.cancel_button.clicked.connect(self.cancel_upload)
        self.upload.started.connect(self._upload_started)
        self.upload.progress.connect(self._upload_progressed)
        self.upload.days_confirmed.connect(self._days_confirmed)
        self.upload.finished.connect(self._upload_finished)
        self.upload.failed.connect(self._upload_failed)
        self.upload.payouts_resumed.connect(self.tell_payouts_resumed)
        self._idle = IdleWatcher(idle_ms, self)
        self._idle.idle.connect(self.lock)
        self._idle.start()
        self._status_timer = QTimer(self)
        self._status_timer.setInterval(status_every_ms)
        self._status_timer.timeout.connect(self.refresh_status)
        self._status_timer.start()
        self._refreshing = False
        self._refresh_again = False
        self.backups = BackupTimer(ctx, self)
        self.backups.problem.connect(self._backup_problem)
        self.backups.start()
        self.refresh_status()
        self.nav.setFocus()

    def _add_account_menu(self) -> None:
        """Ganti PIN (Ctrl+Shift+P), Kunci layar (Ctrl+L), Keluar (Ctrl+Shift+Q): by their keys,
        or from the "Akun" button at the right of the status bar."""
        self.change_pin_action = QAction(self.tr("Ganti &PIN…"), self)
        self.change_pin_action.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.change_pin_action.triggered.connect(self.change_pin)
        self.lock_action = QAction(self.tr("&Kunci layar"), self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self.lock)
        self.log_out_action = QAction(self.tr("K&eluar"), self)
        self.log_out_action.setShortcut(QKeySequence("Ctrl+Shift+Q"))
        self.log_out_action.triggered.connect(self.log_out)
        actions = (self.change_pin_action, self.lock_action, self.log_out_action)
        menu = QMenu(self)
        for action in actions:
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(action)  # the keys work with the menu closed
            menu.addAction(action)
        self.account_button = QToolButton()
        self.account_button.setObjectName("account")
        self.account_button.setText(self.tr("Akun: {0}").format(self.user.id))
        self.account_button.setMenu(menu)
        self.account_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.account_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.status.addPermanentWidget(self.account_button)

    def _page(self, spec: PageSpec) -> QWidget:
        if spec.key == "quarantine":
            return QuarantinePage(self.ctx, self.upload, self.user)
        if spec.key == "registration":
            self.registration = RegistrationPage(self.ctx, self.user)
            self.registration.pay_first.connect(self._pay_first)  # asks for another page
            return self.registration
        if spec.key == "contribution":
            self.contribution = ContributionPage(self.ctx, self.user)
            return self.contribution
        if spec.key == "visit":
            self.visit = VisitPage(self.ctx, self.user)
            return self.visit
        if spec.key == "claim":
            self.claim = ClaimPage(self.ctx, self.user)
            return self.claim
        if spec.key == "journal":
            self.journal = JournalPage(self.ctx, self.user)
            self.journal.reprint_ready.connect(self._reprinted)  # asks for the preview
            return self.journal
        if spec.key == "lookup":
            self.lookup = LookupPage(self.ctx, self.user)
            return self.lookup
        if spec.key == "claims":
            self.claims = ClaimsPage(self.ctx, self.user)
            return self.claims
        if spec.key == "agents":
            self.agents = AgentsPage(self.ctx, self.user)
            return self.agents
        if spec.key == "day_close":
            self.day_close = DayClosePage(self.ctx, self.user)
            return self.day_close
        if spec.key == "summary":
            self.summary = SummaryPage(self.ctx, self.user)
            return self.summary
        if spec.key == "settings":
            self.settings = SettingsPage(self.ctx, self.user)
            return self.settings
        raise ValueError(f"no page is built for {spec.key!r}")

    def _changed(self, changes: Changes, initiator: object) -> None:
        """After every capture made here its receipt prints straight away, no preview in the
        way (the status bar follows it); a day the capture opened itself (no float counted) is
        said; the status bar counts whatever changed its figures."""
        captured = changes.captured
        if captured is not None and self._ran_here(initiator):
            self.print_jobs.print_capture(self.user, captured.receipt_no)
            self._keys_back()
            note = auto_open_note(captured)
            if note:
                self.status.showMessage(note, 20_000)
        if changes.transactions or changes.day or changes.upload:
            self.refresh_status()

    def _keys_back(self) -> None:
        """After a capture made in a dialog (a void, a refund, an unverified payment) the
        window has the keys again, where they were (no preview comes to hand them back)."""
        if QApplication.activeModalWidget() is not None or self.is_locked:
            return
        self.activateWindow()
        focus = self.focusWidget()
        if focus is None or not focus.isVisible():
            self._focus_page()

    def _ran_here(self, initiator: object) -> bool:
        """Whether the screen that ran an operation is one of this window's (its pages and their
        dialogs), not another user's window set aside."""
        node = initiator if isinstance(initiator, QObject) else None
        while node is not None:
            if node is self:
                return True
            node = node.parent()
        return False

    def _reprinted(self, receipt: RenderedReceipt) -> None:
        self._preview(
            ReceiptPreview.for_rendered(self.ctx, self.user, receipt, self, jobs=self.print_jobs)
        )

    def _print_started(self, number: str) -> None:
        self.status.show_printing(self.tr("Mencetak tanda terima {0}…").format(number))

    def _paper_out(self, number: str, where: str) -> None:
        self.status.show_printing(
            self.tr("Tanda terima {0} sudah keluar di {1}.").format(number, where)
        )

    def _print_failed(self, number: str, why: str) -> None:
        self.status.show_print_failure(
            number, self.tr("Tanda terima {0} GAGAL dicetak: {1}").format(number, why)
        )

    def print_again(self) -> None:
        """ "Cetak ulang" after a failed print: the receipt issued again (the original, as none
        went out) in its preview, printing straight away."""
        number = self.status.failed_receipt
        if not number or self.receipt_preview is not None:
            return
        self.status.clear_print_failure()
        self._preview(
            ReceiptPreview._issuing(
                self.ctx,
                self.user,
                number,
                reprint=True,
                parent=self,
                jobs=self.print_jobs,
                auto=True,
            )
        )

    def _preview(self, preview: ReceiptPreview) -> None:
        """Window-modal: Ctrl+P prints, Esc closes, and the focus goes back where it was."""
        preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        preview.finished.connect(self._preview_closed)
        preview.open()
        self.receipt_preview = preview

    def _preview_closed(self) -> None:
        self.receipt_preview = None
        self.regain_focus()

    def regain_focus(self) -> None:
        """After a dialog: the teller goes on typing in the page, not in nowhere."""
        self.activateWindow()
        if not self.is_locked:
            self._focus_page()

    def _page_shown(self, index: int) -> None:
        key = PAGES[index].key
        if key == "journal":
            self.journal.refresh()  # uploads and other windows change statuses meanwhile
        elif key == "day_close":
            self.day_close.refresh()

    def _pay_first(self, nik: str, agent: str) -> None:
        self.nav.setCurrentRow(PAGE_INDEX["contribution"])
        self.contribution.start_for(nik, agent)

    def _fit_to_screen(self) -> None:
        """1200 x 740 where the screen has room (the journal's columns all show), else all of it."""
        screen = QGuiApplication.primaryScreen()
        room = screen.availableGeometry().size() if screen is not None else QSize(1200, 740)
        self.resize(min(1200, room.width()), min(740, room.height()))

    @property
    def is_locked(self) -> bool:
        return self.screens.currentWidget() is self.lock_page

    @property
    def current_page(self) -> str:
        return PAGES[self.pages.currentIndex()].key

    def show_page(self, index: int) -> None:
        self.nav.setCurrentRow(index)
        self._focus_page()

    def _focus_page(self) -> None:
        page = self.pages.currentWidget()
        if page is not None:
            page.setFocus()

    def lock(self) -> None:
        if self.is_locked:
            return
        self._idle.stop()
        self.screens.setCurrentWidget(self.lock_page)
        self.lock_page.reset()
        self.locked.emit(True)

    def _unlocked(self, _user: User) -> None:
        self.screens.setCurrentWidget(self.workspace)
        self._focus_page()
        self._idle.start()
        self.locked.emit(False)
        self.refresh_status()

    def set_aside(self) -> None:
        """Another user works now: locked, hidden, its forms kept; no timed uploads meanwhile
        (the window on screen does them)."""
        self.lock()
        self.upload.timer.stop()
        self.hide()

    def resume(self) -> None:
        """Its owner is back (their PIN checked on another window's lock screen)."""
        self.upload.timer.start()
        self.show()
        self.activateWindow()
        if self.is_locked:
            self._unlocked(self.user)

    def show_locked(self) -> None:
        """On screen again, still locked: the window on screen before it was closed."""
        self.lock()
        self.upload.timer.start()
        self.show()
        self.activateWindow()
        self.lock_page.reset()

    def change_pin(self) -> ChangePinDialog | None:
        """Ganti PIN (Ctrl+Shift+P): the logged-in user's own; not while locked."""
        if self.is_locked:
            return None
        dialog = ChangePinDialog(self.ctx, self.user, self)
        dialog.changed.connect(
            lambda _user: self.status.showMessage(self.tr("PIN Anda sudah diganti."), 10_000)
        )
        dialog.finished.connect(self.regain_focus)
        dialog.open()
        return dialog

    def log_out(self) -> None:
        """Keluar (Ctrl+Shift+Q): this session ends, its unsaved forms with it; not while
        locked, so nobody ends another's session from its lock screen."""
        if self.is_locked:
            return
        self._logging_out = True
        self.close()

    def start_upload(self) -> None:
        """Upload now (F9 or the status bar's button); the window goes on working meanwhile."""
        self.upload.start()

    def cancel_upload(self) -> None:
        self.upload.cancel()
        self.upload_bar.cancel_button.setEnabled(False)
        self.upload_bar.show_message(self.tr("Membatalkan setelah kiriman ini…"))

    def _upload_started(self) -> None:
        self.upload_bar.show_uploading(True)

    def _upload_progressed(self, done: int, pending: int) -> None:
        if self.upload.cancel_requested:
            self.upload_bar.upload_progress.setValue(done)
        else:
            self.upload_bar.show_progress(done, pending)
        self.refresh_status()  # the backlog in the status bar shrinks as batches are answered

    def tell_payouts_resumed(self, claims: Sequence[str]) -> None:
        """Payouts cut off earlier (a crash, a lost answer), finished at the window's start or by
        an upload: said in the status bar for the teller."""
        self.status.showMessage(
            QCoreApplication.translate(
                "Startup", "Pembayaran klaim yang terputus diselesaikan: {0}."
            ).format(", ".join(claims)),
            20_000,
        )
        self.ctx.changes.notify(Changes(upload=True), self)

    def _days_confirmed(self, days: list[DayConfirmation]) -> None:
        self.ctx.changes.notify(Changes(day=True, confirmations=tuple(days)), self)

    def _upload_finished(self, report: SyncReport) -> None:
        self.upload_bar.show_uploading(False)
        days = self.upload.last_days
        self.upload_bar.show_message(
            done_text(
                report, cancelled=self.upload.cancel_requested, days=days, lang=self.ctx.lang
            ),
            problem=bool(report.quarantined) or any(day.confirmed_at is None for day in days),
        )
        self.ctx.changes.notify(Changes(upload=True), self)

    def _upload_failed(self, message: str) -> None:
        self.upload_bar.show_uploading(False)
        self.upload_bar.show_message(message, problem=True)
        self.ctx.changes.notify(Changes(upload=True), self)  # some batches may have gone

    def refresh_status(self) -> None:
        """Ask the worker for the counter's figures; one request at a time, never a backlog."""
        if self._refreshing:
            self._refresh_again = True
            return
        self._refreshing = True
        status_op(self.ctx.counter).success(self._got_status).failure(self._status_failed).run(
            self.ctx.tasks, self
        )

    def _got_status(self, status: CounterStatus) -> None:
        self.status.show_status(status)
        closed = status.day_closed
        refusal = closed.message(self.ctx.lang) if closed is not None else None
        for page in (self.registration, self.contribution, self.claim):
            page.day_gate.set_closed(refusal)
        self._refresh_done()

    def _status_failed(self, error: DomainError) -> None:
        self.status.showMessage(error.message(self.ctx.lang), 10_000)
        self._refresh_done()

    def _refresh_done(self) -> None:
        self._refreshing = False
        if self._refresh_again:
            self._refresh_again = False
            self.refresh_status()

    def _backup_problem(self, text: str) -> None:
        self.status.showMessage(text, 60_000)

    def unsaved_pages(self) -> list[str]:
        """The titles of the forms with typing not saved yet."""
        forms = (self.registration, self.contribution, self.claim)
        return [
            PAGES[self.pages.indexOf(form)].translated_title() for form in forms if has_typing(form)
        ]

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        """Closed by the teller (the window's close button, Alt+F4, Keluar) with a form half
        filled: asked first; "Kembali" (Enter, Esc) keeps the window and the typing."""
        by_teller = event.spontaneous() or self._logging_out
        unsaved = self.unsaved_pages() if by_teller and not self._quit_confirmed else []
        if unsaved:
            event.ignore()
            if self._quit_asked is None:
                self._quit_asked = ask_discard(
                    self,
                    self.tr("Keluar"),
                    self.tr("Isian di {0} belum disimpan. Keluar dan buang isiannya?").format(
                        ", ".join(unsaved)
                    ),
                    self.tr("&Keluar tanpa menyimpan"),
                    self._quit_anyway,
                    enter_discards=False,
                )
                self._quit_asked.finished.connect(self._quit_answered)
            return
        self.link_watch.stop()
        self.backups.stop()
        self._idle.stop()
        self._status_timer.stop()
        self.upload.stop()
        # Before the window goes: another session shown now keeps the application running.
        self.ended.emit(self._logging_out)
        super().closeEvent(event)

    def _quit_anyway(self) -> None:
        self._quit_confirmed = True
        self.close()

    def _quit_answered(self) -> None:
        self._quit_asked = None
        if not self._quit_confirmed:
            self._logging_out = False  # the session goes on
