"""The sandbox deciding JHT claims over loopback, and the counter learning each decision: the
balance a counter's own payments paid into JHT, the waiting period, the partial claims (each
once, 10% or 30%, the housing one to the mortgage bank), a handover voided before its decision,
and no question asked while no claim is on its way."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from desktop.counter import Counter
from desktop.services.auth import User
from desktop.services.claim_status import ClaimQuery, ClaimRow, ClaimState, find_claims
from desktop.services.claims import hand_over_claim
from desktop.services.contributions import pay_bpu
from desktop.services.registration import register_participant
from desktop.services.upload import Link, Upload, UploadOutcome, upload
from desktop.services.voids import VoidTransaction, void_transaction
from desktop.sync.sandbox.server import RunningSandbox
from tests.conftest import PINS
from tests.services.conftest import NIK_MAN, bpu_payment, claim, registration
from tests.sync.claims_support import KPJ_RICH, NIK_RICH, claims_sandbox
from tests.sync.registry_support import TOKEN

HENDRA = {
    "nik": NIK_RICH,
    "kpj": KPJ_RICH,
    "participant_name": "Hendra Gunawan",
    "payout_account_holder": "Hendra Gunawan",
    "event_date": "",
}
PARTIAL_10 = {
    "kartu_peserta": "original",
    "ktp": "copy",
    "kartu_keluarga": "copy",
    "surat_keterangan_pemberi_kerja": "original",
    "buku_tabungan": "copy",
}


def _sandbox(
    folder: Path, monkeypatch: pytest.MonkeyPatch, *, auto: bool
) -> Iterator[RunningSandbox]:
    with claims_sandbox(folder, auto_decide=auto) as running:
        monkeypatch.setenv("SPO_UPSTREAM_URL", running.url)
        monkeypatch.setenv("SPO_UPSTREAM_TOKEN", TOKEN)
        yield running


@pytest.fixture
def deciding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[RunningSandbox]:
    yield from _sandbox(tmp_path, monkeypatch, auto=True)


@pytest.fixture
def waiting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[RunningSandbox]:
    yield from _sandbox(tmp_path, monkeypatch, auto=False)


def sync(counter: Counter, link: Link | None = None) -> UploadOutcome:
    outcome = upload(counter, Upload(pull_reference=False), link)
    assert outcome.problem is None, outcome.problem
    assert outcome.claims_problem is None, outcome.claims_problem
    return outcome


def claim_of(counter: Counter, receipt_no: str) -> ClaimRow:
    (row,) = find_claims(counter, ClaimQuery(search=receipt_no))
    return row


def test_the_balance_is_what_the_counters_payments_paid_into_jht(
    counter: Counter, teller: User, deciding: RunningSandbox
) -> None:
    register_participant(counter, teller, registration(programs="JKK+JKM+JHT"))
    paid = pay_bpu(counter, teller, bpu_payment(months=3, period_start="2026-11"))
    handed = hand_over_claim(
        counter,
        teller,
        claim(
            nik=NIK_MAN,
            participant_name="Joko Susanto",
            payout_account_holder="Joko Susanto",
            reason="bpu_stopped",
            event_date="",
            documents={"kartu_peserta": "original", "ktp": "original"},
        ),
    )
    assert sync(counter).claim_changes == 2
    row = claim_of(counter, handed.receipt_no)
    assert row.state is ClaimState.APPROVED
    # 3 months of JHT at 2% of Rp1.000.000, the payment's own JHT lines: all of it, untaxed.
    assert paid.amount > 60_000
    assert (row.gross, row.tax, row.net) == (60_000, 0, 60_000)


def test_a_claim_taken_early_with_a_supervisor_is_rejected_until_the_waiting_period_ends(
    counter: Counter, teller: User, deciding: RunningSandbox
) -> None:
    early = dataclasses.replace(
        claim(),
        **HENDRA | {"event_date": "2026-11-10"},
        supervisor_id="spv01",
        supervisor_pin=PINS["spv01"],
    )
    handed = hand_over_claim(counter, teller, early)
    sync(counter)
    row = claim_of(counter, handed.receipt_no)
    assert row.state is ClaimState.REJECTED
    assert row.rejection_reason == "Masa tunggu belum selesai (berakhir 10/12/2026)."


def test_each_partial_claim_is_paid_once_at_its_share(
    counter: Counter, teller: User, deciding: RunningSandbox
) -> None:
    ten = dataclasses.replace(claim(), **HENDRA, reason="partial_10", documents=PARTIAL_10)
    first = hand_over_claim(counter, teller, ten).receipt_no
    second = hand_over_claim(counter, teller, ten).receipt_no  # the teller was not told
    housing = dataclasses.replace(
        ten,
        reason="partial_30_housing",
        documents={
            "kartu_peserta": "original",
            "ktp": "copy",
            "kartu_keluarga": "copy",
            "surat_keterangan_pemberi_kerja": "original",
            "ajb": "copy",
        },
        payout_bank="BTN",
        payout_account="7001234567",
        payout_account_holder="PT Bank Tabungan Negara",
    )
    thirty = hand_over_claim(counter, teller, housing).receipt_no
    sync(counter)
    approved = claim_of(counter, first)
    assert approved.rejection_reason is None, approved.rejection_reason
    # 10% of Rp80.000.000 is under Rp50.000.000: no tax.
    assert (approved.state, approved.gross, approved.tax, approved.net) == (
        ClaimState.APPROVED,
        8_000_000,
        0,
        8_000_000,
    )
    assert approved.payout_method == "transfer"
    assert approved.rejection_reason is None, approved.rejection_reason
    again = claim_of(counter, second)
    assert again.state is ClaimState.REJECTED
    assert again.rejection_reason == "Klaim sebagian hanya dapat diambil satu kali."
    house = claim_of(counter, thirty)
    assert (house.gross, house.tax, house.net) == (24_000_000, 0, 24_000_000)
    assert house.payout_method == "mortgage_bank"


def test_a_handover_voided_before_its_decision_is_rejected_upstream(
    counter: Counter, teller: User, supervisor: User, waiting: RunningSandbox
) -> None:
    resigned = HENDRA | {"event_date": "2026-09-01"}
    handed = hand_over_claim(counter, teller, dataclasses.replace(claim(), **resigned))
    sync(counter)
    assert claim_of(counter, handed.receipt_no).state is ClaimState.UPLOADED
    void_transaction(
        counter,
        teller,
        VoidTransaction(handed.receipt_no, "Salah alasan klaim", "spv01", PINS["spv01"]),
    )
    assert sync(counter).claim_changes == 1
    row = claim_of(counter, handed.receipt_no)
    assert row.state is ClaimState.VOIDED  # the counter's own word comes first
    assert row.rejection_reason == "Penyerahan berkas dibatalkan di loket."
    assert find_claims(counter, ClaimQuery(status="rejected")) == ()


class _Counting(httpx.HTTPTransport):
    def __init__(self) -> None:
        super().__init__()
        self.paths: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.paths.append(request.url.path)
        return super().handle_request(request)


def test_the_claims_are_asked_for_only_while_one_is_on_its_way(
    counter: Counter, teller: User, deciding: RunningSandbox
) -> None:
    register_participant(counter, teller, registration())
    transport = _Counting()
    sync(counter, Link(transport=transport))
    assert not any(path.endswith("/claims") for path in transport.paths)
    no_proof = {"kartu_peserta": "original", "ktp": "copy"}
    resigned = HENDRA | {"event_date": "2026-09-01", "documents": no_proof}
    hand_over_claim(counter, teller, dataclasses.replace(claim(), **resigned))
    sync(counter, Link(transport=transport))
    assert sum(path.endswith("/claims") for path in transport.paths) == 1
    # Decided (rejected: no resignation proof): nothing more is to come of it.
    sync(counter, Link(transport=transport))
    assert sum(path.endswith("/claims") for path in transport.paths) == 1
