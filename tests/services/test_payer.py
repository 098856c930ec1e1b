"""Who pays (desktop/services/payer.py) and a payment of a participant registered elsewhere,
against the real sandbox with fixtures on loopback; the upstream link's state across an outage
(a socket that accepts and never answers), a recheck and an upload."""

from __future__ import annotations

import pytest

from desktop.counter import Counter
from desktop.errors import DomainError
from desktop.services.auth import User
from desktop.services.contributions import PayBpuContribution, pay_bpu
from desktop.services.inquiry import Inquire, InquiryLink, inquire
from desktop.services.payer import find_payer
from desktop.services.receipts import issue_receipt
from desktop.services.registration import register_participant
from desktop.services.upload import Upload, upload
from desktop.services.upstream_link import RECHECK_AFTER, LinkState
from desktop.sync.sandbox.server import RunningSandbox
from tests.conftest import FakeClock
from tests.services.conftest import NIK_MAN, registration
from tests.sync.registry_support import KPJ_COURIER, NIK_COURIER, NIK_TRADER, TOKEN
from tests.sync.stalled import StalledServer

QUICK = InquiryLink(timeout=0.3)  # the stalled socket's wait, shortened: the budget is not tested


@pytest.mark.usefixtures("registry_upstream")
def test_a_participant_registered_elsewhere_is_found_and_pays_by_kpj_too(
    counter: Counter, teller: User
) -> None:
    payer = find_payer(counter, KPJ_COURIER)
    assert payer.upstream is not None
    assert payer.offline is None
    assert (payer.participant.full_name, payer.participant.registered_here) == (
        "Siti Aminah",
        False,
    )
    paid = pay_bpu(counter, teller, PayBpuContribution(KPJ_COURIER, 3, "2026-11"))
    # The sector kept from the inquiry brings PP 50/2025: half JKK and JKM, three months.
    assert paid.amount == 3 * 28_400
    receipt = issue_receipt(counter, teller, paid.receipt_no).data
    assert ("Nama", "Siti Aminah") in [(line.label, line.value) for line in receipt.party]
    again = pay_bpu(counter, teller, PayBpuContribution(NIK_COURIER, 1, "2027-02"))
    assert again.amount == 28_400  # the same participant id here: one person, two payments
    report = upload(counter, Upload(pull_reference=False)).report
    assert (report.sent, report.quarantined) == (2, [])


@pytest.mark.usefixtures("registry_upstream")
def test_months_the_upstream_says_are_paid_are_refused(counter: Counter, teller: User) -> None:
    find_payer(counter, NIK_TRADER)  # paid through November 2026 at a post office
    with pytest.raises(DomainError) as refused:
        pay_bpu(counter, teller, PayBpuContribution(NIK_TRADER, 1, "2026-11"))
    assert refused.value.field == "period_start"
    assert "lunas s.d. 11/2026" in refused.value.message_id


def test_nobody_known_here_nor_upstream_is_refused_naming_the_field(
    counter: Counter, teller: User
) -> None:
    with pytest.raises(DomainError) as refused:
        pay_bpu(counter, teller, PayBpuContribution(NIK_COURIER, 1, "2026-11"))
    assert refused.value.field == "participant"
    assert "belum dikenali server pusat" in refused.value.message_id


@pytest.mark.usefixtures("registry_upstream")
def test_seen_more_than_a_week_ago_no_longer_pays_offline(
    counter: Counter, teller: User, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    find_payer(counter, NIK_TRADER)
    monkeypatch.delenv("SPO_UPSTREAM_URL")  # no upstream any more: what is kept decides
    clock.advance(days=6)
    assert find_payer(counter, NIK_TRADER).participant.full_name == "Bambang Wijaya"
    clock.advance(days=2)
    with pytest.raises(DomainError) as refused:
        find_payer(counter, NIK_TRADER)
    assert refused.value.field == "participant"


def test_a_stalled_upstream_is_tried_once_per_outage_then_rechecked(
    counter: Counter, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    heard: list[LinkState] = []
    counter.upstream_link.subscribe(heard.append)
    monkeypatch.setenv("SPO_UPSTREAM_TOKEN", TOKEN)
    with StalledServer() as stalled:
        monkeypatch.setenv("SPO_UPSTREAM_URL", stalled.url)
        with pytest.raises(DomainError) as first:
            inquire(counter, Inquire(NIK_COURIER), QUICK)
        assert first.value.field == "upstream"
        assert [state.offline for state in heard] == [True]
        with pytest.raises(DomainError) as again:  # offline: said at once, no connection
            inquire(counter, Inquire(NIK_TRADER), QUICK)
        assert again.value.message_id == first.value.message_id
        assert stalled.connections == 1
        clock.advance(seconds=RECHECK_AFTER.total_seconds())
        with pytest.raises(DomainError):  # the recheck: tried once more, still dead
            inquire(counter, Inquire(NIK_TRADER), QUICK)
        assert stalled.received(2)
        assert len(heard) == 1  # still the one outage
        with pytest.raises(DomainError):
            inquire(counter, Inquire(NIK_TRADER), QUICK)
        assert stalled.connections == 2
    assert counter.upstream_link.state.offline


def test_an_upload_that_gets_through_ends_the_outage(
    counter: Counter, registry_upstream: RunningSandbox
) -> None:
    heard: list[LinkState] = []
    counter.upstream_link.subscribe(heard.append)
    counter.upstream_link.lost("mati", "down")
    assert not counter.upstream_link.may_ask()
    upload(counter, Upload(pull_reference=False))
    assert [state.offline for state in heard] == [True, False]
    assert counter.upstream_link.may_ask()
    assert inquire(counter, Inquire(NIK_COURIER)).participant is not None


def test_offline_one_known_here_is_found_without_trying_the_link_even_when_a_recheck_is_due(
    counter: Counter, teller: User, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    register_participant(counter, teller, registration())
    monkeypatch.setenv("SPO_UPSTREAM_TOKEN", TOKEN)
    with StalledServer() as stalled:
        monkeypatch.setenv("SPO_UPSTREAM_URL", stalled.url)
        first = find_payer(counter, NIK_MAN, QUICK)  # the outage's one wait
        assert first.offline is not None
        assert first.participant.full_name == "Joko Susanto"
        clock.advance(seconds=RECHECK_AFTER.total_seconds())
        again = find_payer(counter, NIK_MAN, QUICK)
        assert again.offline is not None
        assert stalled.connections == 1  # a payment never waits for a recheck
        with pytest.raises(DomainError) as unknown:  # nobody here knows them: worth a try
            find_payer(counter, NIK_COURIER, QUICK)
        assert "tidak menjawab" in unknown.value.message_id
        assert stalled.received(2)
