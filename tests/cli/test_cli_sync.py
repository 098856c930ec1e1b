"""`spo-counter sync`, `reconcile` and `sandbox`: what bank IT runs, against a real upstream."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from desktop.cli import main
from desktop.counter import Counter
from desktop.services.auth import User
from desktop.services.contributions import pay_bpu
from desktop.services.registration import register_participant
from desktop.store.store import Store
from desktop.sync.sandbox.server import RunningSandbox
from tests.helpers import JAKARTA, FakeClock, closed_port_url, free_port
from tests.services.conftest import NIK_WOMAN, bpu_payment, registration

CLOCK = FakeClock()  # every command and counter in this module runs at this instant

TOKEN = "token-bni-0123-01"


@pytest.fixture
def upstream(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[RunningSandbox]:
    db = f"sqlite:///{tmp_path / 'up.sqlite'}"
    with RunningSandbox(db, {"BNI-0123-01": TOKEN}, clock=CLOCK) as running:
        monkeypatch.setenv("SPO_UPSTREAM_URL", running.url)
        monkeypatch.setenv("SPO_UPSTREAM_TOKEN", TOKEN)
        yield running


@pytest.fixture
def captured(data_dir: Path, teller: User) -> Path:
    """A registration and a payment captured at the module's instant."""
    store = Store(data_dir)
    counter = Counter(store, clock=CLOCK)
    register_participant(counter, teller, registration())
    month = CLOCK.at.astimezone(JAKARTA).strftime("%Y-%m")
    pay_bpu(counter, teller, bpu_payment(period_start=month))
    store.close()
    return data_dir


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, object]:
    rc = main(list(argv), clock=CLOCK)
    return rc, json.loads(capsys.readouterr().out)


def test_sync_uploads_everything_pulls_reference_data_and_reconciles(
    captured: Path, upstream: RunningSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    rc, report = _json(capsys, "--data-dir", str(captured), "sync", "--json")
    assert rc == 0
    assert isinstance(report, dict)
    assert (report["sent"], report["pending"], report["quarantined_total"]) == (2, 0, 0)
    assert report["kpj_assigned"] == 1
    assert (captured / "reference" / str(report["reference_version"]) / "manifest.json").is_file()
    rc, verdict = _json(capsys, "--data-dir", str(captured), "reconcile", "--json")
    assert rc == 0
    assert isinstance(verdict, dict)
    assert verdict["agree"] is True
    rc, again = _json(capsys, "--data-dir", str(captured), "sync", "--json")
    assert rc == 0
    assert isinstance(again, dict)
    assert again["sent"] == 0


def test_reconcile_names_a_record_the_upstream_does_not_hold(
    captured: Path, upstream: RunningSandbox, teller: User, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(captured), "sync", "--json"], clock=CLOCK) == 0
    capsys.readouterr()
    store = Store(captured)
    withheld = register_participant(
        Counter(store, clock=CLOCK),
        teller,
        registration(nik=NIK_WOMAN, full_name="Ratna Handayani", birth_date="", sex=""),
    )
    store.close()
    rc, verdict = _json(capsys, "--data-dir", str(captured), "reconcile", "--json")
    assert rc == 1
    assert isinstance(verdict, dict)
    assert verdict["differences"] == [
        {
            "receipt_no": withheld.receipt_no,
            "id": withheld.transaction_id,
            "problem": "missing_upstream",
            "detail": "pending",
        }
    ]


def test_sync_without_a_token_says_so(
    captured: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SPO_UPSTREAM_URL", "http://127.0.0.1:9")
    assert main(["--data-dir", str(captured), "sync"], clock=CLOCK) == 1
    assert "spo-counter: token:" in capsys.readouterr().err


def test_sync_with_the_upstream_down_keeps_everything_and_fails(
    captured: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SPO_UPSTREAM_URL", closed_port_url())
    monkeypatch.setenv("SPO_UPSTREAM_TOKEN", TOKEN)
    monkeypatch.setattr("time.sleep", lambda _s: None)
    assert main(["--data-dir", str(captured), "sync"], clock=CLOCK) == 1
    assert "spo-counter: upstream:" in capsys.readouterr().err
    _rc, info = _json(capsys, "--data-dir", str(captured), "info", "--json")
    assert isinstance(info, dict)
    assert info["pending_upload"] == 2


def test_the_sandbox_command_serves_the_contract(tmp_path: Path) -> None:
    port = free_port()
    script = Path(sys.executable).with_name("spo-counter")
    process = subprocess.Popen(
        [
            str(script),
            "--data-dir",
            str(tmp_path),
            "sandbox",
            "--port",
            str(port),
            "--token",
            f"BNI-0123-01={TOKEN}",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    try:
        assert process.stdout is not None
        banner = process.stdout.readline().decode()  # printed before it serves
        assert f"127.0.0.1:{port}" in banner
        # uvicorn says when it listens: wait for that line, not for a guessed time.
        for line in process.stdout:
            if b"Uvicorn running on" in line:
                break
        else:
            pytest.fail("the sandbox exited before listening")
        with httpx.Client(base_url=f"http://127.0.0.1:{port}") as client:
            response = client.get("/v1/reference", headers={"Authorization": f"Bearer {TOKEN}"})
            assert response.status_code == 200
            assert response.json()["contract"] == "spo-upload/1"
            assert client.get("/v1/reference").status_code == 401
    finally:
        process.terminate()
        process.wait(10)
        if process.stdout is not None:
            process.stdout.close()
    assert (tmp_path / "sandbox" / "sandbox.sqlite").exists()
