"""`spo-counter pay-benefit` against the real sandbox: a transfer with tax and its receipt read
back, cash that leaves the drawer and shows in the close, two processes racing for one claim
(one pays), and a process killed (SIGKILL) between the steps whose payout the next run finishes
or releases."""

from __future__ import annotations

import io
import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest
import sqlalchemy as sa

from desktop.counter import Counter
from desktop.services.auth import User
from desktop.services.benefit_payout import open_payouts
from desktop.services.business_day import open_day
from desktop.settings import PcSettings, save_settings
from desktop.store.schema import benefit_payments
from desktop.store.store import Store
from desktop.sync.sandbox.server import RunningSandbox
from tests.cli.conftest import Cli
from tests.conftest import PINS, FakeClock
from tests.helpers import closed_port_url
from tests.sync.claims_support import KPJ_RICH, NIK_RICH, TOKEN_OTHER
from tests.sync.payout_support import (
    FLOAT,
    SITI_NET,
    claims_ready,
    deciding,
    second_counter,
)
from tests.sync.registry_support import NIK_COURIER, TOKEN

__all__ = ["deciding"]  # the fixture, shared with tests/sync

ROOT = Path(__file__).resolve().parents[2]
RICH_GROSS, RICH_TAX = 80_000_000, 1_500_000  # 5% of the part above Rp50.000.000


def _pdf_text(path: Path) -> str:
    pages = pypdf.PdfReader(io.BytesIO(path.read_bytes())).pages
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pages))


RICH = {
    "nik": NIK_RICH,
    "kpj": KPJ_RICH,
    "participant_name": "Hendra Gunawan",
    "payout_account_holder": "Hendra Gunawan",
}


def test_a_transfer_pays_the_net_after_tax_and_its_receipt_says_so(
    cli: Cli,
    data_dir: Path,
    clock: FakeClock,
    teller: User,
    deciding: RunningSandbox,
    tmp_path: Path,
) -> None:
    (claim_no,) = claims_ready(data_dir, clock, teller, RICH)
    out = tmp_path / "bayar.pdf"
    base = ("--data-dir", str(data_dir), "pay-benefit", claim_no, "--teller", "teller01")
    wrong = cli(*base, "--nik", NIK_COURIER, "--method", "transfer", "--reference", "T", expect=1)
    assert "nik: NIK 3273" in wrong.err
    paid = cli.json(
        *base,
        "--nik",
        NIK_RICH,
        "--method",
        "transfer",
        "--reference",
        "TRF-881",
        "--out",
        str(out),
    )
    net = RICH_GROSS - RICH_TAX
    assert paid == {
        "receipt_no": "BNI-0123-01-0000002",
        "claim_receipt_no": claim_no,
        "gross": RICH_GROSS,
        "tax": RICH_TAX,
        "net": net,
        "method": "transfer",
        "reference": "TRF-881",
        "confirmed": True,
        "receipt": str(out),
    }
    text = _pdf_text(out)
    assert "BUKTI PEMBAYARAN JAMINAN HARI TUA" in text
    assert f"Nomor klaim {claim_no}" in text
    assert "Jaminan Hari Tua (bruto) Rp80.000.000" in text
    assert "PPh 21 final -Rp1.500.000" in text
    assert "DIBAYAR (NETO) Rp78.500.000" in text
    assert "TUJUH PULUH DELAPAN JUTA LIMA RATUS RIBU RUPIAH" in text
    assert "Referensi TRF-881" in text
    assert "Penerima" in text and "Teller" in text  # noqa: PT018 - the two signature lines
    again = cli(*base, "--nik", NIK_RICH, "--method", "transfer", "--reference", "X", expect=1)
    assert "sudah dibayar di loket ini dengan bukti BNI-0123-01-0000002" in again.err
    # A transfer never touches the drawer.
    closed = cli.json(
        "--data-dir", str(data_dir), "close-day", "--teller", "teller01", "--counted", FLOAT
    )
    assert (closed["cash_paid_out"], closed["expected_cash"], closed["variance"]) == (
        0,
        5_000_000,
        0,
    )


def test_cash_leaves_the_drawer_and_the_close_lists_it(
    cli: Cli,
    data_dir: Path,
    clock: FakeClock,
    teller: User,
    deciding: RunningSandbox,
    tmp_path: Path,
) -> None:
    (claim_no,) = claims_ready(data_dir, clock, teller, {})
    out = tmp_path / "tunai.pdf"
    paid = cli.json(
        "--data-dir",
        str(data_dir),
        "pay-benefit",
        claim_no,
        "--teller",
        "teller01",
        "--nik",
        NIK_COURIER,
        "--method",
        "cash",
        "--out",
        str(out),
    )
    assert (paid["net"], paid["method"], paid["confirmed"]) == (SITI_NET, "cash", True)
    text = _pdf_text(out)
    assert "Dibayar Tunai" in text
    assert "DUA JUTA EMPAT RATUS LIMA PULUH RIBU RUPIAH" in text
    left = 5_000_000 - SITI_NET
    counted = "100000=25,50000=1"  # Rp2.550.000: the float less the payout
    closed = cli.json(
        "--data-dir", str(data_dir), "close-day", "--teller", "teller01", "--counted", counted
    )
    assert (closed["cash_paid_out"], closed["expected_cash"], closed["variance"]) == (
        SITI_NET,
        left,
        0,
    )
    report = _pdf_text(Path(closed["report"]))
    assert "− Jaminan dibayar tunai Rp2.450.000" in report
    assert "Pembayaran jaminan JHT" in report
    assert paid["receipt_no"] in report
    journal = cli("--data-dir", str(data_dir), "journal")
    assert paid["receipt_no"] in journal.out
    assert "benefit_payment" in journal.out
    # The manifest carries it: the upstream confirms the closed day, the payment among its records.
    synced = cli.json("--data-dir", str(data_dir), "sync")
    assert synced["quarantined"] == []
    assert [day["confirmed"] for day in synced["days"]] == [True]


# --- real processes ------------------------------------------------------------------------------

CHILD = """
import sys
from desktop.cli import main
from tests.helpers import FakeClock
sys.exit(main(sys.argv[1:], clock=FakeClock()))
"""


def _run(data_dir: Path, claim_no: str, env: dict[str, str]) -> subprocess.Popen[str]:
    argv = [
        "--data-dir",
        str(data_dir),
        "pay-benefit",
        claim_no,
        "--teller",
        "teller01",
        "--nik",
        NIK_COURIER,
        "--method",
        "cash",
        "--json",
        "--out",
        str(data_dir / "bukti.pdf"),
    ]
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, *argv],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_counters_racing_for_one_claim_pay_it_once(
    cli: Cli,
    data_dir: Path,
    clock: FakeClock,
    teller: User,
    deciding: RunningSandbox,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (claim_no,) = claims_ready(data_dir, clock, teller, {})
    # The claim was handed over at counter 01; the participant is at counter 02 as well (its own
    # PC, store and token, the claim not in its store): two counters, two processes, one upstream.
    other = second_counter(tmp_path / "counter02", clock)
    store = Store(other)
    open_day(Counter(store, clock=clock), teller, FLOAT)
    store.close()
    monkeypatch.setenv("SPO_UPSTREAM_TOKEN", TOKEN_OTHER)
    shown = cli("--data-dir", str(other), "claims", "--search", claim_no)
    assert "Disetujui, menunggu dibayar" in shown.out
    assert "diserahkan di loket BNI-0123-01" in shown.err + shown.out
    runs = [
        _run(data_dir, claim_no, {"SPO_UPSTREAM_TOKEN": TOKEN}),
        _run(other, claim_no, {"SPO_UPSTREAM_TOKEN": TOKEN_OTHER}),
    ]
    results = [run.communicate(timeout=120) for run in runs]
    codes = sorted(run.returncode for run in runs)
    assert codes == [0, 1], results
    winner = next(
        out for run, (out, _err) in zip(runs, results, strict=True) if run.returncode == 0
    )
    loser_err = next(err for run, (_out, err) in zip(runs, results, strict=True) if run.returncode)
    assert json.loads(winner)["net"] == SITI_NET
    assert json.loads(winner)["claim_receipt_no"] == claim_no
    assert "sedang dibayar di loket lain" in loser_err or "sudah dibayar" in loser_err, loser_err
    paid = []
    for folder in (data_dir, other):
        store = Store(folder)
        counter = Counter(store, clock=clock)
        assert open_payouts(counter) == 0
        with store.read() as connection:
            paid += connection.execute(sa.select(benefit_payments.c.claim_receipt_no)).all()
        store.close()
    assert paid == [(claim_no,)]  # one payment, at one of the two counters


# The drill's kill as its parent sees it: SIGKILL on POSIX; on Windows os.kill is TerminateProcess,
# the exit code the signal's number (desktop/cli/payouts.py uses SIGTERM there, having no SIGKILL).
KILLED = -signal.SIGKILL if sys.platform != "win32" else int(signal.SIGTERM)


@pytest.mark.parametrize(("step", "outcome"), [("reserved", "released"), ("paid", "confirmed")])
def test_a_payout_killed_between_reserve_and_confirm_is_finished_by_the_next_run(
    cli: Cli,
    data_dir: Path,
    clock: FakeClock,
    teller: User,
    deciding: RunningSandbox,
    step: str,
    outcome: str,
) -> None:
    (claim_no,) = claims_ready(data_dir, clock, teller, {})
    run = _run(data_dir, claim_no, {"SPO_PAYOUT_CRASH_AFTER": step})
    run.communicate(timeout=120)
    assert run.returncode == KILLED
    store = Store(data_dir)
    assert open_payouts(Counter(store, clock=clock)) == 1
    store.close()
    shown = cli("--data-dir", str(data_dir), "claims", "--search", claim_no, "--json")
    said = {"released": "dilepas, klaim dapat dibayar lagi", "confirmed": "sudah dikonfirmasi"}
    assert said[outcome] in shown.err
    if outcome == "released":  # the money never moved: paid now, once
        paid = cli.json(
            "--data-dir",
            str(data_dir),
            "pay-benefit",
            claim_no,
            "--teller",
            "teller01",
            "--nik",
            NIK_COURIER,
            "--method",
            "cash",
            "--out",
            str(data_dir / "bukti.pdf"),
        )
        assert paid["confirmed"] is True
    synced = cli.json("--data-dir", str(data_dir), "sync")
    assert synced["quarantined"] == []
    (row,) = cli.json("--data-dir", str(data_dir), "claims", "--search", claim_no)
    assert row["status"] == "paid"


def test_cash_above_the_threshold_needs_a_supervisors_pin(
    cli: Cli,
    data_dir: Path,
    clock: FakeClock,
    teller: User,
    deciding: RunningSandbox,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (claim_no,) = claims_ready(data_dir, clock, teller, {})
    save_settings(
        data_dir, PcSettings(cash_payout_limit="3000000", cash_payout_approval_above="1000000")
    )
    base = (
        "--data-dir", str(data_dir), "pay-benefit", claim_no, "--teller", "teller01",
        "--nik", NIK_COURIER, "--method", "cash",
    )  # fmt: skip
    refused = cli(*base, expect=1)
    assert "supervisor_id: Pembayaran tunai di atas Rp1.000.000 perlu persetujuan" in refused.err
    monkeypatch.setenv("SPO_SUPERVISOR_PIN", "000000")
    wrong = cli(*base, "--supervisor", "spv01", expect=1)
    assert "pin" in wrong.err.lower()
    monkeypatch.setenv("SPO_SUPERVISOR_PIN", PINS["spv01"])
    paid = cli.json(*base, "--supervisor", "spv01", "--out", str(data_dir / "b.pdf"))
    assert (paid["net"], paid["confirmed"]) == (SITI_NET, True)
    assert "Disetujui Siti Rahmawati" in _pdf_text(data_dir / "b.pdf")


def test_offline_the_command_says_so_and_pays_nothing(
    cli: Cli,
    data_dir: Path,
    clock: FakeClock,
    teller: User,
    deciding: RunningSandbox,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (claim_no,) = claims_ready(data_dir, clock, teller, {})
    monkeypatch.setenv("SPO_UPSTREAM_URL", closed_port_url())
    refused = cli(
        "--data-dir", str(data_dir), "pay-benefit", claim_no, "--teller", "teller01",
        "--nik", NIK_COURIER, "--method", "cash", expect=1,
    )  # fmt: skip
    assert "upstream: Server pusat tidak dapat dihubungi" in refused.err
    assert "Tidak ada yang dibayar" in refused.err
    journal = cli("--data-dir", str(data_dir), "journal", "--json")
    assert "benefit_payment" not in journal.out
