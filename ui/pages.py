"""The main window's pages: their titles and keys, and placeholders until each form lands."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.widgets import page_heading

# lupdate finds these texts by the literal context name in each QT_TRANSLATE_NOOP call.
CONTEXT = "pages"


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    shortcut: str | None
    about: str

    def translated_title(self) -> str:
        return QCoreApplication.translate(CONTEXT, self.title)


PAGES = (
    PageSpec(
        "registration",
        str(QT_TRANSLATE_NOOP("pages", "Pendaftaran")),
        "F2",
        str(QT_TRANSLATE_NOOP("pages", "Pendaftaran peserta Bukan Penerima Upah (BPU).")),
    ),
    PageSpec(
        "contribution",
        str(QT_TRANSLATE_NOOP("pages", "Iuran")),
        "F3",
        str(QT_TRANSLATE_NOOP("pages", "Pembayaran iuran BPU dan PU.")),
    ),
    PageSpec(
        "claim",
        str(QT_TRANSLATE_NOOP("pages", "Klaim")),
        "F4",
        str(QT_TRANSLATE_NOOP("pages", "Serah terima berkas klaim JHT.")),
    ),
    PageSpec(
        "journal",
        str(QT_TRANSLATE_NOOP("pages", "Jurnal")),
        "F5",
        str(QT_TRANSLATE_NOOP("pages", "Daftar transaksi hari ini, cetak ulang dan pembatalan.")),
    ),
    PageSpec(
        "day_close",
        str(QT_TRANSLATE_NOOP("pages", "Tutup hari")),
        None,
        str(QT_TRANSLATE_NOOP("pages", "Hitung kas dan tutup hari kerja.")),
    ),
    PageSpec(
        "quarantine",
        str(QT_TRANSLATE_NOOP("pages", "Karantina")),
        None,
        str(QT_TRANSLATE_NOOP("pages", "Data yang ditolak server pusat, dengan alasannya.")),
    ),
    PageSpec(
        "settings",
        str(QT_TRANSLATE_NOOP("pages", "Pengaturan")),
        None,
        str(QT_TRANSLATE_NOOP("pages", "Printer, bahasa dan pengguna.")),
    ),
)


class PlaceholderPage(QWidget):
    """Stands in for a form that is not built yet, and says so."""

    def __init__(self, spec: PageSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"page_{spec.key}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        heading = page_heading(spec.translated_title())
        layout.addWidget(heading)
        about = QLabel(QCoreApplication.translate(CONTEXT, spec.about))
        about.setWordWrap(True)
        layout.addWidget(about)
        self.note = QLabel(self.tr("Formulir ini menyusul pada versi berikutnya."))
        self.note.setStyleSheet("color: #555;")
        layout.addWidget(self.note)
        layout.addStretch(1)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
