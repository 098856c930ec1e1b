"""The capture forms once the business day is closed: a banner saying so and what to do, the
form greyed out so nothing is typed that could not be saved (the service refuses it anyway)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.widgets import hide_text, note_label, show_text

CLOSED_STYLE = (
    "background: #fdecea; border: 1px solid #e6a19a; color: #7a1c12; padding: 8px; "
    "font-weight: bold;"
)


class DayClosedGate:
    """Under a capture page's heading: hidden while captures may go in; once the day is closed
    it shows the refusal every capture would meet, and every other part of the page is disabled
    (Qt restores each child's own state when they are enabled again)."""

    def __init__(self, page: QWidget, layout: QVBoxLayout) -> None:
        self.page = page
        self.banner = note_label("day_closed", CLOSED_STYLE)
        layout.insertWidget(1, self.banner)  # under the heading
        self.closed = False
        self._proxy: QWidget | None = None  # the page's own focus proxy, while closed

    def set_closed(self, refusal: str | None) -> None:
        """`refusal`: the capture's own message (desktop/services/business_day.py); None: open.
        Closed, the banner holds the page's keyboard focus (the form's fields cannot), so the
        function keys and a screen reader start from what it says."""
        was_closed, self.closed = self.closed, refusal is not None
        if refusal is None:
            hide_text(self.banner)
        else:
            show_text(self.banner, refusal)
        direct = Qt.FindChildOption.FindDirectChildrenOnly
        for child in self.page.findChildren(QWidget, options=direct):
            if child is not self.banner and child.objectName() != "heading":
                child.setEnabled(not self.closed)
        if self.closed and not was_closed:
            self._proxy = self.page.focusProxy()
            self.banner.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            self.page.setFocusProxy(self.banner)
            if self.page.isVisible():
                self.banner.setFocus()
        elif was_closed and not self.closed:
            # None clears it (Qt's API; the stubs type the argument as QWidget only).
            self.page.setFocusProxy(self._proxy)  # type: ignore[arg-type]
            self.banner.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            if self.page.isVisible():
                self.page.setFocus()
