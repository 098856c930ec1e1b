"""The "Karantina" page: records the upstream refused, its reasons, and sending them again."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
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
from desktop.services.quarantine import QuarantinedRecord
from ui.context import Context
from ui.operations import Changes
from ui.operations.quarantine import quarantined_op
from ui.upload.controller import UploadController
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
    }
    return names.get(kind, kind)


class QuarantineModel(QAbstractTableModel):
    """One row per quarantined record: receipt, kind, amount, time, the upstream's reason."""

    HEADERS = ("No. tanda terima", "Jenis", "Jumlah", "Waktu", "Alasan penolakan")

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
            return _tr(self.HEADERS[section])
        return None


class QuarantinePage(QWidget):
    """Loads the list through the database worker when shown and after every upload (the
    window's, or the Day close page's)."""

    def __init__(
        self, ctx: Context, upload: UploadController, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.upload = upload
        self.setObjectName("page_quarantine")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        heading = page_heading(self.tr("Karantina"))
        layout.addWidget(heading)
        about = QLabel(
            self.tr(
                "Data yang ditolak server pusat. Data lain tetap terkirim; perbaiki masalahnya "
                "(atau tunggu server pusat diperbaiki), lalu kirim ulang."
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
        row.addWidget(self.resend)
        layout.addLayout(row)
        self._loading = False
        self._load_again = False
        ctx.changes.changed.connect(self._changed)

    def _changed(self, changes: Changes, _initiator: object) -> None:
        if changes.upload:
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
        self.resend.setEnabled(bool(records))
        if records:
            self.summary.setText(self.tr("{0} data ditolak server pusat.").format(len(records)))
        else:
            self.summary.setText(self.tr("Tidak ada data yang ditolak."))
        if self._load_again:
            self._load_again = False
            self.reload()

    def send_again(self) -> None:
        """Upload again, the quarantined records put back in the queue first (as `spo-counter
        sync --requeue-quarantined` does); the list is read again when it ends."""
        if self.upload.start(requeue_quarantined=True):
            self.resend.setEnabled(False)
            self.summary.setText(self.tr("Mengirim ulang data yang ditolak…"))
