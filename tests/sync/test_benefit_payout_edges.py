"""The JHT payout's rarer turns against the real sandbox: refusals before the upstream is asked
(a cash payout with a transfer reference, a voided or undecided handover), the upstream's
figures changed since the counter learned them, a payment the day's close refuses, a payout cut
off earlier finished before the next one, confirmations and releases the upstream does not take
(unreachable, a token it no longer knows), and a claim from another counter while the link is
down or the token refused."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import sqlalchemy as sa

from desktop.counter import Counter
from desktop.errors import DomainError
from desktop.services.auth import User
from desktop.services.benefit_payout import (
    PayBenefit,
    PayoutEndpoint,
    claims_elsewhere,
    open_payouts,
    pay_benefit,
    quote_payout,
    resume_payouts,
)
from desktop.services.claim_status import ClaimQuery, find_claims
from desktop.services.claims import hand_over_claim
from desktop.services.day_close import CloseDay, count_and_close
from desktop.services.voids import VoidTransaction, void_transaction
from desktop.store.schema import payout_ends, payouts, transactions
from desktop.store.store import Store
from desktop.sync.sandbox.claims import claims as upstream_claims
from desktop.sync.sandbox.server import RunningSandbox
from desktop.sync.sandbox.store import SandboxStore
from tests.conftest import PINS, FakeClock
from tests.helpers import closed_port_url
from tests.services.conftest import claim
from tests.sync.claims_support import TOKEN_OTHER
from tests.sync.faults import FaultyTransport
from tests.sync.payout_support import SITI, SITI_NET, decided_claim, deciding, second_counter
from tests.sync.registry_support import NIK_COURIER, TOKEN

__all__ = ["deciding"]

UNKNOWN_TOKEN = "token-revoked-by-bpjs"  # a counter's token the upstream no longer knows


class Crash(BaseException):
    """Stands for the process dying at a step (the real kill -9 is in tests/cli)."""


def _crash_at(step: str):  # type: ignore[no-untyped-def]
    def after(reached: str) -> None:
        if reached == step:
            raise Crash(step)

    return after


def _cut_off(counter: Counter, teller: User, claim_no: str, step: str) -> None:
    with pytest.raises(Crash):
        pay_benefit(
            counter, teller, PayBenefit(claim_no, NIK_COURIER, "cash"), after=_crash_at(step)
        )
    assert open_payouts(counter) == 1


def _ends(counter: Counter) -> list[tuple[str, str]]:
    """How the payouts ended (outcome, note), sorted: the test clock does not move between them."""
    with counter.store.read() as connection:
        rows = connection.execute(sa.select(payout_ends.c.outcome, payout_ends.c.note)).all()
    return sorted((row.outcome, row.note) for row in rows)


def _payments(counter: Counter) -> list[tuple[str, int]]:
    with counter.store.read() as connection:
        return [
            (row.receipt_no, row.amount)
            for row in connection.execute(
                sa.select(transactions.c.receipt_no, transactions.c.amount).where(
                    transactions.c.kind == "benefit_payment"
                )
            )
        ]


def _status(counter: Counter, receipt_no: str) -> str:
    (row,) = find_claims(counter, ClaimQuery(search=receipt_no))
    return row.state.value


def _upstream(tmp_path: Path) -> SandboxStore:
    """The sandbox's own database (tests/sync/payout_support.py: `deciding` keeps it here)."""
    return SandboxStore(f"sqlite:///{tmp_path / 'upstream.sqlite'}")


# --- refused before the upstream is asked -------------------------------------------------------


def test_a_cash_payout_with_a_transfer_reference_is_refused_and_nothing_is_asked(
    counter: Counter, teller: User, deciding: RunningSandbox
) -> None:
    claim_no = decided_claim(counter, teller)
    faults = FaultyTransport()
    endpoint = PayoutEndpoint(deciding.url, TOKEN, transport=faults)
    with pytest.raises(DomainError) as refused:
        pay_benefit(
            counter,
            teller,
            PayBenefit(claim_no, NIK_COURIER, "cash", reference="TRF-1"),
            endpoint=endpoint,
        )
    assert refused.value.field == "transfer_reference"
    assert refused.value.message_en == "A cash payout takes no transfer reference."
    assert faults.seen == []
    assert (open_payouts(counter), _payments(counter)) == (0, [])
    assert _status(counter, claim_no) == "approved"


def test_a_voided_handover_is_not_paid(counter: Counter, teller: User) -> None:
    handed = hand_over_claim(counter, teller, dataclasses.replace(claim(), **SITI))
    void_transaction(
        counter,
        teller,
        VoidTransaction(handed.receipt_no, "berkas salah orang", "spv01", PINS["spv01"]),
    )
    with pytest.raises(DomainError) as voided:
        pay_benefit(counter, teller, PayBenefit(handed.receipt_no, NIK_COURIER, "cash"))
    assert voided.value.field == "claim_receipt_no"
    assert voided.value.message_en == f"The claim handover {handed.receipt_no} was voided."
    assert (open_payouts(counter), _payments(counter)) == (0, [])


def test_a_claim_not_decided_yet_is_not_paid_and_the_teller_is_told_to_sync(
    counter: Counter, teller: User
) -> None:
    handed = hand_over_claim(counter, teller, dataclasses.replace(claim(), **SITI))
    with pytest.raises(DomainError) as waiting:
        quote_payout(counter, PayBenefit(handed.receipt_no, NIK_COURIER, "cash"))
    assert waiting.value.field == "claim_receipt_no"
    assert waiting.value.message_en == (
        f"Claim {handed.receipt_no} is not approved yet (sync for the latest news)."
    )
    assert open_payouts(counter) == 0


# --- the upstream's hold, and what the counter does with it ---------------------------------------


def test_figures_changed_upstream_free_the_hold_and_pay_nothing(
    counter: Counter, teller: User, deciding: RunningSandbox, tmp_path: Path
) -> None:
    """BPJS corrects the approved amount after the counter learned it: the counter pays
    neither figure, and the claim is not left held upstream."""
    claim_no = decided_claim(counter, teller)
    upstream = _upstream(tmp_path)
    try:
        with upstream.write() as connection:
            connection.execute(
                sa.update(upstream_claims)
                .where(upstream_claims.c.receipt_no == claim_no)
                .values(gross=2_000_000, net=2_000_000)
            )
        with pytest.raises(DomainError) as changed:
            pay_benefit(counter, teller, PayBenefit(claim_no, NIK_COURIER, "cash"))
        assert changed.value.field == "claim_receipt_no"
        assert changed.value.message_en == (
            "The upstream's figures (Rp2.000.000) differ from the counter's: sync first. "
            "Nothing was paid."
        )
        assert _payments(counter) == []
        assert _ends(counter) == [("released", "figures changed upstream")]
        with upstream.read() as connection:
            held_by = connection.execute(
                sa.select(upstream_claims.c.reserved_by).where(
                    upstream_claims.c.receipt_no == claim_no
                )
            ).scalar_one()
        assert held_by is None
    finally:
        upstream.close()


def test_a_payment_the_closed_day_refuses_frees_the_hold_for_the_next_day(
    counter: Counter, teller: User, clock: FakeClock, deciding: RunningSandbox
) -> None:
    claim_no = decided_claim(counter, teller)
    count_and_close(counter, teller, CloseDay("100000=0"))
    with pytest.raises(DomainError) as closed:
        pay_benefit(counter, teller, PayBenefit(claim_no, NIK_COURIER, "cash"))
    assert closed.value.field == "business_date"
    assert _payments(counter) == []
    assert _ends(counter) == [("released", "the payment was not recorded")]
    assert open_payouts(counter) == 0
    # The upstream let the claim go: the next morning it is paid, once.
    clock.advance(days=1)
    paid = pay_benefit(counter, teller, PayBenefit(claim_no, NIK_COURIER, "cash"))
    assert paid.confirmed
    assert _payments(counter) == [(paid.captured.receipt_no, SITI_NET)]


def test_a_payout_cut_off_earlier_is_finished_before_the_claim_is_paid_again(
    counter: Counter, teller: User, deciding: RunningSandbox
) -> None:
    claim_no = decided_claim(counter, teller)
    _cut_off(counter, teller, claim_no, "reserved")
    paid = pay_benefit(counter, teller, PayBenefit(claim_no, NIK_COURIER, "cash"))
    assert paid.confirmed
    # The cut-off reservation released first, then the new one paid and confirmed.
    assert _ends(counter) == [
        ("confirmed", paid.captured.receipt_no),
        ("released", "resumed at start"),
    ]
    assert _payments(counter) == [(paid.captured.receipt_no, SITI_NET)]
    assert open_payouts(counter) == 0


def test_a_lost_confirmation_leaves_the_payment_unconfirmed_until_the_next_resume(
    counter: Counter, teller: User, deciding: RunningSandbox
) -> None:
    claim_no = decided_claim(counter, teller)
    # The reserve answered; the confirmation reached the upstream, its answer was lost.
    faults = FaultyTransport(plan=["pass", "drop_after"])
    paid = pay_benefit(
        counter,
        teller,
        PayBenefit(claim_no, NIK_COURIER, "cash"),
        endpoint=PayoutEndpoint(deciding.url, TOKEN, transport=faults),
    )
    assert [step.rsplit("/", 1)[-1] for step in faults.seen] == [
        "reserve -> pass",
        "confirm -> drop_after",
    ]
    assert paid.confirmed is False
    assert paid.as_json()["confirmed"] is False
    assert _payments(counter) == [(paid.captured.receipt_no, SITI_NET)]  # the money went out
    assert counter.upstream_link.state.offline
    assert open_payouts(counter) == 1
    resumed = resume_payouts(counter)
    assert (resumed.confirmed, resumed.waiting) == ((claim_no,), 0)
    assert open_payouts(counter) == 0
    assert not counter.upstream_link.state.offline


@pytest.mark.parametrize("trouble", ["unreachable", "unknown_token"])
def test_a_confirmation_the_upstream_does_not_take_waits_for_the_next_start(
    counter: Counter, teller: User, deciding: RunningSandbox, trouble: str
) -> None:
    claim_no = decided_claim(counter, teller)
    _cut_off(counter, teller, claim_no, "paid")
    if trouble == "unreachable":
        endpoint = PayoutEndpoint(deciding.url, TOKEN, transport=FaultyTransport(plan=["refuse"]))
    else:
        endpoint = PayoutEndpoint(deciding.url, UNKNOWN_TOKEN)
    resumed = resume_payouts(counter, endpoint=endpoint)
    assert (resumed.confirmed, resumed.released, resumed.waiting) == ((), (), 1)
    assert resumed.anything
    assert open_payouts(counter) == 1
    assert _ends(counter) == []
    # Unreachable: the counter is offline; a refusal is an answer, the link stays up.
    assert counter.upstream_link.state.offline is (trouble == "unreachable")
    assert resume_payouts(counter).confirmed == (claim_no,)
    assert [outcome for outcome, _note in _ends(counter)] == ["confirmed"]


@pytest.mark.parametrize("trouble", ["unreachable", "unknown_token"])
def test_a_release_the_upstream_does_not_take_waits_for_the_next_start(
    counter: Counter, teller: User, deciding: RunningSandbox, trouble: str
) -> None:
    claim_no = decided_claim(counter, teller)
    _cut_off(counter, teller, claim_no, "reserved")
    if trouble == "unreachable":
        endpoint = PayoutEndpoint(deciding.url, TOKEN, transport=FaultyTransport(plan=["refuse"]))
    else:
        endpoint = PayoutEndpoint(deciding.url, UNKNOWN_TOKEN)
    resumed = resume_payouts(counter, endpoint=endpoint)
    assert (resumed.confirmed, resumed.released, resumed.waiting) == ((), (), 1)
    assert open_payouts(counter) == 1
    assert _ends(counter) == []  # not marked released while the upstream may still hold it
    assert counter.upstream_link.state.offline is (trouble == "unreachable")
    # Still held upstream for the cut-off payout: the claim cannot be taken meanwhile.
    with pytest.raises(DomainError, match="sedang berjalan atau terputus"):
        quote_payout(counter, PayBenefit(claim_no, NIK_COURIER, "cash"))
    assert resume_payouts(counter).released == (claim_no,)
    assert pay_benefit(counter, teller, PayBenefit(claim_no, NIK_COURIER, "cash")).confirmed


def test_with_no_upstream_set_up_a_cut_off_payout_waits(
    counter: Counter, teller: User, deciding: RunningSandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    claim_no = decided_claim(counter, teller)
    _cut_off(counter, teller, claim_no, "reserved")
    monkeypatch.delenv("SPO_UPSTREAM_URL")
    resumed = resume_payouts(counter)
    assert (resumed.released, resumed.waiting, resumed.busy) == ((), 1, 0)
    assert open_payouts(counter) == 1
    monkeypatch.setenv("SPO_UPSTREAM_URL", deciding.url)
    assert resume_payouts(counter).released == (claim_no,)


def test_an_upstream_refusal_the_counter_has_no_words_for_is_passed_on(
    counter: Counter, teller: User, deciding: RunningSandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    claim_no = decided_claim(counter, teller)
    monkeypatch.setenv("SPO_UPSTREAM_TOKEN", UNKNOWN_TOKEN)
    with pytest.raises(DomainError) as refused:
        pay_benefit(counter, teller, PayBenefit(claim_no, NIK_COURIER, "cash"))
    assert refused.value.field == "claim_receipt_no"
    assert refused.value.message_en == (
        "The upstream refused the payout (unauthorized: Unknown token.). Nothing was paid."
    )
    assert "Tidak ada yang dibayar" in refused.value.message_id
    assert _payments(counter) == []
    assert [outcome for outcome, _note in _ends(counter)] == ["refused"]
    assert open_payouts(counter) == 0


# --- a claim handed over at another counter -------------------------------------------------------


def test_while_the_link_is_down_a_claim_from_another_counter_is_not_even_looked_up(
    counter: Counter,
    teller: User,
    clock: FakeClock,
    deciding: RunningSandbox,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    claim_no = decided_claim(counter, teller)
    store = Store(second_counter(tmp_path / "counter02", clock))
    other = Counter(store, clock=clock)
    try:
        monkeypatch.setenv("SPO_UPSTREAM_TOKEN", TOKEN_OTHER)
        monkeypatch.setenv("SPO_UPSTREAM_URL", closed_port_url())
        assert claims_elsewhere(other, nik=NIK_COURIER) == []
        assert other.upstream_link.state.offline
        assert other.upstream_link.state.reason_en == "cannot be reached"
        # The upstream is back, but the counter tries again only once the recheck is due.
        monkeypatch.setenv("SPO_UPSTREAM_URL", deciding.url)
        with pytest.raises(DomainError) as offline:
            quote_payout(other, PayBenefit(claim_no, NIK_COURIER, "cash"))
        assert offline.value.field == "upstream"
        assert offline.value.message_en == (
            f"Claim {claim_no} was not handed over at this counter and the upstream cannot be "
            "reached: a claim from another counter can be found and paid only while the "
            "counter is connected. Nothing was paid."
        )
        clock.advance(seconds=61)
        quote = quote_payout(other, PayBenefit(claim_no, NIK_COURIER, "cash"))
        assert (quote.handed_over_at, quote.net) == ("BNI-0123-01", SITI_NET)
        assert not other.upstream_link.state.offline
        assert open_payouts(other) == 0
    finally:
        store.close()


def test_a_look_up_the_upstream_refuses_pays_nothing_and_says_why(
    counter: Counter,
    teller: User,
    clock: FakeClock,
    deciding: RunningSandbox,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    claim_no = decided_claim(counter, teller)
    store = Store(second_counter(tmp_path / "counter02", clock))
    other = Counter(store, clock=clock)
    try:
        monkeypatch.setenv("SPO_UPSTREAM_TOKEN", UNKNOWN_TOKEN)
        with pytest.raises(DomainError) as refused:
            pay_benefit(other, teller, PayBenefit(claim_no, NIK_COURIER, "cash"))
        assert refused.value.field == "claim_receipt_no"
        assert "(unauthorized: Unknown token.)" in refused.value.message_en
        assert "Nothing was paid" in refused.value.message_en
        assert open_payouts(other) == 0
        with other.store.read() as connection:
            assert connection.execute(sa.select(sa.func.count()).select_from(payouts)).scalar() == 0
    finally:
        store.close()


def test_a_reserve_that_never_arrived_is_closed_without_freeing_another_counters_hold(
    counter: Counter,
    teller: User,
    clock: FakeClock,
    deciding: RunningSandbox,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Counter 01's reserve is lost on the way; the participant is paid at counter 02 meanwhile.
    Counter 01's resume finds its reservation never held the claim: it ends it here and leaves
    the upstream's claim (paid at 02) as it is."""
    claim_no = decided_claim(counter, teller)
    lost = PayoutEndpoint(deciding.url, TOKEN, transport=FaultyTransport(plan=["refuse"]))
    with pytest.raises(DomainError) as offline:
        pay_benefit(counter, teller, PayBenefit(claim_no, NIK_COURIER, "cash"), endpoint=lost)
    assert offline.value.field == "upstream"
    assert open_payouts(counter) == 1
    store = Store(second_counter(tmp_path / "counter02", clock))
    other = Counter(store, clock=clock)
    try:
        monkeypatch.setenv("SPO_UPSTREAM_TOKEN", TOKEN_OTHER)
        paid_there = pay_benefit(
            other, teller, PayBenefit(claim_no, NIK_COURIER, "transfer", reference="TRF-02-9")
        )
        assert paid_there.confirmed
    finally:
        store.close()
    monkeypatch.setenv("SPO_UPSTREAM_TOKEN", TOKEN)
    resumed = resume_payouts(counter)
    assert (resumed.released, resumed.waiting) == ((claim_no,), 0)
    assert _ends(counter) == [("released", "resumed at start; never held upstream")]
    assert _payments(counter) == []
    upstream = _upstream(tmp_path)
    try:
        with upstream.read() as connection:
            paid_receipt = connection.execute(
                sa.select(upstream_claims.c.paid_receipt_no).where(
                    upstream_claims.c.receipt_no == claim_no
                )
            ).scalar_one()
    finally:
        upstream.close()
    assert paid_receipt == paid_there.captured.receipt_no  # 02's payment stands
    with pytest.raises(DomainError, match="sudah dibayar"):
        pay_benefit(counter, teller, PayBenefit(claim_no, NIK_COURIER, "cash"))
