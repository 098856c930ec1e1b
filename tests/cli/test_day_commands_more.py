"""More of the end of day from the command line: every figure `close-day --json` gives, checked
against the captures made and the report PDF read back; what `open-day`, `close-day` and
`reopen-day` print for a person; `sync` after a close with the upstream down (exit 1, the day
left to confirm) and then up again (confirmed, exit 0)."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pypdf
import pytest

from desktop.cli import main
from desktop.counter import Counter
from desktop.services.auth import User
from desktop.services.contributions import pay_bpu, pay_pu
from desktop.services.registration import register_participant
from desktop.services.voids import VoidTransaction, void_transaction
from desktop.store.store import Store
from desktop.sync.sandbox.server import RunningSandbox
from tests.conftest import PINS
from tests.helpers import JAKARTA, FakeClock, closed_port_url
from tests.services.conftest import bpu_payment, pu_payment, registration

CLOCK = FakeClock()  # every command and counter in this module runs at this instant

CODE = "BNI-0123-01"
TOKEN = "token-bni-0123-01"


def _today() -> datetime:
    return CLOCK.at.astimezone(JAKARTA)


def _run(capsys: pytest.CaptureFixture[str], folder: Path, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["--data-dir", str(folder), *argv], clock=CLOCK)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(autouse=True)
def _pins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPO_PIN", PINS["teller01"])
    monkeypatch.setenv("SPO_SUPERVISOR_PIN", PINS["spv01"])
    monkeypatch.delenv("SPO_UPSTREAM_URL", raising=False)
    monkeypatch.delenv("SPO_UPSTREAM_TOKEN", raising=False)


class Taken:
    """The day's captures: cash in, cash voided, debit."""

    def __init__(self, bpu_cash: int, pu_cash_voided: int, pu_debit: int) -> None:
        self.bpu_cash = bpu_cash
        self.pu_cash_voided = pu_cash_voided
        self.pu_debit = pu_debit


def take(data_dir: Path, teller: User) -> Taken:
    store = Store(data_dir)
    try:
        counter = Counter(store, clock=CLOCK)
        register_participant(counter, teller, registration())
        month = _today().strftime("%Y-%m")
        bpu = pay_bpu(counter, teller, bpu_payment(period_start=month))
        voided = pay_pu(counter, teller, pu_payment(tender="cash"))
        debit = pay_pu(counter, teller, pu_payment(payment_code="123456789013"))
        void_transaction(
            counter,
            teller,
            VoidTransaction(voided.receipt_no, "Salah kode bayar", "spv01", PINS["spv01"]),
        )
        return Taken(bpu.amount, voided.amount, debit.amount)
    finally:
        store.close()


def rupiah(amount: int) -> str:
    return "Rp" + f"{amount:,}".replace(",", ".")


def test_close_day_json_gives_every_figure_and_the_pdf_says_the_same(
    data_dir: Path, teller: User, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = _run(
        capsys, data_dir, "open-day", "--teller", "teller01", "--counted", "100000=2,50000=4"
    )
    assert code == 0, err
    taken = take(data_dir, teller)
    expected = 400_000 + taken.bpu_cash
    assert taken.pu_cash_voided > 0
    assert taken.pu_debit > 0
    out = tmp_path / "laporan.pdf"
    code, printed, err = _run(
        capsys, data_dir, "close-day", "--teller", "teller01",
        "--counted", f"100={expected // 100}", "--out", str(out), "--json",
    )  # fmt: skip
    assert code == 0, err
    closed: dict[str, Any] = json.loads(printed)
    assert closed == {
        "business_date": _today().date().isoformat(),
        "report_no": f"{CODE}-TH-{_today():%Y%m%d}-1",
        "version": 1,
        "opening_float": 400_000,
        "cash_received": taken.bpu_cash + taken.pu_cash_voided,
        "cash_voided": taken.pu_cash_voided,
        "cash_refunded": 0,
        "cash_paid_out": 0,
        "expected_cash": expected,
        "counted_cash": expected,
        "variance": 0,
        "debit_total": taken.pu_debit,
        "variance_reason": closed["variance_reason"],  # no difference: nothing to say
        "approved_by": None,
        "pdf_sha256": closed["pdf_sha256"],
        "report": str(out),
    }
    assert not closed["variance_reason"]
    text = " ".join(
        page.extract_text() for page in pypdf.PdfReader(io.BytesIO(out.read_bytes())).pages
    )
    for figure in (expected, taken.pu_debit, taken.pu_cash_voided):
        assert rupiah(figure) in text, rupiah(figure)


def test_open_close_and_reopen_print_what_a_person_reads(
    data_dir: Path, teller: User, capsys: pytest.CaptureFixture[str]
) -> None:
    taken = take(data_dir, teller)  # the first capture opened the day with a zero float
    today = f"{_today():%d/%m/%Y}"
    code, out, err = _run(
        capsys, data_dir, "open-day", "--teller", "teller01", "--counted", "50000=2"
    )
    assert code == 0, err
    assert out == (
        f"Modal awal Rp100.000 dicatat untuk hari kerja {today} (sudah dibuka otomatis).\n"
    )
    expected = 100_000 + taken.bpu_cash
    short = expected - 1_000
    code, out, err = _run(
        capsys, data_dir, "close-day", "--teller", "teller01", "--counted",
        f"100={short // 100}", "--supervisor", "spv01", "--reason", "Uang kurang seribu",
    )  # fmt: skip
    assert code == 0, err
    lines = out.splitlines()
    report_no = f"{CODE}-TH-{_today():%Y%m%d}-1"
    assert lines[0] == f"Hari kerja {today} ditutup: laporan {report_no}."
    assert lines[1].split() == ["Kas", "seharusnya", rupiah(expected)]
    assert lines[2].split() == ["Kas", "dihitung", rupiah(short)]
    assert lines[3].split() == ["Selisih", "-Rp1.000"]
    assert lines[4].split() == ["Debit", "rekening", rupiah(taken.pu_debit)]
    assert lines[5].strip() == "Disetujui spv01: Uang kurang seribu"
    assert lines[6] == f"Laporan: {data_dir / 'reports' / (report_no + '.pdf')}"
    assert lines[7] == "Kirim data hari ini ke server pusat: spo-counter sync"
    code, out, err = _run(
        capsys, data_dir, "reopen-day", "--supervisor", "spv01", "--reason", "Hitung ulang kas"
    )
    assert code == 0, err
    assert out == (
        f"Hari kerja {today} dibuka kembali oleh spv01 (laporan {report_no} tetap tersimpan). "
        "Penutupan berikutnya membuat versi 2.\n"
    )


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[RunningSandbox]:
    db = f"sqlite:///{tmp_path / 'upstream.sqlite'}"
    with RunningSandbox(db, {CODE: TOKEN}, clock=CLOCK) as upstream:
        yield upstream


def test_sync_with_the_upstream_down_at_the_closing_upload_leaves_the_day_to_confirm_later(
    data_dir: Path,
    teller: User,
    sandbox: RunningSandbox,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr("time.sleep", lambda _seconds: None)  # no waiting between retries
    take(data_dir, teller)
    monkeypatch.setenv("SPO_UPSTREAM_TOKEN", TOKEN)
    monkeypatch.setenv("SPO_UPSTREAM_URL", sandbox.url)
    code, out, err = _run(capsys, data_dir, "sync", "--json")
    assert code == 0, err
    assert json.loads(out)["days"] == []  # the records are up; no day is closed yet
    taken_day = _today()
    code, out, err = _run(
        capsys, data_dir, "close-day", "--teller", "teller01", "--counted", "100000=0",
        "--supervisor", "spv01", "--reason", "Laci dikosongkan",
    )  # fmt: skip
    assert code == 0, err
    report_no = f"{CODE}-TH-{taken_day:%Y%m%d}-1"

    monkeypatch.setenv("SPO_UPSTREAM_URL", closed_port_url())
    code, out, err = _run(capsys, data_dir, "sync", "--json")
    assert (code, out) == (1, "")
    assert err.startswith("spo-counter: upstream:"), err

    monkeypatch.setenv("SPO_UPSTREAM_URL", sandbox.url)
    code, out, err = _run(capsys, data_dir, "sync", "--json")
    assert code == 0, err
    [day] = json.loads(out)["days"]
    assert (day["report_no"], day["confirmed"], day["problem"]) == (report_no, True, None)
