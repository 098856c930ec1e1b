"""The Settings page's backups: "Cadangkan sekarang", the second folder, the list of backups with
their check, and "Pulihkan" (a supervisor's, signed with their PIN).

The copy runs on the database worker, its check on the network worker (it reads only the
backup), so the window never freezes and captures go on while a backup is checked.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import DomainError
from desktop.services.auth import User
from desktop.services.backups import BackupFile, BackupOutcome
from desktop.services.restore import RestoreOutcome, TakenBack
from desktop.services.upload import RetryPolicy
from ui.context import Context
from ui.operations import Changes
from ui.operations.backup import keep_backup_op, list_backups_op, recover_op, start_backup_op
from ui.settings.restore import RestoreDialog
from ui.widgets import (
    DONE_STYLE,
    INFO_STYLE,
    error_label,
    hide_text,
    line_edit,
    note_label,
    show_text,
)


class BackupsBox(QGroupBox):
    """Emits `restored(RestoreOutcome)` once a backup was put in place: the window must close."""

    restored = Signal(object)

    def __init__(self, ctx: Context, user: User, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Cadangan data"), parent)
        self.setObjectName("backups_box")
        self.ctx = ctx
        self.user = user
        self.backups: list[BackupFile] = []
        self.dialog: RestoreDialog | None = None
        self.recover_policy: RetryPolicy | None = None  # None: the upload's (tests: a fast one)
        column = QVBoxLayout(self)
        note = QLabel(
            self.tr(
                "Dicadangkan otomatis setiap jam selama ada transaksi dan setelah tutup hari; "
                "disimpan 48 cadangan per jam dan 60 harian."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet(INFO_STYLE)
        column.addWidget(note)
        self.copy_dir = line_edit("backup_copy_dir", 500, "D:\\Cadangan  /  \\\\server\\loket")
        copy_row = QHBoxLayout()
        self.copy_label = QLabel(self.tr("Folder &kedua"))
        self.copy_label.setBuddy(self.copy_dir)
        self.copy_label.setMinimumWidth(150)
        copy_row.addWidget(self.copy_label)
        copy_row.addWidget(self.copy_dir, 1)
        column.addLayout(copy_row)
        self.copy_error = error_label("backup_copy_dir_error")
        column.addWidget(self.copy_error)
        copy_note = QLabel(
            self.tr(
                "Disk lain atau folder jaringan; tiap cadangan disalin ke sana juga. Disimpan "
                "dengan tombol Simpan pengaturan."
            )
        )
        copy_note.setWordWrap(True)
        copy_note.setStyleSheet(INFO_STYLE)
        column.addWidget(copy_note)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("backups")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Waktu"), self.tr("Jenis"), self.tr("Ukuran"), self.tr("Pemeriksaan")]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.setMinimumHeight(160)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        column.addWidget(self.table)
        self.message = error_label("backup_message")
        column.addWidget(self.message)
        self.done = note_label("backup_done", DONE_STYLE)
        column.addWidget(self.done)
        row = QHBoxLayout()
        self.backup_button = QPushButton(self.tr("&Cadangkan sekarang"))
        self.backup_button.setObjectName("backup_now")
        self.restore_button = QPushButton(self.tr("&Pulihkan…"))
        self.restore_button.setObjectName("restore")
        self.recover_button = QPushButton(self.tr("&Ambil kembali dari server pusat"))
        self.recover_button.setObjectName("recover")
        for button in (self.backup_button, self.restore_button, self.recover_button):
            button.setAutoDefault(True)
            button.setVisible(user.is_supervisor)
            row.addWidget(button)
        # Shown only after a restore whose upstream could not be asked: captures wait for it.
        self.recover_button.setVisible(user.is_supervisor and ctx.counter.restore_pending)
        row.addStretch(1)
        column.addLayout(row)
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self.restore_selected)
        self.recover_button.clicked.connect(self.recover)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        ctx.changes.changed.connect(self._changed)
        self.set_enabled(False)
        self.reload()

    # --- the list ------------------------------------------------------------------------------

    def reload(self) -> None:
        list_backups_op(self.ctx.counter).success(self.fill).run(self.ctx.tasks, self)

    def fill(self, backups: list[BackupFile]) -> None:
        self.backups = backups
        self.table.setRowCount(len(backups))
        kinds = {
            "hourly": self.tr("per jam"),
            "daily": self.tr("harian"),
            "manual": self.tr("manual"),
            "upgrade": self.tr("sebelum pembaruan"),
        }
        for row, backup in enumerate(backups):
            cells = (
                f"{self.ctx.counter.local(backup.taken_at):%d/%m/%Y %H:%M:%S}",
                kinds.get(backup.kind.value, backup.kind.value),
                f"{backup.size / 1_048_576:.1f} MB",
                self._status(backup),
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self._selection_changed()

    def _status(self, backup: BackupFile) -> str:
        check = backup.check
        if check is None:
            return self.tr("belum diperiksa")
        if check.ok:
            return self.tr("utuh, {0} transaksi").format(check.transactions)
        return self.tr("RUSAK: {0}").format("; ".join(check.problems[:2]))

    def selected(self) -> BackupFile | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        chosen = self.selected()
        good = chosen is not None and chosen.check is not None and chosen.check.ok
        self.restore_button.setEnabled(self._enabled and good)

    def _changed(self, changes: Changes, _initiator: object) -> None:
        if changes.backups:
            self.reload()

    def set_enabled(self, enabled: bool) -> None:
        self._enabled = enabled and self.user.is_supervisor
        self.copy_dir.setEnabled(self._enabled)
        self.backup_button.setEnabled(self._enabled)
        self._selection_changed()

    # --- back up now ---------------------------------------------------------------------------

    def back_up_now(self) -> None:
        if not self.backup_button.isEnabled():
            return
        hide_text(self.message)
        hide_text(self.done)
        self.backup_button.setEnabled(False)
        show_text(self.done, self.tr("Mencadangkan…"), INFO_STYLE)
        start_backup_op(self.ctx.counter, self.user).success(self._written).failure(
            self._failed
        ).run(self.ctx.tasks, self)

    def _written(self, path: Path) -> None:
        show_text(self.done, self.tr("Memeriksa cadangan…"), INFO_STYLE)
        keep_backup_op(self.ctx, path).success(self._kept).failure(self._failed).run(
            self.ctx.network, self
        )

    def _kept(self, outcome: BackupOutcome) -> None:
        self.backup_button.setEnabled(self._enabled)
        if outcome.ok:
            text = self.tr("Cadangan {0} dibuat dan diperiksa: utuh.").format(outcome.path.name)
            if outcome.copied_to is not None:
                text += " " + self.tr("Disalin ke {0}.").format(str(outcome.copied_to.parent))
            show_text(self.done, text, DONE_STYLE)
        else:
            hide_text(self.done)
            show_text(
                self.message,
                self.tr("Cadangan {0} gagal diperiksa: {1}").format(
                    outcome.path.name, "; ".join(outcome.check.problems[:3])
                ),
            )
        if outcome.copy_problem is not None:
            show_text(self.message, outcome.copy_problem.message(self.ctx.lang))

    def _failed(self, error: DomainError) -> None:
        self.backup_button.setEnabled(self._enabled)
        hide_text(self.done)
        show_text(self.message, error.message(self.ctx.lang))

    # --- recovery after a restore --------------------------------------------------------------

    def recover(self) -> None:
        if not (self.recover_button.isVisible() and self.recover_button.isEnabled()):
            return
        hide_text(self.message)
        self.recover_button.setEnabled(False)
        recover_op(self.ctx, self.user, self.recover_policy).success(self._recovered).failure(
            self._recover_failed
        ).run(self.ctx.network, self)

    def _recovered(self, taken: TakenBack) -> None:
        self.recover_button.hide()
        show_text(
            self.done,
            self.tr(
                "Diambil kembali dari server pusat: {0} transaksi. Nomor tanda terima berlanjut "
                "setelah nomor {1}."
            ).format(taken.records, taken.last_receipt_seq),
            DONE_STYLE,
        )

    def _recover_failed(self, error: DomainError) -> None:
        self.recover_button.setEnabled(True)
        show_text(self.message, error.message(self.ctx.lang))

    # --- restore -------------------------------------------------------------------------------

    def restore_selected(self) -> RestoreDialog | None:
        chosen = self.selected()
        if chosen is None or not self.restore_button.isEnabled():
            return None
        dialog = RestoreDialog(
            self.ctx.tasks, chosen, counter=self.ctx.counter, lang=self.ctx.lang, parent=self
        )
        dialog.restored.connect(self.restored)
        self.dialog = dialog
        dialog.show()
        return dialog

    def outcome(self) -> RestoreOutcome | None:
        return self.dialog.outcome if self.dialog is not None else None
