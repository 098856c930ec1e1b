"""The BPU half of the F3 page: the participant by NIK or KPJ, their tier, programs and months."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QWidget

from desktop.domain.bpu import ALLOWED_MONTHS, BpuQuote, bpu_rate_set, quote_bpu
from desktop.domain.contributions import income_tiers
from desktop.domain.dates import parse_month
from desktop.domain.money import format_rupiah
from desktop.domain.nik import mask_identifier
from desktop.domain.periods import add_months
from desktop.domain.programs import PROGRAM_ORDER, Program, parse_programs
from desktop.errors import DomainError
from desktop.services.inquiry import InquiryParticipant
from desktop.services.lookup import KnownParticipant
from desktop.services.payer import Payer
from ui.agent_field import AgentField
from ui.context import Context
from ui.contribution.months import (
    fill_months,
    month_combo,
    month_text,
    select_month,
)
from ui.contribution.summary import Row
from ui.contribution.unverified import offer_unverified
from ui.live_checks import REQUIRED_MARK
from ui.operations.contribution import bpu_period_op, payer_op
from ui.widgets import FieldForm, hide_text, line_edit, note_label, show_text

NAME_STYLE = "font-weight: bold; color: #1b3a5c;"
PAID_STYLE = "font-weight: bold; color: #1b5e20;"
OFFLINE_STYLE = "color: #8a5a00;"
FIELDS = ("participant", "monthly_income", "programs", "months", "period_start", "agent_code")


class BpuPanel(QWidget):
    """`changed` whenever the amount due may have changed; `quote()` gives it (pure, no I/O).
    `looked_up` when a look-up (the upstream asked on the inquiry worker) has ended."""

    changed = Signal()
    looked_up = Signal()

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        today = ctx.counter.business_date()
        self.participant = line_edit("participant", 24, self.tr("16 angka NIK atau nomor KPJ"))
        self.participant_name = note_label("participant_name")
        self.participant_info = note_label("participant_info")
        self.participant_name.setStyleSheet(NAME_STYLE)
        self.paid_through = note_label("paid_through", PAID_STYLE)
        self.upstream_note = note_label("upstream_note", OFFLINE_STYLE)
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
        self.payer: Payer | None = None  # who is shown
        self.period_start = month_combo("period_start", self._payable(None), today, ctx.lang)
        self.agent_code = AgentField(ctx)  # the Perisai agent who brought the payment, if any
        self.agent_code.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.inputs: dict[str, QWidget] = {
            "participant": self.participant,
            "monthly_income": self.monthly_income,
            "programs": self.jht,
            "months": self.months,
            "period_start": self.period_start,
            "agent_code": self.agent_code,
        }
        labels = {
            "participant": self.tr("&NIK / KPJ"),
            "monthly_income": self.tr("&Penghasilan per bulan"),
            "programs": self.tr("Pro&gram"),
            "months": self.tr("&Jumlah bulan"),
            "period_start": self.tr("Periode &awal"),
            "agent_code": self.tr("Agen Pe&risai"),
        }
        form = FieldForm(self)
        form.setContentsMargins(0, 0, 0, 0)
        for name in FIELDS:
            shown = programs if name == "programs" else None
            extra = {
                "participant": (
                    self.participant_name,
                    self.participant_info,
                    self.paid_through,
                    self.upstream_note,
                ),
                "agent_code": (self.agent_code.info,),
            }.get(name, ())
            # Marked: what a payment cannot go without (the programs and an agent are choices).
            mark = REQUIRED_MARK if name not in ("programs", "agent_code") else ""
            form.add_field(name, labels[name] + mark, self.inputs[name], *extra, shown=shown)
        self.errors = form.errors
        self._looked_up = ""  # the text whose participant is shown (or being looked up)
        self.looking = False  # a look-up is under way
        self.participant.textChanged.connect(self._participant_edited)
        self.participant.editingFinished.connect(self.look_up)
        for combo in (self.monthly_income, self.months, self.period_start):
            combo.currentIndexChanged.connect(lambda _index: self.changed.emit())
        for combo in (self.months, self.period_start):
            combo.currentIndexChanged.connect(lambda _index: self.check_period())
        self.monthly_income.currentIndexChanged.connect(
            lambda _index: hide_text(self.errors["monthly_income"])
        )
        self.jht.toggled.connect(lambda _checked: self.changed.emit())

    @property
    def chain(self) -> list[QWidget]:
        """The inputs in Tab order. The agent's field is not among them: most payments come
        without one, so Tab goes on to the tender; Alt+R (its label's key) reaches it."""
        return [self.inputs[name] for name in FIELDS if name != "agent_code"]

    # --- the participant, looked up on the inquiry worker -------------------------------------

    def look_up(self) -> None:
        """Find who the NIK or KPJ belongs to, asking the upstream (on the inquiry worker, at
        most the inquiry's timeout): their name, tier, programs and what may be paid fill in."""
        raw = self.participant.text().strip()
        if not raw or raw == self._looked_up:
            return
        self._looked_up = raw
        self.looking = True
        (
            payer_op(self.ctx.counter, raw)
            .success(lambda payer: self._found(raw, payer))
            .failure(lambda error: self._not_found(raw, error))
            .run(self.ctx.asking, self)
        )

    def _participant_edited(self) -> None:
        self._looked_up = ""
        self.looking = False  # an answer still on its way is about other digits: ignored
        self.payer = None
        for label in (
            self.participant_name,
            self.participant_info,
            self.paid_through,
            self.upstream_note,
            self.errors["participant"],
        ):
            hide_text(label)
        self._offer_periods(None)

    def _found(self, raw: str, payer: Payer) -> None:
        if raw != self.participant.text().strip():
            return  # typed over meanwhile: this answer is about another number
        self.looking = False
        # Asked again about the same participant: the month the teller chose meanwhile stays.
        again = self.payer is not None and self.payer.participant.nik == payer.participant.nik
        self.payer = payer
        person, upstream = payer.participant, payer.upstream
        income = upstream.monthly_income if upstream else person.monthly_income
        registered = parse_programs("+".join(upstream.programs) if upstream else person.programs)
        kpj_raw = upstream.kpj if upstream else person.kpj
        kpj = mask_identifier(kpj_raw) if kpj_raw else self.tr("belum ada")
        programs = "+".join(p.value for p in PROGRAM_ORDER if p in registered)
        where = (
            self.tr("Terdaftar di loket ini")
            if person.registered_here
            else self.tr("Terdaftar di kanal lain")
        )
        show_text(self.participant_name, upstream.full_name if upstream else person.full_name)
        show_text(
            self.participant_info,
            self.tr("NIK {0}\nKPJ {1}\n{2} · {3} · {4}").format(
                mask_identifier(person.nik), kpj, where, format_rupiah(income), programs
            ),
        )
        # Offline: the later of what the upstream last said and what was paid here since.
        kept = [m for m in (person.paid_through, payer.paid_here) if m]
        through = upstream.paid_through if upstream else max(kept, default=None)
        if upstream is not None and upstream.status == "inactive":
            show_text(
                self.paid_through,
                self.tr("Kepesertaan tidak aktif (lunas s.d. {0})").format(
                    self._month(through) if through else "—"
                ),
                OFFLINE_STYLE,
            )
        elif through:
            show_text(
                self.paid_through,
                self.tr("Lunas s.d. {0}").format(self._month(through)),
                PAID_STYLE,
            )
        elif upstream is not None:
            show_text(self.paid_through, self.tr("Belum ada iuran tercatat"), PAID_STYLE)
        else:
            hide_text(self.paid_through)  # not known here: the service refuses a month paid
        if payer.offline is not None:
            show_text(self.upstream_note, self._offline_note(person))
        else:
            hide_text(self.upstream_note)
        tier = self.monthly_income.findData(income)
        if tier >= 0:
            self.monthly_income.setCurrentIndex(tier)
        self.jht.setChecked(Program.JHT in registered)
        self._offer_periods(upstream, keep_choice=again)
        self.check_period()  # the month chosen for them, asked of the store
        self.changed.emit()
        self.looked_up.emit()

    def check_period(self) -> None:
        """The months chosen for the participant shown: part of them paid here already is said
        under the first month at once, naming the receipt (the save refuses it the same way)."""
        hide_text(self.errors["period_start"])
        if self.payer is None or self.period_start.currentData() is None:
            return
        asked = (
            self.participant.text().strip(),
            int(self.months.currentData()),
            str(self.period_start.currentData()),
        )
        (
            bpu_period_op(self.ctx.counter, *asked)
            .failure(lambda error: self._period_refused(asked, error))
            .run(self.ctx.tasks, self)
        )

    def _period_refused(self, asked: tuple[str, int, str], error: DomainError) -> None:
        now = (
            self.participant.text().strip(),
            self.months.currentData(),
            str(self.period_start.currentData()),
        )
        if now == asked and error.field == "period_start":  # still what was asked about
            show_text(self.errors["period_start"], error.message(self.ctx.lang))

    def _offline_note(self, person: KnownParticipant) -> str:
        if person.registered_here:
            return self.tr("Luring: data dari pendaftaran di loket ini.")
        try:
            seen = datetime.fromisoformat(person.seen_at).astimezone(self.ctx.counter.profile.zone)
        except ValueError:
            return self.tr("Luring: data dari server pusat yang tersimpan di loket ini.")
        return self.tr("Luring: data dari server pusat, ditanyakan {0}.").format(
            f"{seen:%d/%m/%Y %H:%M}"
        )

    def _not_found(self, raw: str, error: DomainError) -> None:
        if raw != self.participant.text().strip():
            return
        self.looking = False
        self._looked_up = ""
        show_text(self.errors["participant"], error.message(self.ctx.lang))
        self.participant.setFocus()
        self.participant.selectAll()
        self.looked_up.emit()
        # Offline, and the NIK unknown: the teller may confirm who pays (issue 15).
        offer_unverified(self, self.ctx, raw, error)

    def _month(self, yyyy_mm: str) -> str:
        return month_text(parse_month(yyyy_mm, "paid_through", "", ""), self.ctx.lang)

    # --- the months that may be paid ----------------------------------------------------------

    def _payable(self, upstream: InquiryParticipant | None, paid_through: str = "") -> list[date]:
        """The upstream's months that may be paid now (its first unpaid month first); not
        asked: 3 months back at most, and ahead to 12 months past the month paid through (as
        last kept from the upstream) or past last month (reference data)."""
        today = self.ctx.counter.business_date()
        if upstream is not None:
            first = parse_month(upstream.payable_from, "period_start", "", "")
            last = parse_month(upstream.payable_to, "period_start", "", "")
        else:
            rates = bpu_rate_set(self.ctx.counter.reference, today)
            this_month = date(today.year, today.month, 1)
            first = add_months(this_month, -rates.arrears_months)
            baseline = add_months(this_month, -1)  # nothing known paid: ahead from last month
            if paid_through:
                baseline = parse_month(paid_through, "paid_through", "", "")
                first = max(first, add_months(baseline, 1))
            last = add_months(baseline, rates.advance_months)
        months: list[date] = []
        while first <= last and len(months) < 24:
            months.append(first)
            first = add_months(first, 1)
        return months

    def _offer_periods(
        self, upstream: InquiryParticipant | None, *, keep_choice: bool = False
    ) -> None:
        """Only the months that may be paid, the first unpaid one chosen when known; only the
        counts of months the upstream quotes (those that fit)."""
        paid_through = self.known_paid_month()
        months = self._payable(upstream, paid_through)
        known = upstream is not None or bool(paid_through)
        current = self.period_start.currentData()
        # The first month unpaid: after what the upstream says, and after what was paid here
        # since (not uploaded yet, the upstream may still offer it).
        here = self.payer.paid_here if self.payer is not None else None
        unpaid = [m for m in months if not here or f"{m:%Y-%m}" > here] or months
        kept = (
            parse_month(str(current), "period_start", "", "") if keep_choice and current else None
        )
        chosen = (
            kept
            if kept is not None and kept in months
            else unpaid[0]
            if known and months
            else parse_month(str(current), "period_start", "", "")
            if current
            else self.ctx.counter.business_date()
        )
        self.period_start.blockSignals(True)
        fill_months(self.period_start, months, chosen, self.ctx.lang)
        self.period_start.blockSignals(False)
        fits = {quote.months for quote in upstream.quotes} if upstream is not None else set()
        self.months.blockSignals(True)
        current = self.months.currentData()
        self.months.clear()
        for count in ALLOWED_MONTHS:
            if not fits or count in fits:
                self.months.addItem(self.tr("{0} bulan").format(count), count)
        self.months.setCurrentIndex(max(0, self.months.findData(current)))
        self.months.blockSignals(False)

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
            sector=self.sector() or None,
            paid_through=(
                parse_month(through, "paid_through", "", "")
                if (through := self.known_paid_month())
                else None
            ),
        )

    def sector(self) -> str:
        """The participant's sector as the upstream says (its reliefs), or as kept from it."""
        if self.payer is None:
            return ""
        upstream = self.payer.upstream
        return (upstream.sector if upstream else self.payer.participant.sector) or ""

    def paid_month(self) -> str:
        """YYYY-MM paid through as the upstream says (or as kept from it); "" when not known.
        What the service is told: it adds what was paid here since."""
        if self.payer is None:
            return ""
        upstream = self.payer.upstream
        return (upstream.paid_through if upstream else self.payer.participant.paid_through) or ""

    def known_paid_month(self) -> str:
        """The month paid through as far as this counter knows: the upstream's word, or offline
        the later of what it last said and what was paid here."""
        said = self.paid_month()
        if self.payer is None or self.payer.upstream is not None:
            return said
        return max((m for m in (said, self.payer.paid_here) if m), default="")

    def rows(self, quote: BpuQuote) -> list[Row]:
        rows: list[Row] = [
            (
                line.program.value,
                self.tr("{0} × {1} bulan").format(format_rupiah(line.monthly), quote.months),
                line.total,
            )
            for line in quote.lines
        ]
        for relief in quote.reliefs:  # PP 50/2025: its own line, taken off
            programs = "+".join(amount.program.value for amount in relief.amounts)
            name = relief.name_en if self.ctx.lang == "en" else relief.name_id
            rows.append((self.tr("Potongan"), f"{name} ({programs})", -relief.total))
        return rows

    def period(self, quote: BpuQuote) -> str:
        first = month_text(quote.period_start, self.ctx.lang)
        if quote.months == 1:
            return self.tr("Periode {0}").format(first)
        last = month_text(quote.period_end, self.ctx.lang)
        return self.tr("Periode {0} – {1}").format(first, last)

    # --- clearing -----------------------------------------------------------------------------

    def clear(self) -> None:
        self.participant.clear()
        self._participant_edited()
        self.monthly_income.setCurrentIndex(0)
        self.jht.setChecked(False)
        self.months.setCurrentIndex(0)
        select_month(self.period_start, self.ctx.counter.business_date())
        self.agent_code.clear()
        for label in self.errors.values():
            hide_text(label)
