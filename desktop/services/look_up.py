"""The look-up the window's page and `spo-counter inquire` show: the upstream's answer for a
NIK, KPJ or payment code, with what it means for the participant's protection and next due."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.counter import Counter
from desktop.domain.coverage import Coverage, coverage
from desktop.errors import DomainError
from desktop.services.inquiry import Inquire, Inquiry, InquiryLink, inquire
from desktop.services.upload import upstream_address

__all__ = ["Coverage", "LookedUp", "look_up"]


@dataclass(frozen=True)
class LookedUp:
    inquiry: Inquiry
    coverage: Coverage | None  # for a participant; None for an employer's bill


def look_up(counter: Counter, cmd: Inquire, link: InquiryLink | None = None) -> LookedUp:
    """Ask the upstream (`inquire`: the same errors, the same 2 s budget) and read its months.

    The protection is judged on the upstream's own date (`as_of`), the day its answer holds for.
    A counter with no usable upstream address or token is refused as field `upstream_setup`
    (not "offline": nobody has set it up), with `upstream_address`'s own words.
    """
    try:
        answer = inquire(counter, cmd, link)
    except DomainError as error:
        if error.field in ("upstream", "token"):
            _check_set_up(counter, cmd.upstream_url)
        raise
    person = answer.participant
    if person is None:
        return LookedUp(answer, None)
    return LookedUp(
        answer,
        coverage(
            status=person.status,
            paid_through=person.paid_through,
            payable_from=person.payable_from,
            on=answer.as_of,
        ),
    )


def _check_set_up(counter: Counter, url: str | None) -> None:
    try:
        upstream_address(counter, url)
    except DomainError as error:
        raise DomainError("upstream_setup", error.message_id, error.message_en) from None
