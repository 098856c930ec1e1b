"""The navigation list: one row per page, its function key right-aligned and grey."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QFont, QPainter, QPalette
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from ui.window.pages import PageSpec

SHORTCUT_ROLE = Qt.ItemDataRole.UserRole + 1


class _ShortcutDelegate(QStyledItemDelegate):
    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().paint(painter, option, index)
        key = index.data(SHORTCUT_ROLE)
        if not key:
            return
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        colors = QPalette.ColorRole
        role = colors.HighlightedText if selected else colors.PlaceholderText
        painter.save()
        painter.setPen(option.palette.color(role))
        rect = option.rect.adjusted(0, 0, -12, 0)
        painter.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, key)
        painter.restore()

    def sizeHint(  # noqa: N802 - Qt's name
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), max(size.height(), 36))


class NavList(QListWidget):
    """The pages by title; the current row is the page shown."""

    def __init__(self, pages: tuple[PageSpec, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("nav")
        self.setFixedWidth(170)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.setFont(font)
        self.setStyleSheet("QListWidget::item { padding-left: 10px; }")
        self.setItemDelegate(_ShortcutDelegate(self))
        for spec in pages:
            item = QListWidgetItem(spec.translated_title())
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            item.setData(SHORTCUT_ROLE, spec.shortcut)
            if spec.shortcut:
                item.setToolTip(self.tr("Tombol pintas: {0}").format(spec.shortcut))
            self.addItem(item)
