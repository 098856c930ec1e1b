"""The look-up page (F6): a NIK, KPJ or payment code typed, the upstream's answer shown.

The question goes to the inquiry worker (ui/tasks.py, `Context.asking`), so the window never
waits on the link; an answer that comes back after the teller asked something else is dropped.
Offline, unknown and refused are said in the teller's words, never the link's technical text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.money import format_rupiah
from desktop.domain.nik import mask_identifier
from desktop.errors import DomainError
from desktop.services.auth import User
from desktop.services.inquiry import InquiryBill, InquiryLink, InquiryParticipant
from desktop.services.look_up import Coverage, LookedUp
from ui.context import Context
from ui.operations.lookup import look_up_op
from ui.widgets import (
    DONE_STYLE,
    ERROR_STYLE,
    INFO_STYLE,
    error_label,
    hide_text,
    line_edit,
    note_label,
    page_heading,
    point_at,
    show_text,
)

# Whatever the query's length: a NIK with separators is the longest a teller types.
QUERY_MAX = 30


def _month(text: str | None) -> str:
    return "-" if not text else f"{text[5:7]}/{text[:4]}"


class LookupPage(QWidget):
    """Type, Enter, read; `answered(LookedUp)` after each answer shown (tests, and whoever
    wants to offer a payment from it later)."""

    answered = Signal(object)

    def __init__(
        self,
        ctx: Context,
        user: User,
        parent: QWidget | None = None,
        *,
        link: InquiryLink | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.user = user
        self.link = link
        self.setObjectName("page_lookup")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 24, 20)
        outer.addWidget(page_heading(self.tr("Cek peserta dan tagihan")))
        hint = QLabel(self.tr("Ketik NIK, nomor KPJ atau kode iuran, lalu Enter · Esc kosongkan"))
        hint.setStyleSheet(INFO_STYLE)
        outer.addWidget(hint)

        row = QHBoxLayout()
        row.setContentsMargins(0, 8, 0, 0)
        self.query = line_edit("query", QUERY_MAX, self.tr("NIK, KPJ atau kode iuran"))
        self.query.setMinimumWidth(320)
        self.ask_button = QPushButton(self.tr("Cari (Enter)"))
        self.ask_button.setObjectName("ask")
        self.ask_button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        row.addWidget(self.query)
        row.addWidget(self.ask_button)
        row.addStretch(1)
        outer.addLayout(row)
        self.error = error_label("query_error")
        outer.addWidget(self.error)
        self.note = note_label("note")
        outer.addWidget(self.note)

        self.title = note_label("answer_title", "font-size: 13pt; font-weight: bold;")
        outer.addWidget(self.title)
        self.result = QWidget()
        self.result.setObjectName("answer")
        self.form = QFormLayout(self.result)
        self.form.setContentsMargins(0, 4, 0, 0)
        self.form.setHorizontalSpacing(24)
        self.form.setVerticalSpacing(6)
        outer.addWidget(self.result)
        outer.addStretch(1)
        # The values shown, by key ("status", "protection", "line_JKK", ...): what tests read.
        self.rows: dict[str, QLabel] = {}

        self.setFocusProxy(self.query)
        self.query.returnPressed.connect(self.ask)
        self.ask_button.clicked.connect(self.ask)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.clear)
        self._asked = 0  # the number of the newest question; older answers are dropped
        self.busy = False

    # --- asking --------------------------------------------------------------------------------

    def ask(self) -> None:
        typed = self.query.text().strip()
        hide_text(self.error)
        if not typed:
            point_at(self.error, self.query, self.tr("Ketik NIK, nomor KPJ atau kode iuran."))
            return
        self._asked += 1
        asked = self._asked
        self._show_rows([])
        hide_text(self.title)
        show_text(self.note, self.tr("Menanyakan server pusat…"), INFO_STYLE)
        self.busy = True
        (
            look_up_op(self.ctx.counter, typed, self.link)
            .success(lambda found: self._answered(asked, found))
            .failure(lambda error: self._failed(asked, error))
            .run(self.ctx.asking, self)
        )

    def clear(self) -> None:
        self._asked += 1  # an answer still on its way is not shown
        self.busy = False
        self.query.clear()
        for label in (self.error, self.note, self.title):
            hide_text(label)
        self._show_rows([])
        self.query.setFocus()

    def _answered(self, asked: int, found: LookedUp) -> None:
        if asked != self._asked:
            return
        self.busy = False
        hide_text(self.note)
        person, bill = found.inquiry.participant, found.inquiry.bill
        if person is not None and found.coverage is not None:
            self._participant(person, found.coverage)
        elif bill is not None:
            self._bill(bill)
        show_text(
            self.note,
            self.tr("Jawaban server pusat per {0}.").format(f"{found.inquiry.as_of:%d/%m/%Y}"),
            INFO_STYLE,
        )
        self.query.selectAll()
        self.answered.emit(found)

    def _failed(self, asked: int, error: DomainError) -> None:
        if asked != self._asked:
            return
        self.busy = False
        hide_text(self.note)
        if error.field == "upstream":
            text = self.tr(
                "Server pusat tidak dapat dihubungi saat ini: loket bekerja offline. Peserta "
                "yang terdaftar di loket ini tetap dapat membayar. Coba lagi nanti."
            )
        elif error.field == "upstream_setup":
            text = self.tr(
                "Alamat server pusat belum diatur di loket ini: minta supervisor mengisinya di "
                "Pengaturan."
            )
        elif error.field in ("query", "nik"):
            text = error.message(self.ctx.lang)  # what was typed, or who is unknown (masked)
        else:  # the upstream refused the counter itself (its token, its certificate)
            text = self.tr("Server pusat menolak permintaan loket ini. Hubungi petugas TI bank.")
        point_at(self.error, self.query, text)

    # --- the answer ----------------------------------------------------------------------------

    def _participant(self, person: InquiryParticipant, cover: Coverage) -> None:
        show_text(self.title, person.full_name)
        active = person.status == "active"
        if cover.protected_through is None:
            protection = self.tr("belum ada iuran yang dibayar")
        elif cover.protected:
            protection = self.tr("dilindungi s.d. {0}").format(
                f"{cover.protected_through:%d/%m/%Y}"
            )
        else:
            protection = self.tr("berakhir {0}").format(f"{cover.protected_through:%d/%m/%Y}")
        due = self.tr("{0}, jatuh tempo {1}").format(
            f"{cover.next_month:%m/%Y}", f"{cover.next_due:%d/%m/%Y}"
        )
        if cover.overdue:
            due = self.tr("{0} (sudah lewat)").format(due)
        rows: list[tuple[str, str, str, str | None]] = [
            ("nik", self.tr("NIK"), mask_identifier(person.nik), None),
            (
                "kpj",
                self.tr("KPJ"),
                # In full: the teller reads it out to the participant (the NIK stays masked).
                person.kpj or self.tr("belum ada"),
                None,
            ),
            (
                "status",
                self.tr("Status"),
                self.tr("Aktif")
                if active
                else self.tr("Tidak aktif (lebih dari 3 bulan menunggak)"),
                DONE_STYLE if active else ERROR_STYLE,
            ),
            (
                "protection",
                self.tr("Masa perlindungan"),
                protection,
                None if cover.protected else ERROR_STYLE,
            ),
            ("paid_through", self.tr("Lunas s.d."), _month(person.paid_through), None),
            ("next_due", self.tr("Iuran berikutnya"), due, ERROR_STYLE if cover.overdue else None),
            (
                "payable",
                self.tr("Dapat dibayar"),
                self.tr("{0} sampai {1}").format(
                    _month(person.payable_from), _month(person.payable_to)
                ),
                None,
            ),
            ("programs", self.tr("Program"), " + ".join(person.programs), None),
            ("income", self.tr("Penghasilan"), format_rupiah(person.monthly_income), None),
        ]
        if person.quotes:
            quote = person.quotes[0]
            rows.append(
                (
                    "quote",
                    self.tr("Iuran 1 bulan"),
                    format_rupiah(quote.total)
                    + (self.tr(" (dengan diskon)") if quote.reliefs else ""),
                    None,
                )
            )
        if person.jht_balance is not None:
            rows.append(
                ("jht_balance", self.tr("Saldo JHT"), format_rupiah(person.jht_balance), None)
            )
        self._show_rows(rows)

    def _bill(self, bill: InquiryBill) -> None:
        show_text(self.title, bill.employer)
        rows: list[tuple[str, str, str, str | None]] = [
            ("npp", self.tr("NPP"), bill.npp, None),
            ("payment_code", self.tr("Kode iuran"), bill.payment_code, None),
            ("period", self.tr("Periode"), _month(bill.period), None),
        ]
        rows += [
            (f"line_{program}", program, format_rupiah(amount), None)
            for program, amount in bill.lines.items()
        ]
        rows.append(("total", self.tr("Total tagihan"), format_rupiah(bill.total), None))
        rows.append(("due_date", self.tr("Jatuh tempo"), f"{bill.due_date:%d/%m/%Y}", None))
        if bill.late_fine:
            rows.append(
                (
                    "late_fine",
                    self.tr("Denda keterlambatan"),
                    self.tr("{0} ({1} bulan)").format(
                        format_rupiah(bill.late_fine), bill.late_months
                    ),
                    ERROR_STYLE,
                )
            )
        rows.append(
            (
                "paid",
                self.tr("Status"),
                self.tr("Sudah dibayar") if bill.paid else self.tr("Belum dibayar"),
                DONE_STYLE if bill.paid else None,
            )
        )
        self._show_rows(rows)

    def _show_rows(self, rows: list[tuple[str, str, str, str | None]]) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.rows = {}
        for key, caption, value, style in rows:
            label = QLabel(value)
            label.setObjectName(key)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setStyleSheet(style or "")
            name = QLabel(caption)
            name.setStyleSheet("font-weight: bold;")
            self.form.addRow(name, label)
            self.rows[key] = label
        self.result.setVisible(bool(rows))
