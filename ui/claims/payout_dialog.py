"""Paying an approved claim out (F7 Status klaim, Bayar): the claimant's NIK typed again from the
original KTP, transfer (with the bank's reference) or cash; checked, then confirmed with the
figures as every commit that moves money is (ui/confirm.py: Enter pays, Esc goes back with
nothing paid); Enter moves through the fields by the one rule (ui/enter.py). The same service as
`spo-counter pay-benefit`."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.money import format_rupiah
from desktop.domain.nik import mask_identifier
from desktop.errors import DomainError
from desktop.services.auth import User
from desktop.services.benefit_payout import DEATH, BenefitPaid, PayBenefit, PayoutQuote
from desktop.services.claim_status import ClaimRow
from ui.approval import SupervisorApproval
from ui.confirm import Figure, FiguresDialog, confirm_figures
from ui.context import Context
from ui.enter import EnterChain
from ui.operations.payouts import pay_benefit_op, quote_payout_op
from ui.widgets import (
    INFO_STYLE,
    FieldForm,
    error_label,
    hide_text,
    line_edit,
    point_at,
    show_text,
)

NIK_TYPED_MAX = 24  # 16 digits with the spaces, dots or dashes a KTP shows
REFERENCE_MAX = 60


class PayoutDialog(QDialog):
    """`paid(BenefitPaid)` once the money is recorded (its receipt follows, to print and have
    the claimant sign). Enter goes from field to field; on the last it checks what was typed
    (a supervisor's approval asked when the cash is above the threshold) and shows the figures:
    Enter there pays, Esc goes back to the form. Esc closes unless the payout is running."""

    paid = Signal(object)

    def __init__(
        self, ctx: Context, user: User, claim: ClaimRow, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.user = user
        self.claim = claim
        self.quote: PayoutQuote | None = None
        self.busy = False
        self.setObjectName("payout_dialog")
        self.setWindowTitle(self.tr("Bayar klaim JHT"))
        self.setMinimumWidth(520)
        outer = QVBoxLayout(self)
        heading = QLabel(self.tr("Bayar klaim {0}").format(claim.receipt_no))
        heading.setStyleSheet("font-size: 13pt; font-weight: bold;")
        outer.addWidget(heading)
        reason = claim.reason_name if ctx.lang == "id" else claim.reason_name_en
        summary = QLabel(
            self.tr("{0} · {1} · bruto {2} · pajak {3} · neto {4}").format(
                claim.participant_name,
                reason,
                format_rupiah(claim.gross or 0),
                format_rupiah(claim.tax or 0),
                format_rupiah(claim.net or 0),
            )
        )
        summary.setObjectName("payout_summary")
        summary.setTextFormat(Qt.TextFormat.PlainText)
        summary.setWordWrap(True)
        outer.addWidget(summary)
        note = QLabel(
            self.tr(
                "Cocokkan penerima dengan KTP asli: ketik lagi NIK dari KTP yang ditunjukkan. "
                "Pembayaran dipesan dulu di server pusat, jadi perlu sambungan; klaim tidak "
                "pernah dibayar dua kali."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet(INFO_STYLE)
        outer.addWidget(note)

        self.form = FieldForm()
        self.nik = line_edit("payout_nik", NIK_TYPED_MAX, self.tr("16 angka dari KTP"))
        self.form.add_field("nik", self.tr("&NIK penerima"), self.nik)
        self.heir_name: QLineEdit | None = None
        if claim.reason == DEATH:
            self.heir_name = line_edit("payout_heir_name", 100, claim.claimant_name)
            self.form.add_field("heir_name", self.tr("Nama &ahli waris (KTP)"), self.heir_name)
        self.method = QComboBox()
        self.method.setObjectName("payout_method")
        self.method.addItem(
            self.tr("Transfer ke {0} {1}").format(
                claim.payout_bank, mask_identifier(claim.payout_account)
            ),
            "transfer",
        )
        self.method.addItem(self.tr("Tunai"), "cash")
        self.form.add_field("method", self.tr("&Cara bayar"), self.method)
        self.reference = line_edit(
            "payout_reference", REFERENCE_MAX, self.tr("nomor referensi transfer dari bank")
        )
        self.form.add_field("transfer_reference", self.tr("&Referensi transfer"), self.reference)
        outer.addLayout(self.form)
        self.approval = SupervisorApproval(
            note=self.tr("Pembayaran tunai sebesar ini perlu persetujuan supervisor lain.")
        )
        self.approval.set_needed(False)
        outer.addWidget(self.approval)
        # The figures asked before the money moves (Enter pays, Esc back): open while asked.
        self.confirmation: FiguresDialog | None = None
        self.form_error = error_label("payout_form_error")
        outer.addWidget(self.form_error)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.confirm = QPushButton(self.tr("Bayar (Enter)"))
        self.confirm.setObjectName("payout_confirm")
        self.cancel = QPushButton(self.tr("Tutup (Esc)"))
        self.cancel.setObjectName("payout_cancel")
        for button in (self.confirm, self.cancel):
            button.setAutoDefault(False)
            button.setDefault(False)
            buttons.addWidget(button)
        outer.addLayout(buttons)

        self.inputs: dict[str, QWidget] = {**self.form.inputs, **self.approval.inputs}
        self.errors = {**self.form.errors, **self.approval.errors}
        for edit in (self.nik, self.heir_name, self.reference):
            if edit is not None:
                edit.textEdited.connect(self._changed)
        self.method.currentIndexChanged.connect(self._method_changed)
        # Enter: NIK, (the heir's name,) the method, the reference, (the approval,) then check.
        self.enter_chain = EnterChain(self, lambda: list(self.inputs.values()), self.submit)
        self.approval.submitted.connect(self.submit)
        self.confirm.clicked.connect(self.submit)
        self.cancel.clicked.connect(self.reject)
        self.nik.setFocus()

    def command(self) -> PayBenefit:
        supervisor_id, supervisor_pin = self.approval.credentials()
        return PayBenefit(
            claim_receipt_no=self.claim.receipt_no,
            nik=self.nik.text(),
            method=str(self.method.currentData()),
            reference=self.reference.text() if self.method.currentData() == "transfer" else "",
            heir_name=self.heir_name.text() if self.heir_name is not None else "",
            supervisor_id=supervisor_id,
            supervisor_pin=supervisor_pin,
        )

    def submit(self) -> None:
        """Check what was typed; then the figures are asked, and Enter on them pays."""
        if self.busy:
            return  # Enter twice must not pay twice
        self._clear_errors()
        self._set_busy(True)
        quote_payout_op(self.ctx, self.command()).success(self._checked).failure(self._refused).run(
            self.ctx.tasks, self
        )

    def reject(self) -> None:
        if self.busy:
            return  # the payout is running (or its figures asked): its outcome still to be shown
        super().reject()

    def _checked(self, quote: PayoutQuote) -> None:
        self.quote = quote
        if quote.needs_approval and not self.approval.needed:
            self._set_busy(False)  # cash above the threshold: a supervisor approves first
            self.approval.set_needed(True)
            self.approval.first.setFocus()
            self.adjustSize()
            return
        self.confirmation = confirm_figures(
            self,
            title=self.windowTitle(),
            heading=self._heading(quote),
            figures=self.figures(quote),
            accept=self.tr("Bayar {0} (Enter)").format(format_rupiah(quote.net)),
            on_accept=self._pay,
            on_back=self._back,
        )

    def figures(self, quote: PayoutQuote) -> list[Figure]:
        """Gross, tax, and the net handed over (large): what the claimant signs for."""
        return [
            (self.tr("Bruto"), format_rupiah(quote.gross)),
            (self.tr("PPh 21"), format_rupiah(quote.tax)),
            (self.tr("Neto dibayar"), format_rupiah(quote.net)),
        ]

    def _heading(self, quote: PayoutQuote) -> str:
        how = (
            self.tr("tunai dari laci")
            if quote.method == "cash"
            else self.tr("transfer ke {0} {1}, referensi {2}").format(
                quote.payout_bank, mask_identifier(quote.payout_account), quote.reference
            )
        )
        return self.tr("Bayar klaim {0} kepada {1}, NIK {2} ({3})?").format(
            quote.claim_receipt_no, quote.claimant_name, mask_identifier(quote.claimant_nik), how
        )

    def _pay(self) -> None:
        self.confirmation = None
        pay_benefit_op(self.ctx, self.user, self.command()).success(self._paid).failure(
            self._refused
        ).run(self.ctx.network, self)

    def _back(self) -> None:
        """Esc on the figures: nothing paid; the form as it was, the cursor back in it."""
        self.confirmation = None
        self._set_busy(False)
        if self.approval.needed:
            self.approval.supervisor_pin.clear()
            self.approval.supervisor_pin.setFocus()

    def _paid(self, paid: BenefitPaid) -> None:
        self._set_busy(False)
        self.approval.supervisor_pin.clear()
        self.accept()
        self.paid.emit(paid)

    def _refused(self, error: DomainError) -> None:
        self._set_busy(False)
        self.approval.supervisor_pin.clear()
        label = self.errors.get(error.field)
        widget = self.inputs.get(error.field)
        if label is not None and widget is not None and widget.isVisible():
            point_at(label, widget, error.message(self.ctx.lang))
        else:
            show_text(self.form_error, error.message(self.ctx.lang))
        if error.field not in ("supervisor_id", "supervisor_pin"):
            self._changed()  # checked again before anything is paid
        self.adjustSize()

    def _method_changed(self) -> None:
        transfer = self.method.currentData() == "transfer"
        self.reference.setEnabled(transfer)
        if not transfer:
            self.reference.clear()
        self._changed()

    def _changed(self) -> None:
        """What was typed changed: checked again (the approval asked again) before paying."""
        self.quote = None
        self.approval.set_needed(False)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.confirm.setEnabled(not busy)
        self.cancel.setEnabled(not busy)

    def _clear_errors(self) -> None:
        for label in self.errors.values():
            hide_text(label)
        hide_text(self.form_error)
