"""Paying for a NIK nobody can verify: taken offline with the teller's confirmation, its receipt
saying it awaits verification; settled by the real sandbox's upload (the KPJ comes back, or the
payment is refused and quarantined with the upstream's reason)."""

from __future__ import annotations

import io
import random
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest
import sqlalchemy as sa

from desktop.counter import Counter
from desktop.errors import DomainError
from desktop.receipts.layout import render_pdf
from desktop.services.auth import User
from desktop.services.inquiry import Inquire, inquire
from desktop.services.journal_query import JournalQuery, journal_page, parse_search
from desktop.services.receipts import issue_receipt
from desktop.services.registration import register_participant
from desktop.services.unverified import (
    PayUnverifiedBpu,
    Verification,
    pay_unverified_bpu,
    verification_of,
)
from desktop.store.records import load_records
from desktop.store.schema import participants, transactions, unverified_payers
from desktop.sync.client import sync
from desktop.sync.sandbox.server import RunningSandbox
from tests.helpers import closed_port_url
from tests.services.conftest import NIK_MAN, registration
from tests.sync.registry_support import (
    KPJ_TRADER,
    NIK_COURIER,
    NIK_TRADER,
    TOKEN,
    registry_sandbox,
)

NIK_NOBODY = "3171011708850002"
LENGTHS = {
    "nik": 16,
    "kpj": 11,
    "payment_code": 12,
    "npp": 8,
}  # a valid NIK the upstream's registry does not hold


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """The upstream's address refuses every connection: the counter is offline."""
    monkeypatch.setenv("SPO_UPSTREAM_URL", closed_port_url())
    monkeypatch.setenv("SPO_UPSTREAM_TOKEN", TOKEN)


@pytest.fixture
def upstream(tmp_path: Path) -> Iterator[RunningSandbox]:
    with registry_sandbox(tmp_path) as running:
        yield running


def trader(**changes: object) -> PayUnverifiedBpu:
    """Bambang Wijaya, registered elsewhere and paid through November there, pays December."""
    fields: dict[str, object] = {
        "nik": NIK_TRADER,
        "full_name": "Bambang Wijaya",
        "birth_date": "01/01/1990",
        "monthly_income": "2.000.000",
        "programs": "JKK+JKM",
        "months": 1,
        "period_start": "2026-12",
        "cash_given": 30_000,
    }
    fields.update(changes)
    return PayUnverifiedBpu(**fields)  # type: ignore[arg-type]


def upload(counter: Counter, upstream: RunningSandbox) -> None:
    sync(counter, upstream.url, TOKEN, rng=random.Random(7), sleep=lambda _s: None)


def count(counter: Counter, table: sa.Table) -> int:
    with counter.store.read() as connection:
        return int(connection.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())


@pytest.mark.usefixtures("offline")
def test_an_unknown_nik_paid_offline_awaits_verification_and_its_receipt_says_so(
    counter: Counter, teller: User
) -> None:
    paid = pay_unverified_bpu(counter, teller, trader())
    assert paid.amount == 26_800  # JKK 1% of Rp2.000.000 + JKM Rp6.800
    state = verification_of(counter, paid.receipt_no)
    assert state is not None
    assert (state.state, state.full_name, state.kpj, state.reason) == (
        Verification.AWAITING,
        "Bambang Wijaya",
        None,
        None,
    )
    with counter.store.read() as connection:
        (record,) = load_records(connection, transactions.c.seq == paid.seq).values()
    assert record["payer"] == {
        "seq": paid.seq,
        "nik": NIK_TRADER,
        "full_name": "Bambang Wijaya",
        "birth_date": "1990-01-01",
    }
    # The journal names the payer the teller confirmed, and finds the payment by that name.
    found = journal_page(counter, JournalQuery(None, parse_search("Wijaya", LENGTHS))).rows
    assert [(row.receipt_no, row.name) for row in found] == [(paid.receipt_no, "Bambang Wijaya")]
    issued = issue_receipt(counter, teller, paid.receipt_no)
    text = " ".join(
        " ".join(page.extract_text().split())
        for page in pypdf.PdfReader(io.BytesIO(render_pdf(issued.data, issued.paper))).pages
    )
    assert "Bambang Wijaya" in text
    assert "Tanggal lahir 01/01/1990" in text
    assert "MENUNGGU VERIFIKASI BPJS KETENAGAKERJAAN" in text
    assert "Menunggu verifikasi BPJS Ketenagakerjaan:" in text
    assert NIK_TRADER not in text


@pytest.mark.usefixtures("offline")
def test_on_upload_the_upstream_accepts_it_and_the_kpj_comes_back(
    counter: Counter, teller: User, upstream: RunningSandbox
) -> None:
    paid = pay_unverified_bpu(counter, teller, trader())
    upload(counter, upstream)
    state = verification_of(counter, paid.receipt_no)
    assert state is not None
    assert (state.state, state.kpj) == (Verification.VERIFIED, KPJ_TRADER)
    with counter.store.read() as connection:
        kpj = connection.execute(
            sa.select(participants.c.kpj).where(participants.c.nik == NIK_TRADER)
        ).scalar_one()
    assert kpj == KPJ_TRADER
    # A reprint shows the KPJ the upstream gave.
    again = issue_receipt(counter, teller, paid.receipt_no)
    assert ("KPJ", "2301•••0458") in [(line.label, line.value) for line in again.data.party]


@pytest.mark.usefixtures("offline")
def test_a_period_paid_elsewhere_meanwhile_is_refused_and_quarantined_with_the_reason(
    counter: Counter, teller: User, upstream: RunningSandbox
) -> None:
    """Siti Aminah paid October through the app; offline the counter took October again."""
    paid = pay_unverified_bpu(
        counter,
        teller,
        trader(
            nik=NIK_COURIER,
            full_name="Siti Aminah",
            birth_date="1988-03-12",
            monthly_income=1_000_000,
            period_start="2026-10",
            cash_given=None,
        ),
    )
    upload(counter, upstream)
    state = verification_of(counter, paid.receipt_no)
    assert state is not None
    assert state.state is Verification.REFUSED
    assert state.reason == "period_paid: Iuran bulan 10/2026 sudah dibayar melalui kanal lain."
    assert state.kpj is None


@pytest.mark.usefixtures("offline")
def test_a_nik_the_upstream_does_not_know_either_is_refused_and_quarantined(
    counter: Counter, teller: User, upstream: RunningSandbox
) -> None:
    paid = pay_unverified_bpu(
        counter,
        teller,
        trader(nik=NIK_NOBODY, full_name="Andi Saputra", birth_date="17/08/1985"),
    )
    upload(counter, upstream)
    state = verification_of(counter, paid.receipt_no)
    assert state is not None
    assert state.state is Verification.REFUSED
    assert str(state.reason).startswith("participant_unknown:")


@pytest.mark.usefixtures("offline")
@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"birth_date": "02/01/1990"}, "birth_date"),  # the NIK says 01/01/1990
        ({"birth_date": "1990-13-01"}, "birth_date"),
        ({"full_name": ""}, "full_name"),
        ({"monthly_income": ""}, "monthly_income"),
        ({"monthly_income": "1.234.567"}, "monthly_income"),  # no such tier
        ({"programs": "JKK"}, "programs"),  # JKM is mandatory
        ({"months": 2}, "months"),
        ({"nik": "3578010101900000"}, "nik"),  # serial 0000
        ({"cash_given": 1_000}, "cash_given"),
    ],
)
def test_bad_input_names_its_field_and_writes_nothing(
    counter: Counter, teller: User, changes: dict[str, object], field: str
) -> None:
    with pytest.raises(DomainError) as caught:
        pay_unverified_bpu(counter, teller, trader(**changes))
    assert caught.value.field == field
    assert count(counter, transactions) == 0
    assert count(counter, participants) == 0


@pytest.mark.usefixtures("offline")
def test_a_participant_registered_here_pays_as_usual(counter: Counter, teller: User) -> None:
    register_participant(counter, teller, registration())
    with pytest.raises(DomainError) as caught:
        pay_unverified_bpu(
            counter,
            teller,
            trader(nik=NIK_MAN, full_name="Joko Susanto", birth_date="1985-08-17"),
        )
    assert caught.value.field == "participant"
    assert "dikenal loket ini" in caught.value.message_id
    assert count(counter, unverified_payers) == 0


def test_online_whoever_the_upstream_knows_pays_as_usual_and_the_unknown_register_first(
    counter: Counter, teller: User, upstream: RunningSandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SPO_UPSTREAM_URL", upstream.url)
    monkeypatch.setenv("SPO_UPSTREAM_TOKEN", TOKEN)
    with pytest.raises(DomainError) as known:
        pay_unverified_bpu(counter, teller, trader())
    assert known.value.field == "participant"
    assert "mengenal peserta ini (Bambang Wijaya)" in known.value.message_id
    with pytest.raises(DomainError) as unknown:
        pay_unverified_bpu(
            counter,
            teller,
            trader(nik=NIK_NOBODY, full_name="Andi Saputra", birth_date="17/08/1985"),
        )
    assert "daftarkan peserta dulu" in unknown.value.message_id
    assert count(counter, transactions) == 0


@pytest.mark.usefixtures("offline")
def test_the_confirmation_cannot_be_changed_afterwards(counter: Counter, teller: User) -> None:
    paid = pay_unverified_bpu(counter, teller, trader())
    with pytest.raises(sa.exc.IntegrityError), counter.store.write() as connection:
        connection.execute(
            sa.update(unverified_payers)
            .where(unverified_payers.c.seq == paid.seq)
            .values(full_name="Orang Lain")
        )


def test_a_counter_with_no_upstream_set_up_takes_no_unverified_payment(
    counter: Counter, teller: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SPO_UPSTREAM_URL", raising=False)
    with pytest.raises(DomainError) as caught:
        pay_unverified_bpu(counter, teller, trader())
    assert caught.value.field == "upstream"
    assert count(counter, transactions) == 0


def test_a_participant_seen_in_an_inquiry_lately_pays_as_usual_offline(
    counter: Counter, teller: User, upstream: RunningSandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SPO_UPSTREAM_URL", upstream.url)
    monkeypatch.setenv("SPO_UPSTREAM_TOKEN", TOKEN)
    inquire(counter, Inquire(NIK_TRADER))  # the answer is kept: seen lately
    monkeypatch.setenv("SPO_UPSTREAM_URL", closed_port_url())
    with pytest.raises(DomainError) as caught:
        pay_unverified_bpu(counter, teller, trader())
    assert caught.value.field == "participant"
    assert "dikenal loket ini" in caught.value.message_id
    assert count(counter, transactions) == 0
