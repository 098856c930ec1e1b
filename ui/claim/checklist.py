"""The claim page's document checklist: one row per document, received as original, copy or not."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.domain.claims import (
    ClaimDocument,
    ClaimReason,
    DocStatus,
    Requirement,
    missing_requirements,
    requirements_for,
)

MISSING_STYLE = "color: #b00020; font-weight: bold;"
COMPLETE_STYLE = "color: #1b5e20; font-weight: bold;"
MET_COLOUR = "#1b5e20"
UNMET_COLOUR = "#b00020"
OPTIONAL_COLOUR = "#666"
ROW_SHADE = QColor("#eef2f6")


class Checklist(QWidget):
    """Rebuilt for each reason (and NPWP need); `changed()` whenever a status changes."""

    changed = Signal()

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checklist")
        self.lang = lang
        self.reason: ClaimReason | None = None
        self.npwp_required = False
        self._combos: dict[str, QComboBox] = {}
        self._markers: list[tuple[Requirement, QLabel]] = []
        self._shaded = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.placeholder = QLabel(self.tr("Pilih alasan klaim; daftar berkasnya muncul di sini."))
        self.placeholder.setWordWrap(True)
        self.placeholder.setStyleSheet(f"color: {OPTIONAL_COLOUR};")
        layout.addWidget(self.placeholder)
        self.keys = QLabel(
            self.tr(
                "Status tiap berkas: ketik A = asli, F = fotokopi, E = elektronik, T = tidak ada"
            )
        )
        self.keys.setStyleSheet(f"color: {OPTIONAL_COLOUR};")
        layout.addWidget(self.keys)
        self._holder = QVBoxLayout()
        self._holder.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._holder)
        self.rows = QWidget()
        self._holder.addWidget(self.rows)
        self.summary = QLabel()
        self.summary.setObjectName("missing_summary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.show_reason(None, npwp_required=False)

    # --- building -------------------------------------------------------------------------------

    def show_reason(self, reason: ClaimReason | None, *, npwp_required: bool) -> None:
        """List `reason`'s documents; a document still listed keeps the status it was given."""
        kept = self.statuses()
        self.reason = reason
        self.npwp_required = npwp_required
        self._combos = {}
        self._markers = []
        self._shaded = False
        old = self.rows
        self._holder.removeWidget(old)
        old.hide()
        old.deleteLater()
        self.rows = QWidget()
        self.rows.setObjectName("checklist_rows")
        column = QVBoxLayout(self.rows)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        if reason is not None:
            for row in self._build(reason, kept):
                column.addWidget(row)
        # Built before it is shown, and shown now rather than by the layout's queued show:
        # a Tab pressed right after the reason changed must find the rows.
        self._holder.addWidget(self.rows)
        self.rows.show()
        self.placeholder.setVisible(reason is None)
        self.keys.setVisible(reason is not None)
        self.summary.setVisible(reason is not None)
        self._refresh()

    def _build(self, reason: ClaimReason, kept: dict[str, str]) -> list[QWidget]:
        """Required documents (a group for "any one of"), the NPWP when needed, then the extras."""
        rows = [self._header()]
        for requirement in requirements_for(reason, npwp_required=self.npwp_required):
            documents = [doc for doc in requirement.any_of if doc.code not in self._combos]
            if not documents:
                continue  # all listed already for another requirement; the summary still counts it
            marker = self._marker(requirement, self.tr("wajib"))
            if len(requirement.any_of) == 1:
                rows += [self._row(doc, marker, kept) for doc in documents]
                continue
            rows.append(self._group(self._name(requirement), marker))  # its name says "one of"
            rows += [self._row(doc, QLabel(), kept, indent=True) for doc in documents]
        for doc in reason.optional_documents:
            if doc.code not in self._combos:
                marker = QLabel(self.tr("tambahan"))
                marker.setStyleSheet(f"color: {OPTIONAL_COLOUR};")
                rows.append(self._row(doc, marker, kept))
        return rows

    def _header(self) -> QWidget:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(6, 0, 6, 4)
        columns = (
            (self.tr("Dokumen"), 0),
            ("", self._marker_width()),
            (self.tr("Diterima"), self._combo_width()),
        )
        for text, width in columns:
            label = QLabel(text)
            label.setStyleSheet(f"color: {OPTIONAL_COLOUR}; font-weight: bold;")
            if width:
                label.setFixedWidth(width)
            line.addWidget(label, 0 if width else 1)
        return row

    def _row(
        self, doc: ClaimDocument, marker: QLabel, kept: dict[str, str], *, indent: bool = False
    ) -> QWidget:
        combo = QComboBox()
        combo.setObjectName(f"doc_{doc.code}")
        combo.addItem(self.tr("Tidak ada"), DocStatus.MISSING.value)
        combo.addItem(self.tr("Asli"), DocStatus.ORIGINAL.value)
        combo.addItem(self.tr("Fotokopi"), DocStatus.COPY.value)
        combo.addItem(self.tr("Elektronik"), DocStatus.ELECTRONIC.value)
        combo.setFixedWidth(self._combo_width())
        combo.setAccessibleName(self._name(doc))
        previous = combo.findData(kept.get(doc.code, DocStatus.MISSING.value))
        combo.setCurrentIndex(max(previous, 0))
        combo.currentIndexChanged.connect(self._status_changed)
        self._combos[doc.code] = combo
        name = QLabel(self._name(doc))
        name.setWordWrap(True)
        name.setBuddy(combo)
        return self._line(name, marker, combo, indent=indent)

    def _group(self, title: str, marker: QLabel) -> QWidget:
        name = QLabel(title)
        name.setWordWrap(True)
        name.setStyleSheet("font-weight: bold;")
        return self._line(name, marker, None, indent=False)

    def _line(
        self, name: QLabel, marker: QLabel, combo: QComboBox | None, *, indent: bool
    ) -> QWidget:
        row = QWidget()
        row.setObjectName("checklist_row")
        self._shaded = not self._shaded
        if self._shaded:  # every other row, so the eye keeps to the line across to its choice
            row.setAutoFillBackground(True)
            palette = row.palette()
            palette.setColor(QPalette.ColorRole.Window, ROW_SHADE)
            row.setPalette(palette)
        line = QHBoxLayout(row)
        line.setContentsMargins(6, 3, 6, 3)
        line.setSpacing(8)
        if indent:
            line.addSpacing(18)
        line.addWidget(name, 1)
        marker.setFixedWidth(self._marker_width())
        line.addWidget(marker)
        if combo is None:  # a group's title: keep its marker in the markers' column
            blank = QWidget()
            blank.setFixedWidth(self._combo_width())
            line.addWidget(blank)
        else:
            line.addWidget(combo)
        return row

    def _marker(self, requirement: Requirement, text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName(f"marker_{requirement.code}")
        self._markers.append((requirement, label))
        return label

    def _name(self, item: ClaimDocument | Requirement) -> str:
        return item.name_id if self.lang == "id" else item.name_en

    def _combo_width(self) -> int:
        metrics = self.fontMetrics()
        widest = max(
            metrics.horizontalAdvance(text)
            for text in (
                self.tr("Tidak ada"),
                self.tr("Asli"),
                self.tr("Fotokopi"),
                self.tr("Elektronik"),
            )
        )
        return widest + 48  # room for the arrow and the frame

    def _marker_width(self) -> int:
        texts = ("✗ " + self.tr("wajib"), self.tr("tambahan"))
        return max(self.fontMetrics().horizontalAdvance(text) for text in texts) + 8

    # --- state ----------------------------------------------------------------------------------

    def combos(self) -> list[QComboBox]:
        """The status choices in checklist order: the Tab order of the rows."""
        return list(self._combos.values())

    def combo(self, code: str) -> QComboBox:
        return self._combos[code]

    def statuses(self) -> dict[str, str]:
        return {code: str(combo.currentData()) for code, combo in self._combos.items()}

    def missing(self) -> tuple[Requirement, ...]:
        if self.reason is None:
            return ()
        received = {code: DocStatus(status) for code, status in self.statuses().items()}
        return missing_requirements(self.reason, received, npwp_required=self.npwp_required)

    def first_missing(self) -> QComboBox | None:
        """The first document of the first unmet requirement, to put the cursor on."""
        for requirement in self.missing():
            for doc in requirement.any_of:
                if doc.code in self._combos:
                    return self._combos[doc.code]
        return None

    def _status_changed(self) -> None:
        self._refresh()
        self.changed.emit()

    def _refresh(self) -> None:
        if self.reason is None:
            return
        missing = self.missing()
        for requirement, label in self._markers:
            met = requirement not in missing
            text = label.text().removeprefix("✓ ").removeprefix("✗ ")
            label.setText(("✓ " if met else "✗ ") + text)
            label.setStyleSheet(f"color: {MET_COLOUR if met else UNMET_COLOUR};")
        if missing:
            names = ", ".join(self._name(requirement) for requirement in missing)
            self.summary.setText(self.tr("Belum lengkap: {0}").format(names))
            self.summary.setStyleSheet(MISSING_STYLE)
        else:
            self.summary.setText(self.tr("Berkas wajib lengkap."))
            self.summary.setStyleSheet(COMPLETE_STYLE)
