"""`spo-counter receipt`: save and reprint PDFs, scan their QR back, find what never printed."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pypdf
import pypdfium2
import pytest
import zxingcpp

from desktop.cli import main
from desktop.counter import Counter
from desktop.services.auth import User
from desktop.services.contributions import pay_bpu
from desktop.services.registration import register_participant
from desktop.store.store import Store
from tests.conftest import PINS
from tests.helpers import JAKARTA, FakeClock
from tests.services.conftest import bpu_payment, registration

CLOCK = FakeClock()  # every command and counter in this module runs at this instant


@pytest.fixture
def receipts(data_dir: Path, teller: User) -> tuple[Path, str, str]:
    """A counter with a registration and a BPU payment captured at the module's instant."""
    store = Store(data_dir)
    counter = Counter(store, clock=CLOCK)
    registered = register_participant(counter, teller, registration())
    month = CLOCK.at.astimezone(JAKARTA).strftime("%Y-%m")
    paid = pay_bpu(counter, teller, bpu_payment(period_start=month, cash_given=20_000))
    store.close()
    return data_dir, registered.receipt_no, paid.receipt_no


@pytest.fixture(autouse=True)
def _teller_pin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPO_PIN", PINS["teller01"])


def _text(pdf: Path) -> str:
    return "\n".join(
        page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf.read_bytes())).pages
    )


def _scan(pdf: Path) -> str:
    page = pypdfium2.PdfDocument(pdf.read_bytes())[0]
    (code,) = zxingcpp.read_barcodes(page.render(scale=300 / 72).to_pil())
    return str(code.text)


def _run(folder: Path, *argv: str) -> int:
    return main(["--data-dir", str(folder), *argv], clock=CLOCK)


def test_save_then_save_again_gives_the_original_then_a_copy(
    receipts: tuple[Path, str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, _registered, paid = receipts
    first, second = tmp_path / "first.pdf", tmp_path / "second.pdf"
    assert _run(folder, "receipt", "save", paid, "--out", str(first), "--teller", "teller01") == 0
    assert "(asli)" in capsys.readouterr().out
    text = _text(first)
    assert paid in text
    assert "Rp16.800" in text
    assert "ENAM BELAS RIBU DELAPAN RATUS RUPIAH" in text
    assert "SALINAN" not in text
    assert _run(folder, "receipt", "save", paid, "--out", str(second), "--teller", "teller01") == 0
    assert "salinan ke-1" in capsys.readouterr().out
    assert "SALINAN KE-1" in _text(second)


def test_reprint_is_always_a_numbered_copy_on_the_paper_asked(
    receipts: tuple[Path, str, str], tmp_path: Path
) -> None:
    folder, _registered, paid = receipts
    out = tmp_path / "copy.pdf"
    assert (
        _run(
            folder,
            "receipt",
            "reprint",
            paid,
            "--out",
            str(out),
            "--teller",
            "teller01",
            "--paper",
            "a4",
        )
        == 0
    )
    reader = pypdf.PdfReader(io.BytesIO(out.read_bytes()))
    assert len(reader.pages) == 1  # A4: both sheets on one page
    assert "SALINAN KE-1" in _text(out)


def test_a_scanned_receipt_checks_out_and_a_tampered_one_does_not(
    receipts: tuple[Path, str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, _registered, paid = receipts
    out = tmp_path / "r.pdf"
    assert _run(folder, "receipt", "save", paid, "--out", str(out), "--teller", "teller01") == 0
    scanned = _scan(out)
    capsys.readouterr()
    assert _run(folder, "receipt", "check", scanned) == 0
    assert f"ASLI: tanda terima {paid}" in capsys.readouterr().out
    assert (
        _run(folder, "--lang", "en", "receipt", "check", scanned.replace("|16800|", "|61800|")) == 1
    )
    assert "forged or altered" in capsys.readouterr().out
    assert _run(folder, "receipt", "check", scanned, "--json") == 0
    assert json.loads(capsys.readouterr().out)["genuine"] is True


def test_unprinted_lists_what_was_never_printed_or_saved(
    receipts: tuple[Path, str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, registered, paid = receipts
    assert _run(folder, "receipt", "unprinted", "--json") == 0
    assert json.loads(capsys.readouterr().out) == [registered, paid]
    assert (
        _run(
            folder,
            "receipt",
            "save",
            paid,
            "--out",
            str(tmp_path / "x.pdf"),
            "--teller",
            "teller01",
        )
        == 0
    )
    capsys.readouterr()
    assert _run(folder, "receipt", "unprinted", "--json") == 0
    assert json.loads(capsys.readouterr().out) == [registered]


def test_a_receipt_that_cannot_be_written_is_journaled_as_failed(
    receipts: tuple[Path, str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, _registered, paid = receipts
    missing = tmp_path / "no-such-folder" / "r.pdf"
    assert _run(folder, "receipt", "save", paid, "--out", str(missing), "--teller", "teller01") == 1
    assert "spo-counter: out:" in capsys.readouterr().err
    assert _run(folder, "receipt", "unprinted", "--json") == 0
    assert paid in json.loads(capsys.readouterr().out)


def test_an_unknown_receipt_is_refused(
    receipts: tuple[Path, str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, _registered, _paid = receipts
    assert _run(folder, "receipt", "save", "BNI-0123-01-0009999", "--teller", "teller01") == 1
    assert "receipt_no" in capsys.readouterr().err


@pytest.mark.skipif(os.name != "posix", reason="Windows allows no control characters in names")
def test_a_file_name_with_control_characters_is_printed_escaped(
    receipts: tuple[Path, str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, _registered, paid = receipts
    out = tmp_path / "tanda terima\x1b[31m\n.pdf"
    assert _run(folder, "receipt", "save", paid, "--out", str(out), "--teller", "teller01") == 0
    printed = capsys.readouterr().out
    assert printed == f"Tanda terima {paid} (asli) disimpan: {str(out)!r}\n"
    assert "\x1b" not in printed
    assert out.is_file()
    unwritable = tmp_path / "no-such-folder" / "r\x1b[2J.pdf"
    assert (
        _run(folder, "receipt", "save", paid, "--out", str(unwritable), "--teller", "teller01") == 1
    )
    err = capsys.readouterr().err
    assert err.startswith(f"spo-counter: out: Berkas {str(unwritable)!r} tidak dapat ditulis")
    assert "\x1b" not in err
