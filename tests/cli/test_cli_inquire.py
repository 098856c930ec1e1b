"""`spo-counter inquire`: the upstream's answer, in Indonesian, in English and as JSON; the
sandbox command serving its fixtures; a stalled upstream said in a clear message."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.sync.sandbox.server import RunningSandbox
from tests.cli.test_cli_sync import run_sandbox_command, stop, wait_until_listening
from tests.helpers import FakeClock, free_port
from tests.sync.registry_support import (
    CODE_LATE,
    KPJ_COURIER,
    NIK_COURIER,
    NIK_TRADER,
    fixtures,
    write_fixtures,
)
from tests.sync.stalled import StalledServer

CLOCK = FakeClock()
TOKEN = "token-bni-0123-01"


@pytest.fixture
def upstream(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[RunningSandbox]:
    db = f"sqlite:///{tmp_path / 'up.sqlite'}"
    with RunningSandbox(db, {"BNI-0123-01": TOKEN}, clock=CLOCK, fixtures=fixtures()) as running:
        monkeypatch.setenv("SPO_UPSTREAM_URL", running.url)
        monkeypatch.setenv("SPO_UPSTREAM_TOKEN", TOKEN)
        yield running


@pytest.mark.usefixtures("upstream")
def test_a_participant_in_indonesian(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(data_dir), "inquire", NIK_COURIER], clock=CLOCK) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[:6] == [
        "Siti Aminah (NIK 3273••••••••0004, KPJ 2301•••0457)",
        "Status: aktif · penghasilan Rp1.000.000 · program JKK+JKM+JHT · sektor transport",
        "Lunas s.d. 10/2026 · dapat dibayar 11/2026 sampai 10/2027",
        # November was due by the 15th and is unpaid on the 24th: the protection has lapsed.
        "Perlindungan: berakhir 31/10/2026",
        "Iuran berikutnya: 11/2026, jatuh tempo 15/11/2026 (lewat)",
        "Saldo JHT: Rp2.450.000",
    ]
    assert out.splitlines()[6:] == [
        "   1 bulan  11/2026-11/2026      Rp28.400 (Diskon PP 50/2025 -Rp8.400)",
        "   3 bulan  11/2026-01/2027      Rp85.200 (Diskon PP 50/2025 -Rp25.200)",
        "   6 bulan  11/2026-04/2027     Rp178.800 (Diskon PP 50/2025 -Rp42.000)",
        "  12 bulan  11/2026-10/2027     Rp399.600 (Diskon PP 50/2025 -Rp42.000)",
    ]
    assert NIK_COURIER not in out
    assert KPJ_COURIER not in out


@pytest.mark.usefixtures("upstream")
def test_a_late_bill_in_english(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["--data-dir", str(data_dir), "--lang", "en", "inquire", CODE_LATE]
    assert main(argv, clock=CLOCK) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "CV Maju Bersama (NPP 15070956)"
    assert out[1] == f"Payment code {CODE_LATE} · month 09/2026"
    assert out[-1] == (
        "Total Rp320.000 · due 15/10/2026 · late fine Rp12.800 (2 months) · not paid"
    )


@pytest.mark.usefixtures("upstream")
def test_json_keeps_the_contracts_keys(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["--data-dir", str(data_dir), "inquire", NIK_TRADER, "--json"]
    assert main(argv, clock=CLOCK) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["participant"]["paid_through"] == "2026-11"
    assert answer["participant"]["quotes"][0]["total"] == 26_800
    assert answer["bill"] is None


@pytest.mark.usefixtures("upstream")
def test_a_participant_paid_ahead_is_protected_in_english(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--data-dir", str(data_dir), "--lang", "en", "inquire", NIK_TRADER]
    assert main(argv, clock=CLOCK) == 0
    out = capsys.readouterr().out.splitlines()
    assert "Protection: through 30/11/2026" in out
    assert "Next contribution: 12/2026, due 15/12/2026" in out


@pytest.mark.usefixtures("upstream")
def test_an_unknown_nik_is_a_clear_refusal(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(data_dir), "inquire", "3171011708850002"], clock=CLOCK) == 1
    assert capsys.readouterr().err == (
        "spo-counter: query: Server pusat tidak mengenal 3171••••••••0002: bukan peserta maupun "
        "kode iuran yang terdaftar.\n"
    )


def test_a_stalled_upstream_is_said_in_both_languages(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SPO_UPSTREAM_TOKEN", TOKEN)
    with StalledServer() as stalled:
        monkeypatch.setenv("SPO_UPSTREAM_URL", stalled.url)
        assert main(["--data-dir", str(data_dir), "inquire", NIK_TRADER], clock=CLOCK) == 1
        assert capsys.readouterr().err.startswith(
            "spo-counter: upstream: Server pusat tidak menjawab dalam 2 detik: loket bekerja "
            "offline."
        )
        argv = ["--data-dir", str(data_dir), "--lang", "en", "inquire", NIK_TRADER]
        assert main(argv, clock=CLOCK) == 1
        assert capsys.readouterr().err.startswith(
            "spo-counter: upstream: The upstream did not answer within 2 s: the counter works "
            "offline."
        )


def test_the_sandbox_command_answers_from_its_fixtures(
    tmp_path: Path,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    port = free_port()
    process = run_sandbox_command(
        tmp_path, "--port", str(port), "--fixtures", str(write_fixtures(tmp_path))
    )
    try:
        wait_until_listening(process)
        monkeypatch.setenv("SPO_UPSTREAM_TOKEN", TOKEN)
        argv = ["--data-dir", str(data_dir), "inquire", KPJ_COURIER, "--json"]
        argv += ["--upstream", f"http://127.0.0.1:{port}"]
        assert main(argv, clock=CLOCK) == 0
    finally:
        stop(process)
    answer = json.loads(capsys.readouterr().out)
    # The server runs on the real clock: only what does not depend on the date is checked.
    assert (answer["participant"]["nik"], answer["participant"]["full_name"]) == (
        NIK_COURIER,
        "Siti Aminah",
    )
