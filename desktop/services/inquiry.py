"""Asking the upstream who a participant is and what is due, or what an employer's bill holds:
the one inquiry the window and `spo-counter inquire` make. A dead link costs at most the short
timeout, and is said as such: the counter goes on offline."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Final

import httpx
import pydantic

from desktop.counter import Counter
from desktop.domain.nik import mask_identifier, parse_nik
from desktop.domain.text import strip_separators
from desktop.errors import DomainError
from desktop.services.upload import upstream_address
from desktop.services.upstream_link import LinkState, UpstreamLink
from desktop.store.participants import keep_upstream_participant
from desktop.sync.connection import certificate_refused, open_client
from desktop.sync.contract import (
    INQUIRY_PATH,
    ErrorBody,
    Inquiry,
    InquiryBill,
    InquiryParticipant,
    InquiryQuote,
)

__all__ = [
    "INQUIRY_TIMEOUT_S",
    "Inquire",
    "Inquiry",
    "InquiryBill",
    "InquiryLink",
    "InquiryParticipant",
    "InquiryQuote",
    "inquire",
    "keep_participant",
    "offline_error",
]

# What a capture may lose to a dead link (issue 15): the whole inquiry, not each request.
INQUIRY_TIMEOUT_S: Final = 2.0


@dataclass(frozen=True)
class Inquire:
    """A NIK (16 digits), a KPJ or an employer's payment code, as typed."""

    query: str
    upstream_url: str | None = None  # overrides SPO_UPSTREAM_URL and Settings


@dataclass(frozen=True)
class InquiryLink:
    """How the inquiry talks to the upstream; tests shorten the timeout or bring a transport."""

    timeout: float = INQUIRY_TIMEOUT_S
    transport: httpx.BaseTransport | None = None


def inquire(counter: Counter, cmd: Inquire, link: InquiryLink | None = None) -> Inquiry:
    """The upstream's answer for the NIK, KPJ or payment code typed.

    Raises DomainError naming the field: `query` when it is none of the three or the upstream
    knows no such participant or bill, `upstream` when the upstream cannot be reached within
    the timeout (or answers what is not the contract), `token` when it refuses the counter.
    """
    link = link or InquiryLink()
    asks = _questions(counter, cmd.query)
    endpoint = upstream_address(counter, cmd.upstream_url)
    state = counter.upstream_link
    if not state.may_ask():  # offline, and no recheck due yet: no time lost on a dead link
        raise offline_error(state.state)
    deadline = time.monotonic() + link.timeout
    try:
        with open_client(
            endpoint.url,
            endpoint.token,
            timeout=link.timeout,
            transport=link.transport,
            ca_bundle=endpoint.ca_bundle,
        ) as http:
            for key, value in asks:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise httpx.TimeoutException("the inquiry's time is up")
                response = http.get(INQUIRY_PATH, params={key: value}, timeout=left)
                if response.status_code == 404 and _is_contract(response):
                    state.answered()
                    continue  # not a KPJ: perhaps a payment code of the same length
                answer = _answer(response)
                state.answered()
                if answer.participant is not None:
                    keep_participant(counter, answer.participant)
                return answer
    except httpx.TimeoutException:
        raise _lost(
            state,
            f"tidak menjawab dalam {link.timeout:g} detik",
            f"did not answer within {link.timeout:g} s",
        ) from None
    except httpx.TransportError as error:
        refused = certificate_refused(error)
        if refused is not None:
            raise refused from None
        raise _lost(state, "tidak dapat dihubungi", "cannot be reached") from None
    except DomainError as error:
        if error.field == "upstream":  # what answered is not the upstream
            state.lost(error.message_id, error.message_en)
        raise
    masked = mask_identifier(asks[0][1])
    raise DomainError(
        "query",
        f"Server pusat tidak mengenal {masked}: bukan peserta maupun kode iuran yang terdaftar.",
        f"The upstream does not know {masked}: no registered participant nor payment code.",
    )


def keep_participant(counter: Counter, person: InquiryParticipant) -> None:
    """The upstream's answer on a participant, kept here: seen lately, they pay offline too."""
    row = (
        person.nik,
        person.kpj,
        person.full_name,
        person.birth_date.isoformat(),
        person.monthly_income,
        "+".join(person.programs),
        person.sector,
        person.paid_through,
        counter.now().isoformat(),
    )
    with counter.store.write() as connection:
        keep_upstream_participant(connection, row)


def _questions(counter: Counter, raw: str) -> list[tuple[str, str]]:
    """What to ask, in order: a NIK (checked), a KPJ, a payment code (the lengths overlap)."""
    ref = counter.reference
    value = strip_separators(raw) if isinstance(raw, str) else ""
    kpj_lengths, code_lengths = ref.lengths_of("kpj"), ref.lengths_of("payment_code")
    if len(value) == 16 and value.isascii() and value.isdigit():
        nik = parse_nik(value, ref.provinces, counter.business_date()).nik
        return [("nik", nik)]
    asks: list[tuple[str, str]] = []
    if value.isascii() and value.isdigit():
        if len(value) in kpj_lengths:
            asks.append(("kpj", value))
        if len(value) in code_lengths:
            asks.append(("payment_code", value))
    if not asks:
        kpj = "/".join(str(n) for n in kpj_lengths)
        code = "/".join(str(n) for n in code_lengths)
        raise DomainError(
            "query",
            f"Isi NIK (16 angka), nomor KPJ ({kpj} angka) atau kode iuran ({code} angka).",
            f"Enter a NIK (16 digits), a KPJ number ({kpj} digits) or a payment code "
            f"({code} digits).",
        )
    return asks


def _is_contract(response: httpx.Response) -> bool:
    try:
        ErrorBody.model_validate_json(response.content)
    except pydantic.ValidationError:
        return False
    return True


def _answer(response: httpx.Response) -> Inquiry:
    if response.status_code in (401, 403):
        raise DomainError(
            "token",
            "Server pusat menolak token loket ini. Periksa SPO_UPSTREAM_TOKEN.",
            "The upstream refused this counter's token. Check SPO_UPSTREAM_TOKEN.",
        )
    if response.status_code == 200:
        try:
            return Inquiry.model_validate_json(response.content)
        except pydantic.ValidationError:
            pass  # a captive portal's page, a proxy's: not the upstream
    raise _unreachable(
        f"menjawab yang tidak dapat dibaca (HTTP {response.status_code})",
        f"answered what cannot be read (HTTP {response.status_code})",
    )


def _lost(link: UpstreamLink, why_id: str, why_en: str) -> DomainError:
    error = _unreachable(why_id, why_en)
    link.lost(error.message_id, error.message_en)
    return error


def _unreachable(why_id: str, why_en: str) -> DomainError:
    return DomainError(
        "upstream",
        f"Server pusat {why_id}: loket bekerja offline. Peserta yang terdaftar di loket ini "
        "atau yang baru ditanyakan tetap dapat membayar.",
        f"The upstream {why_en}: the counter works offline. Participants registered at this "
        "counter or asked about lately can still pay.",
    )


def offline_error(state: LinkState) -> DomainError:
    """Offline already: said at once, with what was said when the link went down."""
    return DomainError(
        "upstream",
        state.reason_id or "Server pusat tidak dapat dihubungi: loket bekerja offline.",
        state.reason_en or "The upstream cannot be reached: the counter works offline.",
    )
