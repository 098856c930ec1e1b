"""Python's cycle collector, run on the GUI thread only (Anki does the same, in aqt/__init__.py).

Left automatic, a collection starts in whichever thread happens to allocate when a threshold is
crossed: often the database worker. Garbage cycles holding Qt wrappers (a closed window, a
dialog and the lambdas connected to it) are then destroyed on that thread, and deleting a widget
off the GUI thread crashes the process. So automatic collection is switched off and a timer on
the GUI thread collects instead: the youngest generation when it has filled up, everything now
and then.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

CHECK_EVERY_MS = 1_000
FULL_EVERY_CHECKS = 60  # a full collection once a minute


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        gc.disable()
        self._checks = 0
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_EVERY_MS)
        self._timer.timeout.connect(self.collect)
        self._timer.start()

    def collect(self) -> None:
        self._checks += 1
        if self._checks % FULL_EVERY_CHECKS == 0:
            gc.collect()
        elif gc.get_count()[0] >= gc.get_threshold()[0]:
            gc.collect(0)

    def stop(self) -> None:
        """At exit: what is left is collected here, then Python may collect on its own again."""
        self._timer.stop()
        gc.collect()
        gc.enable()
