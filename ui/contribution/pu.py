"""The PU half of the F3 page: an employer's bill by payment code, with the amount per program."""

from __future__ import annotations

from datetime import date
from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QWidget

from desktop.domain.dates import parse_month
from desktop.domain.money import format_rupiah, group_thousands
from desktop.domain.periods import add_months
from desktop.domain.programs import Program
from desktop.domain.text import strip_separators
from desktop.errors import DomainError
from desktop.services.contributions import PU_PROGRAMS, check_pu_field
from desktop.services.inquiry import Inquiry, InquiryBill
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
from ui.live_checks import REQUIRED_MARK, check_as_typed
from ui.operations.contribution import bill_op, payment_code_op
from ui.widgets import (
    INFO_STYLE,
    FieldForm,
    hide_text,
    line_edit,
    note_label,
    show_text,
)

FIELDS = ("payment_code", "npp", "employer_name", "period", "billed")
PERIODS_BACK = 24  # an employer may settle a bill this many months late
BILL_PROGRAMS = (*PU_PROGRAMS, Program.JKP)  # JKP comes only with a bill from the upstream
BILL_STYLE = "font-weight: bold; color: #1b3a5c;"
FINE_STYLE = "color: #8a5a00;"


class PuPanel(QWidget):
    """`changed` whenever a billed amount changes; `lines()` are the amounts typed so far.
    `bill_filled` when the upstream's bill for the payment code typed has filled the form;
    `looked_up` when asking it has ended, whatever the answer."""

    changed = Signal()
    bill_filled = Signal()
    looked_up = Signal()

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
        self.bill_note = note_label("bill_note", BILL_STYLE)
        self.billed: dict[str, QLineEdit] = {}
        self.billed_rows: dict[str, tuple[QLabel, QLabel]] = {}
        bill = QWidget()
        grid = QGridLayout(bill)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        for row, program in enumerate(BILL_PROGRAMS):
            edit = line_edit(f"billed_{program.value}", 20, self.tr("Rp0"))
            self.billed[program.value] = edit
            code = QLabel(program.value)
            code.setStyleSheet("font-weight: bold;")
            code.setBuddy(edit)
            title = QLabel(program_name(program.value))
            self.billed_rows[program.value] = (code, title)
            grid.addWidget(code, row, 0)
            grid.addWidget(title, row, 1)
            grid.addWidget(edit, row, 2)
            edit.textChanged.connect(lambda _text: self.changed.emit())
            edit.editingFinished.connect(lambda edit=edit: tidy_amount(edit))
        self.fine = note_label("late_fine", FINE_STYLE)
        grid.addWidget(self.fine, len(BILL_PROGRAMS), 0, 1, 3)
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
            extra = (self.bill_note,) if name == "payment_code" else ()
            form.add_field(
                name,
                labels[name] + REQUIRED_MARK,
                self.inputs[name],
                *extra,
                shown=bill if name == "billed" else None,
            )
        self.errors = form.errors
        # An error goes as soon as its field is typed again (the save checks it anew).
        # Said when left, gone as soon as right: the save's own checks of each.
        for name, edit in (("npp", self.npp), ("employer_name", self.employer_name)):
            check_as_typed(
                edit, self.errors[name], partial(check_pu_field, ctx.counter, name), ctx.lang
            )
        for edit in self.billed.values():
            edit.textEdited.connect(lambda _text: hide_text(self.errors["billed"]))
        self.period.currentIndexChanged.connect(lambda _index: hide_text(self.errors["period"]))
        self.period.currentIndexChanged.connect(lambda _index: self.changed.emit())
        # What came with the bill is the upstream's, not the teller's to type: shown so.
        self.setStyleSheet('QLineEdit[readOnly="true"] { background: #eef2f7; color: #1b3a5c; }')
        self.bill: InquiryBill | None = None  # the upstream's bill the form holds
        self.paid: DomainError | None = None  # the code's bill is paid: nothing to take
        self.looking = False
        self._asked = ""  # the payment code asked about (or being asked)
        self.payment_code.textEdited.connect(self._code_edited)
        self.payment_code.textEdited.connect(lambda _t: hide_text(self.errors["payment_code"]))
        self.payment_code.editingFinished.connect(self.look_up)
        self.payment_code.editingFinished.connect(self._check_code)
        self._show_programs(PU_PROGRAMS)

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

    # --- the bill, asked of the upstream on the inquiry worker --------------------------------

    def look_up(self) -> None:
        """Ask the upstream for the bill of the payment code typed (11 or 12 digits, reference
        data); its employer, NPP, period and lines fill in, and stay as billed."""
        code = strip_separators(self.payment_code.text())
        lengths = self.ctx.counter.reference.lengths_of("payment_code")
        if code == self._asked or not (code.isdigit() and len(code) in lengths):
            return
        self._asked = code
        self.looking = True
        show_text(self.bill_note, self.tr("Menanyakan tagihan ke server pusat…"), INFO_STYLE)
        (
            bill_op(self.ctx.counter, code)
            .success(lambda answer: self._answered(code, answer))
            .failure(lambda error: self._not_answered(code, error))
            .run(self.ctx.asking, self)
        )

    def _check_code(self) -> None:
        """Asked of the store when the field is left: a code paid here already is said at
        once, naming its receipt (the save refuses it the same way)."""
        typed = self.payment_code.text()
        if not typed.strip():
            return
        (
            payment_code_op(self.ctx.counter, typed)
            .failure(lambda error: self._code_refused(typed, error))
            .run(self.ctx.tasks, self)
        )

    def _code_refused(self, typed: str, error: DomainError) -> None:
        if typed == self.payment_code.text():
            show_text(self.errors["payment_code"], error.message(self.ctx.lang))

    def _current(self, code: str) -> bool:
        return code == strip_separators(self.payment_code.text())

    def _answered(self, code: str, answer: Inquiry) -> None:
        if not self._current(code):
            return
        self.looking = False
        bill = answer.bill
        if bill is None:  # a KPJ of the same length: not a bill
            self._not_answered(
                code,
                DomainError(
                    "payment_code",
                    "Ini nomor KPJ, bukan kode iuran.",
                    "This is a KPJ number, not a payment code.",
                ),
            )
            return
        if bill.paid:
            shown = self.tr("Tagihan {0} ({1}, {2}) sudah lunas: tidak ada yang perlu dibayar.")
            shown = shown.format(code, bill.employer, self._month(bill.period))
            self.paid = DomainError("payment_code", shown, shown)  # in the window's language
            hide_text(self.bill_note)
            show_text(self.errors["payment_code"], self.paid.message(self.ctx.lang))
            self.looked_up.emit()
            return
        self._fill(bill)
        self.looked_up.emit()
        self.bill_filled.emit()

    def _not_answered(self, code: str, error: DomainError) -> None:
        if not self._current(code):
            return
        self.looking = False
        self._asked = ""
        if error.field in ("upstream", "token"):  # offline: the teller types the bill
            show_text(
                self.bill_note,
                self.tr("Luring: isi tagihan dari lembar tagihan perusahaan.")
                + " "
                + error.message(self.ctx.lang),
                INFO_STYLE,
            )
        else:
            hide_text(self.bill_note)
            show_text(self.errors["payment_code"], error.message(self.ctx.lang))
        self.looked_up.emit()

    def _fill(self, bill: InquiryBill) -> None:
        self.bill = bill
        self.npp.setText(bill.npp)
        self.employer_name.setText(bill.employer)
        month = parse_month(bill.period, "period", "", "")
        if self.period.findData(bill.period) < 0:
            self.period.addItem(month_text(month, self.ctx.lang), bill.period)
        select_month(self.period, month)
        programs = tuple(p for p in BILL_PROGRAMS if bill.lines.get(p.value))
        self._show_programs(programs)
        for code, edit in self.billed.items():
            amount = bill.lines.get(code, 0)
            edit.setText(group_thousands(amount) if amount else "")
        self._set_read_only(True)
        self.period.setEnabled(False)
        show_text(
            self.bill_note,
            self.tr("Tagihan {0}, jatuh tempo {1}").format(
                self._month(bill.period), f"{bill.due_date:%d/%m/%Y}"
            ),
            BILL_STYLE,
        )
        if bill.late_fine:  # said, not taken: the upstream bills the fine to the employer
            show_text(
                self.fine,
                self.tr(
                    "Lewat jatuh tempo {0} bulan: denda {1} ditagih BPJS kepada perusahaan, "
                    "tidak dibayar di loket."
                ).format(bill.late_months, format_rupiah(bill.late_fine)),
            )
        self.changed.emit()

    def _code_edited(self) -> None:
        """Another payment code: the bill shown goes, the fields are the teller's again."""
        if self.bill is None and not self._asked:
            return
        self._forget_bill()
        self.changed.emit()

    def _forget_bill(self) -> None:
        self.bill = None
        self.paid = None
        self._asked = ""
        self.looking = False
        self._set_read_only(False)
        for edit in (self.npp, self.employer_name, *self.billed.values()):
            edit.clear()
        self.period.setEnabled(True)
        select_month(self.period, self._usual_period())
        self._show_programs(PU_PROGRAMS)
        for label in (self.bill_note, self.fine, self.errors["payment_code"]):
            hide_text(label)

    def _set_read_only(self, read_only: bool) -> None:
        for edit in (self.npp, self.employer_name, *self.billed.values()):
            edit.setReadOnly(read_only)
            edit.style().unpolish(edit)  # the style sheet's [readOnly] follows the property
            edit.style().polish(edit)

    def _show_programs(self, programs: tuple[Program, ...]) -> None:
        for code, edit in self.billed.items():
            shown = any(p.value == code for p in programs)
            edit.setVisible(shown)
            for label in self.billed_rows[code]:
                label.setVisible(shown)

    def _month(self, yyyy_mm: str) -> str:
        return month_text(parse_month(yyyy_mm, "period", "", ""), self.ctx.lang)

    # --- the amounts --------------------------------------------------------------------------

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
        self.payment_code.clear()
        self._forget_bill()
        for label in self.errors.values():
            hide_text(label)
