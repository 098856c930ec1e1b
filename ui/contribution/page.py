"""The F3 page: BPU contributions by NIK or KPJ and PU bills by payment code, keyboard first."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.money import format_rupiah
from desktop.domain.nik import NIK_LENGTH
from desktop.domain.tender import Tender
from desktop.domain.text import strip_separators
from desktop.errors import DomainError, each_error
from desktop.services.auth import User
from desktop.services.capture import Captured
from desktop.services.contributions import PayBpuContribution, PayPuContribution
from ui.confirm import FiguresDialog, clear_asked, confirm_figures
from ui.context import Context
from ui.contribution.bpu import BpuPanel
from ui.contribution.pu import PuPanel
from ui.contribution.summary import Breakdown
from ui.contribution.tender import TenderPanel
from ui.day_closed import DayClosedGate
from ui.enter import EnterChain
from ui.operations import Op
from ui.operations.contribution import bpu_payment_op, pu_payment_op
from ui.widgets import (
    DONE_STYLE,
    INFO_STYLE,
    error_label,
    hide_text,
    note_label,
    page_heading,
    show_text,
)

CHANGE_BANNER_STYLE = (
    "font-size: 20pt; font-weight: bold; color: #1b5e20; background: #e8f5e9;"
    " border: 2px solid #1b5e20; border-radius: 6px; padding: 8px 14px;"
)


class ContributionPage(QWidget):
    """The contribution form; `saved(Captured)` after each payment is stored."""

    saved = Signal(object)

    def __init__(self, ctx: Context, user: User, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.user = user
        self.setObjectName("page_contribution")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 24, 20)
        heading = page_heading(self.tr("Pembayaran iuran"))
        outer.addWidget(heading)
        self.day_gate = DayClosedGate(self, outer)  # the day closed: said, nothing typed
        hint = QLabel(
            self.tr(
                "Alt+B iuran BPU · Alt+U iuran PU · Enter kolom berikutnya, di kolom terakhir "
                "simpan · Ctrl+S simpan · Esc kosongkan"
            )
        )
        hint.setStyleSheet(INFO_STYLE)
        outer.addWidget(hint)

        self.bpu_mode = QRadioButton(self.tr("BPU — peserta mandiri (Alt+B)"))
        self.bpu_mode.setObjectName("mode_bpu")
        self.pu_mode = QRadioButton(self.tr("PU — tagihan perusahaan (Alt+U)"))
        self.pu_mode.setObjectName("mode_pu")
        modes = QButtonGroup(self)
        modes.addButton(self.bpu_mode)
        modes.addButton(self.pu_mode)
        self.bpu_mode.setChecked(True)
        mode_row = QHBoxLayout()
        mode_row.setContentsMargins(0, 8, 0, 8)
        mode_label = QLabel(self.tr("Jenis iuran:"))
        mode_label.setStyleSheet("font-weight: bold;")
        mode_row.addWidget(mode_label)
        mode_row.addWidget(self.bpu_mode)
        mode_row.addWidget(self.pu_mode)
        mode_row.addStretch(1)
        outer.addLayout(mode_row)

        self.bpu = BpuPanel(ctx)
        self.pu = PuPanel(ctx)
        self.panels = QStackedWidget()
        self.panels.addWidget(self.bpu)
        self.panels.addWidget(self.pu)
        self.breakdown = Breakdown()
        self.tender = TenderPanel(lang=ctx.lang)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.panels)
        column.addStretch(1)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)
        column.addWidget(self.breakdown)
        column.addWidget(self.tender)
        column.addStretch(1)
        body = QHBoxLayout()
        body.setSpacing(28)
        for side, stretch in ((left, 11), (right, 9)):
            # The stretch alone sets the widths: they stay put as the texts inside change.
            side.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            side.setMinimumWidth(340)
            body.addWidget(side, stretch)
        outer.addLayout(body, 1)

        required = QLabel(self.tr("* wajib diisi"))
        required.setObjectName("required_note")
        required.setStyleSheet(INFO_STYLE)
        outer.addWidget(required)
        self.form_error = error_label("form_error")
        outer.addWidget(self.form_error)
        self.done = note_label("done", DONE_STYLE, wrap=False)
        outer.addWidget(self.done)
        # The change to hand back, on screen until the next payment is started.
        self.change_banner = note_label("change_banner", CHANGE_BANNER_STYLE, wrap=False)
        outer.addWidget(self.change_banner)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Simpan (Ctrl+S)"))
        self.save_button.setObjectName("save")
        self.clear_button = QPushButton(self.tr("Kosongkan (Esc)"))
        self.clear_button.setObjectName("clear")
        self.clear_button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        outer.addLayout(buttons)

        self.inputs: dict[str, QWidget] = {
            **self.bpu.inputs,
            **self.pu.inputs,
            **self.tender.inputs,
        }
        self.errors: dict[str, QLabel] = {**self.bpu.errors, **self.pu.errors, **self.tender.errors}
        chain = [
            self.bpu_mode,
            self.pu_mode,
            *self.bpu.chain,
            *self.pu.chain,
            *self.tender.chain,
            self.save_button,
        ]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.enter_chain = EnterChain(self, lambda: chain[:-1], self.submit, held=self._held)
        # Enter in the agent's field (Alt+R, outside the Tab order) goes on to the tender.
        self.bpu.agent_code.returnPressed.connect(lambda: self.tender.chain[0].setFocus())
        self.save_button.clicked.connect(self.submit)
        self.clear_button.clicked.connect(self.clear)
        for keys, slot in (
            (QKeySequence("Ctrl+S"), self.submit),
            (QKeySequence(Qt.Key.Key_Escape), self.ask_clear),
            (QKeySequence("Alt+B"), lambda: self.set_mode(pu=False)),
            (QKeySequence("Alt+U"), lambda: self.set_mode(pu=True)),
        ):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.pu_mode.toggled.connect(self._mode_changed)
        self.bpu.changed.connect(self._refresh)
        self.pu.changed.connect(self._refresh)
        self.pu.bill_filled.connect(self._bill_filled)
        self.bpu.looked_up.connect(self._looked_up)
        self.pu.looked_up.connect(self._looked_up)
        # The next payment starts as its NIK, KPJ or payment code is typed: the change goes.
        self.bpu.participant.textEdited.connect(self._participant_typed)
        self.pu.payment_code.textEdited.connect(self._code_typed)
        self._saving = False
        self._save_when_answered = False  # Save pressed while the upstream was being asked
        self._enter_when_answered = False  # Enter on the NIK/KPJ while it was being looked up
        self.confirmation: FiguresDialog | None = None  # the cash about to be taken, asked
        self._cash = False  # the payment being saved is in cash
        self._received: int | None = None  # the cash handed over for it (None: exact)
        self._mode_changed(False)

    @property
    def is_pu(self) -> bool:
        return self.pu_mode.isChecked()

    # --- the mode, and the amount due as the teller types ------------------------------------

    def set_mode(self, *, pu: bool) -> None:
        """BPU or PU (Alt+B / Alt+U); the cursor goes to the mode's first field."""
        (self.pu_mode if pu else self.bpu_mode).setChecked(True)
        self._first_field().setFocus()

    def _first_field(self) -> QWidget:
        return (self.pu if self.is_pu else self.bpu).chain[0]

    def _mode_changed(self, _checked: bool) -> None:
        self.panels.setCurrentWidget(self.pu if self.is_pu else self.bpu)
        self.setFocusProxy(self._first_field())
        self._clear_errors()
        self._refresh()

    def _refresh(self) -> None:
        if self.is_pu:
            rows = self.pu.rows()
            if not rows:
                self._no_total(self.tr("Isi tagihan per program dari kode iuran."))
                return
            total = sum(amount for _program, _detail, amount in rows)
            self.breakdown.show_lines(rows, self.pu.period_text(), total)
            self.tender.set_total(total)
            return
        try:  # pure: no I/O, so it runs here on the GUI thread as the teller types
            quote = self.bpu.quote()
        except DomainError as error:
            self._no_total(error.message(self.ctx.lang))
            return
        if quote is None:
            self._no_total(self.tr("Isi NIK atau KPJ peserta, lalu pilih tingkat penghasilan."))
            return
        self.breakdown.show_lines(self.bpu.rows(quote), self.bpu.period(quote), quote.total)
        self.tender.set_total(quote.total)

    def _no_total(self, why: str) -> None:
        self.breakdown.show_message(why)
        self.tender.set_total(None)

    # --- saving --------------------------------------------------------------------------------

    def start_for(self, participant: str, agent: str = "") -> None:
        """Take a BPU payment for this NIK or KPJ: looked up, the cursor on the income tier; the
        agent who brought the registration, if any, brings the payment too (it may be cleared)."""
        self.set_mode(pu=False)
        self.clear()
        self.bpu.participant.setText(participant)
        self.bpu.agent_code.setText(agent)
        self.bpu.look_up()
        self.bpu.monthly_income.setFocus()

    def _participant_typed(self, text: str) -> None:
        """The 16th digit of a NIK asks who it is at once (no key to leave the field)."""
        hide_text(self.change_banner)
        digits = strip_separators(text)
        if digits.isdigit() and len(digits) == NIK_LENGTH:
            self.bpu.look_up()

    def _code_typed(self, text: str) -> None:
        """A payment code of the longest length asks for its bill at once (a shorter one is
        asked on Enter or Tab: more digits may follow)."""
        hide_text(self.change_banner)
        code = strip_separators(text)
        longest = max(self.ctx.counter.reference.lengths_of("payment_code"))
        if code.isdigit() and len(code) == longest:
            self.pu.look_up()

    def _bill_filled(self) -> None:
        """The whole bill is on screen: the teller has only the tender left to type."""
        if self.is_pu and (self.pu.isAncestorOf(self.focusWidget()) or self.focusWidget() is None):
            self.tender.last.setFocus()

    def _held(self, field: QWidget) -> bool:
        """Enter on the NIK/KPJ: where the cursor goes waits for who it is."""
        if field is not self.bpu.participant or self.is_pu:
            return False
        self.bpu.look_up()
        if not self.bpu.looking:
            return False
        self._enter_when_answered = True
        return True

    def _looked_up(self) -> None:
        entered, self._enter_when_answered = self._enter_when_answered, False
        on_number = self.focusWidget() is self.bpu.participant
        if not self.is_pu and on_number and self.bpu.payer is not None:
            if self.bpu.quote() is not None:
                # Tier, programs and months are filled in: only the tender is left to type
                # (as with a PU bill).
                self.tender.last.setFocus()
            elif entered:
                self.bpu.monthly_income.setFocus()
        if self._save_when_answered:
            self._save_when_answered = False
            self._save()  # not asked again: a look-up that failed is the service's to name

    def payment_op(self) -> Op[Captured]:
        """The payment on screen, ready to run; refuses here what the screen can tell at once."""
        tender = self.tender.value()
        if not self.is_pu:
            income = self.bpu.monthly_income.currentData()
            # With nobody found yet the service names the NIK/KPJ; with someone found the
            # tier must be on screen, so that the amount taken is the amount shown.
            if not isinstance(income, int) and self.bpu.participant_name.isVisibleTo(self):
                raise DomainError(
                    "monthly_income",
                    self.tr("Pilih tingkat penghasilan."),
                    "Choose the income tier.",
                )
            bpu = PayBpuContribution(
                participant=self.bpu.participant.text(),
                months=int(self.bpu.months.currentData()),
                period_start=str(self.bpu.period_start.currentData()),
                monthly_income=income if isinstance(income, int) else "",
                programs=self.bpu.programs(),
                sector=self.bpu.sector(),
                paid_through=self.bpu.paid_month(),
                agent_code=self.bpu.agent_code.code(),
                tender=tender.tender,
                debit_account=tender.debit_account,
                debit_reference=tender.debit_reference,
                cash_given=tender.cash_given,
            )
            return bpu_payment_op(self.ctx, self.user, bpu)
        if self.pu.paid is not None:
            raise self.pu.paid  # the upstream says it is paid: the money is not taken twice
        pu = PayPuContribution(
            payment_code=self.pu.payment_code.text(),
            npp=self.pu.npp.text(),
            employer_name=self.pu.employer_name.text(),
            period=str(self.pu.period.currentData()),
            billed=self.pu.billed_as_typed(),
            tender=tender.tender,
            debit_account=tender.debit_account,
            debit_reference=tender.debit_reference,
            cash_given=tender.cash_given,
        )
        return pu_payment_op(self.ctx, self.user, pu)

    def submit(self) -> None:
        if self._saving:
            return  # already saving: Enter twice must not take the money twice
        panel = self.pu if self.is_pu else self.bpu
        if not self.is_pu:
            self.bpu.look_up()  # typed and saved at once: asked first
        offline = self.ctx.counter.upstream_link.state.offline
        if panel.looking and not (self.is_pu and offline):
            # The upstream's answer decides who pays and how much: the save follows it, within
            # the inquiry's timeout at most (offline, a bill typed by hand does not wait for a
            # recheck of the link).
            self._save_when_answered = True
            return
        self._save()

    def _save(self) -> None:
        if self._saving:
            return
        self._clear_errors()
        hide_text(self.done)
        try:
            op = self.payment_op()
        except DomainError as error:
            self._failed(error)
            return
        self._saving = True
        self.save_button.setEnabled(False)
        tender = self.tender.value()
        total = self.tender.total
        cash = tender.tender == Tender.CASH.value
        self._cash = cash
        self._received = tender.cash_given
        if not cash or total is None:
            self._run(op)
            return
        received = total if tender.cash_given is None else tender.cash_given
        if received < total:
            self._run(op)  # the service says how much is missing, under the field
            return
        self.confirmation = confirm_figures(
            self,
            title=self.tr("Terima pembayaran tunai"),
            heading=self.tr("Terima pembayaran tunai?"),
            figures=[
                (self.tr("Total"), format_rupiah(total)),
                (self.tr("Uang diterima"), format_rupiah(received)),
                (self.tr("Kembalian"), format_rupiah(received - total)),
            ],
            accept=self.tr("Terima dan simpan (Enter)"),
            on_accept=lambda: self._run(op),
            on_back=self._back_from_confirmation,
        )

    def _run(self, op: Op[Captured]) -> None:
        self.confirmation = None
        op.success(self._saved).failure(self._failed).run(self.ctx.tasks, self)

    def _back_from_confirmation(self) -> None:
        """Esc on the figures: nothing written, the cursor where the cash is typed."""
        self.confirmation = None
        self._saving = False
        self.save_button.setEnabled(True)
        self.tender.last.setFocus()
        select_all = getattr(self.tender.last, "selectAll", None)
        if callable(select_all):
            select_all()  # the amount typed again replaces it

    def _saved(self, captured: Captured) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        self.clear()
        show_text(self.done, self.tr("Tersimpan: tanda terima {0}").format(captured.receipt_no))
        if self._cash:
            received = captured.amount if self._received is None else self._received
            show_text(
                self.change_banner,
                self.tr("Kembalian {0}   (diterima {1})").format(
                    format_rupiah(max(0, received - captured.amount)), format_rupiah(received)
                ),
            )
        self.saved.emit(captured)

    def _failed(self, error: DomainError) -> None:
        """Every error under its own field at once (what no field shows, under the form); the
        cursor on the first field named."""
        self._saving = False
        self.save_button.setEnabled(True)
        elsewhere = []
        first: QWidget | None = None
        for one in each_error(error):
            label = self.errors.get(one.field)
            widget = self.inputs.get(one.field)
            if label is None or widget is None or not widget.isVisibleTo(self):
                elsewhere.append(one.message(self.ctx.lang))
                continue
            show_text(label, one.message(self.ctx.lang))
            first = first or widget
        if elsewhere:
            show_text(self.form_error, "\n".join(elsewhere))
        if first is None:
            return
        first.setFocus()
        select_all = getattr(first, "selectAll", None)
        if callable(select_all):
            select_all()

    # --- clearing ------------------------------------------------------------------------------

    def ask_clear(self) -> None:
        """Esc: typing is thrown away only once the teller says so."""
        clear_asked(self, self.clear)

    def clear(self) -> None:
        """Empty both forms and the tender (Esc); the mode stays, its first field gets the focus."""
        self._save_when_answered = False
        self._enter_when_answered = False
        self.bpu.clear()
        self.pu.clear()
        self.tender.clear()
        self._clear_errors()
        hide_text(self.done)
        hide_text(self.change_banner)
        self._refresh()
        self._first_field().setFocus()

    def _clear_errors(self) -> None:
        for label in (*self.errors.values(), self.form_error):
            hide_text(label)
