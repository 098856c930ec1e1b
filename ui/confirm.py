"""Questions asked before something that cannot be taken back: money taken (the figures shown,
Enter accepts, Esc goes back with nothing written), and typing about to be thrown away (a form
cleared by Esc, a window closed with a form half filled)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.widgets import INFO_STYLE

FIGURE_STYLE = "font-size: 13pt;"
MAIN_FIGURE_STYLE = "font-size: 18pt; font-weight: bold; color: #1b5e20;"

Figure = tuple[str, str]  # ("Kembalian", "Rp50.000")


def _tr(text: str) -> str:
    return QCoreApplication.translate("confirm", text)


def _ask(question: QDialog, parent: QWidget) -> None:
    """Open `question` over `parent`'s window with the keys; once answered the window has
    them back, the cursor where it was (a handler may move it on)."""
    was = QApplication.focusWidget()
    back = was if was is not None and parent.window().isAncestorOf(was) else None

    def answered() -> None:
        parent.window().activateWindow()
        if back is not None and back.isVisible():
            back.setFocus()

    question.finished.connect(answered)  # before the caller's: they may move the cursor on
    question.open()
    question.activateWindow()


class FiguresDialog(QDialog):
    """The figures of a commit that takes money, the last one large (the change, the float);
    Enter accepts, Esc returns to the form. Window-modal, opened without blocking."""

    def __init__(
        self,
        parent: QWidget,
        *,
        title: str,
        heading: str,
        figures: Sequence[Figure],
        accept: str,
        note: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("figures_dialog")
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumSize(420, 210)  # the change readable from across the counter
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 16, 20, 14)
        top = QLabel(heading)
        top.setObjectName("heading")
        top.setTextFormat(Qt.TextFormat.PlainText)
        top.setWordWrap(True)
        top.setStyleSheet("font-size: 13pt; font-weight: bold;")
        outer.addWidget(top)
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(6)
        self.values: dict[str, QLabel] = {}
        for row, (label, value) in enumerate(figures):
            main = row == len(figures) - 1
            style = MAIN_FIGURE_STYLE if main else FIGURE_STYLE
            name = QLabel(label)
            name.setStyleSheet(style)
            shown = QLabel(value)
            shown.setObjectName(f"figure_{row}")
            shown.setTextFormat(Qt.TextFormat.PlainText)
            shown.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            shown.setStyleSheet(style)
            grid.addWidget(name, row, 0)
            grid.addWidget(shown, row, 1)
            self.values[label] = shown
        outer.addLayout(grid)
        if note:
            info = QLabel(note)
            info.setWordWrap(True)
            info.setStyleSheet(INFO_STYLE)
            outer.addWidget(info)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.accept_button = QPushButton(accept)
        self.accept_button.setObjectName("figures_accept")
        self.accept_button.setDefault(True)
        self.back_button = QPushButton(_tr("Kembali (Esc)"))
        self.back_button.setObjectName("figures_back")  # Enter on it (Tab there) goes back too
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.back_button)
        outer.addLayout(buttons)
        self.accept_button.clicked.connect(self.accept)
        self.back_button.clicked.connect(self.reject)
        self.accept_button.setFocus()

    def figures(self) -> dict[str, str]:
        return {label: shown.text() for label, shown in self.values.items()}


def confirm_figures(
    parent: QWidget,
    *,
    title: str,
    heading: str,
    figures: Sequence[Figure],
    accept: str,
    on_accept: Callable[[], None],
    on_back: Callable[[], None] | None = None,
    note: str = "",
) -> FiguresDialog:
    """Ask with the figures; `on_accept` on Enter, `on_back` (nothing written) on Esc."""
    dialog = FiguresDialog(
        parent, title=title, heading=heading, figures=figures, accept=accept, note=note
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _ask(dialog, parent)
    dialog.accepted.connect(on_accept)
    if on_back is not None:
        dialog.rejected.connect(on_back)
    return dialog


def has_typing(page: QWidget) -> bool:
    """Whether the teller typed anything into the page's shown fields (not those filled in)."""
    return any(
        edit.text().strip() and not edit.isReadOnly() and edit.isVisibleTo(page)
        for edit in page.findChildren(QLineEdit)
    )


def ask_discard(
    parent: QWidget,
    title: str,
    text: str,
    discard: str,
    on_discard: Callable[[], None],
    *,
    enter_discards: bool = True,
) -> QMessageBox:
    """The question before typing is thrown away: `discard` throws it away, "Kembali" (Esc)
    keeps it; Enter is `discard` unless `enter_discards` is False. Window-modal, not blocking."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton)
    box.setParent(parent, box.windowFlags())
    box.setObjectName("discard_question")
    box.setWindowModality(Qt.WindowModality.WindowModal)
    yes = box.addButton(discard, QMessageBox.ButtonRole.DestructiveRole)
    back = box.addButton(_tr("Kembali"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(yes if enter_discards else back)
    box.setEscapeButton(back)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def answered() -> None:
        if box.clickedButton() is yes:
            on_discard()

    _ask(box, parent)
    box.finished.connect(answered)
    return box


def clear_asked(page: QWidget, clear: Callable[[], None]) -> QMessageBox | None:
    """Esc on a form: cleared at once when nothing is typed, else after the question."""
    if not has_typing(page):
        clear()
        return None
    return ask_discard(
        page,
        _tr("Kosongkan formulir"),
        _tr("Isian formulir ini akan dihapus. Kosongkan?"),
        _tr("Kosongkan (Enter)"),
        clear,
    )
