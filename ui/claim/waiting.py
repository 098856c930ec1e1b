"""A claim's waiting period as the event date is typed: when it ends, whether to ask approval."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication

from desktop.domain.claims import (
    ClaimReason,
    validate_event_date,
    waiting_period_end,
    waiting_period_over,
)
from desktop.domain.dates import parse_date
from desktop.errors import DomainError


def waiting_period(reason: ClaimReason | None, typed: str, today: date) -> tuple[bool, str]:
    """Whether a supervisor must approve, and what to tell the teller about the waiting period.

    Pure domain calls, fine on the GUI thread as the date is typed. A date that does not exist
    or lies ahead says nothing here: it is named under its field when the teller leaves it.
    """
    if reason is None or not typed.strip():
        return False, ""
    try:
        day = parse_date(typed, "event_date", "", "")
        end = waiting_period_end(reason, validate_event_date(reason, day, today))
    except DomainError:
        return False, ""
    if end is None:
        return False, ""
    if waiting_period_over(reason, day, today):
        return False, _tr("Masa tunggu sudah selesai ({0}).").format(f"{end:%d/%m/%Y}")
    text = _tr("Masa tunggu belum selesai: berakhir {0}. Perlu persetujuan supervisor.")
    return True, text.format(f"{end:%d/%m/%Y}")


def _tr(text: str) -> str:
    # The context the texts were first translated in (they named the approval they ask for).
    return QCoreApplication.translate("SupervisorApproval", text)
