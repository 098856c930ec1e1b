"""Who pays, for the F3 form: the participant registered here or known to the upstream, with
what the upstream says is due. One call on the window's inquiry worker, never the GUI thread."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from desktop.counter import Counter
from desktop.errors import DomainError
from desktop.services.contributions import identify_participant, payer_key
from desktop.services.inquiry import (
    Inquire,
    InquiryLink,
    InquiryParticipant,
    inquire,
    offline_error,
)
from desktop.services.lookup import KnownParticipant
from desktop.services.upload import upstream_address
from desktop.store.captures import last_paid_month
from desktop.store.schema import participants


@dataclass(frozen=True)
class Payer:
    participant: KnownParticipant
    identified_by: str  # "nik" or "kpj"
    # The upstream's answer just now; None when it was not asked (none set up, or offline).
    upstream: InquiryParticipant | None
    # Why the upstream was not heard (offline, refused the token); None when it answered or
    # none is set up.
    offline: DomainError | None
    # YYYY-MM: the last month paid at this counter (payments not voided); None if none.
    paid_here: str | None = None


def find_payer(counter: Counter, raw: str, link: InquiryLink | None = None) -> Payer:
    """The participant with the NIK or KPJ typed, as the upstream describes them when it can be
    reached (what is due, paid through), else as this counter knows them: registered here, or
    described by an inquiry lately. DomainError `participant` when nobody is known.

    Offline already, one this counter knows is found here at once, without trying the link: a
    dead link costs a payment its wait once per outage, not at each recheck. Only one it does
    not know makes the upstream be tried again (when a recheck is due)."""
    today = counter.business_date()
    nik, kpj = payer_key(counter, raw, today)
    answer: InquiryParticipant | None = None
    offline: DomainError | None = None
    set_up = _upstream_set_up(counter)
    state = counter.upstream_link.state
    if set_up and state.offline:
        known = _known_here(counter, raw, today)
        if known is not None:
            return _payer(counter, *known, None, offline_error(state))
    if set_up:
        try:
            answer = inquire(counter, Inquire(nik or kpj or ""), link).participant
        except DomainError as error:
            if error.field in ("upstream", "token"):
                offline = error
            elif error.field != "query":  # "query": the upstream knows nobody by it
                raise
    try:
        participant, by = _identified(counter, raw, today)
    except DomainError as error:
        if error.field == "participant" and offline is not None:
            raise DomainError(
                "participant",
                f"{error.message_id} {offline.message_id}",
                f"{error.message_en} {offline.message_en}",
            ) from None
        raise
    return _payer(counter, participant, by, answer, offline)


def _identified(counter: Counter, raw: str, today: date) -> tuple[KnownParticipant, str]:
    with counter.store.read() as connection:
        return identify_participant(connection, counter, raw, today)


def _known_here(counter: Counter, raw: str, today: date) -> tuple[KnownParticipant, str] | None:
    try:
        return _identified(counter, raw, today)
    except DomainError as error:
        if error.field == "participant":
            return None
        raise


def _payer(
    counter: Counter,
    participant: KnownParticipant,
    by: str,
    answer: InquiryParticipant | None,
    offline: DomainError | None,
) -> Payer:
    with counter.store.read() as connection:
        # One registered elsewhere has an id here from their first payment here on.
        known_id = (
            participant.id
            or connection.execute(
                sa.select(participants.c.id).where(participants.c.nik == participant.nik)
            ).scalar_one_or_none()
        )
        last = last_paid_month(connection, known_id) if known_id else None
    return Payer(participant, by, answer, offline, f"{last:%Y-%m}" if last else None)


def _upstream_set_up(counter: Counter) -> bool:
    try:
        upstream_address(counter)
    except DomainError:
        return False
    return True
