"""The Day close page's three steps as widgets: the blind count, the result with the approval of
a difference, and the closed day with its report and upload. They show; the page decides."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.counter import Counter
from desktop.domain.money import format_rupiah
from desktop.domain.zones import zone_label
from desktop.errors import DomainError
from desktop.services.business_day import MAX_REASON_LENGTH
from desktop.services.day_close import Approval, CountRecorded, DayClosed
from ui.approval import SupervisorApproval
from ui.context import Context
from ui.day_close.count import CashCountForm
from ui.day_close.report import ReportView
from ui.widgets import (
    DONE_STYLE,
    ERROR_STYLE,
    INFO_STYLE,
    error_label,
    hide_text,
    show_text,
    text_label,
)

WARN_STYLE = "color: #8a4b00;"
FIGURE_STYLE = "font-size: 12pt;"
BIG_STYLE = "font-size: 12pt; font-weight: bold;"
GOOD, BAD = "#1b5e20", "#b00020"


def value_label(name: str, style: str = FIGURE_STYLE) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    label.setStyleSheet(style)
    return label


def signed(amount: int) -> str:
    """A variance with its sign: "+Rp5.000", "-Rp5.000", "Rp0"."""
    return f"+{format_rupiah(amount)}" if amount > 0 else format_rupiah(amount)


def local_stamp(counter: Counter, instant: datetime) -> str:
    """`24/11/2026 17:05 WIB`: a stored instant in the counter's own zone."""
    return f"{counter.local(instant):%d/%m/%Y %H:%M} {zone_label(counter.profile.timezone)}"


class CountStep(QWidget):
    """Step 1: the count by denomination, blind: nothing here knows the expected figure."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("count_step")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        info = QLabel(
            self.tr(
                "Hitung uang di laci per pecahan dan isi jumlah lembar/keping (Enter ke pecahan "
                "berikutnya). Kas seharusnya baru tampil setelah hitungan disimpan."
            )
        )
        info.setWordWrap(True)
        info.setStyleSheet(INFO_STYLE)
        layout.addWidget(info)
        self.form = CashCountForm()
        layout.addWidget(self.form)
        self.error = error_label("count_error")
        layout.addWidget(self.error)
        row = QHBoxLayout()
        self.button = QPushButton(self.tr("Simpan hitungan (Ctrl+Enter)"))
        self.button.setObjectName("save_count")
        self.button.setAutoDefault(True)
        row.addWidget(self.button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        self.form.changed.connect(lambda _total: hide_text(self.error))
        self.setFocusProxy(self.form)


class ResultStep(QWidget):
    """Step 2: what the drawer should hold against the count; a difference asks its reason and
    a supervisor's id and PIN (the PIN masked, never kept after an attempt)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("result_step")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        columns = QHBoxLayout()
        columns.setSpacing(24)
        figures = QGroupBox(self.tr("Kas di laci"))
        figures.setMinimumWidth(330)
        figures.setMaximumWidth(420)  # figures stay next to their labels
        grid = QGridLayout(figures)
        grid.setVerticalSpacing(4)
        self.opening_float = value_label("opening_float")
        self.cash_received = value_label("cash_received")
        self.cash_voided = value_label("cash_voided")
        self.cash_refunded = value_label("cash_refunded")
        self.expected = value_label("expected_cash", BIG_STYLE)
        self.counted_cash = value_label("counted_cash", BIG_STYLE)
        self.variance = value_label("variance", BIG_STYLE)
        self.debit_total = value_label("debit_total")
        rows = (
            (self.tr("Modal awal"), self.opening_float, FIGURE_STYLE),
            (self.tr("+ Tunai diterima"), self.cash_received, FIGURE_STYLE),
            (self.tr("− Tunai dibatalkan"), self.cash_voided, FIGURE_STYLE),
            (self.tr("− Iuran dikembalikan"), self.cash_refunded, FIGURE_STYLE),
            (self.tr("Kas seharusnya"), self.expected, BIG_STYLE),
            (self.tr("Kas dihitung"), self.counted_cash, BIG_STYLE),
            (self.tr("Selisih"), self.variance, BIG_STYLE),
            (self.tr("Debit rekening (tidak masuk laci)"), self.debit_total, INFO_STYLE),
        )
        for index, (text, value, style) in enumerate(rows):
            label = QLabel(text)
            label.setStyleSheet(style)
            grid.addWidget(label, index, 0)
            grid.addWidget(value, index, 1)
            if value is self.cash_refunded:
                self.cash_refunded_label = label
        self.cash_refunded_label.hide()
        self.cash_refunded.hide()
        self.verdict = text_label("verdict")
        grid.addWidget(self.verdict, len(rows), 0, 1, 2)
        columns.addWidget(figures)

        self.approval = SupervisorApproval(
            self.tr("Persetujuan selisih"),
            self.tr(
                "Selisih tidak dipaksa menjadi nol: tuliskan alasannya, lalu supervisor lain "
                "(bukan yang menghitung) mengetik ID dan PIN-nya."
            ),
            reason=self.tr("&Alasan selisih"),
            reason_length=MAX_REASON_LENGTH,
            reason_hint=self.tr("mis. Uang kembalian salah beri"),
        )
        self.reason = self.approval.first
        self.supervisor_id = self.approval.supervisor_id
        self.supervisor_pin = self.approval.supervisor_pin
        self.inputs = self.approval.inputs
        self.errors = self.approval.errors
        columns.addWidget(self.approval, 1, Qt.AlignmentFlag.AlignTop)
        columns.addStretch(0)
        layout.addLayout(columns)
        self.error = error_label("result_error")
        layout.addWidget(self.error)
        row = QHBoxLayout()
        self.close_button = QPushButton(self.tr("Tutup hari (Enter)"))
        self.close_button.setObjectName("close_day")
        self.close_button.setAutoDefault(True)
        self.recount_button = QPushButton(self.tr("Hitung ulang (Esc)"))
        self.recount_button.setObjectName("recount")
        row.addWidget(self.close_button)
        row.addWidget(self.recount_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        QWidget.setTabOrder(self.reason, self.supervisor_id)
        QWidget.setTabOrder(self.supervisor_id, self.supervisor_pin)
        QWidget.setTabOrder(self.supervisor_pin, self.close_button)
        QWidget.setTabOrder(self.close_button, self.recount_button)

    @property
    def differs(self) -> bool:
        return self.approval.isVisibleTo(self)

    def show_counted(self, recorded: CountRecorded) -> QWidget:
        """Fill in the figures; returns the widget the keyboard goes to."""
        self.opening_float.setText(format_rupiah(recorded.opening_float))
        self.cash_received.setText(format_rupiah(recorded.cash_received))
        self.cash_voided.setText(format_rupiah(-recorded.cash_voided))
        self.cash_refunded.setText(format_rupiah(-recorded.cash_refunded))
        # Refunds of payments the upstream refused: a line only on a day that has some.
        for widget in (self.cash_refunded_label, self.cash_refunded):
            widget.setVisible(recorded.cash_refunded != 0)
        self.expected.setText(format_rupiah(recorded.expected_cash))
        self.counted_cash.setText(format_rupiah(recorded.counted_cash))
        self.variance.setText(signed(recorded.variance))
        self.debit_total.setText(format_rupiah(recorded.debit_total))
        differs = recorded.variance != 0
        color = BAD if differs else GOOD
        self.variance.setStyleSheet(f"{BIG_STYLE} color: {color};")
        if recorded.variance > 0:
            verdict = self.tr("Kas lebih {0} dari seharusnya.").format(
                format_rupiah(recorded.variance)
            )
        elif recorded.variance < 0:
            verdict = self.tr("Kas kurang {0} dari seharusnya.").format(
                format_rupiah(-recorded.variance)
            )
        else:
            verdict = self.tr("Kas cocok. Enter untuk menutup hari kerja.")
        show_text(self.verdict, verdict, f"color: {color}; font-weight: bold;")
        self.clear()
        self.approval.setVisible(differs)
        with_difference = self.tr("Tutup hari dengan selisih (Enter)")
        self.close_button.setText(with_difference if differs else self.tr("Tutup hari (Enter)"))
        target: QWidget = self.reason if differs else self.close_button
        self.setFocusProxy(target)
        return target

    def approval_typed(self) -> Approval:
        supervisor_id, supervisor_pin = self.approval.credentials()
        return Approval(
            required=self.differs,
            reason=self.approval.reason_text(),
            supervisor_id=supervisor_id,
            supervisor_pin=supervisor_pin,
        )

    def clear(self) -> None:
        self.approval.clear()
        hide_text(self.error)

    def clear_errors(self) -> None:
        self.approval.clear_errors()
        hide_text(self.error)

    def show_refusal(self, error: DomainError, lang: str) -> None:
        """The core's refusal under the field it names (focused), else under the figures."""
        if error.field == "variance":  # captures came in after the count: it differs now
            self.approval.show()
        if not self.approval.show_refusal(error, lang):  # the PIN goes either way
            show_text(self.error, error.message(lang))


class ClosedStep(QWidget):
    """Step 3: the day closed: its figures, the upload's outcome with Retry, Reopen for a
    supervisor, and the report itself."""

    def __init__(self, ctx: Context, supervisor: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("closed_step")
        columns = QHBoxLayout(self)
        columns.setContentsMargins(0, 6, 0, 0)
        columns.setSpacing(16)
        side = QWidget()
        side.setFixedWidth(300)
        column = QVBoxLayout(side)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        self.title = text_label("closed_title", f"{DONE_STYLE} font-size: 12pt;")
        column.addWidget(self.title)
        self.report_no = text_label("report_no", "font-weight: bold;")
        self.report_no.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.report_no)
        self.closed_by = text_label("closed_by")
        column.addWidget(self.closed_by)
        grid = QGridLayout()
        grid.setVerticalSpacing(2)
        self.values: dict[str, QLabel] = {}
        for row, (key, text) in enumerate(
            (
                ("expected", self.tr("Kas seharusnya")),
                ("counted", self.tr("Kas dihitung")),
                ("variance", self.tr("Selisih")),
                ("debit", self.tr("Debit rekening")),
            )
        ):
            grid.addWidget(QLabel(text), row, 0)
            self.values[key] = value_label(f"closed_{key}", "")
            grid.addWidget(self.values[key], row, 1)
        column.addLayout(grid)
        self.approved = text_label("approved")
        column.addWidget(self.approved)
        upload = QGroupBox(self.tr("Server pusat"))
        upload_column = QVBoxLayout(upload)
        self.upload_status = text_label("upload_status")
        upload_column.addWidget(self.upload_status)
        self.retry_button = QPushButton(self.tr("&Coba lagi"))
        self.retry_button.setObjectName("upload_retry")
        self.retry_button.setAutoDefault(True)
        self.retry_button.hide()
        upload_column.addWidget(self.retry_button)
        column.addWidget(upload)
        self.reopen_button = QPushButton(self.tr("Buka &kembali hari kerja…"))
        self.reopen_button.setObjectName("reopen")
        self.reopen_button.setAutoDefault(True)
        self.reopen_button.setVisible(supervisor)
        column.addWidget(self.reopen_button)
        column.addStretch(1)
        columns.addWidget(side)
        self.report_view = ReportView(ctx)
        columns.addWidget(self.report_view, 1)
        focus = self.reopen_button if supervisor else self.report_view.print_button
        self.setFocusProxy(focus)

    def show_report(self, report: DayClosed) -> None:
        self.title.setText(
            self.tr("Hari kerja {0} ditutup").format(f"{report.business_date:%d/%m/%Y}")
        )
        self.report_no.setText(self.tr("Laporan {0}").format(report.report_no))
        at, by = report.report.closed_at, report.report.closed_by
        approver = report.report.approved_by
        self.closed_by.setText(self.tr("Ditutup {0} oleh {1}").format(at, by))
        self.values["expected"].setText(format_rupiah(report.expected_cash))
        self.values["counted"].setText(format_rupiah(report.counted_cash))
        self.values["variance"].setText(signed(report.variance))
        self.values["debit"].setText(format_rupiah(report.debit_total))
        if report.variance and approver:
            approved = self.tr("Selisih disetujui {0}: {1}")
            show_text(self.approved, approved.format(approver, report.variance_reason or "-"))
        else:
            hide_text(self.approved)
        self.report_view.show_pdf(report.report_no, report.pdf)

    def show_confirmed(self, confirmed_at: datetime) -> None:
        show_text(
            self.upload_status,
            self.tr("Terkonfirmasi server pusat {0}").format(
                local_stamp(self.ctx.counter, confirmed_at)
            ),
            DONE_STYLE,
        )
        self.retry_button.hide()

    def show_unconfirmed(self) -> None:
        show_text(self.upload_status, self.tr("Belum dikonfirmasi server pusat."), WARN_STYLE)
        self.retry_button.setText(self.tr("Kirim ke &server pusat"))
        self.retry_button.show()

    def show_uploading(self) -> None:
        self.retry_button.hide()
        show_text(self.upload_status, self.tr("Mengirim penutupan ke server pusat…"), INFO_STYLE)

    def show_trouble(self, message: str) -> None:
        """Why the day is not confirmed yet, and Retry (the local close stands either way)."""
        show_text(self.upload_status, message, ERROR_STYLE)
        self.retry_button.setText(self.tr("&Coba lagi"))
        self.retry_button.show()
