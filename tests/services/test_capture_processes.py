"""Two programs capturing into one counter store at once (the window and a CLI import), as two
real processes with their own connections: SQLite's file locks, not the Store's thread lock, are
what keeps them apart here.

Each process registers its own participants and pays their contributions, and both try to pay
the same participants' same month. Receipt numbers stay gapless and unique, every month is paid
once (the loser is told which receipt paid it), neither sees "database is locked", and the
store verifies afterwards.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from desktop.counter import Counter
from desktop.domain.users import Role
from desktop.services.auth import User
from desktop.services.registration import register_participant
from desktop.services.verify import verify_store
from desktop.store.schema import contributions, participants, transactions
from desktop.store.store import Store
from tests.helpers import FakeClock
from tests.services.conftest import registration

ROOT = Path(__file__).resolve().parents[2]
OWN = 30  # participants each process registers and pays for: long enough runs to overlap
SHARED = 4  # participants both processes try to pay the same month for
WAIT_S = 60.0  # a stuck child fails the test instead of hanging it


def nik(serial: int) -> str:
    """A valid NIK of a man born 17/08/1985 in Jakarta (like NIK_MAN), by its last 4 digits."""
    return f"317101170885{serial:04d}"


def shared_nik(i: int) -> str:
    return nik(9000 + i)


# One counter program: opens the store, says "ready", waits for "go" on its stdin, then captures
# as fast as it can and prints what happened as one JSON line. The clock is fixed (FakeClock):
# both programs capture at the same instant of the same business day. Anything but the expected
# "this month is paid" refusal escapes, so the exit status and stderr show it.
CHILD = """
import json, sys
from pathlib import Path
from desktop.errors import DomainError
from desktop.domain.users import Role
from desktop.services.auth import User
from desktop.services.contributions import pay_bpu
from desktop.counter import Counter
from desktop.services.registration import register_participant
from desktop.store.store import Store
from tests.helpers import FakeClock
from tests.services.test_capture_processes import OWN, SHARED, nik, shared_nik
from tests.services.conftest import bpu_payment, registration

data_dir, worker, teller_id = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
store = Store(data_dir)
counter = Counter(store, clock=FakeClock())
teller = User(teller_id, teller_id, Role.TELLER)
counter.profile  # read before "go", so both start with the capture itself
print("ready", flush=True)
if sys.stdin.readline().strip() != "go":
    sys.exit("no go")
receipts, won, lost = [], {}, {}
for i in range(OWN):
    own = nik((worker + 1) * 1000 + i)
    receipts.append(register_participant(counter, teller, registration(nik=own)).receipt_no)
    receipts.append(pay_bpu(counter, teller, bpu_payment(participant=own)).receipt_no)
    if i < SHARED:
        try:
            paid = pay_bpu(counter, teller, bpu_payment(participant=shared_nik(i)))
        except DomainError as refused:
            lost[shared_nik(i)] = [refused.field, refused.message("en")]
        else:
            receipts.append(paid.receipt_no)
            won[shared_nik(i)] = paid.receipt_no
store.close()
print(json.dumps({"receipts": receipts, "won": won, "lost": lost}), flush=True)
"""


def _start(data_dir: Path, worker: int, teller_id: str, log: Path) -> subprocess.Popen[str]:
    # stderr to a file, not a pipe: a chatty child cannot block on a pipe nobody reads yet.
    # The child holds its own copy of the file; ours closes once it has started.
    with log.open("w") as errors:
        return subprocess.Popen(
            [sys.executable, "-c", CHILD, str(data_dir), str(worker), teller_id],
            cwd=ROOT,  # `tests` importable, as under pytest
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
        )


def _contributions(counter: Counter) -> list[tuple[str, str, str]]:
    """(participant NIK, first month, receipt) of every BPU payment."""
    with counter.store.read() as connection:
        rows = connection.execute(
            sa.select(participants.c.nik, contributions.c.period_start, transactions.c.receipt_no)
            .join(transactions, transactions.c.seq == contributions.c.seq)
            .join(participants, participants.c.id == transactions.c.participant_id)
            .where(contributions.c.category == "BPU")
        ).all()
    return [(str(n), str(p), str(r)) for n, p, r in rows]


def test_two_processes_capturing_at_once_never_share_a_receipt_or_pay_a_month_twice(
    data_dir: Path, tmp_path: Path
) -> None:
    store = Store(data_dir)
    counter = Counter(store, clock=FakeClock())
    teller = User("teller01", "Dewi Lestari", Role.TELLER)
    for i in range(SHARED):  # also opens the business day, before the race
        register_participant(counter, teller, registration(nik=shared_nik(i)))
    store.close()

    logs = [tmp_path / f"worker{w}.log" for w in range(2)]
    children = [
        _start(data_dir, worker, teller_id, logs[worker])
        for worker, teller_id in enumerate(("teller01", "teller02"))
    ]
    results: list[dict[str, Any]] = []
    try:
        for child in children:  # both have the store open before either captures
            assert child.stdout is not None
            assert child.stdout.readline().strip() == "ready", logs[children.index(child)]
        for child in children:
            assert child.stdin is not None
            child.stdin.write("go\n")
            child.stdin.flush()  # communicate() below closes it
        for worker, child in enumerate(children):
            out, _ = child.communicate(timeout=WAIT_S)
            errors = logs[worker].read_text()
            # A busy store is waited for (busy_timeout), never handed to the teller as an error.
            assert "locked" not in errors.lower(), errors
            assert "dipakai program lain" not in errors, errors
            assert child.returncode == 0, errors
            results.append(json.loads(out))
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
                child.wait()

    store = Store(data_dir)
    counter = Counter(store, clock=FakeClock())
    try:
        with counter.store.read() as connection:
            seqs = list(
                connection.execute(
                    sa.select(transactions.c.seq).order_by(transactions.c.seq)
                ).scalars()
            )
            numbers = list(connection.execute(sa.select(transactions.c.receipt_no)).scalars())
        paid = _contributions(counter)
        report = verify_store(counter)
    finally:
        store.close()

    # Receipts: 1..total without a gap, each number once, each child's own ones among them.
    total = SHARED + 2 * (2 * OWN) + SHARED  # shared registrations, own pairs, shared payments
    assert seqs == list(range(1, total + 1))
    assert len(set(numbers)) == total
    handed_out = [n for result in results for n in result["receipts"]]
    assert len(handed_out) == len(set(handed_out)) == total - SHARED
    # Every shared month: exactly one process paid it; the other was told by whose receipt.
    for i in range(SHARED):
        shared = shared_nik(i)
        winners = [r["won"][shared] for r in results if shared in r["won"]]
        losers = [r["lost"][shared] for r in results if shared in r["lost"]]
        assert len(winners) == 1, (shared, results)
        assert losers == [
            ["period_start", f"Part of this period is already paid, receipt {winners[0]}."]
        ]
    # Each participant's month paid once: 2 x OWN own participants, SHARED shared ones.
    months = [(participant, month) for participant, month, _receipt in paid]
    assert len(months) == len(set(months)) == 2 * OWN + SHARED
    assert report.ok, report.problems
    assert report.transactions == total
