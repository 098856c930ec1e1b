"""The closing upload after the local close: closed days awaiting the upstream's confirmation,
confirmed against the real sandbox on loopback, the confirmation stored once on the report; an
upstream down leaves the day closed and unconfirmed until a retry; `spo-counter sync` does it too,
with the upload address saved in Settings."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from desktop.cli import main
from desktop.counter import Counter
from desktop.errors import DomainError
from desktop.services.auth import User
from desktop.services.business_day import reopen_day
from desktop.services.contributions import pay_bpu, pay_pu
from desktop.services.day_close import CloseDay, DayClosed, count_and_close, count_cash
from desktop.services.day_upload import (
    DayConfirmation,
    awaiting_confirmation,
    confirm_closed_days,
    confirm_day,
    newest_report,
)
from desktop.services.registration import register_participant
from desktop.services.verify import verify_store
from desktop.services.voids import VoidTransaction, void_transaction
from desktop.settings import PcSettings, save_settings
from desktop.store.schema import audit_events, day_closes
from desktop.store.store import Store
from desktop.sync.sandbox.server import RunningSandbox
from tests.conftest import PINS
from tests.helpers import FAST_RETRY as FAST
from tests.helpers import FakeClock, closed_port_url
from tests.services.conftest import NIK_WOMAN, bpu_payment, pu_payment, registration

CODE = "BNI-0123-01"
TOKEN = "token-bni-0123-01"


@pytest.fixture
def sandbox(tmp_path: Path, clock: FakeClock) -> Iterator[RunningSandbox]:
    db = f"sqlite:///{tmp_path / 'upstream.sqlite'}"
    with RunningSandbox(db, {CODE: TOKEN}, clock=clock) as upstream:
        yield upstream


def a_day(counter: Counter, teller: User) -> None:
    """Cash and debit captures and a void of a cash payment."""
    register_participant(counter, teller, registration())
    pay_bpu(counter, teller, bpu_payment(months=3, tender="cash"))
    paid = pay_pu(counter, teller, pu_payment(tender="cash"))
    pay_pu(counter, teller, pu_payment(payment_code="123456789013"))
    void_transaction(
        counter,
        teller,
        VoidTransaction(paid.receipt_no, "Salah kode bayar", "spv01", PINS["spv01"]),
    )


def close(counter: Counter, teller: User) -> DayClosed:
    """Count exactly what the drawer should hold, then close (no difference)."""
    expected = count_cash(counter, teller, "100000=0").expected_cash
    return count_and_close(counter, teller, CloseDay(f"100={expected // 100}"))


def confirmed_at(counter: Counter, report_no: str) -> str | None:
    with counter.store.read() as connection:
        value = connection.execute(
            sa.select(day_closes.c.manifest_confirmed_at).where(day_closes.c.report_no == report_no)
        ).scalar_one()
    return str(value) if value is not None else None


def confirm_events(counter: Counter) -> list[dict[str, object]]:
    with counter.store.read() as connection:
        rows = connection.execute(
            sa.select(audit_events.c.entity_id, audit_events.c.details).where(
                audit_events.c.action == "day.confirm"
            )
        ).all()
    return [{"day": day, **json.loads(details)} for day, details in rows]


def upload(counter: Counter, url: str) -> list[DayConfirmation]:
    return confirm_closed_days(
        counter, url, TOKEN, policy=FAST, sleep=lambda _s: None, rng=random.Random(3)
    )


def test_a_closed_day_is_confirmed_once_and_stays_confirmed(
    counter: Counter, teller: User, clock: FakeClock, sandbox: RunningSandbox
) -> None:
    a_day(counter, teller)
    assert awaiting_confirmation(counter) == ()  # open days wait for nothing
    closed = close(counter, teller)
    waiting = awaiting_confirmation(counter)
    assert [(w.report_no, w.version, w.day_closed) for w in waiting] == [
        (closed.report_no, 1, True)
    ]
    clock.advance(minutes=5)

    [done] = upload(counter, sandbox.url)

    assert done.confirmed
    assert done.report_no == closed.report_no
    assert done.result.records == 5
    assert done.confirmed_at == clock.at
    assert confirmed_at(counter, closed.report_no) == clock.at.isoformat()
    assert awaiting_confirmation(counter) == ()
    [event] = confirm_events(counter)
    assert event["day"] == "2026-11-24"
    assert event["report_no"] == closed.report_no
    assert event["records"] == 5
    assert event["upstream_version"] == done.result.version
    # The confirmation is the one change a close report takes: recorded, so verify is content.
    assert verify_store(counter).problems == []
    # Sent again later, the upstream confirms the same; the stored time stays the first one.
    clock.advance(hours=1)
    again = confirm_day(counter, closed.business_date, sandbox.url, TOKEN, policy=FAST)
    assert again.confirmed
    assert again.confirmed_at == clock.at - timedelta(hours=1)
    assert len(confirm_events(counter)) == 1
    report = newest_report(counter, closed.business_date)
    assert report is not None
    assert report.confirmed_at == clock.at - timedelta(hours=1)
    assert upload(counter, sandbox.url) == []  # nothing waits any more


def test_an_upstream_down_leaves_the_day_unconfirmed_and_a_retry_confirms_it(
    counter: Counter, teller: User, sandbox: RunningSandbox
) -> None:
    a_day(counter, teller)
    closed = close(counter, teller)

    [down] = upload(counter, closed_port_url())

    assert not down.confirmed
    assert down.retryable
    assert down.result.problem == "upstream"
    assert "sudah ditutup di loket" in down.message("id")
    assert "belum dikonfirmasi" in down.message("id")
    assert confirmed_at(counter, closed.report_no) is None
    assert [w.report_no for w in awaiting_confirmation(counter)] == [closed.report_no]
    assert confirm_events(counter) == []

    [retried] = upload(counter, sandbox.url)

    assert retried.confirmed
    assert confirmed_at(counter, closed.report_no) is not None
    assert awaiting_confirmation(counter) == ()


def test_a_reopened_day_waits_for_its_new_report_and_the_old_keeps_its_confirmation(
    counter: Counter, teller: User, supervisor: User, clock: FakeClock, sandbox: RunningSandbox
) -> None:
    a_day(counter, teller)
    first = close(counter, teller)
    assert upload(counter, sandbox.url)[0].confirmed
    stamp = confirmed_at(counter, first.report_no)
    clock.advance(minutes=10)
    reopen_day(counter, supervisor, "Salah hitung uang logam")
    assert awaiting_confirmation(counter) == ()  # open again: nothing to confirm
    with pytest.raises(DomainError) as refused:
        confirm_day(counter, first.business_date, sandbox.url, TOKEN, policy=FAST)
    assert refused.value.field == "date"
    register_participant(
        counter, teller, registration(nik=NIK_WOMAN, full_name="Ratna Sari", sex="", birth_date="")
    )
    second = close(counter, teller)
    assert second.report_no.endswith("-2")
    assert [w.report_no for w in awaiting_confirmation(counter)] == [second.report_no]

    [done] = upload(counter, sandbox.url)

    assert done.confirmed
    assert done.result.records == 6
    assert confirmed_at(counter, first.report_no) == stamp
    assert confirmed_at(counter, second.report_no) == clock.at.isoformat()


def test_several_closed_days_are_confirmed_oldest_first(
    counter: Counter, teller: User, clock: FakeClock, sandbox: RunningSandbox
) -> None:
    a_day(counter, teller)
    monday = close(counter, teller)
    clock.advance(days=1)
    register_participant(
        counter, teller, registration(nik=NIK_WOMAN, full_name="Ratna Sari", sex="", birth_date="")
    )
    tuesday = close(counter, teller)

    done = upload(counter, sandbox.url)

    assert [(d.report_no, d.confirmed) for d in done] == [
        (monday.report_no, True),
        (tuesday.report_no, True),
    ]


def test_an_upstream_down_stops_after_the_first_day(
    counter: Counter, teller: User, clock: FakeClock
) -> None:
    a_day(counter, teller)
    close(counter, teller)
    clock.advance(days=1)
    register_participant(
        counter, teller, registration(nik=NIK_WOMAN, full_name="Ratna Sari", sex="", birth_date="")
    )
    close(counter, teller)
    done = upload(counter, closed_port_url())
    assert len(done) == 1  # the second day would fail the same way: not tried
    assert len(awaiting_confirmation(counter)) == 2


# --- spo-counter sync and reconcile ---------------------------------------------------------------


@pytest.fixture
def closed_day(data_dir: Path, teller: User, clock: FakeClock) -> str:
    """A day captured and closed on the test's clock, which the command line runs on too."""
    store = Store(data_dir)
    counter = Counter(store, clock=clock)
    register_participant(counter, teller, registration())
    month = counter.business_date().strftime("%Y-%m")
    pay_bpu(counter, teller, bpu_payment(period_start=month))
    report_no = close(counter, teller).report_no
    store.close()
    return report_no


def test_sync_takes_the_address_from_settings_and_confirms_closed_days(
    data_dir: Path,
    closed_day: str,
    sandbox: RunningSandbox,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    clock: FakeClock,
) -> None:
    monkeypatch.delenv("SPO_UPSTREAM_URL", raising=False)
    monkeypatch.delenv("SPO_UPSTREAM_TOKEN", raising=False)
    save_settings(data_dir, PcSettings(upstream_url=sandbox.url, upstream_token=TOKEN))

    assert main(["--data-dir", str(data_dir), "sync", "--json"], clock=clock) == 0

    report = json.loads(capsys.readouterr().out)
    assert (report["sent"], report["pending"]) == (2, 0)
    [day] = report["days"]
    assert day["report_no"] == closed_day
    assert day["confirmed"] is True
    assert datetime.fromisoformat(day["confirmed_at"]) == clock()  # the upstream's own time
    assert main(["--data-dir", str(data_dir), "reconcile", "--json"], clock=clock) == 0
    assert json.loads(capsys.readouterr().out)["agree"] is True
    # Nothing waits any more: the next sync has no day to confirm.
    assert main(["--data-dir", str(data_dir), "sync", "--json"], clock=clock) == 0
    assert json.loads(capsys.readouterr().out)["days"] == []


def test_sync_prints_each_day_confirmed(
    data_dir: Path,
    closed_day: str,
    sandbox: RunningSandbox,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    clock: FakeClock,
) -> None:
    monkeypatch.setenv("SPO_UPSTREAM_URL", sandbox.url)
    monkeypatch.setenv("SPO_UPSTREAM_TOKEN", TOKEN)
    assert main(["--data-dir", str(data_dir), "sync"], clock=clock) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Terkirim 2, sudah ada 0, ditolak 0")
    assert lines[1].startswith(f"Tutup hari {closed_day}: Server pusat mengonfirmasi hari ")
    assert lines[1].endswith("lengkap: 2 transaksi (versi 1).")


def test_the_environment_wins_over_settings_and_a_missing_token_is_named(
    data_dir: Path,
    closed_day: str,
    sandbox: RunningSandbox,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    clock: FakeClock,
) -> None:
    save_settings(data_dir, PcSettings(upstream_url=closed_port_url(), upstream_token=TOKEN))
    monkeypatch.setenv("SPO_UPSTREAM_URL", sandbox.url)
    monkeypatch.delenv("SPO_UPSTREAM_TOKEN", raising=False)
    assert main(["--data-dir", str(data_dir), "sync", "--json"], clock=clock) == 0
    assert json.loads(capsys.readouterr().out)["days"][0]["confirmed"] is True
    save_settings(data_dir, PcSettings())
    assert main(["--data-dir", str(data_dir), "--lang", "en", "reconcile"], clock=clock) == 1
    assert capsys.readouterr().err == (
        "spo-counter: token: No counter token yet: ask a supervisor to fill it in Settings.\n"
    )
