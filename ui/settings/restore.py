"""Restoring a backup from the window: a supervisor signs with their PIN (the shared approval).

With a counter open (Settings), the PIN and the backup's check come first, changing nothing;
then the store is closed and the backup put in place (desktop/services/restore.py), and the
application must be opened again. Without one (the store would not open: the damage dialog),
`offer_newest_backup` opens this dialog on the newest good backup and restores at once.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.counter import Counter
from desktop.errors import DomainError
from desktop.services.backups import BackupFile, newest_good_backup
from desktop.services.restore import RestoreBackup, RestoreOutcome
from ui.approval import SupervisorApproval
from ui.operations import Op
from ui.operations.backup import prepare_restore_op, restore_offline_op, restore_running_op
from ui.tasks import TaskManager
from ui.widgets import DONE_STYLE, INFO_STYLE, error_label, note_label, show_text


class RestoreDialog(QDialog):
    """Emits `restored(RestoreOutcome)` once the backup is in place: the caller then closes
    the application (the running store was closed for the restore)."""

    restored = Signal(object)

    def __init__(
        self,
        tasks: TaskManager,
        backup: BackupFile,
        *,
        counter: Counter | None = None,
        data_dir: Path | None = None,
        lang: str = "id",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.backup = backup
        self.counter = counter
        self.data_dir = data_dir
        self.lang = lang
        self.outcome: RestoreOutcome | None = None
        self.setObjectName("restore_dialog")
        self.setWindowTitle(self.tr("Pulihkan dari cadangan"))
        outer = QVBoxLayout(self)
        outer.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        which = QLabel(
            self.tr("Cadangan: {0}\nDibuat: {1}").format(
                backup.path.name, f"{backup.taken_at:%d/%m/%Y %H:%M} UTC"
            )
        )
        which.setObjectName("backup")
        which.setTextFormat(Qt.TextFormat.PlainText)
        outer.addWidget(which)
        note = QLabel(
            self.tr(
                "Data loket sekarang disimpan di samping (tidak ditimpa, tidak dihapus), lalu "
                "cadangan ini dipasang. Transaksi setelah cadangan diambil kembali dari server "
                "pusat. Aplikasi lalu ditutup; bukalah lagi."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet(INFO_STYLE)
        outer.addWidget(note)
        self.approval = SupervisorApproval()
        outer.addWidget(self.approval)
        self.form_error = error_label("form_error")
        outer.addWidget(self.form_error)
        self.outcome_note = note_label("done", DONE_STYLE)
        outer.addWidget(self.outcome_note)
        self.ok_button = QPushButton(self.tr("Pulihkan"))
        self.ok_button.setObjectName("ok")
        self.cancel_button = QPushButton(self.tr("Batal (Esc)"))
        self.cancel_button.setObjectName("cancel")
        row = QHBoxLayout()
        row.addStretch(1)
        for button in (self.ok_button, self.cancel_button):
            button.setAutoDefault(False)
            row.addWidget(button)
        outer.addLayout(row)
        self.ok_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        self.approval.submitted.connect(self.submit)
        self.approval.first.setFocus()

    def command(self) -> RestoreBackup:
        supervisor_id, pin = self.approval.credentials()
        return RestoreBackup(str(self.backup.path), supervisor_id, pin)

    def submit(self) -> None:
        if not self.ok_button.isEnabled():
            return
        self.approval.clear_errors()
        self.form_error.hide()
        self.ok_button.setEnabled(False)
        command = self.command()
        if self.counter is not None:
            counter = self.counter
            prepare_restore_op(counter, command).success(
                lambda _check: self._restore(restore_running_op(counter, command))
            ).failure(self._failed).run(self.tasks, self)
        elif self.data_dir is not None:
            self._restore(restore_offline_op(self.data_dir, command))

    def _restore(self, op: Op[RestoreOutcome]) -> None:
        op.success(self._done).failure(self._failed).run(self.tasks, self)

    def _done(self, outcome: RestoreOutcome) -> None:
        self.outcome = outcome
        lines = [self.tr("Dipulihkan dari {0}.").format(outcome.restored_from.name)]
        if outcome.recovered is not None:
            lines.append(
                self.tr("Diambil kembali dari server pusat: {0} transaksi.").format(
                    outcome.recovered.records
                )
            )
        if outcome.recovery_problem is not None:
            lines.append(
                self.tr("Server pusat belum dapat ditanya: transaksi baru menunggu ({0}).").format(
                    outcome.recovery_problem.message(self.lang)
                )
            )
        lines.append(self.tr("Tutup aplikasi lalu buka lagi."))
        show_text(self.outcome_note, "\n".join(lines))
        # The store this window ran on is closed: the application is opened afresh.
        self.ok_button.hide()
        self.cancel_button.setText(self.tr("Tutup aplikasi"))
        self.cancel_button.clicked.disconnect()
        self.cancel_button.clicked.connect(QCoreApplication.quit)
        self.restored.emit(outcome)

    def _failed(self, error: DomainError) -> None:
        self.ok_button.setEnabled(True)
        if self.approval.show_refusal(error, self.lang):
            return
        show_text(self.form_error, error.message(self.lang))


def offer_newest_backup(
    tasks: TaskManager, data_dir: Path, *, lang: str = "id", parent: QWidget | None = None
) -> RestoreDialog | None:
    """The damage dialog's way back: the newest good backup of `data_dir` offered for restore
    (None when there is none); the dialog is shown, never blocking."""
    backup = newest_good_backup(data_dir)
    if backup is None:
        return None
    dialog = RestoreDialog(tasks, backup, data_dir=data_dir, lang=lang, parent=parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
