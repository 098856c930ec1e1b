"""Closing a day: expected cash, the blind count, variance approval, and the report's figures as
read back from its PDF."""

from __future__ import annotations

import hashlib
import io
import re
from datetime import date

import pypdf
import pytest
import sqlalchemy as sa

from desktop.counter import Counter
from desktop.domain.cash import parse_cash_count
from desktop.domain.users import Role
from desktop.errors import DomainError
from desktop.services.auth import User, approve
from desktop.services.business_day import day_state, open_day, reopen_day
from desktop.services.claims import hand_over_claim
from desktop.services.contributions import pay_bpu, pay_pu
from desktop.services.day_close import (
    CloseDay,
    DayClosed,
    close_day,
    count_and_close,
    count_cash,
    report_pdf,
)
from desktop.services.receipts import issue_receipt, record_print, reprint_receipt
from desktop.services.registration import register_participant
from desktop.services.voids import VoidTransaction, void_transaction
from desktop.store.schema import cash_counts, day_closes, outbox
from tests.conftest import PINS, FakeClock
from tests.services.conftest import bpu_payment, claim, pu_payment, registration

TODAY = date(2026, 11, 24)
FLOAT = "100000=5"  # Rp500.000
# Cash taken: 16.800 + 110.400 + 924.000 (voided) = 1.051.200; expected 500.000 + 127.200.
EXPECTED = 627_200
EXACT = "100000=6,20000=1,5000=1,2000=1,200=1"  # 600.000 + 20.000 + 5.000 + 2.000 + 200
SHORT = "100000=6,20000=1,2000=1,200=1"  # Rp5.000 short
SPV02 = User("spv02", "Budi Santoso", Role.SUPERVISOR)


def _text(pdf: bytes) -> str:
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pages))


@pytest.fixture
def day(counter: Counter, teller: User, clock: FakeClock) -> Counter:
    """A day of every kind: float, registration, BPU cash payments, PU debit and cash payments,
    a claim handover, two voids (one cash, one debit), prints, a failed print and a reprint."""
    open_day(counter, teller, FLOAT)
    clock.advance(minutes=5)
    reg = register_participant(counter, teller, registration())
    bpu1 = pay_bpu(counter, teller, bpu_payment(cash_given=20_000))
    pay_bpu(counter, teller, bpu_payment(period_start="2026-12", months=3, programs="JKK+JKM+JHT"))
    pay_pu(counter, teller, pu_payment())
    pu_cash = pay_pu(counter, teller, pu_payment(payment_code="123456789013", tender="cash"))
    pu_debit = pay_pu(counter, teller, pu_payment(payment_code="123456789014"))
    handed = hand_over_claim(counter, teller, claim())
    for paid, reason in ((pu_cash, "Salah kode iuran"), (pu_debit, "Rekening salah debit")):
        void_transaction(
            counter, teller, VoidTransaction(paid.receipt_no, reason, "spv01", PINS["spv01"])
        )
    for captured in (reg, bpu1):
        record_print(
            counter, teller, issue_receipt(counter, teller, captured.receipt_no), "printed"
        )
    record_print(
        counter, teller, issue_receipt(counter, teller, handed.receipt_no), "failed", "jam"
    )
    clock.advance(minutes=30)
    record_print(counter, teller, reprint_receipt(counter, teller, bpu1.receipt_no), "printed")
    clock.advance(hours=6)
    return counter


def test_expected_cash_is_the_float_plus_cash_taken_minus_cash_voided(
    day: Counter, teller: User
) -> None:
    counted = count_cash(day, teller, EXACT)
    assert counted.expected_cash == EXPECTED
    assert counted.variance == 0
    closed = close_day(day, teller)
    assert (closed.opening_float, closed.cash_received, closed.cash_voided) == (
        500_000,
        1_051_200,
        924_000,
    )
    assert (closed.expected_cash, closed.counted_cash, closed.variance) == (EXPECTED, EXPECTED, 0)
    # Debit-account tenders are totalled apart: 2 x 924.000 taken, one voided.
    assert closed.debit_total == 924_000
    assert closed.approved_by is None
    assert closed.report_no == "BNI-0123-01-TH-20261124-1"
    assert day_state(day).status == "closed"


def test_the_reports_figures_read_back_from_its_pdf(day: Counter, teller: User) -> None:
    closed = count_and_close(day, teller, CloseDay(EXACT))
    text = _text(closed.pdf)
    for expected in (
        "LAPORAN TUTUP HARI",
        "BNI-0123-01-TH-20261124-1",
        "Selasa, 24 November 2026",
        # cash
        "Modal awal Rp500.000",
        "Tunai diterima Rp1.051.200",
        "Tunai dibatalkan Rp924.000",
        "Kas seharusnya Rp627.200",
        "Kas dihitung Rp627.200",
        "SELISIH Rp0",
        "Rp100.000 kertas 6 Rp600.000",
        "Rp200 logam 1 Rp200",
        # debit apart
        "Debit diterima Rp1.848.000",
        "Debit bersih Rp924.000",
        # by kind: count, amount, voided count, voided amount, net
        "Pendaftaran BPU 1 Rp0 0 Rp0 Rp0",
        "Iuran BPU 2 Rp127.200 0 Rp0 Rp127.200",
        "Iuran PU 3 Rp2.772.000 2 Rp1.848.000 Rp924.000",
        "Berkas klaim JHT 1 Rp0 0 Rp0 Rp0",
        "Pembatalan 2 Rp0 0 Rp0 Rp0",
        "Jumlah 9 Rp2.899.200 2 Rp1.848.000 Rp1.051.200",
        # by program, contributions not voided
        "JKK - Kecelakaan Kerja 3 Rp64.000",
        "JKM - Kematian 3 Rp57.200",
        "JHT - Hari Tua 2 Rp630.000",
        "JP - Pensiun 1 Rp300.000",
        # by tender
        "Tunai 3 Rp1.051.200 1 Rp924.000 Rp127.200",
        "Debit rekening 2 Rp1.848.000 1 Rp924.000 Rp924.000",
        # receipt range
        "BNI-0123-01-0000001 s.d. BNI-0123-01-0000009 · 9 nomor",
        # voids with reasons and approvers
        "BNI-0123-01-0000008 BNI-0123-01-0000005",
        "Salah kode iuran",
        "Rekening salah debit",
        "Siti Rahmawati (spv01)",
        # reprints
        "BNI-0123-01-0000002 1 24/11/2026 10:35 WIB Dewi Lestari (teller01)",
        # never printed: the claim (its print failed) and everything never sent to a printer
        "7 tanda terima",
        "BNI-0123-01-0000003 s.d. 0000009",
        # not yet acknowledged upstream
        "Menunggu kirim: 9",
        "BNI-0123-01-0000001 s.d. 0000009",
    ):
        assert expected in text, expected


def test_the_report_is_stored_with_the_sha256_of_its_pdf(day: Counter, teller: User) -> None:
    closed = count_and_close(day, teller, CloseDay(EXACT))
    assert hashlib.sha256(closed.pdf).hexdigest() == closed.pdf_sha256
    assert report_pdf(day, closed.report_no) == closed.pdf
    with day.store.read() as connection:
        row = connection.execute(sa.select(day_closes)).mappings().one()
    assert row["pdf_sha256"] == closed.pdf_sha256
    assert (row["expected_cash"], row["counted_cash"], row["variance"]) == (EXPECTED, EXPECTED, 0)
    assert row["manifest_confirmed_at"] is None
    with pytest.raises(DomainError) as caught:
        report_pdf(day, "BNI-0123-01-TH-20261124-9")
    assert caught.value.field == "report_no"


def test_a_difference_without_approval_is_refused_but_the_count_stays_recorded(
    day: Counter, teller: User
) -> None:
    with pytest.raises(DomainError) as caught:
        count_and_close(day, teller, CloseDay(SHORT))
    assert caught.value.field == "variance"
    assert "-Rp5.000" in caught.value.message_id
    assert "Rp627.200" in caught.value.message_id
    # A reason alone is not enough, nor a supervisor alone.
    with pytest.raises(DomainError):
        count_and_close(day, teller, CloseDay(SHORT, reason="Uang kembalian kurang"))
    with pytest.raises(DomainError):
        count_and_close(
            day, teller, CloseDay(SHORT, supervisor_id="spv01", supervisor_pin=PINS["spv01"])
        )
    with day.store.read() as connection:
        totals = connection.execute(
            sa.select(cash_counts.c.total).where(cash_counts.c.purpose == "closing")
        ).scalars()
        assert list(totals) == [EXPECTED - 5_000] * 3
    assert day_state(day).status == "open"


def test_a_supervisor_approves_a_difference_with_a_reason_and_it_is_never_forced_to_zero(
    day: Counter, teller: User
) -> None:
    with pytest.raises(DomainError):
        count_and_close(day, teller, CloseDay(SHORT))
    closed = count_and_close(
        day,
        teller,
        CloseDay(
            SHORT,
            reason="Kembalian salah beri",
            supervisor_id="spv01",
            supervisor_pin=PINS["spv01"],
        ),
    )
    assert (closed.counted_cash, closed.variance) == (EXPECTED - 5_000, -5_000)
    assert (closed.approved_by, closed.variance_reason) == ("spv01", "Kembalian salah beri")
    text = _text(closed.pdf)
    assert "SELISIH (kurang) -Rp5.000" in text
    assert "Alasan selisih Kembalian salah beri" in text
    # The refused first count is on the report too.
    assert "Hitungan sebelumnya" in text
    assert closed.report.earlier_counts[0].total == EXPECTED - 5_000


@pytest.mark.parametrize(
    ("approver", "field"),
    [("spv01", "supervisor_id"), ("teller02", "supervisor_id"), ("nobody", "supervisor_pin")],
)
def test_the_approver_is_a_supervisor_other_than_the_one_who_counted(
    day: Counter, approver: str, field: str
) -> None:
    counting_supervisor = User("spv01", "Siti Rahmawati", Role.SUPERVISOR)
    with pytest.raises(DomainError) as caught:
        count_and_close(
            day,
            counting_supervisor,
            CloseDay(
                SHORT,
                reason="Kembalian salah beri",
                supervisor_id=approver,
                supervisor_pin=PINS.get(approver, "999999"),
            ),
        )
    assert caught.value.field == field
    with day.store.read() as connection:
        # Refused before counting: a wrong approver records no count.
        assert connection.execute(sa.select(sa.func.count()).select_from(cash_counts)).scalar() == 1


def test_a_count_by_one_approved_by_the_same_person_later_is_refused(
    day: Counter, teller: User
) -> None:
    """The two-step flow of the window: a supervisor counts, then tries to approve it."""
    counting = User("spv02", "Budi Santoso", Role.SUPERVISOR)
    count_cash(day, counting, SHORT)
    with pytest.raises(DomainError) as caught:
        close_day(day, teller, reason="Kembalian salah beri", supervisor=SPV02)
    assert caught.value.field == "supervisor_id"
    other = approve(day, "spv01", PINS["spv01"], requested_by=teller)
    closed = close_day(day, teller, reason="Kembalian salah beri", supervisor=other)
    assert closed.variance == -5_000


def test_closing_needs_a_count_first(counter: Counter, teller: User) -> None:
    open_day(counter, teller, FLOAT)
    with pytest.raises(DomainError) as caught:
        close_day(counter, teller)
    assert caught.value.field == "counted"


def test_reopen_and_close_again_makes_a_new_version_and_keeps_the_first(
    day: Counter, teller: User, supervisor: User, clock: FakeClock
) -> None:
    first = count_and_close(day, teller, CloseDay(EXACT))
    clock.advance(minutes=5)
    reopen_day(day, supervisor, "Setoran nasabah terlambat")
    clock.advance(minutes=5)
    late = pay_bpu(day, teller, bpu_payment(period_start="2027-03", cash_given=20_000))
    with pytest.raises(DomainError):
        count_and_close(day, teller, CloseDay(EXACT))  # the late Rp16.800 is missing
    second = count_and_close(day, teller, CloseDay("100000=6,20000=2,2000=2"))
    assert second.report_no == "BNI-0123-01-TH-20261124-2"
    assert second.version == 2
    assert second.expected_cash == EXPECTED + 16_800
    assert second.variance == 0
    assert report_pdf(day, first.report_no) == first.pdf
    text = _text(second.pdf)
    assert "VERSI 2 — MENGGANTIKAN BNI-0123-01-TH-20261124-1" in text
    assert "Setoran nasabah terlambat" in text
    assert late.receipt_no in text
    assert second.report.earlier_versions[0].report_no == first.report_no
    with pytest.raises(DomainError) as caught:
        count_and_close(day, teller, CloseDay(EXACT))
    assert caught.value.field == "date"
    assert "-2" in caught.value.message_id


def test_an_earlier_day_left_open_is_closed_by_date(
    counter: Counter, teller: User, clock: FakeClock
) -> None:
    open_day(counter, teller, FLOAT)
    pay_bpu_day1 = register_participant(counter, teller, registration())
    clock.advance(days=1)
    pay_bpu(counter, teller, bpu_payment(cash_given=20_000))
    closed = count_and_close(counter, teller, CloseDay(FLOAT, day=date(2026, 11, 24)))
    assert closed.business_date == date(2026, 11, 24)
    assert closed.report.last_receipt == pay_bpu_day1.receipt_no
    assert day_state(counter).status == "open"  # today's day goes on


def test_a_day_never_opened_or_not_come_yet_cannot_be_closed(
    counter: Counter, teller: User
) -> None:
    for when in (date(2026, 11, 20), date(2026, 11, 25)):
        with pytest.raises(DomainError) as caught:
            count_and_close(counter, teller, CloseDay(FLOAT, day=when))
        assert caught.value.field == "date"


def test_an_empty_day_closes_too(counter: Counter, teller: User) -> None:
    """Closing can never get stuck: a day with no captures, never opened, still closes."""
    closed = count_and_close(counter, teller, CloseDay("100000=0"))
    assert (closed.expected_cash, closed.variance, closed.report.transaction_count) == (0, 0, 0)
    assert day_state(counter).status == "closed"


def test_records_refused_upstream_are_listed_with_their_reason(day: Counter, teller: User) -> None:
    with day.store.write() as connection:
        connection.execute(sa.update(outbox).where(outbox.c.seq <= 3).values(status="sent"))
        connection.execute(
            sa.update(outbox)
            .where(outbox.c.seq == 4)
            .values(status="quarantined", last_error="npp_unknown: NPP tidak dikenal")
        )
    closed = count_and_close(day, teller, CloseDay(EXACT))
    text = _text(closed.pdf)
    assert "Menunggu kirim: 5 · Ditolak (karantina): 1" in text
    assert "BNI-0123-01-0000004 npp_unknown: NPP tidak dikenal" in text


@pytest.mark.parametrize(
    ("typed", "total"),
    [
        ("100000=2,50000=4", 400_000),
        ("Rp 50.000 = 4; 1000 koin=3 500=10", 208_000),
        ("1000=2,1000c=1,100=7", 3_700),
        ("100000=0", 0),
    ],
)
def test_a_count_is_typed_by_denomination(typed: str, total: int) -> None:
    assert parse_cash_count(typed).total == total


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("", "Tuliskan hitungan"),
        ("3000=1", "Pecahan 3000 tidak ada"),
        ("50000=1,50000=2", "disebut dua kali"),
        ("50000", "tidak dapat dibaca"),
        ("500=100001", "paling banyak"),
        ("100000=1.5", "tidak dapat dibaca"),
    ],
)
def test_a_badly_typed_count_names_the_field(typed: str, says: str) -> None:
    with pytest.raises(DomainError) as caught:
        parse_cash_count(typed)
    assert caught.value.field == "counted"
    assert says in caught.value.message_id


def test_day_closed_says_what_the_command_prints(day: Counter, teller: User) -> None:
    closed: DayClosed = count_and_close(day, teller, CloseDay(EXACT))
    summary = closed.as_dict()
    assert {"expected_cash", "counted_cash", "variance", "report_no"} <= summary.keys()
