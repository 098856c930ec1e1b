"""`spo-counter open-day`, `close-day` and `reopen-day`: the end of day from the command line."""

from __future__ import annotations

import hashlib
import io
import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pypdf
import pytest

from desktop.cli import main
from desktop.counter import Counter
from desktop.errors import DomainError
from desktop.services.auth import User
from desktop.services.contributions import pay_bpu
from desktop.services.registration import register_participant
from desktop.store.store import Store
from tests.conftest import PINS
from tests.helpers import JAKARTA, FakeClock
from tests.services.conftest import NIK_WOMAN, bpu_payment, registration
from tests.tamper import query

CLOCK = FakeClock()  # every command and counter in this module runs at this instant


def _today() -> datetime:
    return CLOCK.at.astimezone(JAKARTA)


def _run(capsys: pytest.CaptureFixture[str], folder: Path, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["--data-dir", str(folder), *argv], clock=CLOCK)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _json(capsys: pytest.CaptureFixture[str], folder: Path, *argv: str) -> Any:
    code, out, err = _run(capsys, folder, *argv, "--json")
    assert code == 0, err
    return json.loads(out)


@pytest.fixture(autouse=True)
def _pins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPO_PIN", PINS["teller01"])
    monkeypatch.setenv("SPO_SUPERVISOR_PIN", PINS["spv01"])


@pytest.fixture
def paid(data_dir: Path, teller: User) -> Path:
    """Today (the module's clock): the float Rp400.000 counted, then a cash payment of Rp16.800."""
    assert main(["--data-dir", str(data_dir), "open-day", "--teller", "teller01",
                 "--counted", "100000=2,50000=4"], clock=CLOCK) == 0  # fmt: skip
    store = Store(data_dir)
    counter = Counter(store, clock=CLOCK)
    register_participant(counter, teller, registration())
    pay_bpu(counter, teller, bpu_payment(period_start=_today().strftime("%Y-%m")))
    store.close()
    return data_dir


def test_open_day_counts_the_float(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    opened = _json(
        capsys, data_dir, "open-day", "--teller", "teller01", "--counted", "100000=2,50000=4,500=10"
    )
    assert opened == {
        "business_date": _today().date().isoformat(),
        "opening_float": 405_000,
        "counted": {"100000": 2, "50000": 4, "500c": 10},
        "float_added_later": False,
        "unclosed_days": [],
    }
    code, _out, err = _run(
        capsys, data_dir, "open-day", "--teller", "teller01", "--counted", "100000=1"
    )
    assert code == 1
    assert err.startswith("spo-counter: business_date: Hari kerja")


def test_close_day_prints_the_figures_and_writes_the_report(
    paid: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "laporan.pdf"
    closed = _json(
        capsys,
        paid,
        "close-day",
        "--teller",
        "teller01",
        "--counted",
        "100000=2,50000=4,10000=1,5000=1,1000=1,500=1,200=1,100=1",
        "--out",
        str(out),
    )
    assert (closed["expected_cash"], closed["counted_cash"], closed["variance"]) == (
        416_800,
        416_800,
        0,
    )
    assert closed["report"] == str(out)
    assert closed["report_no"] == f"BNI-0123-01-TH-{_today():%Y%m%d}-1"
    pdf = out.read_bytes()
    assert hashlib.sha256(pdf).hexdigest() == closed["pdf_sha256"]
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert "Rp416.800" in text
    assert closed["report_no"] in text


def test_a_difference_needs_a_supervisor_and_a_reason(
    paid: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    short = "100000=2,50000=4,10000=1,5000=1"  # Rp1.800 short
    code, out, err = _run(capsys, paid, "close-day", "--teller", "teller01", "--counted", short)
    assert code == 1
    assert out == ""
    assert err.startswith("spo-counter: variance: Kas dihitung Rp415.000")
    assert "-Rp1.800" in err
    closed = _json(
        capsys,
        paid,
        "close-day",
        "--teller",
        "teller01",
        "--counted",
        short,
        "--supervisor",
        "spv01",
        "--reason",
        "Uang receh kurang",
    )
    assert closed["variance"] == -1_800
    assert closed["approved_by"] == "spv01"
    assert closed["variance_reason"] == "Uang receh kurang"
    assert Path(closed["report"]).parent == paid / "reports"


def test_a_wrong_supervisor_pin_closes_nothing(
    paid: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SPO_SUPERVISOR_PIN", "999999")
    code, _out, err = _run(
        capsys,
        paid,
        "close-day",
        "--teller",
        "teller01",
        "--counted",
        "100000=1",
        "--supervisor",
        "spv01",
        "--reason",
        "Uang receh kurang",
    )
    assert code == 1
    assert err.startswith("spo-counter: supervisor_pin:")
    # The day is still there, open.
    assert query(paid, "SELECT count(*) FROM day_closes") == [(0,)]
    assert query(paid, "SELECT DISTINCT status FROM business_days") == [("open",)]


def test_captures_are_refused_after_close_and_reopen_makes_version_two(
    paid: Path, teller: User, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    exact = "100000=2,50000=4,10000=1,5000=1,1000=1,500=1,200=1,100=1"
    first = _json(capsys, paid, "close-day", "--teller", "teller01", "--counted", exact)
    store = Store(paid)
    try:
        with pytest.raises(DomainError) as caught:
            register_participant(
                Counter(store, clock=CLOCK),
                teller,
                registration(nik=NIK_WOMAN, birth_date="", sex=""),
            )
        assert caught.value.field == "business_date"
    finally:
        store.close()
    monkeypatch.setenv("SPO_SUPERVISOR_PIN", PINS["teller01"])
    code, _out, err = _run(
        capsys, paid, "reopen-day", "--supervisor", "teller01", "--reason", "Hitung ulang"
    )
    assert (code, err.split(":")[1].strip()) == (1, "supervisor_id")  # a teller cannot reopen
    monkeypatch.setenv("SPO_SUPERVISOR_PIN", PINS["spv01"])
    reopened = _json(
        capsys, paid, "reopen-day", "--supervisor", "spv01", "--reason", "Hitung ulang kas"
    )
    assert reopened["reopened_report"] == first["report_no"]
    assert reopened["next_version"] == 2
    second = _json(capsys, paid, "close-day", "--teller", "teller01", "--counted", exact)
    assert second["report_no"] == first["report_no"][:-1] + "2"
    assert Path(first["report"]).exists()
    assert Path(second["report"]).exists()


def test_a_report_file_that_cannot_be_written_goes_to_the_data_folder(
    paid: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where a folder should be")
    code, out, err = _run(
        capsys,
        paid,
        "close-day",
        "--teller",
        "teller01",
        "--counted",
        "100000=2,50000=4,10000=1,5000=1,1000=1,500=1,200=1,100=1",
        "--out",
        str(blocked / "laporan.pdf"),
    )
    assert code == 0
    assert "ditutup" in out
    assert f"Laporan: {paid / 'reports'}" in out
    assert "berkas tidak dapat ditulis" in err


@pytest.mark.parametrize(
    ("argv", "field"),
    [
        (["close-day", "--teller", "teller01", "--counted", "3000=1"], "counted"),
        (["close-day", "--teller", "teller01", "--counted", ""], "counted"),
        (["close-day", "--teller", "teller01", "--counted", "100000=1", "--date", "2020-13-01"],
         "date"),
        (["reopen-day", "--supervisor", "spv01", "--reason", "x"], "reason"),
        (["reopen-day", "--supervisor", "spv01", "--reason", "Belum ditutup"], "date"),
    ],
)  # fmt: skip
def test_bad_input_names_the_field(
    paid: Path, capsys: pytest.CaptureFixture[str], argv: list[str], field: str
) -> None:
    code, _out, err = _run(capsys, paid, *argv)
    assert code == 1
    assert err.startswith(f"spo-counter: {field}:")


def test_close_day_requires_the_count(paid: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--data-dir", str(paid), "close-day", "--teller", "teller01"], clock=CLOCK)
    assert caught.value.code == 2
