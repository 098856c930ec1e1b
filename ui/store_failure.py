"""The counter's data file failed (locked, damaged, not a database, unreadable, read-only, full):
what happened, which file, what to do, and the offer of the newest good backup.

Shown at start (instead of the window) and when it happens during work (instead of a bug
report): never an abort. The offer is the newest backup whose check passed (`backup_offer()`);
without one the dialog says how bank IT restores by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import StoreError

LANGUAGE_PROPERTY = "spo_language"  # set on the application by ui.i18n.install_translators


def _tr(text: str) -> str:
    return QCoreApplication.translate("store_failure", text)


@dataclass(frozen=True)
class BackupOffer:
    """The newest good backup, as the dialog offers it: a line naming it (file and time) and
    what restores it, given the dialog as the parent of whatever it shows next."""

    description: str
    restore: Callable[[QWidget], None]


def backup_offer(data_dir: Path) -> BackupOffer | None:
    """The newest good backup of the store in `data_dir`, to offer; None while there is none.

    Taking it opens the restore dialog (a supervisor signs, the current file is kept aside,
    the upstream is asked for what came after) on a worker of its own, since the window's
    workers may not be running: at start the store failed before they began.
    """
    from desktop.services.backups import newest_good_backup

    backup = newest_good_backup(data_dir)
    if backup is None:
        return None

    def restore(parent: QWidget) -> None:
        from ui.settings.restore import RestoreDialog
        from ui.tasks import TaskManager

        tasks = TaskManager(name="restore")
        try:
            dialog = RestoreDialog(
                tasks, backup, data_dir=data_dir, lang=current_language(), parent=parent
            )
            dialog.exec()
        finally:
            tasks.close()

    return BackupOffer(f"{backup.path.name} ({backup.taken_at:%d/%m/%Y %H:%M} UTC)", restore)


def current_language() -> str:
    app = QCoreApplication.instance()
    value = app.property(LANGUAGE_PROPERTY) if app is not None else None
    return value if isinstance(value, str) else "id"


class StoreFailureDialog(QDialog):
    """What failed, in the window's language; `restore_requested` when the teller takes the
    backup offered (the dialog has closed by then)."""

    restore_requested = Signal()

    def __init__(
        self,
        parent: QWidget | None,
        error: StoreError,
        *,
        lang: str | None = None,
        offer: BackupOffer | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("storeFailure")
        self.error = error
        self.offer = offer
        self.setWindowTitle(_tr("Data loket bermasalah"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        heading = QLabel(_tr("Data loket tidak dapat dipakai saat ini."))
        heading.setStyleSheet("font-weight: bold; font-size: 14px;")
        layout.addWidget(heading)
        self.message = QLabel(error.message(lang or current_language()))
        self.message.setObjectName("storeFailureMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)
        if offer is not None:
            self.backup = QLabel(_tr("Cadangan terbaru yang baik: {0}").format(offer.description))
        else:
            self.backup = QLabel(
                _tr(
                    "Belum ada cadangan yang dapat ditawarkan di sini. IT bank dapat memulihkan "
                    "cadangan dengan 'spo-counter restore BERKAS' (lihat docs/installing.md)."
                )
            )
        self.backup.setObjectName("storeFailureBackup")
        self.backup.setWordWrap(True)
        layout.addWidget(self.backup)
        buttons = QDialogButtonBox()
        self.restore_button = QPushButton(_tr("Pulihkan cadangan terbaru yang baik"))
        self.restore_button.setObjectName("restoreNewestBackup")
        self.restore_button.setEnabled(offer is not None)
        self.restore_button.clicked.connect(self._restore)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        copy = buttons.addButton(_tr("Salin pesan"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self._copy)
        self.close_button = buttons.addButton(_tr("Tutup"), QDialogButtonBox.ButtonRole.RejectRole)
        self.close_button.setDefault(True)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _restore(self) -> None:
        self.accept()
        self.restore_requested.emit()
        if self.offer is not None:
            self.offer.restore(self.parentWidget() or self)

    def _copy(self) -> None:
        QApplication.clipboard().setText(f"{self.error.path}\n{self.message.text()}")


def show_store_failure(parent: QWidget | None, error: StoreError) -> StoreFailureDialog:
    """Open (never block on) the dialog for a failure during work."""
    dialog = StoreFailureDialog(parent, error, offer=backup_offer(Path(error.path).parent))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
