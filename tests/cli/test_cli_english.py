"""`--lang en` and SPO_LANG=en: every line a command prints, success lines too, in English."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.sync.sandbox.server import RunningSandbox
from tests.cli.conftest import Cli
from tests.cli.test_cli_setup import SPV_PIN, init_args
from tests.conftest import PINS
from tests.helpers import FakeClock

CODE = "BNI-0123-01"
TOKEN = "token-bni-0123-01"
# Words of the Indonesian lines: none may show up in an English run.
INDONESIAN = ("Hari kerja", "dibuka", "ditutup", "Laporan", "Kas ", "transaksi", "Terkirim")


@pytest.fixture
def pins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPO_PIN", PINS["teller01"])
    monkeypatch.setenv("SPO_SUPERVISOR_PIN", PINS["spv01"])


@pytest.fixture
def upstream(tmp_path: Path, clock: FakeClock) -> Iterator[RunningSandbox]:
    with RunningSandbox(f"sqlite:///{tmp_path / 'up.sqlite'}", {CODE: TOKEN}, clock=clock) as up:
        yield up


def test_init_says_the_counter_is_ready(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    monkeypatch.setenv("SPO_PIN", SPV_PIN)
    out = cli(*init_args(tmp_path / "new"), "--lang", "en").out
    sheet = tmp_path / "SPO-Counter-pemulihan-BNI-0123-01.pdf"
    assert out == (
        "Counter BNI-0123-01 ready. Supervisor: spv01.\n"
        f"The keys' recovery sheet: {sheet}. Print it, keep it in the branch safe, then delete "
        "the file.\n"
    )
    assert sheet.read_bytes().startswith(b"%PDF")


def test_the_business_day_opened_closed_and_reopened(
    data_dir: Path, clock: FakeClock, pins: None, cli: Cli
) -> None:
    where = ["--data-dir", str(data_dir), "--lang", "en"]
    today = f"{clock.today():%d/%m/%Y}"
    opened = cli(*where, "open-day", "--teller", "teller01", "--counted", "50000=2").out
    assert opened == f"Business day {today} opened by teller01. Opening float Rp100.000.\n"

    closed = cli(*where, "close-day", "--teller", "teller01", "--counted", "100000=1").out
    report_no = f"{CODE}-TH-{clock.today():%Y%m%d}-1"
    assert closed.splitlines() == [
        f"Business day {today} closed: report {report_no}.",
        f"  Expected cash   {'Rp100.000':>16}",
        f"  Counted cash    {'Rp100.000':>16}",
        f"  Difference      {'Rp0':>16}",
        f"  Debit payments  {'Rp0':>16}",
        f"Report: {data_dir / 'reports' / (report_no + '.pdf')}",
        "Send today's data to the upstream: spo-counter sync",
    ]

    reopened = cli(*where, "reopen-day", "--supervisor", "spv01", "--reason", "Count again").out
    assert reopened == (
        f"Business day {today} reopened by spv01 (report {report_no} stays kept). "
        "The next close makes version 2.\n"
    )


def test_a_report_that_cannot_be_written_is_said_in_english(
    data_dir: Path, tmp_path: Path, pins: None, cli: Cli
) -> None:
    where = ["--data-dir", str(data_dir), "--lang", "en"]
    cli(*where, "open-day", "--teller", "teller01", "--counted", "50000=2")
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    argv = ["close-day", "--teller", "teller01", "--counted", "100000=1"]
    ran = cli(*where, *argv, "--out", str(blocked / "report.pdf"))
    assert ran.err.startswith(f"spo-counter: out: file cannot be written: {blocked}")
    assert ran.out.splitlines()[-2].startswith("Report: ")


def test_sync_journal_and_verify_in_english(
    data_dir: Path,
    clock: FakeClock,
    upstream: RunningSandbox,
    pins: None,
    monkeypatch: pytest.MonkeyPatch,
    cli: Cli,
) -> None:
    monkeypatch.setenv("SPO_LANG", "en")  # the environment asks, as on a configured PC
    monkeypatch.setenv("SPO_UPSTREAM_URL", upstream.url)
    monkeypatch.setenv("SPO_UPSTREAM_TOKEN", TOKEN)
    where = ["--data-dir", str(data_dir)]
    cli(*where, "open-day", "--teller", "teller01", "--counted", "50000=2")
    cli(*where, "close-day", "--teller", "teller01", "--counted", "100000=1")

    synced = cli(*where, "sync").out.splitlines()
    assert synced[0].startswith("Sent 0, already there 0, refused 0 (")
    assert synced[0].endswith("Waiting: 0, quarantined: 0.")
    assert synced[1].startswith(f"Day close {CODE}-TH-{clock.today():%Y%m%d}-1: ")
    agreed = cli(*where, "reconcile").out
    assert (
        agreed
        == f"Agreed: the counter and the upstream hold the same for {clock.today():%d/%m/%Y}.\n"
    )
    assert cli(*where, "journal").out == "0 transactions.\n"
    checked = cli(*where, "verify").out
    assert checked.startswith("OK: the file is intact, ")
    assert checked.endswith(" 0 transactions matching, receipt numbers without a gap.\n")
    for printed in (*synced, agreed, checked):
        assert not any(word in printed for word in INDONESIAN), printed


def test_indonesian_stays_the_default(
    data_dir: Path, clock: FakeClock, pins: None, cli: Cli
) -> None:
    where = ["--data-dir", str(data_dir)]
    opened = cli(*where, "open-day", "--teller", "teller01", "--counted", "50000=2").out
    assert opened.startswith(f"Hari kerja {clock.today():%d/%m/%Y} dibuka oleh teller01.")
    assert cli(*where, "journal").out == "0 transaksi.\n"
