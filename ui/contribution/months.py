"""What the F3 panels share: month lists and amounts as typed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QComboBox, QLineEdit

from desktop.domain.money import group_thousands, parse_rupiah
from desktop.domain.periods import add_months
from desktop.errors import DomainError


def month_text(month: date, lang: str) -> str:
    """`November 2026` (Indonesian by default)."""
    language = QLocale.Language.English if lang == "en" else QLocale.Language.Indonesian
    return f"{QLocale(language).standaloneMonthName(month.month)} {month.year}"


def month_combo(name: str, months: Sequence[date], chosen: date, lang: str) -> QComboBox:
    """Months as `November 2026`, each with its `YYYY-MM` as data; `chosen` is selected."""
    combo = QComboBox()
    combo.setObjectName(name)
    fill_months(combo, months, chosen, lang)
    return combo


def fill_months(combo: QComboBox, months: Sequence[date], chosen: date, lang: str) -> None:
    """The combo's months replaced by these, `chosen` selected."""
    combo.clear()
    for month in months:
        combo.addItem(month_text(month, lang), f"{month:%Y-%m}")
    select_month(combo, chosen)


def select_month(combo: QComboBox, month: date) -> None:
    combo.setCurrentIndex(max(0, combo.findData(f"{month:%Y-%m}")))


def months_around(today: date, before: int, after: int) -> list[date]:
    first = date(today.year, today.month, 1)
    return [add_months(first, offset) for offset in range(-before, after + 1)]


def amount_or_none(text: str) -> int | None:
    """The rupiah typed, or None while the field is empty or not (yet) an amount."""
    if not text.strip():
        return None
    try:
        return parse_rupiah(text)
    except DomainError:
        return None


def tidy_amount(edit: QLineEdit) -> None:
    """Show a finished amount with its thousands dots: `24000` becomes `24.000`."""
    amount = amount_or_none(edit.text())
    if amount is not None and edit.text() != group_thousands(amount):
        edit.setText(group_thousands(amount))
