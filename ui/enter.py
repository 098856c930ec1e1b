"""The one Enter rule of every form: Enter moves to the next field, and on the last it commits.

A form lists its fields in order (`EnterChain(owner, fields, commit)`); Enter (or the keypad's
Enter) on one of them goes to the next that can take keys (shown, enabled, not read-only, a
radio button only when it is the one chosen), and on the last such field calls `commit`. The
fields' own Enter handling never runs: one rule, wherever the cursor is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLineEdit, QRadioButton, QWidget

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def is_enter(event: QEvent) -> bool:
    """A plain Enter (either key, no Ctrl/Shift/Alt)."""
    return (
        event.type() == QEvent.Type.KeyPress
        and isinstance(event, QKeyEvent)
        and event.key() in ENTER_KEYS
        and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    )


def takes_keys(widget: QWidget) -> bool:
    """Whether Enter may stop at `widget`: shown, enabled, typed into (not a read-only field
    filled from elsewhere), and of a pair of radio buttons only the one chosen."""
    if not (widget.isVisible() and widget.isEnabled()):
        return False
    if widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
        return False
    if isinstance(widget, (QLineEdit, QAbstractSpinBox)) and widget.isReadOnly():
        return False
    return not (isinstance(widget, QRadioButton) and not widget.isChecked())


class EnterChain(QObject):
    """Enter through `fields()` (asked anew each time: rows come and go), `commit()` on the
    last. Call `watch()` again after fields were added."""

    def __init__(
        self,
        owner: QWidget,
        fields: Callable[[], Sequence[QWidget]],
        commit: Callable[[], None],
        *,
        held: Callable[[QWidget], bool] | None = None,
    ) -> None:
        super().__init__(owner)
        self.fields = fields
        self.commit = commit
        # True for a field whose Enter the form answers itself, later (a look-up under way
        # decides where the cursor goes).
        self.held = held or (lambda _widget: False)
        self.watch()

    def watch(self) -> None:
        for widget in self.fields():
            widget.installEventFilter(self)  # installed once, however often asked

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if not is_enter(event) or not isinstance(watched, QWidget):
            return False
        if isinstance(watched, QComboBox) and watched.view().isVisible():
            return False  # its list is open: Enter picks the item
        self.enter(watched)
        return True

    def enter(self, current: QWidget) -> None:
        """Enter on `current`: to the next field that takes keys, or commit from the last."""
        if isinstance(current, QAbstractSpinBox):
            current.interpretText()  # the number typed counts, not the last one shown
        if self.held(current):
            return
        fields = list(self.fields())
        after = fields[fields.index(current) + 1 :] if current in fields else []
        following = next((widget for widget in after if takes_keys(widget)), None)
        if following is None:
            self.commit()
            return
        following.setFocus(Qt.FocusReason.TabFocusReason)
        if isinstance(following, (QLineEdit, QAbstractSpinBox)):
            following.selectAll()
