"""`spo-counter pay`: a contribution by NIK; offline, for a NIK nobody can verify, with --name and
--birth-date; settled by `sync` against the real sandbox with fixtures."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest

from desktop.counter import Counter
from desktop.services.unverified import UnverifiedPayment, Verification, verification_of
from desktop.store.store import Store
from desktop.sync.sandbox.server import RunningSandbox
from tests.cli.conftest import Cli
from tests.conftest import PINS
from tests.helpers import closed_port_url
from tests.sync.registry_support import (
    KPJ_TRADER,
    NIK_COURIER,
    NIK_TRADER,
    TOKEN,
    registry_sandbox,
)

DECEMBER = (
    "--months", "1", "--period-start", "2026-12", "--income", "2000000",
    "--programs", "JKK+JKM", "--teller", "teller01",
)  # fmt: skip
BAMBANG = ("--name", "Bambang Wijaya", "--birth-date", "01/01/1990")


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPO_PIN", PINS["teller01"])
    monkeypatch.setenv("SPO_UPSTREAM_URL", closed_port_url())
    monkeypatch.setenv("SPO_UPSTREAM_TOKEN", TOKEN)


@pytest.fixture
def upstream(tmp_path: Path) -> Iterator[RunningSandbox]:
    with registry_sandbox(tmp_path) as running:
        yield running


def verification(data_dir: Path, receipt_no: str) -> UnverifiedPayment:
    store = Store(data_dir)
    try:
        state = verification_of(Counter(store), receipt_no)
    finally:
        store.close()
    assert state is not None
    return state


def test_offline_an_unknown_nik_needs_the_confirmation(cli: Cli, data_dir: Path) -> None:
    refused = cli("--data-dir", str(data_dir), "pay", NIK_TRADER, *DECEMBER, expect=1)
    assert refused.err.startswith("spo-counter: participant: Peserta 3578••••••••0003 belum")
    assert "tanpa verifikasi: --name dan --birth-date peserta" in refused.err
    half = cli(
        "--data-dir", str(data_dir), "pay", NIK_TRADER, *DECEMBER, "--name", "Bambang", expect=1
    )
    assert half.err.startswith("spo-counter: birth_date: Pembayaran tanpa verifikasi perlu")


def test_paid_offline_awaits_verification_then_sync_brings_the_kpj(
    cli: Cli, data_dir: Path, upstream: RunningSandbox
) -> None:
    paid = cli("--data-dir", str(data_dir), "pay", NIK_TRADER, *DECEMBER, *BAMBANG)
    lines = paid.out.splitlines()
    assert lines[0] == "Iuran Rp26.800 diterima, tanda terima BNI-0123-01-0000001."
    assert lines[1].startswith("Menunggu verifikasi BPJS Ketenagakerjaan: bila ditolak")
    cli("--data-dir", str(data_dir), "sync", "--upstream", upstream.url)
    pdf = data_dir.parent / "receipt.pdf"
    cli(
        "--data-dir", str(data_dir), "receipt", "save", "BNI-0123-01-0000001",
        "--out", str(pdf), "--teller", "teller01",
    )  # fmt: skip
    text = " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(pdf).pages)
    assert "Bambang Wijaya" in text
    assert "MENUNGGU VERIFIKASI BPJS KETENAGAKERJAAN" in text
    state = verification(data_dir, "BNI-0123-01-0000001")
    assert (state.state, state.kpj) == (Verification.VERIFIED, KPJ_TRADER)


def test_online_a_participant_registered_elsewhere_pays_with_no_confirmation(
    cli: Cli, data_dir: Path, upstream: RunningSandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Siti Aminah registered through the app: asked first, her courier's relief applies, and
    the upload accepts the payment as it stands."""
    monkeypatch.setenv("SPO_UPSTREAM_URL", upstream.url)
    paid = cli.json(
        "--data-dir", str(data_dir), "pay", NIK_COURIER, "--months", "1",
        "--period-start", "2026-11", "--teller", "teller01",
    )  # fmt: skip
    assert paid["amount"] == 28_400  # JKK+JKM+JHT at Rp1.000.000, PP 50/2025 on JKK and JKM
    assert paid["verification"] is None
    synced = cli.json("--data-dir", str(data_dir), "sync")
    assert (synced["sent"], synced["quarantined"]) == (1, [])


def test_paid_elsewhere_meanwhile_is_quarantined_by_sync_in_english(
    cli: Cli, data_dir: Path, upstream: RunningSandbox
) -> None:
    paid = cli.json(
        "--data-dir", str(data_dir), "pay", NIK_COURIER, "--months", "1",
        "--period-start", "2026-10", "--income", "1000000", "--programs", "JKK+JKM",
        "--name", "Siti Aminah", "--birth-date", "12/03/1988", "--teller", "teller01",
    )  # fmt: skip
    assert paid["verification"] == "awaiting_verification"
    ran = cli(
        "--data-dir", str(data_dir), "--lang", "en", "sync", "--upstream", upstream.url,
        expect=None,
    )  # fmt: skip
    assert ran.code == 3
    assert "REFUSED by the upstream: BNI-0123-01-0000001" in ran.out
    state = verification(data_dir, "BNI-0123-01-0000001")
    assert state.state is Verification.REFUSED
    assert state.reason == "period_paid: Iuran bulan 10/2026 sudah dibayar melalui kanal lain."


def test_a_debit_needs_the_banks_reference_which_its_receipt_prints(
    cli: Cli, data_dir: Path
) -> None:
    debit = ("--debit", "0123456789")
    refused = cli(
        "--data-dir", str(data_dir), "pay", NIK_TRADER, *DECEMBER, *BAMBANG, *debit, expect=1
    )
    assert refused.err.startswith("spo-counter: debit_reference: Nomor referensi debit wajib")
    paid = cli(
        "--data-dir", str(data_dir), "pay", NIK_TRADER, *DECEMBER, *BAMBANG, *debit,
        "--debit-reference", "EDC-482913",
    )  # fmt: skip
    assert paid.out.startswith("Iuran Rp26.800 diterima, tanda terima BNI-0123-01-0000001.")
    pdf = data_dir.parent / "receipt.pdf"
    cli(
        "--data-dir", str(data_dir), "receipt", "save", "BNI-0123-01-0000001",
        "--out", str(pdf), "--teller", "teller01",
    )  # fmt: skip
    text = " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(pdf).pages)
    assert "Ref. debit EDC482913" in text
    journal = json.loads(cli("--data-dir", str(data_dir), "journal", "--json").out)
    assert [(e["tender"], e["debit_reference"]) for e in journal] == [("debit", "EDC482913")]


def test_every_wrong_field_is_printed_one_line_each(cli: Cli, data_dir: Path) -> None:
    refused = cli(
        "--data-dir", str(data_dir), "pay", NIK_TRADER, *DECEMBER, *BAMBANG,
        "--debit", "12ab", expect=1,
    )  # fmt: skip
    lines = refused.err.splitlines()
    assert lines[0] == "spo-counter: debit_account: Nomor rekening harus 6-20 angka."
    assert lines[1].startswith("spo-counter: debit_reference: Nomor referensi debit wajib diisi")
    assert len(lines) == 2
