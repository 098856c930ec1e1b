"""The BPU half of the F3 page: the participant by NIK or KPJ, their tier, programs and months."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QWidget

from desktop.domain.bpu import ALLOWED_MONTHS, BpuQuote, bpu_rate_set, quote_bpu
from desktop.domain.contributions import income_tiers
from desktop.domain.dates import parse_month
from desktop.domain.money import format_rupiah
from desktop.domain.nik import mask_identifier
from desktop.domain.programs import PROGRAM_ORDER, Program, parse_programs
from desktop.errors import DomainError
from ui.context import Context
from ui.contribution.months import month_combo, month_text, months_around, select_month
from ui.contribution.summary import Row
from ui.contribution.unverified import offer_unverified
from ui.operations.contribution import Found, participant_op
from ui.widgets import FieldForm, hide_text, line_edit, note_label, show_text

NAME_STYLE = "font-weight: bold; color: #1b3a5c;"
FIELDS = ("participant", "monthly_income", "programs", "months", "period_start")


class BpuPanel(QWidget):
    """`changed` whenever the amount due may have changed; `quote()` gives it (pure, no I/O)."""

    changed = Signal()

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        today = ctx.counter.business_date()
        self.participant = line_edit("participant", 24, self.tr("16 angka NIK atau nomor KPJ"))
        self.participant_name = note_label("participant_name")
        self.participant_info = note_label("participant_info")
        self.participant_name.setStyleSheet(NAME_STYLE)
        self.monthly_income = QComboBox()
        self.monthly_income.setObjectName("monthly_income")
        self.monthly_income.addItem(self.tr("— pilih tingkat penghasilan —"), "")
        for tier in income_tiers(ctx.counter.reference, today):
            self.monthly_income.addItem(format_rupiah(tier), tier)
        self.jkk = QCheckBox("JKK")
        self.jkm = QCheckBox("JKM")
        for mandatory in (self.jkk, self.jkm):
            mandatory.setChecked(True)
            mandatory.setEnabled(False)
            mandatory.setToolTip(self.tr("Wajib"))
        self.jht = QCheckBox(self.tr("JHT (pilihan)"))
        self.jht.setObjectName("jht")
        programs = QWidget()
        row = QHBoxLayout(programs)
        row.setContentsMargins(0, 0, 0, 0)
        for box in (self.jkk, self.jkm, self.jht):
            row.addWidget(box)
        row.addStretch(1)
        self.months = QComboBox()
        self.months.setObjectName("months")
        for count in ALLOWED_MONTHS:
            self.months.addItem(self.tr("{0} bulan").format(count), count)
        rates = bpu_rate_set(ctx.counter.reference, today)
        # The months that may be paid: arrears back, and ahead from last month at the furthest.
        self.period_start = month_combo(
            "period_start",
            months_around(today, rates.arrears_months, rates.advance_months - 1),
            today,
            ctx.lang,
        )
        self.inputs: dict[str, QWidget] = {
            "participant": self.participant,
            "monthly_income": self.monthly_income,
            "programs": self.jht,
            "months": self.months,
            "period_start": self.period_start,
        }
        labels = {
            "participant": self.tr("&NIK / KPJ"),
            "monthly_income": self.tr("&Penghasilan per bulan"),
            "programs": self.tr("Pro&gram"),
            "months": self.tr("&Jumlah bulan"),
            "period_start": self.tr("Periode &awal"),
        }
        form = FieldForm(self)
        form.setContentsMargins(0, 0, 0, 0)
        for name in FIELDS:
            shown = programs if name == "programs" else None
            extra = (self.participant_name, self.participant_info) if name == "participant" else ()
            form.add_field(name, labels[name], self.inputs[name], *extra, shown=shown)
        self.errors = form.errors
        self._looked_up = ""  # the text whose participant is shown (or being looked up)
        self.participant.textChanged.connect(self._participant_edited)
        self.participant.editingFinished.connect(self.look_up)
        for combo in (self.monthly_income, self.months, self.period_start):
            combo.currentIndexChanged.connect(lambda _index: self.changed.emit())
        self.jht.toggled.connect(lambda _checked: self.changed.emit())

    @property
    def chain(self) -> list[QWidget]:
        """The inputs in Tab order."""
        return [self.inputs[name] for name in FIELDS]

    # --- the participant, looked up on the database worker ------------------------------------

    def look_up(self) -> None:
        """Find who the NIK or KPJ belongs to; their registration fills the tier and programs."""
        raw = self.participant.text().strip()
        if not raw or raw == self._looked_up:
            return
        self._looked_up = raw
        (
            participant_op(self.ctx.counter, raw)
            .success(lambda found: self._found(raw, found))
            .failure(lambda error: self._not_found(raw, error))
            .run(self.ctx.tasks, self)
        )

    def _participant_edited(self) -> None:
        self._looked_up = ""
        hide_text(self.participant_name)
        hide_text(self.participant_info)
        hide_text(self.errors["participant"])

    def _found(self, raw: str, found: Found) -> None:
        if raw != self.participant.text().strip():
            return  # typed over meanwhile: this answer is about another number
        participant, _by = found
        kpj = mask_identifier(participant.kpj) if participant.kpj else self.tr("belum ada")
        registered = parse_programs(participant.programs)
        programs = "+".join(p.value for p in PROGRAM_ORDER if p in registered)
        show_text(self.participant_name, participant.full_name)
        show_text(
            self.participant_info,
            self.tr("NIK {0}\nKPJ {1}\nTerdaftar {2} · {3}").format(
                mask_identifier(participant.nik),
                kpj,
                format_rupiah(participant.monthly_income),
                programs,
            ),
        )
        tier = self.monthly_income.findData(participant.monthly_income)
        if tier >= 0:
            self.monthly_income.setCurrentIndex(tier)
        self.jht.setChecked(Program.JHT in registered)
        self.changed.emit()

    def _not_found(self, raw: str, error: DomainError) -> None:
        if raw != self.participant.text().strip():
            return
        self._looked_up = ""
        show_text(self.errors["participant"], error.message(self.ctx.lang))
        self.participant.setFocus()
        self.participant.selectAll()
        # Offline, and the NIK unknown: the teller may confirm who pays (issue 15).
        offer_unverified(self, self.ctx, raw, error)

    # --- the amount due -----------------------------------------------------------------------

    def programs(self) -> str:
        return "JKK+JKM+JHT" if self.jht.isChecked() else "JKK+JKM"

    def quote(self) -> BpuQuote | None:
        """The amount due for what is on screen; None until a tier is chosen. Pure: no I/O."""
        income = self.monthly_income.currentData()
        if not isinstance(income, int):
            return None
        counter = self.ctx.counter
        return quote_bpu(
            counter.reference,
            monthly_income=income,
            programs=self.programs(),
            months=int(self.months.currentData()),
            period_start=parse_month(str(self.period_start.currentData()), "period_start", "", ""),
            on=counter.business_date(),
        )

    def rows(self, quote: BpuQuote) -> list[Row]:
        return [
            (
                line.program.value,
                self.tr("{0} × {1} bulan").format(format_rupiah(line.monthly), quote.months),
                line.total,
            )
            for line in quote.lines
        ]

    def period(self, quote: BpuQuote) -> str:
        first = month_text(quote.period_start, self.ctx.lang)
        if quote.months == 1:
            return self.tr("Periode {0}").format(first)
        last = month_text(quote.period_end, self.ctx.lang)
        return self.tr("Periode {0} – {1}").format(first, last)

    # --- clearing -----------------------------------------------------------------------------

    def clear(self) -> None:
        self.participant.clear()
        self.monthly_income.setCurrentIndex(0)
        self.jht.setChecked(False)
        self.months.setCurrentIndex(0)
        select_month(self.period_start, self.ctx.counter.business_date())
        for label in (*self.errors.values(), self.participant_name, self.participant_info):
            hide_text(label)
