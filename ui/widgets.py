"""The small widgets every form builds the same way: named line edits, plain-text message lines
under a field (errors, notes, "saved" lines), and the cell that stacks them under their input."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

ERROR_STYLE = "color: #b00020;"
INFO_STYLE = "color: #555;"
DONE_STYLE = "color: #1b5e20; font-weight: bold;"
HEADING_STYLE = "font-size: 16pt; font-weight: bold;"


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
