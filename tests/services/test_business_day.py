"""The business day: opened with a counted float or by the first capture, the gate of every
capture (closed day, clock going backwards), and a supervisor's reopening."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from desktop.counter import Counter
from desktop.domain.users import Role
from desktop.errors import DomainError
from desktop.paths import DB_FILENAME
from desktop.services.auth import User
from desktop.services.business_day import (
    CLOCK_TOLERANCE,
    day_state,
    open_day,
    reopen_day,
)
from desktop.services.capture import Captured
from desktop.services.contributions import pay_bpu
from desktop.services.day_close import CloseDay, count_and_close
from desktop.services.registration import register_participant
from desktop.services.status import counter_status
from desktop.services.verify import verify_store
from desktop.services.voids import VoidTransaction, void_transaction
from desktop.store.schema import (
    audit_events,
    business_days,
    cash_counts,
    day_closes,
    outbox,
    transactions,
)
from desktop.store.store import Store
from tests.conftest import PINS, FakeClock
from tests.services.conftest import NIK_WOMAN, bpu_payment, registration

TODAY = date(2026, 11, 24)
FLOAT = "100000=2,50000=4"  # Rp400.000


def _rows(counter: Counter) -> tuple[int, ...]:
    with counter.store.read() as connection:
        return tuple(
            connection.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
            for table in (transactions, audit_events, outbox, business_days, cash_counts)
        )


def _close(counter: Counter, teller: User, counted: str = FLOAT) -> str:
    return count_and_close(counter, teller, CloseDay(counted)).report_no


def test_the_first_capture_of_a_day_opens_it_with_a_zero_float_and_says_so(
    counter: Counter, teller: User
) -> None:
    assert day_state(counter).status == "not_opened"
    first = register_participant(counter, teller, registration())
    second = pay_bpu(counter, teller, bpu_payment())
    assert first.day_opened_automatically is True
    assert second.day_opened_automatically is False
    state = day_state(counter)
    assert (state.status, state.auto_opened, state.opening_float) == ("open", True, 0)
    assert state.opened_by == "teller01"
    assert not state.float_recorded


def test_open_day_records_the_counted_float_and_captures_join_that_day(
    counter: Counter, teller: User
) -> None:
    opened = open_day(counter, teller, "100000=2,50000=4,1000c=3,500=10")
    assert opened.opening_float == 200_000 + 200_000 + 3_000 + 5_000
    assert opened.business_date == TODAY
    assert not opened.float_added_later
    captured = register_participant(counter, teller, registration())
    assert captured.day_opened_automatically is False
    state = day_state(counter)
    assert (state.auto_opened, state.float_recorded, state.opening_float) == (
        False,
        True,
        408_000,
    )


def test_a_day_is_opened_once(counter: Counter, teller: User) -> None:
    open_day(counter, teller, FLOAT)
    before = _rows(counter)
    with pytest.raises(DomainError) as caught:
        open_day(counter, teller, "100000=9")
    assert caught.value.field == "business_date"
    assert "Rp400.000" in caught.value.message_id
    assert _rows(counter) == before
    assert day_state(counter).opening_float == 400_000


def test_the_float_of_an_automatically_opened_day_can_be_recorded_once(
    counter: Counter, teller: User
) -> None:
    register_participant(counter, teller, registration())
    opened = open_day(counter, teller, FLOAT)
    assert opened.float_added_later
    state = day_state(counter)
    assert (state.auto_opened, state.float_recorded, state.opening_float) == (True, True, 400_000)
    with pytest.raises(DomainError):
        open_day(counter, teller, "100000=1")
    assert day_state(counter).opening_float == 400_000


def test_a_bad_float_is_refused_naming_the_field_and_opens_nothing(
    counter: Counter, teller: User
) -> None:
    for typed in ("", "3000=1", "100000=2,100000=1", "seratus ribu", "100000=-1"):
        with pytest.raises(DomainError) as caught:
            open_day(counter, teller, typed)
        assert caught.value.field == "counted"
    assert day_state(counter).status == "not_opened"


def test_nothing_more_is_captured_on_a_closed_day(
    counter: Counter, teller: User, clock: FakeClock
) -> None:
    open_day(counter, teller, FLOAT)
    paid_reg = register_participant(counter, teller, registration())
    report = _close(counter, teller)
    clock.advance(minutes=10)
    before = _rows(counter)
    for attempt in (
        lambda: register_participant(
            counter, teller, registration(nik=NIK_WOMAN, birth_date="", sex="")
        ),
        lambda: pay_bpu(counter, teller, bpu_payment()),
        lambda: void_transaction(
            counter,
            teller,
            VoidTransaction(paid_reg.receipt_no, "Salah input data", "spv01", PINS["spv01"]),
        ),
    ):
        with pytest.raises(DomainError) as caught:
            attempt()
        assert caught.value.field == "business_date"
        assert report in caught.value.message_id
        assert "sudah ditutup" in caught.value.message_id
        assert "supervisor dapat membuka kembali" in caught.value.message_id  # what to do
        # What the capture forms show before anything is typed is that same refusal.
        shown = counter_status(counter).day_closed
        assert shown is not None
        assert shown.message_id == caught.value.message_id
    assert _rows(counter) == before


def test_the_next_day_opens_by_itself_after_a_close(
    counter: Counter, teller: User, clock: FakeClock
) -> None:
    register_participant(counter, teller, registration())
    _close(counter, teller, "100000=0")
    clock.advance(days=1)
    paid = pay_bpu(counter, teller, bpu_payment())
    assert paid.day_opened_automatically
    assert paid.business_date == date(2026, 11, 25)
    assert day_state(counter, TODAY).status == "closed"


def test_a_clock_set_back_is_refused_and_nothing_is_written(
    counter: Counter, teller: User, clock: FakeClock
) -> None:
    register_participant(counter, teller, registration())
    clock.advance(minutes=-3)
    before = _rows(counter)
    with pytest.raises(DomainError) as caught:
        pay_bpu(counter, teller, bpu_payment())
    assert caught.value.field == "clock"
    assert "mundur" in caught.value.message_id
    assert "backwards" in caught.value.message_en
    assert _rows(counter) == before
    clock.advance(minutes=3)
    assert pay_bpu(counter, teller, bpu_payment()).receipt_no.endswith("0000002")


def test_a_clock_a_few_seconds_behind_is_tolerated(
    counter: Counter, teller: User, clock: FakeClock
) -> None:
    """Two writers read the clock before waiting for the write lock: small reorderings pass."""
    register_participant(counter, teller, registration())
    clock.advance(seconds=-(CLOCK_TOLERANCE.total_seconds() - 1))
    assert pay_bpu(counter, teller, bpu_payment()).receipt_no.endswith("0000002")


def test_a_capture_dated_before_a_day_already_opened_is_refused(
    counter: Counter, teller: User, clock: FakeClock
) -> None:
    """Tomorrow opened (float counted early), then the clock is back on today: refused."""
    clock.advance(days=1)
    open_day(counter, teller, FLOAT)
    clock.advance(days=-1)
    with pytest.raises(DomainError) as caught:
        register_participant(counter, teller, registration())
    assert caught.value.field == "clock"
    assert "25/11/2026" in caught.value.message_id


def test_open_day_tells_of_earlier_days_left_open(
    counter: Counter, teller: User, clock: FakeClock
) -> None:
    register_participant(counter, teller, registration())
    clock.advance(days=1)
    opened = open_day(counter, teller, FLOAT)
    assert opened.unclosed_days == (TODAY,)


def test_only_a_supervisor_reopens_a_closed_day_with_a_reason(
    counter: Counter, teller: User, supervisor: User, clock: FakeClock
) -> None:
    register_participant(counter, teller, registration())
    _close(counter, teller, "100000=0")
    with pytest.raises(DomainError) as caught:
        reopen_day(counter, teller, "Hitung ulang kas")
    assert caught.value.field == "supervisor_id"
    for reason in ("", "ok", "\x00 tidak"):
        with pytest.raises(DomainError) as caught:
            reopen_day(counter, supervisor, reason)
        assert caught.value.field == "reason"
    assert day_state(counter).status == "closed"
    reopened = reopen_day(counter, supervisor, "Salah hitung uang logam")
    assert (reopened.report_no, reopened.next_version) == ("BNI-0123-01-TH-20261124-1", 2)
    assert day_state(counter).status == "open"
    # Captures go on in the reopened day.
    clock.advance(minutes=1)
    assert pay_bpu(counter, teller, bpu_payment()).business_date == TODAY
    with pytest.raises(DomainError) as caught:
        reopen_day(counter, supervisor, "Sekali lagi dibuka")
    assert caught.value.field == "date"


@pytest.mark.parametrize(
    "statement",
    [
        "DELETE FROM business_days",
        "UPDATE business_days SET status = 'open'",
        "UPDATE business_days SET closes = 5",
        "UPDATE business_days SET opening_float = 1",
        "UPDATE business_days SET opened_by = 'teller02'",
        "UPDATE day_closes SET variance = 0",
        "UPDATE day_closes SET pdf = x'00'",
        "DELETE FROM day_closes",
        "UPDATE cash_counts SET total = 0",
        "DELETE FROM cash_counts",
    ],
)
def test_a_closed_day_its_report_and_its_counts_cannot_be_changed(
    counter: Counter, teller: User, statement: str
) -> None:
    open_day(counter, teller, FLOAT)
    count_and_close(counter, teller, CloseDay(FLOAT))
    with pytest.raises(sa.exc.IntegrityError), counter.store.write() as connection:
        connection.execute(sa.text(statement))


def test_the_upstreams_confirmation_is_added_to_a_report_once(
    counter: Counter, teller: User
) -> None:
    report = count_and_close(counter, teller, CloseDay("100000=0")).report_no
    confirm = sa.update(day_closes).where(day_closes.c.report_no == report)
    with counter.store.write() as connection:
        connection.execute(confirm.values(manifest_confirmed_at="2026-11-24T10:00:00+00:00"))
    with pytest.raises(sa.exc.IntegrityError), counter.store.write() as connection:
        connection.execute(confirm.values(manifest_confirmed_at="2026-11-25T10:00:00+00:00"))


def test_a_day_cannot_be_marked_closed_without_its_report(counter: Counter, teller: User) -> None:
    open_day(counter, teller, FLOAT)
    with (
        pytest.raises(sa.exc.IntegrityError, match="only with its report"),
        counter.store.write() as connection,
    ):
        connection.execute(sa.update(business_days).values(status="closed", closes=1))


def test_every_day_record_keeps_the_store_verifiable(
    counter: Counter, teller: User, supervisor: User, clock: FakeClock
) -> None:
    open_day(counter, teller, FLOAT)
    register_participant(counter, teller, registration())
    _close(counter, teller)
    reopen_day(counter, supervisor, "Salah hitung uang logam")
    _close(counter, teller)
    report = verify_store(counter)
    assert report.problems == []
    with counter.store.read() as connection:
        actions = list(
            connection.execute(
                sa.select(audit_events.c.action)
                .where(
                    audit_events.c.action.like("day.%") | (audit_events.c.action == "cash.count")
                )
                .order_by(audit_events.c.seq)
            ).scalars()
        )
    assert actions == [
        "cash.count",
        "day.open",
        "cash.count",
        "day.close",
        "day.reopen",
        "cash.count",
        "day.close",
    ]


def test_a_store_from_before_business_days_has_its_captured_days_open(tmp_path: Path) -> None:
    """The frozen 0001 store: its day becomes an open day (zero float) that closes normally."""
    frozen = Path(__file__).parents[1] / "store" / "frozen" / "counter-0001.sqlite"
    shutil.copy(frozen, tmp_path / DB_FILENAME)
    store = Store(tmp_path)
    try:
        clock = FakeClock()
        counter = Counter(store, clock=clock)
        state = day_state(counter, TODAY)
        assert (state.status, state.auto_opened, state.opening_float) == ("open", True, 0)
        assert state.opened_by is None
        clock.advance(hours=5)
        teller = User("teller01", "Dewi Lestari", Role.TELLER)
        # 110.400 cash taken (the BPU payment), then voided: the drawer holds nothing.
        closed = count_and_close(counter, teller, CloseDay("100000=0"))
        assert (closed.expected_cash, closed.variance) == (0, 0)
        assert verify_store(counter).problems == []
    finally:
        store.close()


def test_captured_keeps_its_old_shape_for_existing_callers() -> None:
    at = FakeClock().at
    plain = Captured("id", 1, "BNI-0123-01-0000001", "registration", 0, at, TODAY)
    assert plain.day_opened_automatically is False
