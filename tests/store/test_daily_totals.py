"""The kept totals (daily_totals) on stores that existed before them: the migration's backfill
files every stored transaction, and captures after it keep the totals the backfill would make."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path

from desktop.counter import Counter
from desktop.paths import DB_FILENAME
from desktop.services.auth import User
from desktop.services.contributions import pay_bpu
from desktop.services.journal import journal
from desktop.services.registration import register_participant
from desktop.services.summary import counter_summary
from desktop.services.voids import VoidTransaction, void_transaction
from desktop.store import daily_totals
from desktop.store.store import Store
from tests.conftest import PINS, FakeClock
from tests.services.conftest import bpu_payment, registration
from tests.store.summary_support import bulk_fill, rebuild_totals

FROZEN = Path(__file__).parent / "frozen"
LAST_DAY = date(2026, 11, 24)


def test_a_released_store_is_filed_by_the_backfill(tmp_path: Path, supervisor: User) -> None:
    # counter-0001 (frozen/README.md): on 24/11/2026 a registration, a BPU payment (voided), a PU
    # payment and a claim handover, and the void
    shutil.copy(FROZEN / "counter-0001.sqlite", tmp_path / DB_FILENAME)
    store = Store(tmp_path)
    try:
        counter = Counter(store, clock=FakeClock())
        entries = {e.kind: e for e in journal(counter, LAST_DAY) if e.kind != "contribution"}
        payments = sorted(
            (e for e in journal(counter, LAST_DAY) if e.kind == "contribution"),
            key=lambda e: e.status,
        )
        assert [e.status for e in payments] == ["valid", "voided"]
        pu, bpu = payments
        today = counter_summary(counter, supervisor).today
        kinds = {k.key: (k.count, k.amount, k.voided_count, k.voided_amount) for k in today.kinds}
        assert kinds == {
            "registration": (1, 0, 0, 0),
            "contribution_bpu": (1, bpu.amount, 1, bpu.amount),
            "contribution_pu": (1, pu.amount, 0, 0),
            "claim_handover": (1, 0, 0, 0),
            "void": (1, 0, 0, 0),
        }
        assert today.net == pu.amount
        assert set(entries) == {"registration", "claim_handover", "void"}
    finally:
        store.close()


def test_a_big_store_is_backfilled_and_kept_alike_by_later_captures(
    data_dir: Path, teller: User, supervisor: User
) -> None:
    bulk_fill(data_dir, 20_000, LAST_DAY, days=60)
    clock = FakeClock(datetime(2026, 11, 24, 9, 0, tzinfo=UTC))  # 16:00 WIB, after the bulk
    store = Store(data_dir)
    try:
        counter = Counter(store, clock=clock)
        before = counter_summary(counter, supervisor)
        assert before.month.transactions > 7_000  # 24 of the 60 days are November's
        assert any(k.voided_count for k in before.month.kinds)
        assert any(k.key == "refund" for k in before.month.kinds)
        assert before.agents  # some registrations named agents
        register_participant(counter, teller, registration(agent_code="PRS-101"))
        paid = pay_bpu(counter, teller, bpu_payment(cash_given=16_800))
        void_transaction(
            counter,
            teller,
            VoidTransaction(paid.receipt_no, "Salah nominal", "spv01", PINS["spv01"]),
        )
        after = counter_summary(counter, supervisor)
        assert after.today.transactions == before.today.transactions + 3
        assert after.today.net == before.today.net
        assert after.backlog.pending == before.backlog.pending + 3
        with store.read() as connection:
            kept = daily_totals.all_rows(connection)
    finally:
        store.close()
    assert rebuild_totals(data_dir) == kept
