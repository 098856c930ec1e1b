"""The F4 page: handing over the documents of a JHT claim, keyboard first, errors by their field."""

from __future__ import annotations

from functools import partial
from itertools import pairwise

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.claims import validate_event_date
from desktop.domain.dates import parse_date
from desktop.errors import DomainError, each_error
from desktop.services.auth import User
from desktop.services.capture import Captured
from desktop.services.claims import CHECKED_FIELDS, HandOverClaim, check_claim_field
from ui.approval import SupervisorApproval
from ui.claim.checklist import Checklist
from ui.claim.fields import ClaimFields
from ui.claim.waiting import waiting_period
from ui.confirm import clear_asked
from ui.context import Context
from ui.day_closed import DayClosedGate
from ui.enter import EnterChain
from ui.live_checks import check_as_typed, clear_on_edit
from ui.operations.claim import claim_op
from ui.widgets import (
    DONE_STYLE,
    INFO_STYLE,
    error_label,
    hide_text,
    note_label,
    page_heading,
    point_at,
    show_text,
)

WARN_STYLE = "color: #b00020; font-weight: bold;"
TWO_COLUMNS_FROM = 1000  # page width in pixels: below it the checklist goes under the form


class ClaimPage(QWidget):
    """The claim handover form; `saved(Captured)` after each handover is stored."""

    saved = Signal(object)

    def __init__(self, ctx: Context, user: User, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.user = user
        self.setObjectName("page_claim")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 24, 20)
        heading = page_heading(self.tr("Serah terima berkas klaim JHT"))
        outer.addWidget(heading)
        self.day_gate = DayClosedGate(self, outer)  # the day closed: said, nothing typed
        hint = QLabel(self.tr("Tab/Enter pindah kolom · Ctrl+S simpan · Esc kosongkan formulir"))
        hint.setStyleSheet(INFO_STYLE)
        outer.addWidget(hint)

        self.fields = ClaimFields(ctx)
        self.checklist = Checklist(ctx.lang)
        self.accept_incomplete = QCheckBox(
            self.tr("&Terima walau belum lengkap (kekurangan dicatat di tanda terima)")
        )
        self.accept_incomplete.setObjectName("accept_incomplete")
        self.documents_error = error_label("documents_error")
        documents = QGroupBox(self.tr("Kelengkapan berkas"))
        documents.setObjectName("documents")
        column = QVBoxLayout(documents)
        column.addWidget(self.checklist)
        column.addWidget(self.documents_error)
        column.addWidget(self.accept_incomplete)
        self.approval = SupervisorApproval(
            note=self.tr(
                "Masa tunggu belum selesai. Supervisor lain (bukan pembuat transaksi) "
                "mengetik ID dan PIN-nya, lalu Enter untuk menyimpan."
            )
        )
        self.approval.set_needed(False)  # until the event date says the waiting period runs
        # Where the service's DomainError.field points: the label to show it in, what to focus.
        self.errors: dict[str, QLabel] = {
            **self.fields.errors,
            "documents": self.documents_error,
            **self.approval.errors,
        }
        self.inputs: dict[str, QWidget] = {**self.fields.inputs, **self.approval.inputs}
        # The fields the service checks one by one: said when left, gone as soon as right; the
        # others' errors go as soon as they are changed (the save checks them anew).
        for name in CHECKED_FIELDS:
            edit = self.fields.inputs[name]
            if isinstance(edit, QLineEdit):
                check_as_typed(edit, self.errors[name], partial(check_claim_field, name), ctx.lang)
        others = {k: w for k, w in self.inputs.items() if k not in CHECKED_FIELDS}
        clear_on_edit(others, self.errors)

        right = QWidget()
        right_column = QVBoxLayout(right)
        right_column.setContentsMargins(0, 0, 0, 0)
        right_column.addWidget(documents)
        right_column.addWidget(self.approval)
        right_column.addStretch(1)
        body = QWidget()
        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight, body)
        self.columns.setContentsMargins(0, 8, 8, 8)
        self.columns.setSpacing(24)
        self.columns.addWidget(self.fields, 5)
        self.columns.addWidget(right, 6)
        self.scroll_area = QScrollArea()
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll_area.setWidget(body)
        outer.addWidget(self.scroll_area, 1)

        required = QLabel(self.tr("* wajib diisi"))
        required.setObjectName("required_note")
        required.setStyleSheet(INFO_STYLE)
        outer.addWidget(required)
        self.form_error = error_label("form_error")
        outer.addWidget(self.form_error)
        self.done = note_label("done", DONE_STYLE)
        outer.addWidget(self.done)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Simpan (Ctrl+S)"))
        self.save_button.setObjectName("save")
        self.save_button.setAutoDefault(True)  # Enter on the button saves, as Space does
        self.clear_button = QPushButton(self.tr("Kosongkan (Esc)"))
        self.clear_button.setObjectName("clear")
        self.clear_button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        outer.addLayout(buttons)

        self.enter_chain = EnterChain(self, self._enter_fields, self.submit)
        self.save_button.clicked.connect(self.submit)
        self.clear_button.clicked.connect(self.clear)
        save_key = QShortcut(QKeySequence("Ctrl+S"), self)
        save_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save_key.activated.connect(self.submit)
        clear_key = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        clear_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        clear_key.activated.connect(lambda: clear_asked(self, self.clear))
        # After ClaimFields' own handler: the event date row is shown or hidden first.
        self.fields.reason.currentIndexChanged.connect(self._reason_changed)
        self.fields.balance_above_50m.toggled.connect(self._rebuild_checklist)
        self.fields.had_partial_claim.toggled.connect(self._rebuild_checklist)
        self.fields.event_date.textChanged.connect(self._event_date_changed)
        self.fields.event_date.editingFinished.connect(self._check_event_date)
        self.checklist.changed.connect(self._documents_changed)
        self.setFocusProxy(self.fields.reason)
        self._reason_changed()

    # --- keyboard -------------------------------------------------------------------------------

    def _chain(self) -> None:
        """Tab order: the fields, the checklist rows, the approval, then Save; redone with rows."""
        chain = [*self.fields.focus_chain(), *self.checklist.combos(), self.accept_incomplete]
        chain += [*self.approval.inputs.values(), self.save_button]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.enter_chain.watch()  # the checklist's rows are new

    def _enter_fields(self) -> list[QWidget]:
        """Where Enter goes, in order: as Tab, up to the supervisor's PIN (then it saves)."""
        return [
            *self.fields.focus_chain(),
            *self.checklist.combos(),
            self.accept_incomplete,
            *self.approval.inputs.values(),
        ]

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        """Form and checklist side by side on a wide screen, one under the other on a narrow one."""
        wide = event.size().width() >= TWO_COLUMNS_FROM
        self.columns.setDirection(
            QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        )
        super().resizeEvent(event)

    # --- what the page shows as the form is filled ---------------------------------------------

    def _reason_changed(self) -> None:
        self.accept_incomplete.setChecked(False)
        self._rebuild_checklist()
        self._event_date_changed()

    def _rebuild_checklist(self) -> None:
        """The reason's documents, NPWP among them when needed; statuses given so far are kept."""
        self.checklist.show_reason(
            self.fields.selected_reason(), npwp_required=self.fields.npwp_needed()
        )
        self._chain()
        self._documents_changed()

    def _documents_changed(self) -> None:
        hide_text(self.documents_error)
        incomplete = bool(self.checklist.missing())
        self.accept_incomplete.setVisible(incomplete)
        if not incomplete:
            self.accept_incomplete.setChecked(False)

    def _event_date_changed(self) -> None:
        """The waiting period as the date is typed: when it ends, and whether to ask approval."""
        hide_text(self.errors["event_date"])
        needed, note = waiting_period(
            self.fields.selected_reason(),
            self.fields.event_date.text(),
            self.ctx.counter.business_date(),
        )
        info = self.fields.waiting_info
        info.setText(note)
        info.setStyleSheet(WARN_STYLE if needed else INFO_STYLE)
        info.setVisible(bool(note))
        self.approval.set_needed(needed)

    def _check_event_date(self) -> None:
        """On leaving the date: one that does not exist or lies ahead is named at once."""
        reason = self.fields.selected_reason()
        typed = self.fields.event_date.text()
        if reason is None or not typed.strip():
            return
        try:  # pure domain calls: fine on the GUI thread
            day = parse_date(typed, "event_date", "Tanggal kejadian", "Event date")
            validate_event_date(reason, day, self.ctx.counter.business_date())
        except DomainError as error:
            show_text(self.errors["event_date"], error.message(self.ctx.lang))

    # --- saving ---------------------------------------------------------------------------------

    def command(self) -> HandOverClaim:
        f = self.fields
        supervisor_id, supervisor_pin = self.approval.credentials()
        return HandOverClaim(
            nik=f.nik.text(),
            participant_name=f.participant_name.text(),
            reason=str(f.reason.currentData() or ""),
            payout_bank=f.payout_bank.text(),
            payout_account=f.payout_account.text(),
            payout_account_holder=f.payout_account_holder.text(),
            documents=self.checklist.statuses(),
            kpj=f.kpj.text(),
            event_date=f.event_date.text(),
            claimant_name=f.claimant_name.text(),
            balance_above_50m=f.balance_above_50m.isChecked(),
            had_partial_claim=f.had_partial_claim.isChecked(),
            supervisor_id=supervisor_id,
            supervisor_pin=supervisor_pin,
        )

    def submit(self) -> None:
        if not self.save_button.isEnabled():
            return  # already saving: Enter twice must not hand over twice
        self._clear_errors()
        hide_text(self.done)
        # No reason chosen: the service says so with every other field that is wrong.
        reason = self.fields.selected_reason()
        if reason and self.checklist.missing() and not self.accept_incomplete.isChecked():
            text = self.tr(
                "Berkas wajib belum lengkap. Lengkapi, atau centang "
                "“Terima walau belum lengkap” bila peserta tetap menyerahkannya."
            )
            self._refuse("documents", text, self.checklist.first_missing() or self.fields.reason)
            return
        self.save_button.setEnabled(False)
        (
            claim_op(self.ctx, self.user, self.command())
            .success(self._saved)
            .failure(self._failed)
            .run(self.ctx.tasks, self)
        )

    def _refuse(self, field: str, text: str, widget: QWidget) -> None:
        show_text(self.errors[field], text)
        widget.setFocus()

    def _saved(self, captured: Captured) -> None:
        self.save_button.setEnabled(True)
        self.clear()
        show_text(self.done, self.tr("Tersimpan: tanda terima {0}").format(captured.receipt_no))
        self.saved.emit(captured)

    def _failed(self, error: DomainError) -> None:
        """Every error under its own field at once; the cursor on the first."""
        self.save_button.setEnabled(True)
        # An approval is for the handover the supervisor saw: after any change, the PIN again.
        self.approval.supervisor_pin.clear()
        first: tuple[QLabel, QWidget, str] | None = None
        for one in each_error(error):
            field = one.field
            if field == "event_date" and self.approval.needed:
                field = "supervisor_id"  # the waiting period: what is lacking is the approval
            text = one.message(self.ctx.lang)
            label = self.errors.get(field)
            if label is None:
                show_text(self.form_error, text)
                continue
            show_text(label, text)
            widget = self.inputs.get(field) or self.checklist.first_missing() or self.fields.reason
            first = first or (label, widget, text)
        if first is not None:
            point_at(*first)

    # --- clearing -------------------------------------------------------------------------------

    def clear(self) -> None:
        """Empty every field, tick and message; the reason gets the focus."""
        self.fields.clear()  # the reason back to none: the checklist and the approval follow
        self._reason_changed()
        self._clear_errors()
        hide_text(self.done)
        self.fields.reason.setFocus()

    def _clear_errors(self) -> None:
        for label in (*self.errors.values(), self.form_error):
            hide_text(label)
