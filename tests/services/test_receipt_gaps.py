"""A lost write-ahead log: committed records gone after a crash are found by the receipt mark
kept outside the database, reported by verify, and their numbers never handed out again."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.counter import Counter
from desktop.paths import DB_FILENAME
from desktop.services.auth import User
from desktop.services.opening import open_counter
from desktop.services.receipt_gaps import lost_receipts
from desktop.services.registration import register_participant
from desktop.services.verify import verify_store
from desktop.store.receipt_mark import BLOCK, MARK_FILENAME, SLOT, ReceiptMark
from desktop.store.store import Store
from tests.helpers import FakeClock
from tests.services.conftest import registration
from tests.tamper import query

# Registers three people, then dies as a crash would: no close, so no checkpoint, and the
# three commits are only in counter.sqlite-wal.
CRASHING_CAPTURES = """
import os, sys
from pathlib import Path
from desktop.counter import Counter
from desktop.domain.users import Role
from desktop.services.auth import User
from desktop.services.registration import register_participant
from desktop.store.store import Store
from tests.helpers import FakeClock
from tests.services.conftest import registration

counter = Counter(Store(Path(sys.argv[1])), clock=FakeClock())
teller = User("teller01", "Dewi Lestari", Role.TELLER)
for serial in (3, 4, 5):
    register_participant(counter, teller, registration(nik=f"317101170885{serial:04d}"))
print("captured", flush=True)
os._exit(0)
"""


def crash_after_three_captures(folder: Path) -> None:
    ran = subprocess.run(
        [sys.executable, "-c", CRASHING_CAPTURES, str(folder)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert ran.stdout == "captured\n", ran.stderr
    assert (folder / f"{DB_FILENAME}-wal").stat().st_size > 0


def lose_the_wal(folder: Path) -> None:
    """The WAL and its index deleted while no connection holds them (a cleaner, an antivirus,
    a copy of the .sqlite file alone)."""
    (folder / f"{DB_FILENAME}-wal").unlink()
    (folder / f"{DB_FILENAME}-shm").unlink(missing_ok=True)


@pytest.fixture
def lost(data_dir: Path, teller: User) -> Path:
    """Receipt 1 checkpointed into the file, 2-4 committed in a WAL that is then lost."""
    store = Store(data_dir)
    register_participant(Counter(store, clock=FakeClock()), teller, registration())
    store.close()  # the last connection: checkpointed, receipt 1 is in the file itself
    crash_after_three_captures(data_dir)
    lose_the_wal(data_dir)
    return data_dir


def test_verify_reports_the_lost_records(lost: Path) -> None:
    store = Store(lost)
    try:
        report = verify_store(Counter(store, clock=FakeClock()))
    finally:
        store.close()
    assert [p.check for p in report.problems] == ["receipt_mark"]
    assert "3 transaksi yang sudah tersimpan hilang" in report.problems[0].message_id
    assert "BNI-0123-01-0000002 sampai BNI-0123-01-0000004" in report.problems[0].message_id


def test_the_lost_numbers_are_never_handed_out_again(lost: Path, teller: User) -> None:
    counter = open_counter(lost)  # as the window opens it: the loss written off at once
    try:
        gap = counter.receipt_gap
        assert gap is not None
        assert (gap.first, gap.lost_through, gap.last) == (2, 4, BLOCK)
        assert "penomoran berlanjut di BNI-0123-01-0000101" in gap.message()
        captured = register_participant(counter, teller, registration(nik="3171011708850009"))
        assert captured.receipt_no == f"BNI-0123-01-{BLOCK + 1:07d}"
        report = verify_store(counter)
        assert report.problems == []
        assert report.gaps == [(2, BLOCK)]
    finally:
        counter.store.close()
    ((details,),) = query(lost, "SELECT details FROM audit_events WHERE action = 'receipt.gap'")
    assert json.loads(details) == {
        "first": 2,
        "last": BLOCK,
        "lost_through": 4,
        "reason": "lost_records",
    }


def test_a_capture_never_reuses_a_lost_number_even_unannounced(lost: Path, teller: User) -> None:
    """Opened without the start's settling (a store opened directly), the capture itself
    writes the loss off before it takes a number."""
    store = Store(lost)
    try:
        counter = Counter(store, clock=FakeClock())
        captured = register_participant(counter, teller, registration(nik="3171011708850009"))
        assert captured.seq == BLOCK + 1
        assert verify_store(counter).problems == []
    finally:
        store.close()


def test_the_command_line_tells_and_verify_notes_the_gap(
    lost: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(lost), "verify"], clock=FakeClock()) == 1
    assert "hilang dari basis data" in capsys.readouterr().out
    assert main(["--data-dir", str(lost), "info"], clock=FakeClock()) == 0
    assert "penomoran berlanjut di BNI-0123-01-0000101" in capsys.readouterr().err
    assert main(["--data-dir", str(lost), "--lang", "en", "verify"], clock=FakeClock()) == 0
    out = capsys.readouterr().out
    assert out.startswith("OK")
    assert "BNI-0123-01-0000002 to BNI-0123-01-0000100 were written off" in out


def test_a_clean_crash_loses_nothing_and_skips_nothing(data_dir: Path, teller: User) -> None:
    """The WAL kept after a crash: no gap, numbering goes on at the next number."""
    crash_after_three_captures(data_dir)
    counter = open_counter(data_dir)
    try:
        assert counter.receipt_gap is None
        assert register_participant(counter, teller, registration()).seq == 4
        assert verify_store(counter).problems == []
    finally:
        counter.store.close()


def test_numbers_are_reserved_a_block_at_a_time(counter: Counter, teller: User) -> None:
    mark = ReceiptMark(counter.store.data_dir / MARK_FILENAME)
    for serial in range(2, 5):
        register_participant(counter, teller, registration(nik=f"317101170885{serial:04d}"))
    state = mark.read("BNI-0123-01")
    mark.close()
    assert state is not None
    assert (state.floor, state.reserved, state.used) == (0, BLOCK, 3)
    if os.name == "posix":  # Windows keeps no modes: the profile folder's ACL guards it
        assert oct(os.stat(counter.store.data_dir / MARK_FILENAME).st_mode & 0o777) == "0o600"


def test_a_torn_slot_falls_back_to_the_other(tmp_path: Path) -> None:
    mark = ReceiptMark(tmp_path / MARK_FILENAME)
    mark.reserve("BNI-0123-01", 1)  # generation 1: slot 1
    mark.note_used("BNI-0123-01", 1)  # generation 2: slot 0
    mark.close()
    raw = bytearray((tmp_path / MARK_FILENAME).read_bytes())
    raw[10:20] = b"\x00" * 10  # slot 0 torn
    (tmp_path / MARK_FILENAME).write_bytes(bytes(raw))
    again = ReceiptMark(tmp_path / MARK_FILENAME)
    try:
        state = again.read("BNI-0123-01")
        assert again.read("BRI-0001-01") is None  # another counter's mark is no mark
    finally:
        again.close()
    assert state is not None
    assert (state.generation, state.used, state.reserved) == (1, 0, BLOCK)
    assert len(raw) == 2 * SLOT
    assert ReceiptMark(tmp_path / "none").read("BNI-0123-01") is None


def test_a_commit_that_fails_puts_the_mark_back(counter: Counter, teller: User) -> None:
    """The mark is noted just before COMMIT: when COMMIT fails, the mark must not claim the
    number, or the next start would write off numbers that were never committed."""
    import sqlalchemy as sa

    register_participant(counter, teller, registration())  # receipt 1, committed
    failing = True

    def refuse(_connection: object) -> None:
        if failing:
            raise RuntimeError("COMMIT failed")

    sa.event.listen(counter.store.engine, "commit", refuse)
    with pytest.raises(RuntimeError, match="COMMIT failed"):
        register_participant(counter, teller, registration(nik="3171011708850009"))
    failing = False
    mark = ReceiptMark(counter.store.data_dir / MARK_FILENAME)
    try:
        state = mark.read("BNI-0123-01")
    finally:
        mark.close()
    assert state is not None
    assert state.used == 1
    other = Store(counter.store.data_dir)  # another process's view: nothing lost
    try:
        assert lost_receipts(Counter(other, clock=FakeClock())) is None
    finally:
        other.close()
