"""The claims page: what became of the claims handed over here, learned by an upload from the
real sandbox deciding them; the filter "approved, waiting to be paid", the search by NIK, KPJ or
receipt number, and a rejection's reason shown."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from desktop.counter import Counter
from desktop.services.auth import User
from desktop.services.claim_status import ClaimState
from desktop.services.claims import hand_over_claim
from desktop.services.upload import Upload, upload
from desktop.sync.sandbox.server import RunningSandbox
from tests.services.conftest import claim
from tests.sync.claims_support import KPJ_RICH, NIK_RICH, claims_sandbox
from tests.sync.registry_support import NIK_COURIER, TOKEN
from ui.claims.page import ClaimsPage
from ui.context import Context


@pytest.fixture
def deciding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[RunningSandbox]:
    with claims_sandbox(tmp_path, auto_decide=True) as running:
        monkeypatch.setenv("SPO_UPSTREAM_URL", running.url)
        monkeypatch.setenv("SPO_UPSTREAM_TOKEN", TOKEN)
        yield running


@pytest.fixture
def decided(counter: Counter, teller: User, deciding: RunningSandbox) -> dict[str, str]:
    """Three claims: approved (small, no tax), approved (tax), rejected (no KTP); uploaded and
    their decisions learned. Receipt numbers by name."""
    siti = dataclasses.replace(
        claim(),
        nik=NIK_COURIER,
        participant_name="Siti Aminah",
        payout_account_holder="Siti Aminah",
    )
    small = hand_over_claim(counter, teller, siti).receipt_no
    rich = hand_over_claim(
        counter,
        teller,
        dataclasses.replace(
            siti,
            nik=NIK_RICH,
            kpj=KPJ_RICH,
            participant_name="Hendra Gunawan",
            payout_account_holder="Hendra Gunawan",
        ),
    ).receipt_no
    rejected = hand_over_claim(
        counter,
        teller,
        dataclasses.replace(siti, documents={"kartu_peserta": "original", "paklaring": "original"}),
    ).receipt_no
    outcome = upload(counter, Upload())
    assert outcome.problem is None
    assert outcome.claim_changes == 6
    return {"small": small, "rich": rich, "rejected": rejected}


def shown(qtbot: QtBot, ctx: Context, teller: User) -> ClaimsPage:
    page = ClaimsPage(ctx, teller)
    qtbot.addWidget(page)
    page.resize(1200, 420)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    return page


def receipts(page: ClaimsPage) -> list[str]:
    return [row.receipt_no for row in page.model.rows]


def test_the_page_shows_each_claim_with_its_decision(
    qtbot: QtBot, ctx: Context, teller: User, decided: dict[str, str]
) -> None:
    page = shown(qtbot, ctx, teller)
    ModelTester(None).check(page.model)
    model = page.model
    by_receipt = {model.index(r, 0).data(): r for r in range(model.rowCount())}
    rich = [model.index(by_receipt[decided["rich"]], c).data() for c in range(8)]
    assert rich[1:] == [
        "Hendra Gunawan",
        "Mengundurkan diri",
        "Disetujui, menunggu dibayar",
        "Rp80.000.000",
        "Rp1.500.000",
        "Rp78.500.000",
        "",
    ]
    rejected = [model.index(by_receipt[decided["rejected"]], c).data() for c in range(8)]
    assert rejected[3] == "Ditolak"
    assert rejected[4:7] == ["", "", ""]
    assert rejected[7] == "Berkas wajib belum lengkap: KTP."
    # The newest claim is chosen; the details say it in full.
    assert page.model.rows[0].receipt_no == decided["rejected"]
    assert page.details.text().splitlines() == [
        f"{decided['rejected']} · diterima 24/11/2026 · NIK {NIK_COURIER} · KPJ - · "
        "Mengundurkan diri",
        "Rekening pembayaran: BRI 0012345678 a.n. Siti Aminah",
        "Status: Ditolak",
        "Alasan penolakan: Berkas wajib belum lengkap: KTP.",
    ]
    page.table.selectRow(by_receipt[decided["rich"]])
    assert "Bruto Rp80.000.000 · pajak Rp1.500.000 · neto Rp78.500.000" in page.details.text()
    assert page.summary.text() == "3 klaim; 2 disetujui, menunggu dibayar."


def test_the_filter_and_the_search(
    qtbot: QtBot, ctx: Context, teller: User, decided: dict[str, str]
) -> None:
    page = shown(qtbot, ctx, teller)
    page.status.setCurrentIndex(page.status.findData(ClaimState.APPROVED.value))
    qtbot.waitUntil(lambda: len(page.model.rows) == 2)
    assert set(receipts(page)) == {decided["small"], decided["rich"]}

    page.status.setCurrentIndex(page.status.findData(""))
    for text, expected in (
        (NIK_RICH, [decided["rich"]]),
        (KPJ_RICH, [decided["rich"]]),
        (decided["rejected"].lower(), [decided["rejected"]]),
        (NIK_COURIER, [decided["rejected"], decided["small"]]),
    ):
        page.search.setText(text)
        qtbot.keyClick(page.search, "\r")
        qtbot.waitUntil(lambda expected=expected: receipts(page) == expected)

    page.search.setText("nama orang")
    qtbot.keyClick(page.search, "\r")
    qtbot.waitUntil(lambda: page.error.isVisible())
    assert (
        page.error.text() == "Cari dengan NIK (16 angka), nomor KPJ atau nomor tanda terima klaim."
    )
    assert page.model.rowCount() == 0
    page.search.setText(decided["small"])
    qtbot.keyClick(page.search, "\r")
    qtbot.waitUntil(lambda: receipts(page) == [decided["small"]])
    assert not page.error.isVisible()
