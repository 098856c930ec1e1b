"""The look-up page: the upstream's answer for a NIK, KPJ or payment code (inquiry worker)."""

from __future__ import annotations

from desktop.counter import Counter
from desktop.services.inquiry import Inquire, InquiryLink
from desktop.services.look_up import LookedUp, look_up
from ui.operations import Op


def look_up_op(counter: Counter, query: str, link: InquiryLink | None = None) -> Op[LookedUp]:
    """Only reads (the upstream, never the store): nobody is told of a change."""
    return Op("look_up", lambda: look_up(counter, Inquire(query), link))
