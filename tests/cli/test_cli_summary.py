"""`spo-counter summary`: the supervisor's figures, as text and as JSON, from the same service."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.counter import Counter
from desktop.services.auth import User
from desktop.services.contributions import pay_bpu
from desktop.services.registration import register_participant
from desktop.store.store import Store
from tests.cli.conftest import Cli
from tests.conftest import PINS
from tests.helpers import FakeClock
from tests.services.conftest import bpu_payment, registration


@pytest.fixture
def captured(data_dir: Path, clock: FakeClock, teller: User) -> Path:
    store = Store(data_dir)
    counter = Counter(store, clock=clock)
    register_participant(counter, teller, registration(agent_code="PRS-101"))
    pay_bpu(counter, teller, bpu_payment(months=3, cash_given=50_400))
    store.close()
    return data_dir


def test_the_summary_as_json_and_as_text(
    captured: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SPO_SUPERVISOR_PIN", PINS["spv01"])
    found = cli.json("summary", "--by", "spv01", "--data-dir", str(captured))
    assert found["today"]["first"] == "2026-11-24"
    assert found["today"]["transactions"] == 2
    assert found["month"]["net"] == 50_400
    assert [(k["key"], k["count"], k["net"]) for k in found["today"]["kinds"]] == [
        ("registration", 1, 0),
        ("contribution_bpu", 1, 50_400),
    ]
    assert [(p["key"], p["net"]) for p in found["today"]["programs"]] == [
        ("JKK", 30_000),
        ("JKM", 20_400),
    ]
    assert [(t["label"], t["count"]) for t in found["today"]["tellers"]] == [("Dewi Lestari", 2)]
    assert found["agents"] == [
        {
            "agent_code": "PRS-101",
            "name": "Sri Mulyani",
            "institution": "Yayasan Karya Sejahtera",
            "registrations": 1,
            "payments": 0,
            "collected": 0,
        }
    ]
    assert len(found["days"]) == 30
    assert found["days"][-1] == {"date": "2026-11-24", "transactions": 2, "net": 50_400}
    assert found["upload_backlog"]["pending"] == 2
    assert found["upload_backlog"]["oldest_receipt"] == "BNI-0123-01-0000001"
    assert (
        found["upload_backlog"]["quarantined"],
        found["upload_backlog"]["quarantined_refunded"],
    ) == (0, 0)

    text = cli("summary", "--by", "spv01", "--data-dir", str(captured)).out
    assert "Hari ini (24/11/2026): 2 transaksi, bersih Rp50.400" in text
    assert "Iuran BPU" in text
    assert "PRS-101 · Sri Mulyani · Yayasan Karya Sejahtera" in text
    assert "Belum diunggah: 2; tertua BNI-0123-01-0000001 (24/11/2026 10:00)" in text
    english = cli("summary", "--by", "spv01", "--lang", "en", "--data-dir", str(captured)).out
    assert "Today (24/11/2026): 2 transactions, net Rp50.400" in english
    assert "BPU contributions" in english


def test_a_teller_is_refused_the_summary(
    captured: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SPO_SUPERVISOR_PIN", PINS["teller01"])
    ran = cli("summary", "--by", "teller01", "--data-dir", str(captured), expect=1)
    assert "Hanya supervisor yang dapat melihat ringkasan loket." in ran.err
    assert ran.out == ""
