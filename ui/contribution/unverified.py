"""F3 offline: the confirmation of who pays, for a NIK neither registered here nor known while
the upstream cannot be reached. The F3 form calls `offer_unverified` when its look-up of the NIK
fails; the dialog opens only when the service says the payment may be taken so."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.bpu import ALLOWED_MONTHS, bpu_rate_set, quote_bpu
from desktop.domain.contributions import income_tiers
from desktop.domain.dates import parse_month
from desktop.domain.money import format_rupiah
from desktop.domain.nik import NIK_LENGTH, mask_identifier, normalize_nik, parse_nik
from desktop.errors import DomainError
from desktop.services.auth import User
from desktop.services.capture import Captured
from desktop.services.inquiry import InquiryLink
from desktop.services.unverified import PayUnverifiedBpu
from ui.confirm import confirm_figures
from ui.context import Context
from ui.contribution.months import amount_or_none, month_combo, months_around
from ui.operations.unverified import may_pay_unverified_op, unverified_payment_op
from ui.widgets import (
    INFO_STYLE,
    FieldForm,
    error_label,
    hide_text,
    line_edit,
    point_at,
    show_text,
    text_label,
)

TOTAL_STYLE = "font-size: 12pt; font-weight: bold;"
FIELDS = (
    "full_name",
    "birth_date",
    "monthly_income",
    "programs",
    "months",
    "period_start",
    "cash_given",
)


class UnverifiedPaymentDialog(QDialog):
    """Who pays, as the teller confirms it from the ID card, and the payment; `saved(Captured)`
    once it is stored (its receipt comes next, as after every capture), then it closes."""

    saved = Signal(object)

    def __init__(
        self,
        ctx: Context,
        user: User,
        nik: str,
        parent: QWidget | None = None,
        *,
        link: InquiryLink | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.user = user
        self.nik = nik
        self.link = link
        self.setObjectName("unverified_payment_dialog")
        self.setWindowTitle(self.tr("Iuran tanpa verifikasi"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        outer = QVBoxLayout(self)
        outer.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        intro = QLabel(
            self.tr(
                "Server pusat tidak dapat dihubungi dan NIK {0} belum dikenal di loket ini. "
                "Iuran tetap dapat diterima: cocokkan nama dan tanggal lahir dengan KTP "
                "peserta. Tanda terimanya bertuliskan \u201cMenunggu verifikasi BPJS "
                "Ketenagakerjaan\u201d; bila BPJS menolaknya, iuran dikembalikan."
            ).format(mask_identifier(nik))
        )
        intro.setWordWrap(True)
        intro.setMinimumWidth(460)
        intro.setStyleSheet(INFO_STYLE)
        outer.addWidget(intro)

        counter = ctx.counter
        today = counter.business_date()
        self.full_name = line_edit("full_name", 100, self.tr("seperti tertulis di KTP"))
        self.birth_date = line_edit("birth_date", 10, self.tr("HH/BB/TTTT"))
        try:  # the NIK carries the birth date: the teller checks it against the ID card
            born = parse_nik(nik, counter.reference.provinces, today).birth_date
            self.birth_date.setText(f"{born:%d/%m/%Y}")
        except DomainError:
            pass
        self.monthly_income = QComboBox()
        self.monthly_income.setObjectName("monthly_income")
        self.monthly_income.addItem(self.tr("— pilih tingkat penghasilan —"), "")
        for tier in income_tiers(counter.reference, today):
            self.monthly_income.addItem(format_rupiah(tier), tier)
        self.jht = QCheckBox(self.tr("JHT (pilihan; JKK dan JKM wajib)"))
        self.jht.setObjectName("jht")
        self.months = QComboBox()
        self.months.setObjectName("months")
        for count in ALLOWED_MONTHS:
            self.months.addItem(self.tr("{0} bulan").format(count), count)
        rates = bpu_rate_set(counter.reference, today)
        self.period_start = month_combo(
            "period_start",
            months_around(today, rates.arrears_months, rates.advance_months - 1),
            today,
            ctx.lang,
        )
        self.cash_given = line_edit("cash_given", 20, self.tr("uang diterima (tunai)"))
        self.inputs: dict[str, QWidget] = {
            "full_name": self.full_name,
            "birth_date": self.birth_date,
            "monthly_income": self.monthly_income,
            "programs": self.jht,
            "months": self.months,
            "period_start": self.period_start,
            "cash_given": self.cash_given,
        }
        labels = {
            "full_name": self.tr("Nama &lengkap"),
            "birth_date": self.tr("Tanggal la&hir"),
            "monthly_income": self.tr("&Penghasilan per bulan"),
            "programs": self.tr("Pro&gram"),
            "months": self.tr("&Jumlah bulan"),
            "period_start": self.tr("Periode &awal"),
            "cash_given": self.tr("&Uang diterima"),
        }
        form = FieldForm()
        outer.addLayout(form)
        for key in FIELDS:
            form.add_field(key, labels[key], self.inputs[key])
        self.errors = form.errors
        self.total = text_label("total", TOTAL_STYLE)
        outer.addWidget(self.total)
        for combo in (self.monthly_income, self.months, self.period_start):
            combo.currentIndexChanged.connect(lambda _index: self._show_total())
        self.jht.toggled.connect(lambda _checked: self._show_total())
        self._show_total()
        self.form_error = error_label("form_error")
        outer.addWidget(self.form_error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Terima iuran (Ctrl+S)"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Batal (Esc)"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        save = QShortcut(QKeySequence("Ctrl+S"), self)
        save.activated.connect(self.submit)
        self.full_name.setFocus()

    def _show_total(self) -> None:
        """The amount to collect, as typed (pure: no I/O, so here on the GUI thread)."""
        try:
            total = self.quote_total()
        except DomainError as error:
            self.total.setText(error.message(self.ctx.lang))
            return
        if total is None:
            self.total.setText(self.tr("Pilih tingkat penghasilan untuk melihat jumlah iuran."))
            return
        self.total.setText(self.tr("Jumlah iuran: {0}").format(format_rupiah(total)))

    def quote_total(self) -> int | None:
        """The amount due as chosen; None until a tier is chosen."""
        income = self.monthly_income.currentData()
        if not isinstance(income, int):
            return None
        counter = self.ctx.counter
        return quote_bpu(
            counter.reference,
            monthly_income=income,
            programs="JKK+JKM+JHT" if self.jht.isChecked() else "JKK+JKM",
            months=int(self.months.currentData()),
            period_start=parse_month(str(self.period_start.currentData()), "", "", ""),
            on=counter.business_date(),
        ).total

    def submit(self) -> None:
        if not self.ok_button.isEnabled():
            return  # already saving: a second press must not pay twice
        form_errors = (*self.errors.values(), self.form_error)
        for label in form_errors:
            hide_text(label)
        cash = self.cash_given.text()
        given = amount_or_none(cash)
        if cash.strip() and given is None:
            point_at(
                self.errors["cash_given"],
                self.cash_given,
                self.tr("Uang diterima harus jumlah rupiah, mis. 50.000."),
            )
            return
        income = self.monthly_income.currentData()
        cmd = PayUnverifiedBpu(
            nik=self.nik,
            full_name=self.full_name.text(),
            birth_date=self.birth_date.text(),
            monthly_income=income if isinstance(income, int) else "",
            programs="JKK+JKM+JHT" if self.jht.isChecked() else "JKK+JKM",
            months=int(self.months.currentData()),
            period_start=str(self.period_start.currentData()),
            cash_given=given,
        )
        self.ok_button.setEnabled(False)
        try:
            total = self.quote_total()
        except DomainError:
            total = None  # the service names what is wrong
        received = total if given is None else given
        if total is None or received is None or received < total:
            self._run(cmd)
            return
        confirm_figures(
            self,
            title=self.tr("Terima pembayaran tunai"),
            heading=self.tr("Terima pembayaran tunai?"),
            figures=[
                (self.tr("Total"), format_rupiah(total)),
                (self.tr("Uang diterima"), format_rupiah(received)),
                (self.tr("Kembalian"), format_rupiah(received - total)),
            ],
            accept=self.tr("Terima dan simpan (Enter)"),
            on_accept=lambda: self._run(cmd),
            on_back=lambda: self.ok_button.setEnabled(True),
        )

    def _run(self, cmd: PayUnverifiedBpu) -> None:
        (
            unverified_payment_op(self.ctx, self.user, cmd, self.link)
            .success(self._saved)
            .failure(self._failed)
            .run(self.ctx.tasks, self)
        )

    def _saved(self, captured: Captured) -> None:
        self.saved.emit(captured)
        self.accept()

    def _failed(self, error: DomainError) -> None:
        self.ok_button.setEnabled(True)
        text = error.message(self.ctx.lang)
        field = "cash_given" if error.field in ("tender", "cash_given") else error.field
        if field in self.inputs:
            point_at(self.errors[field], self.inputs[field], text)
        else:
            show_text(self.form_error, text)


def offer_unverified(form: QWidget, ctx: Context, typed: str, error: DomainError) -> None:
    """After the F3 form failed to find who pays: when the typed text is a NIK and the service
    says it may be paid unverified (not registered here, the upstream cannot be reached), the
    confirmation opens over the form, which is cleared once the payment is stored. Whatever
    else the service says, the form's own error stays and nothing is offered."""
    nik = normalize_nik(typed)
    page = _page(form)
    if page is None or error.field != "participant" or len(nik) != NIK_LENGTH:
        return
    user = getattr(page, "user", None)
    if not nik.isdigit() or not isinstance(user, User):
        return

    def open_dialog(checked: str) -> None:
        field = getattr(form, "participant", None)
        typed_now = normalize_nik(field.text()) if isinstance(field, QLineEdit) else nik
        if typed_now != nik or any(d.isVisible() for d in form.findChildren(QDialog)):
            return  # typed over meanwhile, or a dialog is up already: no offer out of turn
        dialog = UnverifiedPaymentDialog(ctx, user, checked, form)
        clear = getattr(page, "clear", None)
        if callable(clear):
            dialog.saved.connect(lambda _captured: clear())
        dialog.open()

    may_pay_unverified_op(ctx.counter, nik).success(open_dialog).failure(lambda _e: None).run(
        ctx.asking, form
    )


def _page(widget: QWidget) -> QWidget | None:
    """The F3 page the form sits in (it knows the user, and starts afresh with `clear`)."""
    node: QWidget | None = widget
    while node is not None and node.objectName() != "page_contribution":
        node = node.parentWidget()
    return node
