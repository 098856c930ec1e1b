"""The summary's agents: a payment an agent brought counts in the agent's collections, a voided
one comes out, and the kept totals are those the backfill makes (contribution_agents read)."""

from __future__ import annotations

from desktop.counter import Counter
from desktop.services.auth import User
from desktop.services.contributions import pay_bpu
from desktop.services.registration import register_participant
from desktop.services.summary import counter_summary
from desktop.services.voids import VoidTransaction, void_transaction
from desktop.store import daily_totals
from tests.conftest import PINS
from tests.services.agents_support import ACTIVE, OTHER
from tests.services.conftest import NIK_WOMAN, bpu_payment, registration
from tests.store.summary_support import rebuild_totals


def test_an_agents_payments_are_its_collections(
    counter: Counter, teller: User, supervisor: User
) -> None:
    register_participant(counter, teller, registration(agent_code=ACTIVE))
    register_participant(
        counter,
        teller,
        registration(nik=NIK_WOMAN, full_name="Ratna Handayani", birth_date="1990-01-05", sex="P"),
    )
    # 3 months at Rp1.000.000: 50.400, brought by the agent who registered him
    pay_bpu(counter, teller, bpu_payment(months=3, cash_given=50_400, agent_code=ACTIVE))
    # another agent brings her payment, then it is voided
    wrong = pay_bpu(
        counter,
        teller,
        bpu_payment(participant=NIK_WOMAN, cash_given=16_800, agent_code=OTHER),
    )
    void_transaction(
        counter, teller, VoidTransaction(wrong.receipt_no, "Salah agen", "spv01", PINS["spv01"])
    )
    agents = counter_summary(counter, supervisor).agents
    assert [(a.code, a.registrations, a.payments, a.collected) for a in agents] == [
        (ACTIVE, 1, 1, 50_400),
        (OTHER, 0, 0, 0),
    ]
    # named as the register of agents has them
    assert [(a.name, a.institution) for a in agents] == [
        ("Dewi Lestari", "Yayasan Karya Sejahtera"),
        ("Hendra Gunawan", "Koperasi Nelayan Mandiri"),
    ]
    with counter.store.read() as connection:
        kept = daily_totals.all_rows(connection)
    counter.store.close()
    assert rebuild_totals(counter.store.data_dir) == kept
