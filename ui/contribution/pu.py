"""The PU half of the F3 page: an employer's bill by payment code, with the amount per program."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QWidget

from desktop.domain.dates import parse_month
from desktop.domain.periods import add_months
from desktop.services.contributions import PU_PROGRAMS
from ui.context import Context
from ui.contribution.months import (
    amount_or_none,
    month_combo,
    month_text,
    months_around,
    select_month,
    tidy_amount,
)
from ui.contribution.summary import Row, program_name
from ui.widgets import FieldForm, hide_text, line_edit

FIELDS = ("payment_code", "npp", "employer_name", "period", "billed")
PERIODS_BACK = 24  # an employer may settle a bill this many months late


class PuPanel(QWidget):
    """`changed` whenever a billed amount changes; `lines()` are the amounts typed so far."""

    changed = Signal()

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        lengths = ctx.counter.reference.identifier_lengths
        self.payment_code = line_edit(
            "payment_code",
            lengths["payment_code"] + 6,
            self.tr("{0} angka").format(
                "/".join(str(n) for n in ctx.counter.reference.lengths_of("payment_code"))
            ),
        )
        self.npp = line_edit("npp", lengths["npp"] + 4, self.tr("{0} angka").format(lengths["npp"]))
        self.employer_name = line_edit("employer_name", 100)
        self.period = month_combo(
            "period",
            months_around(ctx.counter.business_date(), PERIODS_BACK, 0),
            self._usual_period(),
            ctx.lang,
        )
        self.billed: dict[str, QLineEdit] = {}
        bill = QWidget()
        grid = QGridLayout(bill)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        for row, program in enumerate(PU_PROGRAMS):
            edit = line_edit(f"billed_{program.value}", 20, self.tr("Rp0"))
            self.billed[program.value] = edit
            code = QLabel(program.value)
            code.setStyleSheet("font-weight: bold;")
            code.setBuddy(edit)
            grid.addWidget(code, row, 0)
            grid.addWidget(QLabel(program_name(program.value)), row, 1)
            grid.addWidget(edit, row, 2)
            edit.textChanged.connect(lambda _text: self.changed.emit())
            edit.editingFinished.connect(lambda edit=edit: tidy_amount(edit))
        grid.setColumnStretch(2, 1)
        first_bill = self.billed[PU_PROGRAMS[0].value]
        self.inputs: dict[str, QWidget] = {
            "payment_code": self.payment_code,
            "npp": self.npp,
            "employer_name": self.employer_name,
            "period": self.period,
            "billed": first_bill,
        }
        labels = {
            "payment_code": self.tr("&Kode iuran"),
            "npp": self.tr("N&PP"),
            "employer_name": self.tr("Nama pe&mberi kerja"),
            "period": self.tr("Periode &iuran"),
            "billed": self.tr("&Tagihan"),
        }
        form = FieldForm(self)
        form.setContentsMargins(0, 0, 0, 0)
        for name in FIELDS:
            form.add_field(
                name, labels[name], self.inputs[name], shown=bill if name == "billed" else None
            )
        self.errors = form.errors
        self.period.currentIndexChanged.connect(lambda _index: self.changed.emit())

    def _usual_period(self) -> date:
        """Employers pay last month's bill (due by the 15th of this month)."""
        return add_months(self.ctx.counter.business_date(), -1)

    @property
    def chain(self) -> list[QWidget]:
        """The inputs in Tab order."""
        return [
            self.payment_code,
            self.npp,
            self.employer_name,
            self.period,
            *self.billed.values(),
        ]

    def lines(self) -> dict[str, int]:
        """The billed amounts that read as rupiah so far, programs with nothing left out."""
        amounts = {code: amount_or_none(edit.text()) for code, edit in self.billed.items()}
        return {code: amount for code, amount in amounts.items() if amount}

    def billed_as_typed(self) -> dict[str, str]:
        """What goes to the service, which checks each amount and names the field."""
        return {code: edit.text() for code, edit in self.billed.items() if edit.text().strip()}

    def rows(self) -> list[Row]:
        return [(code, program_name(code), amount) for code, amount in self.lines().items()]

    def period_text(self) -> str:
        month = parse_month(str(self.period.currentData()), "period", "", "")
        return self.tr("Periode {0}").format(month_text(month, self.ctx.lang))

    def clear(self) -> None:
        for edit in (self.payment_code, self.npp, self.employer_name, *self.billed.values()):
            edit.clear()
        select_month(self.period, self._usual_period())
        for label in self.errors.values():
            hide_text(label)
