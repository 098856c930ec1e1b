"""The small widgets every form builds the same way: named line edits, plain-text message lines
under a field (errors, notes, "saved" lines), and the form that lays out labelled fields."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

ERROR_STYLE = "color: #b00020;"
INFO_STYLE = "color: #555;"
DONE_STYLE = "color: #1b5e20; font-weight: bold;"
HEADING_STYLE = "font-size: 16pt; font-weight: bold;"
USER_ID_LENGTH = 30  # desktop.domain.users: a user id is 3-30 characters


def line_edit(
    name: str, max_length: int, placeholder: str = "", *, secret: bool = False
) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setMaxLength(max_length)
    edit.setPlaceholderText(placeholder)
    if secret:
        edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


def page_heading(text: str) -> QLabel:
    """The title at the top of a page (F2 Pendaftaran, Pengaturan, ...)."""
    heading = QLabel(text)
    heading.setObjectName("heading")
    heading.setStyleSheet(HEADING_STYLE)
    return heading


def text_label(name: str, style: str = INFO_STYLE, *, wrap: bool = True) -> QLabel:
    """A shown plain-text line (a note, a figure's caption)."""
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setStyleSheet(style)
    return label


def note_label(name: str, style: str = INFO_STYLE, *, wrap: bool = True) -> QLabel:
    """A hidden plain-text line under a field, shown with `show_text` when there is news."""
    label = text_label(name, style, wrap=wrap)
    label.hide()
    return label


def error_label(name: str) -> QLabel:
    """A hidden error line under the field it names."""
    return note_label(name, ERROR_STYLE)


def show_text(label: QLabel, text: str, style: str | None = None) -> None:
    label.setText(text)
    if style is not None:
        label.setStyleSheet(style)
    label.show()


def hide_text(label: QLabel) -> None:
    label.clear()
    label.hide()


def field_cell(*widgets: QWidget) -> QWidget:
    """An input with its note and error lines stacked under it, as one cell of a form row."""
    cell = QWidget()
    column = QVBoxLayout(cell)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    for widget in widgets:
        column.addWidget(widget)
    return cell


def point_at(label: QLabel, widget: QWidget, text: str) -> None:
    """Say `text` under the field it concerns and put the cursor there, its text selected."""
    show_text(label, text)
    widget.setFocus()
    if isinstance(widget, QLineEdit):
        widget.selectAll()


class FieldForm(QFormLayout):
    """Labelled fields, as every form lays them out: the label on the left (Alt + its underlined
    letter goes to the field), and under each field its notes, then its error line.

    `inputs` and `errors` are keyed by the name of the command field each one stands for: the
    field a DomainError names, so a refusal lands under the input it concerns.
    """

    def __init__(
        self, parent: QWidget | None = None, *, spacing: int = 16, label_width: int = 0
    ) -> None:
        super().__init__(parent)
        self.setVerticalSpacing(6)
        self.setHorizontalSpacing(spacing)
        self.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.label_width = label_width  # lines up the fields of forms one under the other
        self.inputs: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.cells: dict[str, QWidget] = {}

    def add_field(
        self,
        key: str,
        text: str,
        widget: QWidget,
        *notes: QWidget,
        shown: QWidget | None = None,
    ) -> QLabel:
        """A row: `text` labelling `widget` (or `shown`, a group holding it), then `notes` and
        the (hidden) error line `<key>_error` under it; returns the error line."""
        error = error_label(f"{key}_error")
        cell = field_cell(shown or widget, *notes, error)
        label = QLabel(text)
        label.setBuddy(widget)
        if self.label_width:
            label.setMinimumWidth(self.label_width)
        self.addRow(label, cell)
        self.inputs[key] = widget
        self.errors[key] = error
        self.cells[key] = cell
        return error

    def clear_errors(self) -> None:
        for label in self.errors.values():
            hide_text(label)
