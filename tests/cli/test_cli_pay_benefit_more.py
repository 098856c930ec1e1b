"""`spo-counter pay-benefit` as a teller reads it: the line that says what was paid and where its
receipt is, the warning when the upstream's answer to the confirmation is lost (and the next
run's word that it is confirmed), and a cut-off payout still waiting when the upstream is down."""

from __future__ import annotations

import io
import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pypdf
import pytest
import sqlalchemy as sa

from desktop.counter import Counter
from desktop.services.auth import User
from desktop.services.benefit_payout import PayBenefit, open_payouts, pay_benefit
from desktop.store.schema import payout_ends, transactions
from desktop.store.store import Store
from desktop.sync.sandbox.server import RunningSandbox
from tests.cli.conftest import Cli, Ran
from tests.conftest import FakeClock
from tests.helpers import closed_port_url
from tests.sync.payout_support import SITI_NET, claims_ready, deciding
from tests.sync.registry_support import NIK_COURIER

__all__ = ["deciding"]  # the fixture, shared with tests/sync


class _Crash(BaseException):
    """Stands for the run dying after the upstream's hold (the real kill -9 is in
    tests/cli/test_cli_pay_benefit.py)."""


def _pdf_text(path: Path) -> str:
    pages = pypdf.PdfReader(io.BytesIO(path.read_bytes())).pages
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pages))


def _pay(
    cli: Cli, data_dir: Path, claim_no: str, *options: str, lang: str = "id", expect: int = 0
) -> Ran:
    """A cash payout of Siti's claim, its receipt saved as tunai.pdf in the data folder."""
    return cli(
        "--data-dir", str(data_dir), "--lang", lang, "pay-benefit", claim_no,
        "--teller", "teller01", "--nik", NIK_COURIER, "--method", "cash",
        "--out", str(data_dir / "tunai.pdf"), *options, expect=expect,
    )  # fmt: skip


class _LosesConfirmations(BaseHTTPRequestHandler):
    """Forwards every request to the upstream; a payout's confirmation reaches it, but the answer
    never comes back (the connection is dropped), as on a link that fails at that moment."""

    upstream = ""

    def do_GET(self) -> None:
        self._forward()

    def do_POST(self) -> None:
        self._forward()

    def _forward(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        headers = {
            name: value
            for name, value in self.headers.items()
            if name.lower() in {"authorization", "content-type", "accept"}
        }
        answer = httpx.request(
            self.command, self.upstream + self.path, content=body, headers=headers, timeout=30
        )
        if self.path.endswith("/payout/confirm"):
            self.close_connection = True
            return  # the upstream took it; the counter hears nothing
        self.send_response(answer.status_code)
        self.send_header("Content-Type", answer.headers.get("Content-Type", "application/json"))
        self.send_header("Content-Length", str(len(answer.content)))
        self.end_headers()
        self.wfile.write(answer.content)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def losing_link(deciding: RunningSandbox) -> Iterator[str]:
    """A link on 127.0.0.1 in front of the sandbox that loses the confirmations' answers."""
    handler = type("Handler", (_LosesConfirmations,), {"upstream": deciding.url})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="losing-link", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_the_payout_is_told_with_its_net_and_receipt_and_the_receipt_reads_back(
    cli: Cli, data_dir: Path, clock: FakeClock, teller: User, deciding: RunningSandbox
) -> None:
    (claim_no,) = claims_ready(data_dir, clock, teller, {})
    ran = _pay(cli, data_dir, claim_no)
    assert ran.out == (
        f"Klaim {claim_no} dibayar: Rp2.450.000 (cash), bukti BNI-0123-01-0000002 "
        f"({data_dir / 'tunai.pdf'}). Minta penerima menandatangani.\n"
    )
    assert ran.err == ""
    text = _pdf_text(data_dir / "tunai.pdf")
    assert "BUKTI PEMBAYARAN JAMINAN HARI TUA" in text
    assert f"Nomor klaim {claim_no}" in text
    assert "DIBAYAR (NETO) Rp2.450.000" in text
    assert "DUA JUTA EMPAT RATUS LIMA PULUH RIBU RUPIAH" in text
    again = _pay(cli, data_dir, claim_no, lang="en", expect=1)
    assert "This claim was paid at this counter with receipt BNI-0123-01-0000002" in again.err


def test_a_lost_confirmation_is_warned_and_the_next_run_confirms_it(
    cli: Cli,
    data_dir: Path,
    clock: FakeClock,
    teller: User,
    losing_link: str,
) -> None:
    (claim_no,) = claims_ready(data_dir, clock, teller, {})
    ran = _pay(cli, data_dir, claim_no, "--upstream", losing_link, lang="en")
    assert ran.out == (
        f"Claim {claim_no} paid: Rp2.450.000 (cash), receipt BNI-0123-01-0000002 "
        f"({data_dir / 'tunai.pdf'}). Have the claimant sign.\n"
    )
    assert ran.err == (
        "spo-counter: upstream: The upstream has not taken the payout's confirmation: "
        "sent again at next start.\n"
    )
    assert "DIBAYAR (NETO) Rp2.450.000" in _pdf_text(data_dir / "tunai.pdf")
    store = Store(data_dir)
    try:
        assert open_payouts(Counter(store, clock=clock)) == 1  # the money went out, unconfirmed
    finally:
        store.close()
    # The next command on a good link finishes it first and says so.
    shown = cli("--data-dir", str(data_dir), "claims", "--search", claim_no, "--json")
    assert shown.err == (
        f"spo-counter: payout: Pembayaran klaim {claim_no} yang terputus sudah dikonfirmasi "
        "ke server pusat.\n"
    )
    (row,) = shown.json()
    assert row["status"] == "paid"
    store = Store(data_dir)
    try:
        counter = Counter(store, clock=clock)
        assert open_payouts(counter) == 0
        with store.read() as connection:
            ends = connection.execute(sa.select(payout_ends.c.outcome)).scalars().all()
            paid = (
                connection.execute(
                    sa.select(transactions.c.amount).where(transactions.c.kind == "benefit_payment")
                )
                .scalars()
                .all()
            )
        assert (ends, paid) == (["confirmed"], [SITI_NET])
    finally:
        store.close()


def test_a_cut_off_payout_waiting_for_the_upstream_is_said_and_nothing_more_is_paid(
    cli: Cli,
    data_dir: Path,
    clock: FakeClock,
    teller: User,
    deciding: RunningSandbox,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (claim_no,) = claims_ready(data_dir, clock, teller, {})
    store = Store(data_dir)
    try:
        counter = Counter(store, clock=clock)

        def cut(step: str) -> None:
            if step == "reserved":
                raise _Crash(step)

        with pytest.raises(_Crash):
            pay_benefit(counter, teller, PayBenefit(claim_no, NIK_COURIER, "cash"), after=cut)
    finally:
        store.close()
    monkeypatch.setenv("SPO_UPSTREAM_URL", closed_port_url())
    ran = _pay(cli, data_dir, claim_no, expect=1)
    assert ran.err == (
        "spo-counter: payout: 1 pembayaran terputus menunggu server pusat: diselesaikan nanti.\n"
        "spo-counter: claim_receipt_no: Pembayaran klaim ini sedang berjalan atau terputus: "
        "tunggu sampai selesai, atau mulai ulang aplikasi agar diselesaikan.\n"
    )
    assert ran.out == ""
    assert not (data_dir / "tunai.pdf").exists()
    store = Store(data_dir)
    try:
        counter = Counter(store, clock=clock)
        assert open_payouts(counter) == 1
        with store.read() as connection:
            kinds = connection.execute(sa.select(transactions.c.kind)).scalars().all()
        assert "benefit_payment" not in kinds
    finally:
        store.close()
