"""The claim page's fields: the reason, who claims, the NPWP questions and the payout account."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from desktop.domain.claims import ClaimReason, claim_reason, npwp_required
from desktop.domain.nik import NIK_LENGTH, normalize_nik, parse_nik
from desktop.errors import DomainError
from desktop.services.claims import DEATH
from ui.context import Context
from ui.live_checks import REQUIRED_MARK
from ui.widgets import FieldForm, hide_text, line_edit, note_label, show_text

# The command's fields in the form's (and Tab) order; "npwp" stands for the two NPWP questions.
FIELDS = (
    "reason",
    "nik",
    "kpj",
    "participant_name",
    "event_date",
    "claimant_name",
    "npwp",
    "payout_bank",
    "payout_account",
    "payout_account_holder",
)


# What every handover needs (the form marks them); the event date and the claimant follow from
# the reason, the KPJ may stay empty.
REQUIRED = (
    "reason",
    "nik",
    "participant_name",
    "payout_bank",
    "payout_account",
    "payout_account_holder",
)


class ClaimFields(QWidget):
    """Everything typed about the claim but its documents; each field with its error under it."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.reason = QComboBox()
        self.reason.setObjectName("reason")
        self.reason.addItem(self.tr("— pilih alasan klaim —"), "")
        for reason in ctx.counter.reference.claim_reasons:
            self.reason.addItem(reason.name_id if ctx.lang == "id" else reason.name_en, reason.code)
        self.nik = line_edit("nik", 20)
        self.kpj = line_edit("kpj", 20)
        self.kpj.setPlaceholderText(self.tr("boleh kosong"))
        self.participant_name = line_edit("participant_name", 100)
        self.event_date = line_edit("event_date", 10)
        self.event_date.setPlaceholderText(
            self.tr("HH/BB/TTTT: tgl. berhenti / PHK / akhir kontrak")
        )
        self.waiting_info = note_label("waiting_info")
        self.claimant_name = line_edit("claimant_name", 100)
        self.balance_above_50m = QCheckBox(self.tr("&Saldo JHT di atas Rp50.000.000"))
        self.balance_above_50m.setObjectName("balance_above_50m")
        self.had_partial_claim = QCheckBox(self.tr("Pernah k&laim JHT sebagian (10% / 30%)"))
        self.had_partial_claim.setObjectName("had_partial_claim")
        self.npwp_info = note_label("npwp_info")
        self.payout_bank = line_edit("payout_bank", 60)
        self.payout_bank.setPlaceholderText(self.tr("mis. BNI, BRI, Mandiri"))
        self.payout_account = line_edit("payout_account", 30)
        self.payout_account_holder = line_edit("payout_account_holder", 100)
        self.payout_account_holder.setPlaceholderText(self.tr("harus atas nama pengaju sendiri"))
        self.inputs: dict[str, QWidget] = {
            "reason": self.reason,
            "nik": self.nik,
            "kpj": self.kpj,
            "participant_name": self.participant_name,
            "event_date": self.event_date,
            "claimant_name": self.claimant_name,
            "npwp": self.balance_above_50m,
            "payout_bank": self.payout_bank,
            "payout_account": self.payout_account,
            "payout_account_holder": self.payout_account_holder,
        }
        labels = {
            "reason": self.tr("&Alasan klaim"),
            "nik": self.tr("&NIK peserta"),
            "kpj": self.tr("No. &KPJ"),
            "participant_name": self.tr("Nama &peserta"),
            "event_date": self.tr("Tanggal ke&jadian"),
            "claimant_name": self.tr("Nama pen&gaju"),
            "npwp": self.tr("NPWP"),
            "payout_bank": self.tr("&Bank pembayaran"),
            "payout_account": self.tr("No. &rekening"),
            "payout_account_holder": self.tr("Pe&milik rekening"),
        }
        self.form = FieldForm(self, spacing=12)
        self.form.setContentsMargins(0, 0, 0, 0)
        under: dict[str, tuple[QWidget, ...]] = {
            "event_date": (self.waiting_info,),
            "npwp": (self.had_partial_claim, self.npwp_info),  # the second question, then why
        }
        for name in FIELDS:
            label = labels[name] + (REQUIRED_MARK if name in REQUIRED else "")
            self.form.add_field(name, label, self.inputs[name], *under.get(name, ()))
        self.errors: dict[str, QLabel] = self.form.errors
        self.cells: dict[str, QWidget] = self.form.cells
        self.nik.textChanged.connect(self._nik_changed)
        self.nik.editingFinished.connect(self._nik_left)
        self.balance_above_50m.toggled.connect(self._npwp_changed)
        self.had_partial_claim.toggled.connect(self._npwp_changed)
        self.reason.currentIndexChanged.connect(self._reason_changed)
        self._reason_changed()

    def focus_chain(self) -> list[QWidget]:
        """The fields in Tab order: the two NPWP questions one after the other."""
        chain = [self.inputs[name] for name in FIELDS]
        chain.insert(chain.index(self.balance_above_50m) + 1, self.had_partial_claim)
        return chain

    def selected_reason(self) -> ClaimReason | None:
        code = self.reason.currentData()
        return claim_reason(self.ctx.counter.reference, code) if code else None

    def npwp_needed(self) -> bool:
        return npwp_required(
            balance_above_50m=self.balance_above_50m.isChecked(),
            had_partial_claim=self.had_partial_claim.isChecked(),
        )

    def clear(self) -> None:
        for widget in self.inputs.values():
            if isinstance(widget, QLineEdit):
                widget.clear()
        self.balance_above_50m.setChecked(False)
        self.had_partial_claim.setChecked(False)
        self.reason.setCurrentIndex(0)
        for label in self.errors.values():
            hide_text(label)

    def _reason_changed(self) -> None:
        """The event date only where the reason needs one; an heir's name for a death claim."""
        reason = self.selected_reason()
        dated = reason is not None and (
            reason.event_date_required or reason.waiting_period_months > 0
        )
        self.form.setRowVisible(self.cells["event_date"], dated)
        if not dated:
            self.event_date.clear()
        death = reason is not None and reason.code == DEATH
        self.claimant_name.setPlaceholderText(
            self.tr("wajib: nama ahli waris")
            if death
            else self.tr("kosongkan bila peserta sendiri")
        )

    def _npwp_changed(self) -> None:
        needed = self.npwp_needed()
        self.npwp_info.setText(self.tr("NPWP wajib dilampirkan.") if needed else "")
        self.npwp_info.setVisible(needed)

    def _nik_left(self) -> None:
        """A NIK left short (or otherwise wrong) is said at once, as the save would say it."""
        text = self.nik.text()
        if not text.strip():
            return
        counter = self.ctx.counter
        try:  # pure: the save's own NIK check
            parse_nik(text, counter.reference.provinces, counter.business_date())
        except DomainError as error:
            show_text(self.errors["nik"], error.message(self.ctx.lang))

    def _nik_changed(self, text: str) -> None:
        hide_text(self.errors["nik"])
        if len(normalize_nik(text)) < NIK_LENGTH:
            return
        counter = self.ctx.counter
        try:  # pure: no I/O, so it runs here on the GUI thread as the teller types
            parse_nik(text, counter.reference.provinces, counter.business_date())
        except DomainError as error:
            show_text(self.errors["nik"], error.message(self.ctx.lang))
