"""The main window's pages: their keys, titles and function keys, in the navigation's order."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

# lupdate finds these texts by the literal context name in each QT_TRANSLATE_NOOP call.
CONTEXT = "pages"


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    shortcut: str | None
    supervisor_only: bool = False  # hidden, and its key dead, in a teller's window

    def translated_title(self) -> str:
        return QCoreApplication.translate(CONTEXT, self.title)


PAGES = (
    PageSpec(
        "registration",
        str(QT_TRANSLATE_NOOP("pages", "Pendaftaran")),
        "F2",
    ),
    PageSpec(
        "contribution",
        str(QT_TRANSLATE_NOOP("pages", "Iuran")),
        "F3",
    ),
    PageSpec(
        "claim",
        str(QT_TRANSLATE_NOOP("pages", "Klaim")),
        "F4",
    ),
    PageSpec(
        "journal",
        str(QT_TRANSLATE_NOOP("pages", "Jurnal")),
        "F5",
    ),
    PageSpec(
        "lookup",
        str(QT_TRANSLATE_NOOP("pages", "Cek peserta")),
        "F6",
    ),
    PageSpec(
        "claims",
        str(QT_TRANSLATE_NOOP("pages", "Status klaim")),
        "F7",
    ),
    PageSpec(
        "day_close",
        str(QT_TRANSLATE_NOOP("pages", "Tutup hari")),
        "F8",
    ),
    PageSpec(
        "summary",
        str(QT_TRANSLATE_NOOP("pages", "Ringkasan")),
        "F10",
        supervisor_only=True,
    ),
    PageSpec(
        "quarantine",
        str(QT_TRANSLATE_NOOP("pages", "Karantina")),
        "F11",
    ),
    PageSpec(
        "settings",
        str(QT_TRANSLATE_NOOP("pages", "Pengaturan")),
        "F12",
    ),
)
