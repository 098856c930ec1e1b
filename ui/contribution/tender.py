"""How the F3 payment is tendered: cash (the amount handed over and the change) or account debit."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QWidget,
)

from desktop.domain.money import format_rupiah, parse_rupiah
from desktop.domain.tender import Tender, validate_account_number, validate_debit_reference
from desktop.errors import DomainError
from ui.contribution.months import amount_or_none, tidy_amount
from ui.live_checks import REQUIRED_MARK, check_as_typed
from ui.widgets import INFO_STYLE, FieldForm, hide_text, line_edit

FIELDS = ("tender", "cash_given", "debit_account", "debit_reference")
CHANGE_STYLE = "font-size: 13pt; font-weight: bold; color: #1b5e20;"
SHORT_STYLE = "font-size: 13pt; font-weight: bold; color: #b00020;"


@dataclass(frozen=True)
class TenderInput:
    tender: str
    cash_given: int | None
    debit_account: str
    debit_reference: str = ""


class TenderPanel(QWidget):
    """Cash shows the change as the amount handed over is typed; debit asks for the account and
    the bank's reference of the debit (from the EDC slip or the core-banking debit)."""

    def __init__(self, parent: QWidget | None = None, *, lang: str = "id") -> None:
        super().__init__(parent)
        self.cash = QRadioButton(self.tr("Tunai"))
        self.cash.setObjectName("tender_cash")
        self.debit = QRadioButton(self.tr("Debit rekening"))
        self.debit.setObjectName("tender_debit")
        self.group = QButtonGroup(self)
        self.group.addButton(self.cash)
        self.group.addButton(self.debit)
        self.cash.setChecked(True)
        choice = QWidget()
        row = QHBoxLayout(choice)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.cash)
        row.addWidget(self.debit)
        row.addStretch(1)
        self.cash_given = line_edit("cash_given", 20, self.tr("kosong = uang pas"))
        self.change = QLabel()
        self.change.setObjectName("change")
        self.change.setTextFormat(Qt.TextFormat.PlainText)
        self.debit_account = line_edit("debit_account", 30, self.tr("6-20 angka"))
        self.debit_reference = line_edit(
            "debit_reference", 30, self.tr("dari struk EDC / bukti debit bank")
        )
        self.inputs: dict[str, QWidget] = {
            "tender": self.cash,
            "cash_given": self.cash_given,
            "debit_account": self.debit_account,
            "debit_reference": self.debit_reference,
        }
        self.form = FieldForm(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.add_field("tender", self.tr("Cara ba&yar"), self.cash, shown=choice)
        self.form.add_field("cash_given", self.tr("Uang &diterima"), self.cash_given, self.change)
        self.form.add_field(
            "debit_account", self.tr("No. r&ekening") + REQUIRED_MARK, self.debit_account
        )
        self.form.add_field(
            "debit_reference", self.tr("Ref. debi&t") + REQUIRED_MARK, self.debit_reference
        )
        self.errors = self.form.errors
        # Said when left, gone as soon as right: the save's own checks of each.
        errors = self.errors
        check_as_typed(self.debit_account, errors["debit_account"], validate_account_number, lang)
        check_as_typed(
            self.debit_reference, errors["debit_reference"], validate_debit_reference, lang
        )
        self._total: int | None = None
        self.cash.toggled.connect(self._tender_changed)
        self.cash_given.textChanged.connect(lambda _text: self._show_change())
        self.cash_given.editingFinished.connect(lambda: tidy_amount(self.cash_given))
        self._tender_changed(True)

    @property
    def chain(self) -> list[QWidget]:
        return [self.cash, self.debit, self.cash_given, self.debit_account, self.debit_reference]

    @property
    def last(self) -> QWidget:
        """The field Enter saves from."""
        return self.cash_given if self.cash.isChecked() else self.debit_reference

    def _tender_changed(self, _checked: bool) -> None:
        cash = self.cash.isChecked()
        self.form.setRowVisible(1, cash)
        self.form.setRowVisible(2, not cash)
        self.form.setRowVisible(3, not cash)
        for name in FIELDS:
            hide_text(self.errors[name])
        self._show_change()

    @property
    def total(self) -> int | None:
        """The amount due as shown (None while it is not known yet)."""
        return self._total

    def set_total(self, total: int | None) -> None:
        self._total = total
        self._show_change()

    def _show_change(self) -> None:
        hide_text(self.errors["cash_given"])
        given = amount_or_none(self.cash_given.text())
        total = self._total
        if total is None or not self.cash_given.text().strip():
            self.change.setStyleSheet(INFO_STYLE)
            self.change.setText(self.tr("Kembalian: —"))
        elif given is None:
            self.change.setStyleSheet(INFO_STYLE)
            self.change.setText(self.tr("Tulis jumlah rupiah, mis. 50.000"))
        elif given < total:
            self.change.setStyleSheet(SHORT_STYLE)
            self.change.setText(self.tr("Kurang {0}").format(format_rupiah(total - given)))
        else:
            self.change.setStyleSheet(CHANGE_STYLE)
            self.change.setText(self.tr("Kembalian: {0}").format(format_rupiah(given - total)))

    def value(self) -> TenderInput:
        """As typed, for the service; an amount handed over that is not rupiah is refused here."""
        if self.debit.isChecked():
            return TenderInput(
                Tender.DEBIT.value, None, self.debit_account.text(), self.debit_reference.text()
            )
        text = self.cash_given.text()
        given: int | None = None
        if text.strip():
            try:
                given = parse_rupiah(text, "cash_received")
            except DomainError as error:
                raise DomainError("cash_given", error.message("id"), error.message("en")) from None
        return TenderInput(Tender.CASH.value, given, "")

    def clear(self) -> None:
        self.cash.setChecked(True)
        self.cash_given.clear()
        self.debit_account.clear()
        self.debit_reference.clear()
        for name in FIELDS:
            hide_text(self.errors[name])
