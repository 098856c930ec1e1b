"""The counter's inquiry against the real sandbox on loopback, and against a socket that never
answers: the participant or the bill, or a clear message within the short timeout."""

from __future__ import annotations

import time

import httpx
import pytest

from desktop.counter import Counter
from desktop.errors import DomainError
from desktop.services.inquiry import INQUIRY_TIMEOUT_S, Inquire, InquiryLink, inquire
from desktop.sync.sandbox.server import RunningSandbox
from tests.sync.registry_support import (
    CODE_DUE,
    CODE_LATE,
    KPJ_COURIER,
    NIK_COURIER,
    NIK_TRADER,
    TOKEN,
)
from tests.sync.stalled import StalledServer


@pytest.mark.usefixtures("registry_upstream")
def test_a_participant_registered_elsewhere_by_nik_as_typed(counter: Counter) -> None:
    answer = inquire(counter, Inquire("3273.0152.0388.0004"))
    person = answer.participant
    assert person is not None
    assert (person.nik, person.kpj, person.full_name) == (NIK_COURIER, KPJ_COURIER, "Siti Aminah")
    assert (person.paid_through, person.payable_from) == ("2026-10", "2026-11")
    assert person.quotes[0].total == 28_400  # PP 50/2025: a courier pays half JKK and JKM
    assert answer.bill is None


@pytest.mark.usefixtures("registry_upstream")
def test_by_kpj_and_by_payment_codes_of_both_lengths(counter: Counter) -> None:
    by_kpj = inquire(counter, Inquire(KPJ_COURIER)).participant
    assert by_kpj is not None
    assert by_kpj.nik == NIK_COURIER
    bill = inquire(counter, Inquire(CODE_DUE)).bill
    assert bill is not None
    assert (bill.employer, bill.total) == ("PT Sinar Abadi", 924_000)
    # 11 digits: no KPJ has it, so it is asked again as a payment code.
    late = inquire(counter, Inquire(CODE_LATE)).bill
    assert late is not None
    assert (late.late_months, late.late_fine) == (2, 12_800)


@pytest.mark.usefixtures("registry_upstream")
def test_what_the_upstream_does_not_know_is_said_masked(counter: Counter) -> None:
    with pytest.raises(DomainError) as caught:
        inquire(counter, Inquire("3171011708850002"))
    assert caught.value.field == "query"
    assert "3171••••••••0002" in caught.value.message_id
    assert "3171011708850002" not in caught.value.message_id


@pytest.mark.parametrize("typed", ["", "12345", "3171011708850000", "abcdefghijk", "1" * 40])
def test_what_is_neither_nik_kpj_nor_payment_code_is_refused_before_any_request(
    counter: Counter, typed: str
) -> None:
    with pytest.raises(DomainError) as caught:
        inquire(counter, Inquire(typed, upstream_url="http://127.0.0.1:9"))
    assert caught.value.field in ("query", "nik")


def test_without_an_upstream_the_inquiry_says_so(
    counter: Counter, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SPO_UPSTREAM_URL", raising=False)
    with pytest.raises(DomainError) as caught:
        inquire(counter, Inquire(NIK_TRADER))
    assert caught.value.field == "upstream"


def test_a_wrong_token_is_the_tokens_fault(
    counter: Counter, registry_upstream: RunningSandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SPO_UPSTREAM_TOKEN", "not-the-token")
    with pytest.raises(DomainError) as caught:
        inquire(counter, Inquire(NIK_TRADER))
    assert caught.value.field == "token"


def test_a_captive_portals_page_is_not_an_answer(
    counter: Counter, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SPO_UPSTREAM_TOKEN", TOKEN)
    portal = httpx.MockTransport(lambda _request: httpx.Response(200, html="<h1>Login</h1>"))
    with pytest.raises(DomainError) as caught:
        inquire(
            counter,
            Inquire(NIK_TRADER, upstream_url="http://127.0.0.1:9"),
            InquiryLink(transport=portal),
        )
    assert caught.value.field == "upstream"
    assert "offline" in caught.value.message_id


def test_a_stalled_upstream_costs_at_most_the_short_timeout(
    counter: Counter, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real socket that accepts and never answers: the inquiry gives up after 2 s, says the
    counter works offline, and the capture goes on without it."""
    monkeypatch.setenv("SPO_UPSTREAM_TOKEN", TOKEN)
    with StalledServer() as stalled:
        began = time.monotonic()
        with pytest.raises(DomainError) as caught:
            inquire(counter, Inquire(CODE_LATE, upstream_url=stalled.url))
        spent = time.monotonic() - began
        (sent,) = stalled.received(1)  # one request only: the time was up before the second
    assert INQUIRY_TIMEOUT_S == 2.0
    assert spent < INQUIRY_TIMEOUT_S + 1.0  # slack for a loaded machine, not for a second try
    assert sent.startswith(b"GET /v1/inquiry?kpj=98765432101 ")
    assert caught.value.field == "upstream"
    assert caught.value.message_id.startswith(
        "Server pusat tidak menjawab dalam 2 detik: loket bekerja offline."
    )
    assert "did not answer within 2 s" in caught.value.message_en
