"""`verify`: a clean store passes, after a counter's whole normal life too; any edit of a money
record, audit event or audited row in the file fails."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from desktop.counter import Counter
from desktop.errors import DomainError
from desktop.services.auth import MAX_FAILED_ATTEMPTS, User, login
from desktop.services.business_day import open_day, reopen_day
from desktop.services.claims import hand_over_claim
from desktop.services.contributions import pay_bpu, pay_pu
from desktop.services.day_close import CloseDay, count_and_close
from desktop.services.preferences import change_settings
from desktop.services.receipts import issue_receipt, record_print, reprint_receipt
from desktop.services.registration import register_participant
from desktop.services.setup import add_user
from desktop.services.users import change_pin, deactivate_user, reset_pin, unlock_user
from desktop.services.verify import verify_store
from desktop.services.voids import VoidTransaction, void_transaction
from desktop.settings import PcSettings
from desktop.store.schema import audit_events
from desktop.store.store import Store
from tests.conftest import PINS, FakeClock
from tests.services.conftest import bpu_payment, claim, pu_payment, registration
from tests.tamper import open_raw


@pytest.fixture
def busy_counter(counter: Counter, teller: User) -> Counter:
    register_participant(counter, teller, registration())
    pay_bpu(counter, teller, bpu_payment(programs="JKK+JKM+JHT"))  # 0000002
    pay_pu(counter, teller, pu_payment())  # 0000003
    hand_over_claim(counter, teller, claim())  # 0000004
    void_transaction(
        counter,
        teller,
        VoidTransaction("BNI-0123-01-0000003", "Salah kode", "spv01", PINS["spv01"]),
    )
    return counter


def _tamper(db: Path, table: str, action: str, statement: str) -> None:
    """What someone with a SQLite editor would do: lift the protection, edit, put it back."""
    raw = open_raw(db)
    name = f"{table}_no_{action}"
    (trigger_sql,) = raw.execute("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchone()
    raw.execute(f"DROP TRIGGER {name}")
    raw.execute("PRAGMA foreign_keys = OFF")
    raw.execute(statement)
    raw.execute(trigger_sql)
    raw.close()


def test_a_counters_normal_life_verifies_clean(
    counter: Counter, clock: FakeClock, teller: User, supervisor: User
) -> None:
    """Every audited change the application makes leaves the store verifying: captures, voids,
    reprints, opening, counting, closing, reopening and closing again, settings, a user added,
    a lock after wrong PINs, the lock running out and the next login clearing it, a new day."""

    def clean() -> None:
        assert verify_store(counter).problems == []

    open_day(counter, teller, "100000=5")
    register_participant(counter, teller, registration())
    pay_bpu(counter, teller, bpu_payment(programs="JKK+JKM+JHT"))
    pay_pu(counter, teller, pu_payment())
    hand_over_claim(counter, teller, claim())
    void_transaction(
        counter,
        teller,
        VoidTransaction("BNI-0123-01-0000003", "Salah kode", "spv01", PINS["spv01"]),
    )
    original = issue_receipt(counter, teller, "BNI-0123-01-0000002")
    record_print(counter, teller, original, "printed", "Kasir-1")  # a copy only after it went out
    reprint_receipt(counter, teller, "BNI-0123-01-0000002")
    pc = PcSettings(language="en", printer="EPSON TM-T82")
    change_settings(counter, supervisor, paper="a5", pc=pc)
    add_user(
        counter, by=supervisor, user_id="teller03", name="Rina Wati", role="teller", pin="482915"
    )
    clean()
    for _ in range(MAX_FAILED_ATTEMPTS):
        with pytest.raises(DomainError):
            login(counter, "teller02", "000000")
    clean()  # locked, and recorded so
    clock.advance(minutes=31)
    assert login(counter, "teller02", PINS["teller02"]).id == "teller02"  # the lock ran out
    clean()
    # The fifth try is the right PIN: the lock it set is lifted again, and that is audited.
    for _ in range(MAX_FAILED_ATTEMPTS - 1):
        with pytest.raises(DomainError):
            login(counter, "teller02", "000000")
    assert login(counter, "teller02", PINS["teller02"]).id == "teller02"
    clean()
    # A supervisor's work on the users: a lock lifted, a PIN reset, one changed, one deactivated.
    for _ in range(MAX_FAILED_ATTEMPTS):
        with pytest.raises(DomainError):
            login(counter, "teller03", "000000")
    unlock_user(counter, user_id="teller03", supervisor_id="spv01", supervisor_pin=PINS["spv01"])
    reset_pin(
        counter,
        user_id="teller02",
        new_pin="591736",
        supervisor_id="spv01",
        supervisor_pin=PINS["spv01"],
    )
    change_pin(counter, user_id="teller02", old_pin="591736", new_pin="847362")
    deactivate_user(
        counter, user_id="teller03", supervisor_id="spv01", supervisor_pin=PINS["spv01"]
    )
    clean()
    closed = count_and_close(
        counter,
        teller,
        CloseDay(
            "100000=4",
            reason="Uang kurang satu lembar",
            supervisor_id="spv02",
            supervisor_pin=PINS["spv02"],
        ),
    )
    assert closed.report.variance != 0
    clean()
    reopen_day(counter, supervisor, "Setoran terlambat dicatat")
    clock.advance(minutes=5)
    pay_bpu(counter, teller, bpu_payment(period_start="2026-12"))
    count_and_close(
        counter,
        teller,
        CloseDay(
            "100000=4",
            reason="Uang kurang satu lembar",
            supervisor_id="spv02",
            supervisor_pin=PINS["spv02"],
        ),
    )
    clean()
    clock.advance(days=1)
    pay_bpu(counter, teller, bpu_payment(period_start="2027-01"))  # opens the next day itself
    clean()
    with counter.store.read() as connection:
        actions = set(connection.execute(sa.select(audit_events.c.action)).scalars())
    assert {
        "audit.keyed", "user.add", "user.locked", "day.open", "cash.count", "day.close",
        "day.reopen", "settings.paper", "settings.language", "receipt.reprint", "void",
    } <= actions  # fmt: skip


def test_a_clean_store_verifies(busy_counter: Counter) -> None:
    report = verify_store(busy_counter)
    assert report.problems == []
    assert report.transactions == 5
    # The switch-over to the keyed chain, counter.init and 4 users, then the transactions.
    assert report.audit_events == 1 + 5 + 5


@pytest.mark.parametrize(
    ("table", "action", "statement", "receipt"),
    [
        (
            "contribution_lines",
            "update",
            "UPDATE contribution_lines SET amount = 1 WHERE program = 'JHT' AND amount = 20000",
            "0000002",
        ),
        ("transactions", "update", "UPDATE transactions SET amount = 10 WHERE seq = 2", "0000002"),
        (
            "transactions",
            "update",
            "UPDATE transactions SET tender = 'debit' WHERE seq = 2",
            "0000002",
        ),
        ("registrations", "update", "UPDATE registrations SET full_name = 'Orang Lain'", "0000001"),
        (
            "contributions",
            "update",
            "UPDATE contributions SET period_end = '2027-12-01' WHERE category = 'BPU'",
            "0000002",
        ),
        (
            "claim_documents",
            "update",
            "UPDATE claim_documents SET status = 'original' WHERE status = 'missing'",
            "0000004",
        ),
        (
            "claim_handovers",
            "update",
            "UPDATE claim_handovers SET payout_account = '999999999'",
            "0000004",
        ),
        ("voids", "update", "UPDATE voids SET approved_by = 'teller01'", "0000005"),
        (
            "debit_references",
            "update",
            "UPDATE debit_references SET reference = 'LAIN999'",
            "0000003",
        ),
        ("debit_references", "delete", "DELETE FROM debit_references", "0000003"),
        (
            "contribution_lines",
            "delete",
            "DELETE FROM contribution_lines WHERE program = 'JP'",
            "0000003",
        ),
    ],
)
def test_an_edited_record_fails_verify_naming_its_receipt(
    busy_counter: Counter, table: str, action: str, statement: str, receipt: str
) -> None:
    _tamper(busy_counter.store.db_path, table, action, statement)
    report = verify_store(busy_counter)
    assert [p.check for p in report.problems] == ["records"]
    assert f"BNI-0123-01-{receipt}" in report.problems[0].message_id


def test_an_edited_audit_event_fails_verify(busy_counter: Counter) -> None:
    _tamper(
        busy_counter.store.db_path,
        "audit_events",
        "update",
        "UPDATE audit_events SET actor = 'spv02' WHERE action = 'void'",
    )
    report = verify_store(busy_counter)
    assert [p.check for p in report.problems] == ["audit_chain"]
    assert "#11" in report.problems[0].message_id  # after the switch-over and 9 more


def test_a_deleted_transaction_fails_verify(busy_counter: Counter) -> None:
    db = busy_counter.store.db_path
    _tamper(db, "claim_documents", "delete", "DELETE FROM claim_documents")
    _tamper(db, "claim_handovers", "delete", "DELETE FROM claim_handovers")
    _tamper(db, "transactions", "delete", "DELETE FROM transactions WHERE kind = 'claim_handover'")
    report = verify_store(busy_counter)
    checks = {p.check for p in report.problems}
    assert checks == {"records", "receipt_sequence"}
    assert all("BNI-0123-01-0000004" in p.message_en for p in report.problems)


def test_a_removed_protection_is_reported(busy_counter: Counter) -> None:
    raw = open_raw(busy_counter.store.db_path)
    raw.execute("DROP TRIGGER transactions_no_update")
    raw.close()
    report = verify_store(busy_counter)
    assert [p.check for p in report.problems] == ["protection"]


def test_a_damaged_file_fails_the_integrity_check(busy_counter: Counter) -> None:
    busy_counter.store.close()
    db = busy_counter.store.db_path
    raw = open_raw(db)
    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = int(raw.execute("PRAGMA page_size").fetchone()[0])  # SQLCipher: text
    (root,) = raw.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'transactions'"
    ).fetchone()
    raw.close()
    data = bytearray(db.read_bytes())
    data[(root - 1) * page_size] = 0x00  # the b-tree page type of the transactions table: invalid
    db.write_bytes(bytes(data))
    reopened = Store(db.parent)
    try:
        report = verify_store(Counter(reopened, clock=busy_counter.clock))
    finally:
        reopened.close()
    checks = [p.check for p in report.problems]
    # SQLite's check comes first; the checks after it still run and say what they could not read.
    assert checks[0] == "integrity"
    assert "rusak" in report.problems[0].message_id
    assert "records" in checks
    assert any("damaged file" in p.message_en for p in report.problems[1:])
