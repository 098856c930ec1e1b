"""`spo-counter sync`, `reconcile` and `sandbox`: what bank IT runs, against a real upstream."""

from __future__ import annotations

import json
import os
import ssl
import stat
import subprocess
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
from tests.helpers import (
    CONSOLE_SCRIPT,
    JAKARTA,
    FakeClock,
    closed_port_url,
    free_port,
    make_pki,
)
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
    pulled = captured / "reference" / str(report["reference_version"])
    assert (pulled / "manifest.json").is_file()
    if os.name == "posix":  # readable by the counter's user alone, as the whole data folder
        assert stat.S_IMODE(pulled.stat().st_mode) == 0o700
        assert {stat.S_IMODE(path.stat().st_mode) for path in pulled.iterdir()} == {0o600}
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


def run_sandbox_command(tmp_path: Path, *extra: str) -> subprocess.Popen[bytes]:
    script = CONSOLE_SCRIPT
    return subprocess.Popen(
        [
            str(script),
            "--data-dir",
            str(tmp_path),
            "sandbox",
            "--token",
            f"BNI-0123-01={TOKEN}",
            *extra,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "HOME": str(tmp_path)},
    )


def wait_until_listening(process: subprocess.Popen[bytes]) -> str:
    """The banner the command prints before it serves, once uvicorn says it listens (the line
    waited for, not a guessed time)."""
    assert process.stdout is not None
    banner = process.stdout.readline().decode()
    for line in process.stdout:
        if b"Uvicorn running on" in line:
            return banner
    pytest.fail("the sandbox exited before listening")


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    process.wait(10)
    if process.stdout is not None:
        process.stdout.close()


def test_the_sandbox_command_serves_the_contract(tmp_path: Path) -> None:
    port = free_port()
    process = run_sandbox_command(tmp_path, "--port", str(port))
    try:
        banner = wait_until_listening(process)
        assert f"http://127.0.0.1:{port}" in banner
        with httpx.Client(base_url=f"http://127.0.0.1:{port}") as client:
            response = client.get("/v1/reference", headers={"Authorization": f"Bearer {TOKEN}"})
            assert response.status_code == 200
            assert response.json()["contract"] == "spo-upload/1"
            assert client.get("/v1/reference").status_code == 401
    finally:
        stop(process)
    assert (tmp_path / "sandbox" / "sandbox.sqlite").exists()


def test_the_sandbox_command_serves_https_and_a_counter_syncs_trusting_the_ca(
    tmp_path: Path,
    captured: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    pki = make_pki(tmp_path, "127.0.0.1", "localhost")
    port = free_port()
    process = run_sandbox_command(
        tmp_path, "--port", str(port), "--tls-cert", str(pki.cert), "--tls-key", str(pki.key)
    )
    try:
        banner = wait_until_listening(process)
        assert (
            banner.rstrip("\r\n") == f"Server pusat sandbox di https://127.0.0.1:{port} (1 loket)"
        )
        trusting = ssl.create_default_context(cafile=str(pki.ca))
        with httpx.Client(base_url=f"https://127.0.0.1:{port}", verify=trusting) as client:
            response = client.get("/v1/reference", headers={"Authorization": f"Bearer {TOKEN}"})
            assert response.json()["contract"] == "spo-upload/1"
        # Bank IT's three variables: the address, the token, and the CA that signed the server.
        monkeypatch.setenv("SPO_UPSTREAM_URL", f"https://localhost:{port}")
        monkeypatch.setenv("SPO_UPSTREAM_TOKEN", TOKEN)
        monkeypatch.delenv("SPO_UPSTREAM_CA", raising=False)
        with monkeypatch.context() as during:  # not the pipe's wait in stop(): only the sync's
            during.setattr("time.sleep", lambda _s: pytest.fail("a certificate is not retried"))
            assert main(["--data-dir", str(captured), "--lang", "en", "sync"], clock=CLOCK) == 1
        err = capsys.readouterr().err
        assert err.startswith("spo-counter: upstream: The upstream's certificate is not trusted")
        monkeypatch.setenv("SPO_UPSTREAM_CA", str(pki.ca))
        rc, report = _json(capsys, "--data-dir", str(captured), "sync", "--json")
        assert rc == 0
        assert isinstance(report, dict)
        assert (report["sent"], report["duplicates"], report["kpj_assigned"]) == (2, 0, 1)
    finally:
        stop(process)


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["--tls-cert", "{cert}"], "spo-counter: tls_key: --tls-cert and --tls-key go together"),
        (["--tls-key", "{key}"], "spo-counter: tls_cert: --tls-cert and --tls-key go together"),
        (
            ["--tls-cert", "{missing}", "--tls-key", "{key}"],
            "spo-counter: tls_cert: --tls-cert: file {missing} not found.",
        ),
        (
            ["--tls-cert", "{ca}", "--tls-key", "{key}"],  # the CA's certificate: not the key's
            "spo-counter: tls_cert: --tls-cert and --tls-key must be a PEM certificate and its "
            "private key",
        ),
    ],
)
def test_the_sandbox_command_refuses_tls_files_that_do_not_go_together(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], options: list[str], expected: str
) -> None:
    pki = make_pki(tmp_path, "127.0.0.1")
    names = {"cert": pki.cert, "key": pki.key, "ca": pki.ca, "missing": tmp_path / "nope.pem"}
    argv = [option.format(**names) for option in options]
    rc = main(["--data-dir", str(tmp_path), "--lang", "en", "sandbox", *argv], clock=CLOCK)
    assert rc == 1
    assert capsys.readouterr().err.startswith(expected.format(**names))


def test_sync_refuses_bank_its_remote_http_address_and_sends_nothing(
    captured: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SPO_UPSTREAM_URL", "http://10.0.0.5:8080")
    monkeypatch.setenv("SPO_UPSTREAM_TOKEN", TOKEN)
    assert main(["--data-dir", str(captured), "sync"], clock=CLOCK) == 1
    assert capsys.readouterr().err == (
        "spo-counter: SPO_UPSTREAM_URL: SPO_UPSTREAM_URL (dari IT bank) memakai http:// ke "
        "10.0.0.5: ke luar komputer ini hanya https:// yang boleh, agar data peserta terenkripsi "
        "di jaringan (http:// hanya untuk 127.0.0.1, ::1 atau localhost).\n"
    )
    _rc, info = _json(capsys, "--data-dir", str(captured), "info", "--json")
    assert isinstance(info, dict)
    assert info["pending_upload"] == 2


@pytest.mark.parametrize("command", ["sync", "reconcile"])
def test_an_upstream_option_with_remote_http_is_refused(
    captured: Path,
    upstream: RunningSandbox,
    command: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ["--data-dir", str(captured), "--lang", "en", command, "--upstream", "http://spo.id"]
    assert main(argv, clock=CLOCK) == 1
    assert capsys.readouterr().err.startswith(
        "spo-counter: upstream: The --upstream address uses http:// to spo.id: beyond this PC "
        "only https:// is allowed"
    )


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"participants": [{"nik": "123"}]}', "participants.0.nik"),
        ('{"bills": [], "extra": 1}', "extra"),
        (None, "cannot read"),
    ],
)
def test_the_sandbox_command_refuses_fixtures_it_cannot_use(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None, expected: str
) -> None:
    path = tmp_path / "fixtures.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    argv = ["--data-dir", str(tmp_path), "--lang", "en", "sandbox", "--fixtures", str(path)]
    assert main(argv, clock=CLOCK) == 1
    err = capsys.readouterr().err
    assert err.startswith("spo-counter: fixtures: The fixtures file cannot be used: ")
    assert expected in err
