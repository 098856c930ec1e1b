"""`spo-counter reconcile` against the real sandbox: what bank IT reads, and the exit status.

The records are captured by a counter on the fixed test clock and the command is always given
`--date`, so nothing here depends on the day the tests run.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from desktop.cli import main
from desktop.counter import Counter
from desktop.services.auth import User
from desktop.services.capture import Captured
from desktop.services.contributions import pay_bpu
from desktop.services.registration import register_participant
from desktop.store.store import Store
from desktop.sync.client import sync
from desktop.sync.sandbox.server import RunningSandbox
from tests.helpers import FAST_RETRY, FakeClock, closed_port_url
from tests.services.conftest import NIK_WOMAN, bpu_payment, registration

TOKEN = "token-bni-0123-01"
CLOCK = FakeClock()  # the command runs at the test counter's instant
DATE = "2026-11-24"  # the business date of the test clock's start


@pytest.fixture
def upstream_db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'upstream.sqlite'}"


@pytest.fixture
def upstream(upstream_db: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[RunningSandbox]:
    with RunningSandbox(upstream_db, {"BNI-0123-01": TOKEN}, clock=CLOCK) as running:
        monkeypatch.setenv("SPO_UPSTREAM_URL", running.url)
        monkeypatch.setenv("SPO_UPSTREAM_TOKEN", TOKEN)
        yield running


@pytest.fixture
def day(data_dir: Path, clock: FakeClock, teller: User, upstream: RunningSandbox) -> list[Captured]:
    """A registration and a payment uploaded, then a second registration not uploaded yet."""
    store = Store(data_dir)
    counter = Counter(store, clock=clock)
    captured = [
        register_participant(counter, teller, registration()),
        pay_bpu(counter, teller, bpu_payment()),
    ]
    assert sync(counter, upstream.url, TOKEN, policy=FAST_RETRY, rng=random.Random(7)).sent == 2
    captured.append(
        register_participant(
            counter,
            teller,
            registration(nik=NIK_WOMAN, full_name="Ratna Handayani", birth_date="", sex=""),
        )
    )
    store.close()
    return captured


def reconcile(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), *args, "reconcile", "--date", DATE], clock=CLOCK)


def test_json_lists_each_difference_and_exits_1(
    data_dir: Path,
    day: list[Captured],
    upstream_db: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    registered, paid, pending = day
    engine = sa.create_engine(upstream_db)
    with engine.begin() as connection:
        connection.execute(
            sa.text("UPDATE records SET amount = 1 WHERE id = :id"), {"id": paid.transaction_id}
        )
    engine.dispose()
    assert (
        main(["--data-dir", str(data_dir), "reconcile", "--date", DATE, "--json"], clock=CLOCK) == 1
    )
    assert json.loads(capsys.readouterr().out) == {
        "business_date": DATE,
        "agree": False,
        "differences": [
            {
                "receipt_no": paid.receipt_no,
                "id": paid.transaction_id,
                "problem": "different",
                "detail": f"upstream {paid.receipt_no} contribution 1, "
                f"local {paid.receipt_no} contribution {paid.amount}",
            },
            {
                "receipt_no": pending.receipt_no,
                "id": pending.transaction_id,
                "problem": "missing_upstream",
                "detail": "pending",
            },
        ],
    }
    assert registered.receipt_no == "BNI-0123-01-0000001"  # held alike: not listed


def test_text_names_each_difference_and_counts_them(
    data_dir: Path, day: list[Captured], capsys: pytest.CaptureFixture[str]
) -> None:
    pending = day[2]
    assert reconcile(data_dir) == 1
    assert capsys.readouterr().out == (
        f"{pending.receipt_no}  missing_upstream  pending\n1 perbedaan untuk 24/11/2026.\n"
    )


def test_a_day_held_alike_says_so_and_exits_0(
    data_dir: Path,
    day: list[Captured],
    upstream: RunningSandbox,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    store = Store(data_dir)  # the last capture goes up too
    assert sync(Counter(store, clock=FakeClock()), upstream.url, TOKEN).sent == 1
    store.close()
    assert (
        main(["--data-dir", str(data_dir), "reconcile", "--date", DATE, "--json"], clock=CLOCK) == 0
    )
    assert json.loads(capsys.readouterr().out) == {
        "business_date": DATE,
        "agree": True,
        "differences": [],
    }
    assert reconcile(data_dir) == 0
    assert capsys.readouterr().out == "Cocok: loket dan server pusat sama untuk 24/11/2026.\n"
    # --upstream wins over SPO_UPSTREAM_URL (pointed here at an address nobody answers at).
    monkeypatch.setenv("SPO_UPSTREAM_URL", closed_port_url())
    args = ["--data-dir", str(data_dir), "reconcile", "--upstream", upstream.url, "--date", DATE]
    assert main(args, clock=CLOCK) == 0


def test_an_upstream_nobody_answers_at_exits_1_and_says_so(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SPO_UPSTREAM_URL", closed_port_url())
    monkeypatch.setenv("SPO_UPSTREAM_TOKEN", TOKEN)
    assert reconcile(data_dir, "--lang", "en") == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "spo-counter: upstream: The upstream could not be reached: the connection to the "
        "upstream was refused or the network is down.\n"
    )


def test_a_refused_token_exits_1_and_names_the_variable(
    data_dir: Path,
    upstream: RunningSandbox,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("SPO_UPSTREAM_TOKEN", "yesterdays-token")
    assert reconcile(data_dir) == 1
    assert capsys.readouterr().err == (
        "spo-counter: token: Server pusat menolak token loket ini. Periksa SPO_UPSTREAM_TOKEN.\n"
    )


def test_an_address_that_is_not_the_upstream_exits_1(
    data_dir: Path,
    upstream: RunningSandbox,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("SPO_UPSTREAM_URL", f"{upstream.url}/portal")
    assert reconcile(data_dir, "--lang", "en") == 1
    assert capsys.readouterr().err == (
        "spo-counter: upstream: The upstream's answer is not valid (HTTP 404).\n"
    )


def test_a_date_that_is_not_one_exits_1_before_asking_the_upstream(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SPO_UPSTREAM_URL", closed_port_url())
    monkeypatch.setenv("SPO_UPSTREAM_TOKEN", TOKEN)
    assert (
        main(["--data-dir", str(data_dir), "reconcile", "--date", "2026-02-30"], clock=CLOCK) == 1
    )
    err = capsys.readouterr().err
    assert err.startswith("spo-counter: date: ")
    assert "server pusat" not in err.lower()  # refused before any connection was tried
