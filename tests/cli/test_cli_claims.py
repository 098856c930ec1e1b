"""A JHT claim's life on the command line against the real sandbox on loopback: `claims handover`,
`sync` (the upload, the sandbox's decision, the change learned back), `claims` showing it; the
admin endpoint deciding with its own token, refusing any other."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

import httpx
import pytest
import sqlalchemy as sa

from desktop.store.schema import audit_events
from desktop.store.store import Store
from desktop.sync.contract import claim_decision_path
from desktop.sync.sandbox.server import RunningSandbox
from tests.cli.conftest import Cli
from tests.conftest import PINS
from tests.sync.claims_support import (
    ADMIN_TOKEN,
    KPJ_RICH,
    NIK_NEW,
    NIK_RICH,
    claims_sandbox,
)
from tests.sync.registry_support import NIK_COURIER, TOKEN

RESIGNED: Final = (
    "--reason", "resignation", "--event-date", "01/09/2026",
    "--doc", "kartu_peserta=original", "--doc", "ktp=copy",
    "--doc", "surat_pengunduran_diri=original",
    "--bank", "BRI", "--account", "0012345678", "--teller", "teller01",
)  # fmt: skip


@pytest.fixture(autouse=True)
def _teller(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPO_PIN", PINS["teller01"])
    monkeypatch.setenv("SPO_UPSTREAM_TOKEN", TOKEN)


@pytest.fixture
def deciding(tmp_path: Path) -> Iterator[RunningSandbox]:
    with claims_sandbox(tmp_path, auto_decide=True) as running:
        yield running


@pytest.fixture
def waiting(tmp_path: Path) -> Iterator[RunningSandbox]:
    with claims_sandbox(tmp_path, auto_decide=False) as running:
        yield running


def hand_over(cli: Cli, data_dir: Path, nik: str, name: str, *extra: str) -> str:
    taken = cli.json("--data-dir", str(data_dir), "claims", "handover", nik, "--name", name, *extra)
    receipt: str = taken["receipt_no"]
    return receipt


def claims(cli: Cli, data_dir: Path, *options: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = cli.json("--data-dir", str(data_dir), "claims", *options)
    return rows


def sync(cli: Cli, data_dir: Path, sandbox: RunningSandbox) -> dict[str, Any]:
    answer: dict[str, Any] = cli.json(
        "--data-dir", str(data_dir), "sync", "--upstream", sandbox.url
    )
    return answer


def test_a_complete_claim_is_approved_upstream_and_sync_brings_gross_tax_and_net(
    cli: Cli, data_dir: Path, deciding: RunningSandbox
) -> None:
    small = hand_over(cli, data_dir, NIK_COURIER, "Siti Aminah", *RESIGNED)
    rich = hand_over(cli, data_dir, NIK_RICH, "Hendra Gunawan", "--kpj", KPJ_RICH, *RESIGNED)
    assert [row["status"] for row in claims(cli, data_dir)] == ["not_sent", "not_sent"]

    assert sync(cli, data_dir, deciding)["claim_changes"] == 4  # uploaded, then approved: each
    by_receipt = {row["receipt_no"]: row for row in claims(cli, data_dir)}
    assert by_receipt[small]["status"] == "approved"
    # The fixtures' JHT balance, all of it (resignation), no tax up to Rp50.000.000.
    assert (by_receipt[small]["gross"], by_receipt[small]["tax"], by_receipt[small]["net"]) == (
        2_450_000,
        0,
        2_450_000,
    )
    assert by_receipt[small]["payout_method"] == "transfer"
    # Rp80.000.000: 5% of the Rp30.000.000 above Rp50.000.000.
    assert (by_receipt[rich]["gross"], by_receipt[rich]["tax"], by_receipt[rich]["net"]) == (
        80_000_000,
        1_500_000,
        78_500_000,
    )

    # "Approved, waiting to be paid", found by NIK, KPJ or receipt number.
    assert {row["receipt_no"] for row in claims(cli, data_dir, "--status", "approved")} == {
        small,
        rich,
    }
    assert [row["receipt_no"] for row in claims(cli, data_dir, "--search", NIK_RICH)] == [rich]
    assert [row["receipt_no"] for row in claims(cli, data_dir, "--search", KPJ_RICH)] == [rich]
    assert [row["receipt_no"] for row in claims(cli, data_dir, "--search", small.lower())] == [
        small
    ]
    shown = cli("--data-dir", str(data_dir), "claims", "--search", rich).out
    assert "Disetujui, menunggu dibayar" in shown
    assert "bruto Rp80.000.000, pajak Rp1.500.000, neto Rp78.500.000" in shown

    # Each change learned is an audit event; a second sync learns nothing new.
    store = Store(data_dir)
    try:
        with store.read() as connection:
            learned = connection.execute(
                sa.select(audit_events.c.details).where(audit_events.c.action == "claim.status")
            ).scalars()
            assert sorted('"status":"approved"' in d for d in learned) == [
                False,
                False,
                True,
                True,
            ]
    finally:
        store.close()
    assert sync(cli, data_dir, deciding)["claim_changes"] == 0
    # The store still verifies whole: the chain with the learned changes in it.
    cli("--data-dir", str(data_dir), "verify")


def test_a_claim_missing_a_required_document_is_rejected_with_the_reason(
    cli: Cli, data_dir: Path, deciding: RunningSandbox
) -> None:
    no_ktp = RESIGNED[:6] + RESIGNED[8:]
    assert "ktp=copy" not in no_ktp
    receipt = hand_over(cli, data_dir, NIK_COURIER, "Siti Aminah", *no_ktp)
    partial = hand_over(
        cli, data_dir, NIK_NEW, "Maya Sari",
        "--reason", "partial_10",
        "--doc", "kartu_peserta=original", "--doc", "ktp=copy", "--doc", "kartu_keluarga=copy",
        "--doc", "surat_keterangan_pemberi_kerja=original", "--doc", "buku_tabungan=copy",
        "--bank", "BNI", "--account", "1234567890", "--teller", "teller01",
    )  # fmt: skip
    sync(cli, data_dir, deciding)
    rows = {row["receipt_no"]: row for row in claims(cli, data_dir, "--status", "rejected")}
    assert rows[receipt]["rejection_reason"] == "Berkas wajib belum lengkap: KTP."
    assert rows[receipt]["gross"] is None
    assert rows[partial]["rejection_reason"] == (
        "Klaim sebagian memerlukan kepesertaan paling sedikit 10 tahun."
    )
    shown = cli("--data-dir", str(data_dir), "--lang", "en", "claims", "--search", receipt).out
    assert "Rejected" in shown
    assert "reason: Berkas wajib belum lengkap: KTP." in shown
    assert claims(cli, data_dir, "--status", "approved") == []


def test_the_admin_endpoint_decides_with_its_own_token_only(
    cli: Cli, data_dir: Path, waiting: RunningSandbox
) -> None:
    receipt = hand_over(cli, data_dir, NIK_COURIER, "Siti Aminah", *RESIGNED)
    sync(cli, data_dir, waiting)
    (row,) = claims(cli, data_dir)
    assert row["status"] == "uploaded"
    path = claim_decision_path(row["claim_id"])
    body = {"status": "approved"}
    with httpx.Client(base_url=waiting.url) as http:
        for token in (TOKEN, "wrong-token"):  # a counter's token is not the admin's
            refused = http.post(path, json=body, headers={"Authorization": f"Bearer {token}"})
            assert refused.status_code == 401
            assert refused.json()["code"] == "unauthorized"
        assert http.post(path, json=body).status_code == 401
        admin = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
        no_reason = http.post(path, json={"status": "rejected"}, headers=admin)
        assert no_reason.status_code == 422
        decided = http.post(path, json={"status": "approved", "gross": 60_000_000}, headers=admin)
        assert decided.status_code == 200, decided.text
        assert (decided.json()["tax"], decided.json()["net"]) == (500_000, 59_500_000)
        again = http.post(path, json={"status": "rejected", "reason": "x"}, headers=admin)
        assert again.status_code == 409
    sync(cli, data_dir, waiting)
    (row,) = claims(cli, data_dir, "--search", receipt)
    assert (row["status"], row["gross"], row["net"]) == ("approved", 60_000_000, 59_500_000)


def test_bad_input_is_refused_naming_the_field(cli: Cli, data_dir: Path) -> None:
    wrong = cli("--data-dir", str(data_dir), "claims", "--status", "lost", expect=1)
    assert wrong.err.startswith("spo-counter: status: Status klaim tidak dikenal")
    search = cli("--data-dir", str(data_dir), "claims", "--search", "abc", expect=1)
    assert search.err.startswith("spo-counter: search: Cari dengan NIK")
    doc = cli(
        "--data-dir", str(data_dir), "claims", "handover", NIK_COURIER, "--name", "Siti Aminah",
        "--reason", "retirement", "--doc", "ktp", "--bank", "BRI", "--account", "0012345678",
        "--teller", "teller01", expect=1,
    )  # fmt: skip
    assert doc.err.startswith("spo-counter: documents: Tulis status berkas sebagai KODE=STATUS")
    assert claims(cli, data_dir) == []
