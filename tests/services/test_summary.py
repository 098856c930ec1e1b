"""The supervisor's summary against figures worked out by hand, and its kept totals against the
transactions they are kept from (after captures, voids, refunds and the migration's backfill)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest

from desktop.counter import Counter
from desktop.domain.users import Role
from desktop.errors import DomainError
from desktop.services.auth import User
from desktop.services.benefit_payout import PayBenefit, pay_benefit
from desktop.services.claims import hand_over_claim
from desktop.services.contributions import pay_bpu, pay_pu
from desktop.services.refunds import RefundPayment, refund_payment
from desktop.services.registration import register_participant
from desktop.services.summary import Figure, Period, counter_summary
from desktop.services.voids import VoidTransaction, void_transaction
from desktop.store import daily_totals
from desktop.sync.sandbox.server import RunningSandbox
from tests.conftest import PINS, FakeClock
from tests.services.conftest import (
    NIK_WOMAN,
    bpu_payment,
    claim,
    pu_payment,
    registration,
)
from tests.store.summary_support import rebuild_totals
from tests.sync.payout_support import SITI_NET, decided_claim, deciding
from tests.sync.registry_support import NIK_COURIER, TOKEN, refused_payment, registry_sandbox

__all__ = ["deciding"]  # a fixture: the sandbox deciding claims, for the benefit payment


def figures(period: Period, what: str) -> dict[str, tuple[int, int, int, int]]:
    """key -> (count, money in, voided money, net) of one list of a period."""
    found: tuple[Figure, ...] = getattr(period, what)
    return {f.key: (f.count, f.amount, f.voided_amount, f.net) for f in found}


def busy_day(counter: Counter, teller: User, supervisor: User, teller2: User) -> None:
    """24/11/2026 (WIB): two registrations (one by agent PRS-101), two BPU payments in cash (one
    voided), a PU payment by debit and a claim handover."""
    register_participant(counter, teller, registration(agent_code="prs-101"))
    # 3 months at Rp1.000.000: JKK 3 x 10.000 + JKM 3 x 6.800 = 50.400
    pay_bpu(counter, teller, bpu_payment(months=3, cash_given=50_400))
    # JKK 24.000 + JKM 30.000 + JHT 570.000 + JP 300.000 = 924.000, debit
    pay_pu(counter, teller2, pu_payment())
    hand_over_claim(counter, teller2, claim())
    register_participant(
        counter,
        teller,
        registration(nik=NIK_WOMAN, full_name="Ratna Handayani", birth_date="1990-01-05", sex="P"),
    )
    wrong = pay_bpu(counter, teller, bpu_payment(participant=NIK_WOMAN, cash_given=20_000))
    void_transaction(
        counter,
        teller,
        VoidTransaction(wrong.receipt_no, "Salah periode", supervisor.id, PINS[supervisor.id]),
    )


@pytest.fixture
def teller2() -> User:
    return User("teller02", "Agus Setiawan", Role.TELLER)


def test_the_figures_are_those_worked_out_by_hand(
    counter: Counter, teller: User, supervisor: User, teller2: User
) -> None:
    busy_day(counter, teller, supervisor, teller2)
    summary = counter_summary(counter, supervisor)
    today = summary.today
    assert today.first == today.last == date(2026, 11, 24)
    # (count, money in, voided, net)
    assert figures(today, "kinds") == {
        "registration": (2, 0, 0, 0),
        "contribution_bpu": (2, 67_200, 16_800, 50_400),
        "contribution_pu": (1, 924_000, 0, 924_000),
        "claim_handover": (1, 0, 0, 0),
        "void": (1, 0, 0, 0),
    }
    assert figures(today, "tenders") == {
        "cash": (2, 67_200, 16_800, 50_400),
        "debit": (1, 924_000, 0, 924_000),
    }
    assert figures(today, "programs") == {
        "JKK": (3, 30_000 + 10_000 + 24_000, 10_000, 54_000),
        "JKM": (3, 20_400 + 6_800 + 30_000, 6_800, 50_400),
        "JHT": (1, 570_000, 0, 570_000),
        "JP": (1, 300_000, 0, 300_000),
    }
    # teller01: 2 registrations, 2 payments, the void; teller02: the PU payment and the claim
    assert [(f.key, f.label, f.count, f.net) for f in today.tellers] == [
        ("teller02", "Agus Setiawan", 2, 924_000),
        ("teller01", "Dewi Lestari", 5, 50_400),
    ]
    assert today.transactions == 7
    assert today.net == 974_400
    assert today.voided == 1
    assert summary.month == Period(date(2026, 11, 1), date(2026, 11, 24), *_lists(today))
    assert [(a.code, a.registrations, a.payments, a.collected) for a in summary.agents] == [
        ("PRS-101", 1, 0, 0)
    ]
    assert len(summary.days) == 30
    assert summary.days[-1].day == date(2026, 11, 24)
    assert (summary.days[-1].transactions, summary.days[-1].net) == (7, 974_400)
    assert all(p.transactions == 0 for p in summary.days[:-1])
    assert summary.days[0].day == date(2026, 10, 26)
    # nothing uploaded yet: all 7 wait, the first registration the oldest
    assert summary.backlog.pending == 7
    assert summary.backlog.quarantined == 0
    assert summary.backlog.oldest_receipt == "BNI-0123-01-0000001"
    assert summary.backlog.oldest_at == datetime(2026, 11, 24, 10, 0, tzinfo=counter.profile.zone)


def _lists(period: Period) -> tuple[tuple[Figure, ...], ...]:
    return (period.kinds, period.programs, period.tenders, period.tellers)


def test_a_month_ends_at_midnight_in_jakarta_not_utc(
    counter: Counter, teller: User, supervisor: User, clock: FakeClock
) -> None:
    register_participant(counter, teller, registration())
    # 30/11 23:59 WIB is still November (16:59 UTC)
    clock.at = datetime(2026, 11, 30, 16, 59, tzinfo=UTC)
    pay_bpu(counter, teller, bpu_payment(cash_given=16_800))
    november = counter_summary(counter, supervisor)
    assert (november.today.first, november.today.transactions) == (date(2026, 11, 30), 1)
    assert (november.month.first, november.month.transactions, november.month.net) == (
        date(2026, 11, 1),
        2,
        16_800,
    )
    # 1/12 00:30 WIB is 30/11 17:30 UTC: December has begun, with nothing in it yet
    clock.at = datetime(2026, 11, 30, 17, 30, tzinfo=UTC)
    december = counter_summary(counter, supervisor)
    assert december.today.first == december.month.first == date(2026, 12, 1)
    assert december.month.transactions == 0
    assert december.month.kinds == ()
    # the chart still shows November's days, in Jakarta dates
    shown = {p.day: p.transactions for p in december.days if p.transactions}
    assert shown == {date(2026, 11, 24): 1, date(2026, 11, 30): 1}
    pay_bpu(counter, teller, bpu_payment(period_start="2026-12", cash_given=16_800))
    assert counter_summary(counter, supervisor).month.net == 16_800


def test_only_a_supervisor_sees_the_summary(counter: Counter, teller: User) -> None:
    with pytest.raises(DomainError) as refused:
        counter_summary(counter, teller)
    assert refused.value.field == "by"
    assert "supervisor" in refused.value.message("id")


def test_the_kept_totals_are_those_the_backfill_makes_from_the_transactions(
    counter: Counter, teller: User, supervisor: User, teller2: User
) -> None:
    busy_day(counter, teller, supervisor, teller2)
    with counter.store.read() as connection:
        kept = daily_totals.all_rows(connection)
    counter.store.close()
    assert rebuild_totals(counter.store.data_dir) == kept


# --- refunds: the payment refused by the real sandbox upstream -----------------------------------


@pytest.fixture(scope="module")
def upstream(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    with registry_sandbox(tmp_path_factory.mktemp("up")) as running:
        yield running


def test_a_refund_is_money_out_on_its_day_under_the_payments_programs(
    counter: Counter,
    teller: User,
    supervisor: User,
    clock: FakeClock,
    upstream: RunningSandbox,
) -> None:
    # Bambang, income Rp2.000.000: JKK 20.000 + JKM 6.800 = 26.800 in cash, refused upstream
    paid = refused_payment(counter, teller, upstream, TOKEN)
    clock.advance(days=1)  # given back the next day
    refund_payment(counter, teller, RefundPayment(paid.receipt_no, "spv01", PINS["spv01"]))
    summary = counter_summary(counter, supervisor)
    today = summary.today
    assert figures(today, "kinds") == {"refund": (1, 0, 0, -26_800)}
    assert figures(today, "tenders") == {"cash": (1, 0, 0, -26_800)}
    assert figures(today, "programs") == {"JKK": (0, 0, 0, -20_000), "JKM": (0, 0, 0, -6_800)}
    assert [(f.key, f.count, f.paid_out_count, f.net) for f in today.tellers] == [
        ("teller01", 1, 1, -26_800)
    ]
    # the month: the payment in, its refund out; the day before kept its payment
    assert summary.month.net == 0
    assert [(p.day.day, p.transactions, p.net) for p in summary.days[-2:]] == [
        (24, 2, 26_800),
        (25, 1, -26_800),
    ]
    # the registration and the payment were answered (refused), the payment given back since;
    # the refund waits for upload
    backlog = summary.backlog
    assert (backlog.pending, backlog.quarantined, backlog.refunded) == (1, 2, 1)
    with counter.store.read() as connection:
        kept = daily_totals.all_rows(connection)
    counter.store.close()
    assert rebuild_totals(counter.store.data_dir) == kept


def test_an_empty_store_has_empty_figures(counter: Counter, supervisor: User) -> None:
    summary = counter_summary(counter, supervisor)
    assert summary.today.kinds == summary.month.tellers == summary.agents == ()
    assert summary.today.transactions == summary.month.net == 0
    assert [p.transactions for p in summary.days] == [0] * 30
    assert summary.backlog.pending == 0
    assert summary.backlog.oldest_at is None


def test_a_benefit_payment_is_money_out(
    counter: Counter, teller: User, supervisor: User, deciding: RunningSandbox
) -> None:
    # Siti's claim handed over, decided upstream (net Rp2.450.000), paid by transfer
    claim_no = decided_claim(counter, teller)
    pay_benefit(
        counter, teller, PayBenefit(claim_no, NIK_COURIER, "transfer", reference="TRF-0001")
    )
    today = counter_summary(counter, supervisor).today
    out = [(f.key, f.count, f.paid_out_count, f.net) for f in today.kinds]
    assert out == [("claim_handover", 1, 0, 0), ("benefit_payment", 1, 1, -SITI_NET)]
    assert today.tenders == ()  # a transfer leaves the drawer be
    assert [(f.key, f.count, f.net) for f in today.tellers] == [("teller01", 2, -SITI_NET)]
    assert today.net == -SITI_NET
    with counter.store.read() as connection:
        kept = daily_totals.all_rows(connection)
    counter.store.close()
    assert rebuild_totals(counter.store.data_dir) == kept
