"""The claims page (F7): the JHT claims handed over here and what the upstream decided, as the
last upload learned it; searched by NIK, KPJ or the claim's receipt number, filtered by status
("approved, waiting to be paid" first among the filters). Thin over find_claims."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.money import format_rupiah
from desktop.errors import DomainError
from desktop.services.auth import User
from desktop.services.benefit_payout import BenefitPaid
from desktop.services.claim_status import ClaimQuery, ClaimRow, ClaimState
from ui.claims.payout_dialog import PayoutDialog
from ui.context import Context
from ui.operations import Changes
from ui.operations.claims import claims_op
from ui.widgets import (
    DONE_STYLE,
    INFO_STYLE,
    error_label,
    hide_text,
    line_edit,
    page_heading,
    point_at,
)

Index = QModelIndex | QPersistentModelIndex
SEARCH_MAX = 30
REJECTED_COLOUR = QColor("#b00020")
APPROVED_COLOUR = QColor("#1b5e20")


def _tr(text: str) -> str:
    return QCoreApplication.translate("claims", text)


def state_text(state: ClaimState) -> str:
    names = {
        ClaimState.NOT_SENT: _tr("Belum terkirim"),
        ClaimState.REFUSED: _tr("Ditolak saat unggah"),
        ClaimState.VOIDED: _tr("Dibatalkan"),
        ClaimState.UPLOADED: _tr("Menunggu keputusan"),
        ClaimState.VERIFYING: _tr("Diverifikasi"),
        ClaimState.APPROVED: _tr("Disetujui, menunggu dibayar"),
        ClaimState.REJECTED: _tr("Ditolak"),
        ClaimState.PAID: _tr("Dibayar"),
    }
    return names[state]


def _date(iso: str) -> str:
    return f"{iso[8:10]}/{iso[5:7]}/{iso[:4]}"


def _money(value: int | None) -> str:
    return "" if value is None else format_rupiah(value)


class ClaimsModel(QAbstractTableModel):
    """One row per claim: receipt, participant (the NIK in its tooltip), reason, status, gross,
    tax, net, and the rejection reason (the date and the rest in the page's details)."""

    # lupdate finds these by the literal context in each QT_TRANSLATE_NOOP call.
    HEADERS = (
        str(QT_TRANSLATE_NOOP("claims", "No. tanda terima")),
        str(QT_TRANSLATE_NOOP("claims", "Peserta")),
        str(QT_TRANSLATE_NOOP("claims", "Alasan klaim")),
        str(QT_TRANSLATE_NOOP("claims", "Status")),
        str(QT_TRANSLATE_NOOP("claims", "Bruto")),
        str(QT_TRANSLATE_NOOP("claims", "Pajak")),
        str(QT_TRANSLATE_NOOP("claims", "Neto")),
        str(QT_TRANSLATE_NOOP("claims", "Alasan penolakan")),
    )
    MONEY_COLUMNS = (4, 5, 6)
    REASON_COLUMN = 2
    STATUS_COLUMN = 3
    REJECTION_COLUMN = 7

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.rows: list[ClaimRow] = []

    def set_rows(self, rows: tuple[ClaimRow, ...]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's name
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's name
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"NIK {row.nik}" if column == 1 else self._text(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.MONEY_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column in (
            self.STATUS_COLUMN,
            self.REJECTION_COLUMN,
        ):
            if row.state is ClaimState.REJECTED:
                return REJECTED_COLOUR
            if row.state is ClaimState.APPROVED:
                return APPROVED_COLOUR
        return None

    def _text(self, row: ClaimRow, column: int) -> str:
        texts = (
            row.receipt_no,
            row.participant_name,
            row.reason_name if self.lang == "id" else row.reason_name_en,
            state_text(row.state),
            _money(row.gross),
            _money(row.tax),
            _money(row.net),
            row.rejection_reason or "",
        )
        return texts[column]

    def headerData(  # noqa: N802 - Qt's name
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.HEADERS)
        ):
            return _tr(self.HEADERS[section])
        return None


class ClaimsPage(QWidget):
    """Reads the list through the database worker when shown, after every upload (the claims'
    statuses come with it) and capture, and as the teller searches or filters."""

    def __init__(self, ctx: Context, user: User, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.user = user
        self.setObjectName("page_claims")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(page_heading(self.tr("Status klaim JHT")))
        about = QLabel(
            self.tr(
                "Klaim yang diterima di loket ini dan keputusan BPJS Ketenagakerjaan, "
                "diperbarui setiap kali data diunggah."
            )
        )
        about.setWordWrap(True)
        about.setStyleSheet(INFO_STYLE)
        layout.addWidget(about)

        row = QHBoxLayout()
        self.search = line_edit(
            "claims_search", SEARCH_MAX, self.tr("NIK, KPJ atau no. tanda terima klaim")
        )
        self.search.setMinimumWidth(300)
        self.search.returnPressed.connect(self.reload)
        row.addWidget(self.search)
        self.find_button = QPushButton(self.tr("Cari (Enter)"))
        self.find_button.setObjectName("claims_find")
        self.find_button.clicked.connect(self.reload)
        row.addWidget(self.find_button)
        self.status = QComboBox()
        self.status.setObjectName("claims_status")
        self.status.addItem(self.tr("Semua status"), "")
        self.status.addItem(self.tr("Disetujui, menunggu dibayar"), ClaimState.APPROVED.value)
        self.status.addItem(self.tr("Ditolak"), ClaimState.REJECTED.value)
        self.status.addItem(self.tr("Menunggu keputusan"), ClaimState.UPLOADED.value)
        self.status.addItem(self.tr("Diverifikasi"), ClaimState.VERIFYING.value)
        self.status.addItem(self.tr("Belum terkirim"), ClaimState.NOT_SENT.value)
        self.status.addItem(self.tr("Dibayar"), ClaimState.PAID.value)
        self.status.setAccessibleName(self.tr("Saring status"))
        self.status.currentIndexChanged.connect(self.reload)
        row.addWidget(self.status)
        row.addStretch(1)
        self.pay_button = QPushButton(self.tr("&Bayar…"))
        self.pay_button.setObjectName("claims_pay")
        self.pay_button.setToolTip(
            self.tr("Bayar klaim yang disetujui (NIK dicocokkan dengan KTP)")
        )
        self.pay_button.setEnabled(False)
        self.pay_button.clicked.connect(self.pay_selected)
        row.addWidget(self.pay_button)
        layout.addLayout(row)
        self.error = error_label("claims_error")
        layout.addWidget(self.error)

        self.model = ClaimsModel(ctx.lang, self)
        self.table = QTableView()
        self.table.setObjectName("claims_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The reason's long names are elided (the whole name in the tooltip and the details).
        header.setSectionResizeMode(ClaimsModel.REASON_COLUMN, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(ClaimsModel.REASON_COLUMN, 150)
        header.setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(self._show_details)
        layout.addWidget(self.table, 1)
        self.details = QLabel()
        self.details.setObjectName("claims_details")
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setWordWrap(True)
        layout.addWidget(self.details)
        self.note = QLabel()
        self.note.setObjectName("claims_note")
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        self.note.setStyleSheet(DONE_STYLE)
        self.note.hide()
        layout.addWidget(self.note)
        self.dialog: PayoutDialog | None = None
        self.summary = QLabel(self.tr("memuat…"))
        self.summary.setObjectName("claims_summary")
        layout.addWidget(self.summary)
        self.setFocusProxy(self.search)
        self._loading = False
        self._load_again = False
        ctx.changes.changed.connect(self._changed)

    def _changed(self, changes: Changes, _initiator: object) -> None:
        if (changes.upload or changes.transactions) and self.isVisible():
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.reload()

    def query(self) -> ClaimQuery:
        return ClaimQuery(status=str(self.status.currentData() or ""), search=self.search.text())

    def reload(self) -> None:
        """Ask the database worker for the list; one request at a time, the latest asked last."""
        if self._loading:
            self._load_again = True
            return
        self._loading = True
        claims_op(self.ctx.counter, self.query()).success(self._loaded).failure(self._failed).run(
            self.ctx.tasks, self
        )

    def _show_details(self, current: QModelIndex, _previous: QModelIndex) -> None:
        """The chosen claim in full: who, why, where the money goes, and what was decided."""
        rows = self.model.rows
        if not current.isValid() or not 0 <= current.row() < len(rows):
            self.details.clear()
            self.pay_button.setEnabled(False)
            return
        row = rows[current.row()]
        self.pay_button.setEnabled(row.state is ClaimState.APPROVED)
        reason = row.reason_name if self.ctx.lang == "id" else row.reason_name_en
        lines = [
            self.tr("{0} · diterima {1} · NIK {2} · KPJ {3} · {4}").format(
                row.receipt_no, _date(row.business_date), row.nik, row.kpj or "-", reason
            ),
            self.tr("Rekening pembayaran: {0} {1} a.n. {2}").format(
                row.payout_bank, row.payout_account, row.payout_account_holder
            ),
            self.tr("Status: {0}").format(state_text(row.state)),
        ]
        if row.gross is not None and row.tax is not None and row.net is not None:
            lines.append(
                self.tr("Bruto {0} · pajak {1} · neto {2}").format(
                    _money(row.gross), _money(row.tax), _money(row.net)
                )
            )
        if row.rejection_reason:
            lines.append(self.tr("Alasan penolakan: {0}").format(row.rejection_reason))
        if row.handed_over_at:
            lines.append(
                self.tr(
                    "Diserahkan di loket {0} (data server pusat); dapat dibayar di sini."
                ).format(row.handed_over_at)
            )
        if row.paid_receipt_no:
            lines.append(self.tr("Dibayar di loket ini: bukti {0}").format(row.paid_receipt_no))
        self.details.setText("\n".join(lines))

    def selected(self) -> ClaimRow | None:
        index = self.table.currentIndex()
        rows = self.model.rows
        return rows[index.row()] if index.isValid() and 0 <= index.row() < len(rows) else None

    def pay_selected(self) -> None:
        """The payout of the selected approved claim, in its dialog."""
        claim = self.selected()
        if claim is None or claim.state is not ClaimState.APPROVED:
            return
        self.note.hide()
        dialog = PayoutDialog(self.ctx, self.user, claim, self)
        dialog.paid.connect(self._paid)
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()

    def _paid(self, paid: BenefitPaid) -> None:
        text = self.tr(
            "Klaim {0} dibayar dengan bukti {1}: cetak buktinya untuk ditandatangani penerima."
        ).format(paid.quote.claim_receipt_no, paid.captured.receipt_no)
        if not paid.confirmed:
            text += " " + self.tr(
                "Server pusat belum menerima konfirmasinya: dikirim lagi saat aplikasi dimulai."
            )
        self.note.setText(text)
        self.note.show()

    def _failed(self, error: DomainError) -> None:
        self._loading = False
        self.model.set_rows(())
        self.details.clear()
        self.summary.clear()
        point_at(self.error, self.search, error.message(self.ctx.lang))
        self._again()

    def _loaded(self, rows: tuple[ClaimRow, ...]) -> None:
        self._loading = False
        hide_text(self.error)
        self.model.set_rows(rows)
        self.details.clear()
        if rows:
            self.table.selectRow(0)
        waiting = sum(1 for row in rows if row.state is ClaimState.APPROVED)
        self.summary.setText(
            self.tr("{0} klaim; {1} disetujui, menunggu dibayar.").format(len(rows), waiting)
        )
        self._again()

    def _again(self) -> None:
        if self._load_again:
            self._load_again = False
            self.reload()
