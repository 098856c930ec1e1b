"""Notices when nobody has touched the keyboard or mouse for a while (the screen then locks)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

IDLE_LOCK_MS = 15 * 60 * 1000  # re-authenticate after 15 idle minutes (PCI DSS v4 as benchmark)

_INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        # A key bound to a shortcut (F2, Ctrl+L) is consumed before its KeyPress is delivered;
        # the override query sent first still passes through the application's filters.
        QEvent.Type.ShortcutOverride,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


class IdleWatcher(QObject):
    """Emits `idle` after `timeout_ms` without input anywhere in the application."""

    idle = Signal()

    def __init__(self, timeout_ms: int = IDLE_LOCK_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(timeout_ms)
        self._timer.timeout.connect(self._timed_out)
        self._watching = False

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        app = QCoreApplication.instance()
        if not self._watching and app is not None:
            app.installEventFilter(self)
            self._watching = True
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        app = QCoreApplication.instance()
        if self._watching and app is not None:
            app.removeEventFilter(self)
        self._watching = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in _INPUT:
            self._timer.start()
        return False

    def _timed_out(self) -> None:
        self.stop()
        self.idle.emit()
