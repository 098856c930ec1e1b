"""A form checked as the teller goes: each field's error under it once the field is left, every
error at once after a save, each cleared as soon as its field is right again.

The checks are the service's own (a `check` callable over the command as typed, the same code
the save runs, pure and quick so it runs on the GUI thread as the teller types). What only the
store can say (a NIK registered, a payment code paid, a month paid) comes back from the worker
through `found`, kept for the value it was found for: typed over, it goes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QLineEdit, QWidget

from desktop.errors import DomainError
from ui.widgets import hide_text, show_text

# Focus that leaves for these reasons has not left the field: a list popped up, another window
# came forward for a moment.
_NOT_LEFT = (Qt.FocusReason.PopupFocusReason, Qt.FocusReason.ActiveWindowFocusReason)

REQUIRED_MARK = " *"


def value_of(widget: QWidget) -> object:
    """What a field holds, to tell whether a store's answer is still about it."""
    if isinstance(widget, QLineEdit):
        return widget.text().strip()
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, QAbstractButton):
        return widget.isChecked()
    return None


class LiveChecks(QObject):
    """`left(field)` when the teller leaves a field (a store check may follow it)."""

    left = Signal(str)

    def __init__(
        self,
        inputs: dict[str, QWidget],
        errors: dict[str, QLabel],
        check: Callable[[], Sequence[DomainError]],
        parent: QObject | None = None,
        *,
        lang: str = "id",
    ) -> None:
        super().__init__(parent)
        self.inputs = inputs
        self.errors = errors
        self.check = check
        self.lang = lang
        self.touched: set[str] = set()
        self._found: dict[str, tuple[object, DomainError]] = {}
        self._names = {widget: name for name, widget in inputs.items()}
        for widget in inputs.values():
            widget.installEventFilter(self)
            if isinstance(widget, QLineEdit):
                widget.textChanged.connect(self.recheck)
            elif isinstance(widget, QComboBox):
                widget.currentIndexChanged.connect(self.recheck)
            elif isinstance(widget, QAbstractButton):
                widget.toggled.connect(self.recheck)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if (
            event.type() == QEvent.Type.FocusOut
            and isinstance(event, QFocusEvent)
            and event.reason() not in _NOT_LEFT
            and watched in self._names
        ):
            name = self._names[watched]
            self.touched.add(name)
            self.recheck()
            self.left.emit(name)
        return super().eventFilter(watched, event)

    def touch(self, names: Iterable[str]) -> None:
        """Check these fields from now on as if left (a NIK typed whole, say)."""
        self.touched.update(names)
        self.recheck()

    def untouch(self, name: str) -> None:
        """Not checked again until the field is left (its text is still being typed)."""
        if name in self.touched:
            self.touched.discard(name)
            self.recheck()

    def recheck(self) -> None:
        """Each field left (or saved) shows its error now, or none."""
        if not self.touched and not self._found:
            for label in self.errors.values():
                hide_text(label)
            return
        now: dict[str, DomainError] = {}
        for refusal in self.check():
            now.setdefault(refusal.field, refusal)
        for name, label in self.errors.items():
            error: DomainError | None = now.get(name) if name in self.touched else None
            if error is None and name in self._found:
                value, found = self._found[name]
                if value == value_of(self.inputs[name]):
                    error = found
                else:
                    del self._found[name]  # typed over: about another value
            if error is None:
                hide_text(label)
            else:
                show_text(label, error.message(self.lang))

    def found(self, name: str, value: object, error: DomainError | None) -> None:
        """What the store said about field `name` holding `value` (None: nothing against it)."""
        if error is None:
            self._found.pop(name, None)
        else:
            self._found[name] = (value, error)
        self.recheck()

    def show_all(self, errors: Sequence[DomainError]) -> list[DomainError]:
        """A save refused: every error under its field from now on, those only the store can
        say kept for the values they are about; returns the errors no field shows."""
        elsewhere = []
        pure = {error.field for error in self.check()}
        for error in errors:
            if error.field not in self.inputs:
                elsewhere.append(error)
                continue
            self.touched.add(error.field)
            if error.field not in pure:
                self._found[error.field] = (value_of(self.inputs[error.field]), error)
        self.recheck()
        return elsewhere

    def reset(self) -> None:
        """A form cleared or saved: nothing left yet, nothing shown."""
        self.touched.clear()
        self._found.clear()
        for label in self.errors.values():
            hide_text(label)


def clear_on_edit(inputs: dict[str, QWidget], errors: dict[str, QLabel]) -> None:
    """Each field's error goes as soon as the teller changes that field (the save checks it
    anew): for forms whose checks need the store or a supervisor, so run only on save."""
    for name, widget in inputs.items():
        label = errors.get(name)
        if label is None:
            continue
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(lambda _text, label=label: hide_text(label))
        elif isinstance(widget, QComboBox):
            widget.activated.connect(lambda _index, label=label: hide_text(label))
        elif isinstance(widget, QAbstractButton):
            widget.toggled.connect(lambda _on, label=label: hide_text(label))


def check_as_typed(
    edit: QLineEdit, label: QLabel, check: Callable[[str], object], lang: str = "id"
) -> None:
    """One field checked by the save's own check (a domain function over its text): its error
    said when the field is left, and, once said, kept up to date as it is typed and gone as
    soon as the field is right."""

    def run(*, left: bool) -> None:
        if not left and not label.isVisible():
            return  # nothing said yet: not while it is being typed
        try:
            check(edit.text())
        except DomainError as error:
            show_text(label, error.message(lang))
            return
        hide_text(label)

    edit.editingFinished.connect(lambda: run(left=True))
    edit.textEdited.connect(lambda _text: run(left=False))
