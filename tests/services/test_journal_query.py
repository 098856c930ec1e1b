"""The journal's queries: pages in receipt order, one day, and search by number or name."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from desktop.counter import Counter
from desktop.domain.users import Role
from desktop.services import journal_query
from desktop.services.auth import User
from desktop.services.capture import Captured
from desktop.services.claims import hand_over_claim
from desktop.services.contributions import pay_bpu, pay_pu
from desktop.services.journal_query import (
    EVERYTHING,
    JournalQuery,
    JournalRow,
    JournalTotals,
    SearchKind,
    Tally,
    count_matches,
    journal_page,
    journal_totals,
    parse_search,
    row_statuses,
)
from desktop.services.receipts import issue_receipt, record_print
from desktop.services.registration import register_participant
from desktop.services.voids import write_void
from tests.conftest import FakeClock
from tests.services.conftest import NIK_MAN, NIK_WOMAN, bpu_payment, claim, pu_payment, registration

TODAY = date(2026, 11, 24)
# Born 12/03/1992 in Jakarta Timur (city 73), a woman.
NIK_SITI = "3173015203920003"
JOKO_KPJ = "11122233344"
CLAIM_KPJ = "12345678901"
SPV = User("spv01", "Siti Rahmawati", Role.SUPERVISOR)
LENGTHS = {"kpj": 11, "npp": 8, "payment_code": 12}


@dataclass(frozen=True)
class Day:
    """One business day at the counter, in capture order (receipts 1 to 6)."""

    joko: Captured  # registers (NIK_MAN, later KPJ 11122233344)
    joko_paid: Captured  # pays BPU for 3 months in cash; voided below
    employer: Captured  # PT Maju Jaya Abadi pays PU by debit
    claim: Captured  # Ratna Handayani's JHT claim (NIK_WOMAN, KPJ 12345678901), by heir Bambang
    siti: Captured  # Siti Aminah registers (NIK_SITI)
    void: Captured  # the void of joko_paid

    @property
    def all(self) -> list[Captured]:
        return [self.joko, self.joko_paid, self.employer, self.claim, self.siti, self.void]


def populate(counter: Counter, clock: FakeClock, teller: User) -> Day:
    """A day of every kind of transaction, five minutes apart, from 10:00 WIB."""

    def later() -> None:
        clock.advance(minutes=5)

    joko = register_participant(counter, teller, registration())
    later()
    joko_paid = pay_bpu(counter, teller, bpu_payment(months=3))
    later()
    employer = pay_pu(counter, teller, pu_payment())
    later()
    documents = {
        "kartu_peserta": "original",
        "akta_kematian": "original",
        "surat_keterangan_ahli_waris": "original",
        "ktp_ahli_waris": "copy",
    }
    handover = hand_over_claim(
        counter,
        teller,
        claim(
            reason="death",
            event_date="",
            documents=documents,
            kpj=CLAIM_KPJ,
            claimant_name="Bambang Wibowo",
            payout_account_holder="Bambang Wibowo",
        ),
    )
    later()
    siti = register_participant(
        counter,
        teller,
        registration(nik=NIK_SITI, full_name="Siti Aminah", birth_date="1992-03-12", sex="P"),
    )
    later()
    void = write_void(counter, teller, SPV, joko_paid.receipt_no, "Salah input nominal")
    with counter.store.write() as connection:  # the upstream assigned Joko's KPJ at a sync
        connection.execute(
            sa.text("UPDATE participants SET kpj = :kpj WHERE nik = :nik"),
            {"kpj": JOKO_KPJ, "nik": NIK_MAN},
        )
    return Day(joko, joko_paid, employer, handover, siti, void)


@pytest.fixture
def day(counter: Counter, clock: FakeClock, teller: User) -> Day:
    return populate(counter, clock, teller)


def found(counter: Counter, text: str, on: date | None = TODAY) -> list[str]:
    query = JournalQuery(on, parse_search(text, LENGTHS))
    return [row.receipt_no for row in journal_page(counter, query).rows]


def every_row(counter: Counter, query: JournalQuery, **kwargs: int) -> list[JournalRow]:
    rows: list[JournalRow] = []
    after = 0
    for _ in range(100):
        page = journal_page(counter, query, after, **kwargs)
        rows.extend(page.rows)
        after = page.scanned_to
        if page.done:
            return rows
    raise AssertionError("the pages never ended")


# --- pages ---------------------------------------------------------------------------------


def test_pages_follow_the_receipt_sequence_without_gaps_or_repeats(
    counter: Counter, day: Day
) -> None:
    query = JournalQuery(TODAY)
    first = journal_page(counter, query, limit=4)
    assert [row.seq for row in first.rows] == [1, 2, 3, 4]
    assert (first.scanned_to, first.done) == (4, False)
    second = journal_page(counter, query, first.scanned_to, limit=4)
    assert [row.seq for row in second.rows] == [5, 6]
    assert second.done
    assert journal_page(counter, query, second.scanned_to).rows == ()


def test_a_row_says_what_a_teller_reads(counter: Counter, day: Day) -> None:
    rows = {row.receipt_no: row for row in every_row(counter, JournalQuery(TODAY))}
    joko = rows[day.joko.receipt_no]
    assert (joko.kind, joko.name, joko.nik, joko.kpj) == (
        "registration",
        "Joko Susanto",
        NIK_MAN,
        JOKO_KPJ,
    )
    assert f"{joko.created_at:%H:%M %Z}" == "10:00 WIB"
    paid = rows[day.joko_paid.receipt_no]
    assert (paid.name, paid.category, paid.amount, paid.tender) == (
        "Joko Susanto",  # a payment is named by the participant's registration
        "BPU",
        50_400,
        "cash",
    )
    assert paid.voided_by == day.void.receipt_no
    assert paid.is_voided
    employer = rows[day.employer.receipt_no]
    assert (employer.name, employer.npp, employer.category, employer.tender) == (
        "PT Maju Jaya Abadi",
        "12345678",
        "PU",
        "debit",
    )
    assert employer.debit_reference == "APV123456"  # the bank's reference, shown with it
    assert paid.debit_reference is None  # cash has none
    handover = rows[day.claim.receipt_no]
    assert (handover.name, handover.nik, handover.kpj) == ("Ratna Handayani", NIK_WOMAN, CLAIM_KPJ)
    void = rows[day.void.receipt_no]
    assert (void.kind, void.voids, void.voided_amount, void.name) == (
        "void",
        day.joko_paid.receipt_no,
        50_400,
        "Joko Susanto",  # a void shows what it voids
    )
    assert not void.is_voided
    assert {row.upload for row in rows.values()} == {"pending"}


def test_only_the_day_asked_for(counter: Counter, clock: FakeClock, teller: User) -> None:
    yesterday = register_participant(counter, teller, registration())
    clock.advance(days=1)
    today = pay_bpu(counter, teller, bpu_payment())
    assert found(counter, "", TODAY) == [yesterday.receipt_no]
    assert found(counter, "", TODAY + timedelta(days=1)) == [today.receipt_no]
    assert found(counter, "", None) == [yesterday.receipt_no, today.receipt_no]
    assert found(counter, NIK_MAN, TODAY + timedelta(days=1)) == [today.receipt_no]
    assert found(counter, "", TODAY - timedelta(days=1)) == []


def test_an_empty_store_has_no_rows_and_no_count(counter: Counter) -> None:
    page = journal_page(counter, JournalQuery(TODAY))
    assert (page.rows, page.done) == ((), True)
    assert count_matches(counter, JournalQuery(TODAY)).count == 0


# --- search --------------------------------------------------------------------------------


def test_a_receipt_number_finds_that_receipt(counter: Counter, day: Day) -> None:
    receipt = day.employer.receipt_no
    assert found(counter, receipt) == [receipt]
    assert found(counter, f"  {receipt.lower()} ") == [receipt]
    assert found(counter, "3") == [receipt]  # its sequence, as on the paper
    assert found(counter, "0000003") == [receipt]
    assert found(counter, "BRI-0123-01-0000003") == []  # another counter's
    assert found(counter, "99") == []


def test_a_nik_finds_the_persons_records_and_their_voids(counter: Counter, day: Day) -> None:
    assert found(counter, NIK_MAN) == [
        day.joko.receipt_no,
        day.joko_paid.receipt_no,
        day.void.receipt_no,
    ]
    assert found(counter, "3171 0117 0885 0002") == found(counter, NIK_MAN)
    assert found(counter, NIK_WOMAN) == [day.claim.receipt_no]
    assert found(counter, NIK_SITI) == [day.siti.receipt_no]
    assert found(counter, "3171011708850009") == []


def test_a_kpj_finds_registrations_payments_and_claims(counter: Counter, day: Day) -> None:
    assert found(counter, JOKO_KPJ) == [
        day.joko.receipt_no,
        day.joko_paid.receipt_no,
        day.void.receipt_no,
    ]
    assert found(counter, CLAIM_KPJ) == [day.claim.receipt_no]


def test_the_last_digits_of_a_nik_or_kpj_find_the_person(counter: Counter, day: Day) -> None:
    # NIK_MAN ends in 0002, NIK_WOMAN in 0001, NIK_SITI in 0003; Joko's KPJ in 3344.
    joko = [day.joko.receipt_no, day.joko_paid.receipt_no, day.void.receipt_no]
    assert found(counter, "0002") == joko
    assert found(counter, "50002") == joko
    assert found(counter, "3344") == joko
    assert found(counter, "8901") == [day.claim.receipt_no]  # the claim's KPJ
    assert found(counter, "20003") == [day.siti.receipt_no]
    # Still a receipt's sequence too, typed with its zeros.
    assert found(counter, "0000003") == [day.employer.receipt_no]
    assert found(counter, "7777") == []
    query = JournalQuery(TODAY, parse_search("0002", LENGTHS))
    assert [row.receipt_no for row in every_row(counter, query, window=2)] == joko
    assert count_matches(counter, query).count == 3


def test_a_payment_code_or_npp_finds_the_pu_payment(counter: Counter, day: Day) -> None:
    assert found(counter, "123456789012") == [day.employer.receipt_no]
    assert found(counter, "12345678") == [day.employer.receipt_no]


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("joko", ["joko", "joko_paid", "void"]),
        ("SUSANTO", ["joko", "joko_paid", "void"]),
        ("ko sus", ["joko", "joko_paid", "void"]),
        ("Handayani", ["claim"]),
        ("bambang", ["claim"]),  # the heir who brought the claim
        ("maju jaya", ["employer"]),
        ("Siti", ["siti"]),
        ("Budi", []),
    ],
)
def test_a_name_finds_every_record_of_that_person(
    counter: Counter, day: Day, text: str, who: list[str]
) -> None:
    assert found(counter, text) == [getattr(day, name).receipt_no for name in who]


@pytest.mark.parametrize("text", ["%", "_", "\\", "100%", "J_ko", "O'Brien", '"; DROP TABLE t'])
def test_wildcards_and_quotes_are_plain_text(counter: Counter, day: Day, text: str) -> None:
    assert found(counter, text) == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("", SearchKind.ALL),
        ("   ", SearchKind.ALL),
        ("42", SearchKind.RECEIPT),
        ("0002", SearchKind.ENDING),
        ("0000042", SearchKind.ENDING),
        ("bni-0123-01-0000042", SearchKind.RECEIPT),
        (NIK_MAN, SearchKind.NUMBER),
        ("12345678901", SearchKind.NUMBER),
        ("123456789", SearchKind.UNKNOWN),
        ("9" * 60, SearchKind.UNKNOWN),
        ("Joko", SearchKind.NAME),
        ("BNI-0123", SearchKind.NAME),
    ],
)
def test_what_was_typed_is_understood(text: str, kind: SearchKind) -> None:
    assert parse_search(text, LENGTHS).kind is kind


def test_digits_of_no_known_length_find_nothing(counter: Counter, day: Day) -> None:
    assert found(counter, "123456789") == []
    assert found(counter, "9" * 60) == []
    assert count_matches(counter, JournalQuery(TODAY, parse_search("123456789", LENGTHS))).done


# --- a name search reads the day in windows ------------------------------------------------


def test_a_name_search_in_small_windows_finds_the_same_rows(counter: Counter, day: Day) -> None:
    query = JournalQuery(TODAY, parse_search("joko", LENGTHS))
    first = journal_page(counter, query, window=2)
    assert [row.seq for row in first.rows] == [1, 2]
    assert (first.scanned_to, first.done) == (2, False)
    quiet = journal_page(counter, query, 2, window=2)  # receipts 3 and 4 name someone else
    assert (quiet.rows, quiet.scanned_to, quiet.done) == ((), 4, False)
    assert [row.seq for row in every_row(counter, query, window=2)] == [1, 2, 6]
    assert [row.seq for row in every_row(counter, query, window=2, limit=1)] == [1, 2, 6]


def test_counts_add_up_window_by_window(counter: Counter, day: Day) -> None:
    assert count_matches(counter, JournalQuery(TODAY)).count == 6
    query = JournalQuery(TODAY, parse_search("joko", LENGTHS))
    total, after, calls = 0, 0, 0
    while True:
        part = count_matches(counter, query, after, window=2)
        total, after, calls = total + part.count, part.scanned_to, calls + 1
        if part.done:
            break
    assert (total, calls) == (3, 3)
    assert count_matches(counter, JournalQuery(TODAY, parse_search(NIK_MAN, LENGTHS))).count == 3
    assert count_matches(counter, JournalQuery(None, EVERYTHING)).count == 6


def test_a_whole_day_is_counted_in_parts_too(
    counter: Counter, day: Day, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(journal_query, "COUNT_WINDOW", 4)
    first = count_matches(counter, JournalQuery(TODAY))
    assert (first.count, first.scanned_to, first.done) == (4, 4, False)
    rest = count_matches(counter, JournalQuery(TODAY), first.scanned_to)
    assert (rest.count, rest.done) == (2, True)


def test_statuses_tell_voids_and_uploads_since(counter: Counter, day: Day, teller: User) -> None:
    assert row_statuses(counter, [day.joko.seq])[day.joko.seq].voided_by is None
    with counter.store.write() as connection:
        connection.execute(sa.text("UPDATE outbox SET status = 'sent' WHERE seq = 1"))
        connection.execute(sa.text("UPDATE outbox SET status = 'quarantined' WHERE seq = 3"))
    void = write_void(counter, teller, SPV, day.siti.receipt_no, "Salah input data")
    statuses = row_statuses(counter, [day.joko.seq, day.employer.seq, day.siti.seq, 999])
    assert statuses[day.joko.seq].upload == "sent"
    assert statuses[day.employer.seq].upload == "quarantined"
    assert statuses[day.siti.seq].voided_by == void.receipt_no
    assert 999 not in statuses


# --- totals and printed ----------------------------------------------------------------------


def test_totals_by_cash_debit_and_void(counter: Counter, day: Day, teller: User) -> None:
    totals = journal_totals(counter, TODAY)
    # Joko's cash payment was voided: it counts as voided money, not as cash.
    assert totals.cash == Tally(0, 0)
    assert totals.debit == Tally(1, day.employer.amount)
    assert totals.voided == Tally(1, day.joko_paid.amount)
    again = pay_bpu(counter, teller, bpu_payment(months=1))
    assert journal_totals(counter, TODAY).cash == Tally(1, again.amount)
    assert journal_totals(counter, date(2026, 11, 23)) == JournalTotals(
        Tally(0, 0), Tally(0, 0), Tally(0, 0)
    )


def test_a_row_says_whether_its_receipt_went_out(counter: Counter, day: Day, teller: User) -> None:
    query = JournalQuery(TODAY)
    assert not any(row.printed for row in journal_page(counter, query).rows)
    failed = issue_receipt(counter, teller, day.employer.receipt_no)
    record_print(counter, teller, failed, "failed", "kertas habis")
    assert not row_statuses(counter, [day.employer.seq])[day.employer.seq].printed
    record_print(counter, teller, failed, "printed")
    printed = [row.receipt_no for row in journal_page(counter, query).rows if row.printed]
    assert printed == [day.employer.receipt_no]
    assert row_statuses(counter, [day.employer.seq])[day.employer.seq].printed
