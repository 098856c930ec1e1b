"""The "Karantina" page: records the upstream refused, its reasons, sending them again, and
refunding a refused payment (a supervisor approving)."""

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
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
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
from desktop.services.capture import Captured
from desktop.services.quarantine import QuarantinedRecord
from ui.context import Context
from ui.operations import Changes
from ui.operations.quarantine import quarantined_op
from ui.upload.controller import UploadController
from ui.upload.refund_dialog import RefundDialog
from ui.widgets import page_heading

Index = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("quarantine", text)


def kind_text(kind: str) -> str:
    names = {
        "registration": _tr("Pendaftaran"),
        "contribution": _tr("Iuran"),
        "claim_handover": _tr("Klaim"),
        "void": _tr("Pembatalan"),
        "refund": _tr("Pengembalian iuran"),
        "benefit_payment": _tr("Pembayaran JHT"),
    }
    return names.get(kind, kind)


class QuarantineModel(QAbstractTableModel):
    """One row per quarantined record: receipt, kind, amount, time, the upstream's reason."""

    # lupdate finds the titles by the literal context name; headerData translates them.
    HEADERS = (
        QT_TRANSLATE_NOOP("quarantine", "No. tanda terima"),
        QT_TRANSLATE_NOOP("quarantine", "Jenis"),
        QT_TRANSLATE_NOOP("quarantine", "Jumlah"),
        QT_TRANSLATE_NOOP("quarantine", "Waktu"),
        QT_TRANSLATE_NOOP("quarantine", "Alasan penolakan"),
        QT_TRANSLATE_NOOP("quarantine", "Dikembalikan"),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.records: list[QuarantinedRecord] = []

    def set_records(self, records: list[QuarantinedRecord]) -> None:
        self.beginResetModel()
        self.records = list(records)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's name
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's name
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.records):
            return None
        record = self.records[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == 0:
                return record.receipt_no
            if column == 1:
                return kind_text(record.kind)
            if column == 2:
                return format_rupiah(record.amount)
            if column == 3:
                return f"{record.created_at:%d/%m/%Y %H:%M}"
            if column == 4:
                return record.reason
            if column == 5:
                return record.refunded_by or ""
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(  # noqa: N802 - Qt's name
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.HEADERS)
        ):
            return _tr(str(self.HEADERS[section]))
        return None


class QuarantinePage(QWidget):
    """Loads the list through the database worker when shown and after every upload (the
    window's, or the Day close page's)."""

    def __init__(
        self, ctx: Context, upload: UploadController, user: User, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.upload = upload
        self.user = user
        self.dialog: RefundDialog | None = None
        self.note = ""  # what the last refund asks of the teller, said until the next action
        self.setObjectName("page_quarantine")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        heading = page_heading(self.tr("Karantina"))
        layout.addWidget(heading)
        about = QLabel(
            self.tr(
                "Data yang ditolak server pusat. Data lain tetap terkirim; perbaiki masalahnya "
                "(atau tunggu server pusat diperbaiki), lalu kirim ulang. Pembayaran iuran yang "
                "ditolak dikembalikan kepada peserta dengan persetujuan supervisor."
            )
        )
        about.setWordWrap(True)
        layout.addWidget(about)
        self.model = QuarantineModel(self)
        self.table = QTableView()
        self.table.setObjectName("quarantine_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.summary = QLabel(self.tr("memuat…"))
        row.addWidget(self.summary, 1)
        self.resend = QPushButton(self.tr("Kirim ulang"))
        self.resend.setObjectName("quarantine_resend")
        self.resend.setEnabled(False)
        self.resend.clicked.connect(self.send_again)
        self.refund = QPushButton(self.tr("Kembalikan iuran"))
        self.refund.setObjectName("quarantine_refund")
        self.refund.setEnabled(False)
        self.refund.clicked.connect(self.refund_selected)
        row.addWidget(self.refund)
        row.addWidget(self.resend)
        layout.addLayout(row)
        self.table.selectionModel().currentRowChanged.connect(self._selected)
        self._loading = False
        self._load_again = False
        ctx.changes.changed.connect(self._changed)

    def _changed(self, changes: Changes, _initiator: object) -> None:
        if changes.upload or changes.transactions:
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.reload()

    def reload(self) -> None:
        """Ask the database worker for the list; one request at a time."""
        if self._loading:
            self._load_again = True
            return
        self._loading = True
        quarantined_op(self.ctx.counter).success(self._loaded).failure(self._failed).run(
            self.ctx.tasks, self
        )

    def _failed(self, error: DomainError) -> None:
        self._loading = False
        self.summary.setText(error.message(self.ctx.lang))

    def _loaded(self, records: list[QuarantinedRecord]) -> None:
        self._loading = False
        self.model.set_records(records)
        self.resend.setEnabled(any(record.refunded_by is None for record in records))
        if records:
            self.table.selectRow(0)
        self._selected()
        if records:
            count = self.tr("{0} data ditolak server pusat.").format(len(records))
        else:
            count = self.tr("Tidak ada data yang ditolak.")
        self.summary.setText(f"{self.note} {count}" if self.note else count)
        if self._load_again:
            self._load_again = False
            self.reload()

    def send_again(self) -> None:
        """Upload again, the quarantined records put back in the queue first (as `spo-counter
        sync --requeue-quarantined` does); the list is read again when it ends."""
        self.note = ""
        if self.upload.start(requeue_quarantined=True):
            self.resend.setEnabled(False)
            self.summary.setText(self.tr("Mengirim ulang data yang ditolak…"))

    # --- refund ----------------------------------------------------------------------------------

    def selected(self) -> QuarantinedRecord | None:
        row = self.table.currentIndex().row()
        return self.model.records[row] if 0 <= row < len(self.model.records) else None

    def _selected(self, *_: object) -> None:
        record = self.selected()
        self.refund.setEnabled(record is not None and record.refundable)

    def _dialog_closed(self) -> None:
        """Back to the list, whatever the window manager does (no preview comes in between)."""
        self.dialog = None
        self.window().activateWindow()
        self.table.setFocus()

    def refund_selected(self) -> None:
        """The refund of the selected payment, in its dialog (a supervisor approves)."""
        record = self.selected()
        if record is None or not record.refundable:
            return
        self.note = ""
        dialog = RefundDialog(self.ctx, self.user, record, self)
        dialog.refunded.connect(self._refunded)
        dialog.finished.connect(self._dialog_closed)
        self.dialog = dialog
        dialog.open()

    def _refunded(self, captured: Captured) -> None:
        self.note = self.tr(
            "Dikembalikan dengan {0}: cetak buktinya untuk ditandatangani peserta."
        ).format(captured.receipt_no)
        self.summary.setText(self.note)
