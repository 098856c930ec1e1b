"""`spo-counter refund`: a payment the upstream refused (the real sandbox with its registry) given
back with a supervisor's PIN, its receipt written, and the day closing balanced."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest

from desktop.counter import Counter
from desktop.services.auth import User
from desktop.services.business_day import open_day
from desktop.services.contributions import pay_bpu
from desktop.services.registration import register_participant
from desktop.store.store import Store
from tests.cli.conftest import Cli
from tests.conftest import PINS, FakeClock
from tests.services.conftest import bpu_payment, registration
from tests.sync.registry_support import TOKEN, refused_payment, registry_sandbox

PAID = "BNI-0123-01-0000002"
FLOAT = "100000=5"


@pytest.fixture
def refused(
    data_dir: Path, teller: User, clock: FakeClock, tmp_path: Path
) -> Iterator[tuple[Path, int]]:
    """A payment in cash the upstream refused (tests/sync/registry_support.py)."""
    with registry_sandbox(tmp_path) as up:
        store = Store(data_dir)
        counter = Counter(store, clock=clock)
        open_day(counter, teller, FLOAT)
        paid = refused_payment(counter, teller, up, TOKEN)
        assert paid.receipt_no == PAID
        store.close()
        yield data_dir, paid.amount


def test_refund_writes_its_receipt_and_the_day_closes_balanced(
    cli: Cli, refused: tuple[Path, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, amount = refused
    monkeypatch.setenv("SPO_PIN", PINS["teller01"])
    monkeypatch.setenv("SPO_SUPERVISOR_PIN", PINS["spv01"])
    out = tmp_path / "bukti.pdf"
    given = cli.json(
        "--data-dir",
        str(folder),
        "refund",
        PAID.lower(),
        "--teller",
        "teller01",
        "--supervisor",
        "spv01",
        "--out",
        str(out),
    )
    assert given == {
        "receipt_no": "BNI-0123-01-0000003",
        "refunded_receipt_no": PAID,
        "amount": amount,
        "approved_by": "spv01",
        "receipt": str(out),
    }
    pages = pypdf.PdfReader(io.BytesIO(out.read_bytes())).pages
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pages))
    assert "BUKTI PENGEMBALIAN IURAN" in text
    assert f"Tanda terima asal {PAID}" in text

    again = cli(
        "--data-dir",
        str(folder),
        "refund",
        PAID,
        "--teller",
        "teller01",
        "--supervisor",
        "spv02",
        expect=1,
    )
    assert "receipt_no: Iuran BNI-0123-01-0000002 sudah dikembalikan dengan" in again.err

    closed = cli.json(
        "--data-dir", str(folder), "close-day", "--teller", "teller01", "--counted", FLOAT
    )
    assert (closed["cash_received"], closed["cash_refunded"]) == (amount, amount)
    assert (closed["expected_cash"], closed["variance"]) == (500_000, 0)


def test_a_wrong_supervisor_pin_refunds_nothing(
    cli: Cli, refused: tuple[Path, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, _ = refused
    monkeypatch.setenv("SPO_PIN", PINS["teller01"])
    monkeypatch.setenv("SPO_SUPERVISOR_PIN", "999999")
    ran = cli(
        "--data-dir",
        str(folder),
        "refund",
        PAID,
        "--teller",
        "teller01",
        "--supervisor",
        "spv01",
        expect=1,
    )
    assert "supervisor_pin: ID pengguna atau PIN salah" in ran.err
    journal = cli.json("--data-dir", str(folder), "journal")
    assert [entry["kind"] for entry in journal] == ["registration", "contribution"]


def test_a_payment_not_refused_is_not_refunded(
    cli: Cli, data_dir: Path, teller: User, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(data_dir)
    counter = Counter(store, clock=clock)
    register_participant(counter, teller, registration())
    pay_bpu(counter, teller, bpu_payment())
    store.close()
    monkeypatch.setenv("SPO_PIN", PINS["teller01"])
    monkeypatch.setenv("SPO_SUPERVISOR_PIN", PINS["spv01"])
    ran = cli(
        "--data-dir",
        str(data_dir),
        "--lang",
        "en",
        "refund",
        PAID,
        "--teller",
        "teller01",
        "--supervisor",
        "spv01",
        expect=1,
    )
    assert "receipt_no: Payment BNI-0123-01-0000002 was not refused by the upstream" in ran.err
