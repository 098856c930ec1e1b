"""Imports commit rows a group at a time (issue 18, "Bulk at speed"): each row is still all or
nothing (its own savepoint), a crash loses only the group not yet committed, and importing the
same file again commits just the rows that were lost, none twice, the receipts gapless and the
audit chain whole."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from desktop.cli import main
from desktop.counter import Counter
from desktop.errors import DomainError
from desktop.services import capture as capture_module
from desktop.services import imports
from desktop.services.auth import User
from desktop.services.verify import verify_store
from desktop.store.audit import append_event as append_event_of_capture
from desktop.store.schema import registrations, transactions
from desktop.store.store import Store
from tests.helpers import FakeClock, registration_rows

ROOT = Path(__file__).resolve().parents[2]
WAIT_S = 60.0  # a stuck child fails the test instead of hanging it
TELLER_PIN = "102938"  # teller01's PIN in the template store (tests/cli)


@pytest.fixture(autouse=True)
def _teller_pin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPO_PIN", TELLER_PIN)


def _file(tmp_path: Path, count: int) -> Path:
    path = tmp_path / "agent.csv"
    path.write_text(registration_rows(count), encoding="utf-8", newline="")
    return path


def _receipt_seqs(store: Store) -> list[int]:
    with store.read() as connection:
        return list(connection.execute(sa.select(transactions.c.seq).order_by("seq")).scalars())


def _registered_niks(store: Store) -> list[str]:
    with store.read() as connection:
        return list(connection.execute(sa.select(registrations.c.nik)).scalars())


def test_a_row_failing_halfway_writes_nothing_and_the_rest_of_its_group_is_committed(
    counter: Counter, teller: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Row 4 fails after its receipt number, transaction and detail rows were written (its
    audit event refused): its savepoint takes them back; the other rows of its group and of the
    groups after it are committed, numbered on without a gap."""
    monkeypatch.setattr(imports, "GROUP_ROWS", 3)
    real_append = append_event_of_capture
    calls = {"n": 0}

    def append_event(*args: object, **kwargs: object) -> object:
        calls["n"] += 1
        if calls["n"] == 3:  # the third row that gets this far: file row 4
            raise DomainError("row", "ditolak di tengah", "refused halfway")
        return real_append(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(capture_module, "append_event", append_event)
    seen: list[imports.Progress] = []
    result = imports.import_registrations(
        counter, teller, _file(tmp_path, 8), lang="en", progress=seen.append
    )
    assert [a.row for a in result.accepted] == [2, 3, 5, 6, 7, 8, 9]
    assert [(r.row, r.message) for r in result.rejected] == [(4, "refused halfway")]
    assert result.stopped is None
    assert [a.receipt_no[-3:] for a in result.accepted] == [f"{n:03d}" for n in range(1, 8)]
    assert _receipt_seqs(counter.store) == list(range(1, 8))
    assert "3171011708850004" not in _registered_niks(counter.store)  # row 4's NIK
    # One report a group commit: rows 2-5 (3 accepted + row 4), 6-8, then 9.
    assert seen == [
        imports.Progress(5, 3, 1),
        imports.Progress(8, 6, 1),
        imports.Progress(9, 7, 1),
    ]
    assert verify_store(counter).ok


def test_a_group_the_store_cannot_commit_is_reported_as_not_imported(
    counter: Counter, teller: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows are accepted only once committed: a failing commit of the second group leaves the
    first group's rows reported and kept, and the import stopped at the second group's first
    row."""
    monkeypatch.setattr(imports, "GROUP_ROWS", 2)
    real_note = Store._note_receipts
    calls = {"n": 0}

    def note(self: Store, connection: sa.Connection) -> tuple[str, int] | None:
        calls["n"] += 1
        if calls["n"] == 2:  # just before the second group's commit
            from desktop.store.failures import store_error

            raise store_error("full", Path("counter.sqlite"))
        return real_note(self, connection)

    monkeypatch.setattr(Store, "_note_receipts", note)
    result = imports.import_registrations(counter, teller, _file(tmp_path, 6), lang="en")
    assert [a.row for a in result.accepted] == [2, 3]
    assert result.stopped is not None
    assert (result.stopped.row, result.stopped.field) == (4, "store")
    assert _receipt_seqs(counter.store) == [1, 2]


# A power cut halfway through a group: the child imports with groups of 4 rows and dies (no
# rollback, no clean-up: os._exit) while writing the 10th row, two rows into its third group.
CHILD = """
import os, sys
from pathlib import Path
from desktop.counter import Counter
from desktop.domain.users import Role
from desktop.services import imports
from desktop.services.auth import User
from desktop.store.store import Store
from tests.helpers import FakeClock

data_dir, csv_file = Path(sys.argv[1]), Path(sys.argv[2])
imports.GROUP_ROWS = 4
real = imports.register_participant
calls = {"n": 0}

def register(*args, **kwargs):
    calls["n"] += 1
    captured = real(*args, **kwargs)
    if calls["n"] == 10:
        os._exit(9)  # the 10th row written in its savepoint, its group not committed
    return captured

imports.register_participant = register
store = Store(data_dir)
counter = Counter(store, clock=FakeClock())
imports.import_registrations(counter, User("teller01", "Dewi", Role.TELLER), csv_file)
sys.exit("the child was meant to die in the import")
"""


def test_a_crash_mid_import_then_importing_again_commits_only_the_tail(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_file = _file(tmp_path, 14)  # rows 2-15
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(data_dir), str(csv_file)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=WAIT_S,
        check=False,
    )
    assert child.returncode == 9, child.stderr
    store = Store(data_dir)
    try:
        # Two groups of 4 were committed before the crash; the third group's two rows were not.
        assert len(_registered_niks(store)) == 8
        assert _receipt_seqs(store) == list(range(1, 9))
    finally:
        store.close()

    capsys.readouterr()
    argv = ["--data-dir", str(data_dir), "import", "registrations", str(csv_file)]
    rc = main([*argv, "--teller", "teller01", "--json"], clock=FakeClock())
    out = json.loads(capsys.readouterr().out)
    assert rc == 1  # the rows committed before are refused: already registered
    assert [a["row"] for a in out["accepted"]] == list(range(10, 16))
    assert [a["receipt_no"][-7:] for a in out["accepted"]] == [f"{n:07d}" for n in range(9, 15)]
    assert [(r["row"], r["field"]) for r in out["rejected"]] == [(n, "nik") for n in range(2, 10)]
    assert all("sudah terdaftar" in r["message"] for r in out["rejected"])

    store = Store(data_dir)
    try:
        niks = _registered_niks(store)
        assert sorted(niks) == [f"317101170885{serial:04d}" for serial in range(2, 16)]
        assert _receipt_seqs(store) == list(range(1, 15))  # gapless, each NIK once
    finally:
        store.close()
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "verify", "--json"], clock=FakeClock()) == 0
    assert json.loads(capsys.readouterr().out)["ok"] is True


def test_progress_lines_on_the_command_line(
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(imports, "GROUP_ROWS", 2)
    csv_file = _file(tmp_path, 6)  # rows 2-7: groups end at rows 3, 5, 7
    capsys.readouterr()
    argv = ["--data-dir", str(data_dir), "--lang", "en", "import", "registrations", str(csv_file)]
    rc = main([*argv, "--teller", "teller01", "--progress-every", "2"], clock=FakeClock())
    captured = capsys.readouterr()
    assert rc == 0
    progress = [line for line in captured.err.splitlines() if "import: row" in line]
    assert [line.split(" rows/s")[0].rsplit(", ", 1)[0] for line in progress] == [
        "spo-counter: import: row 3: 2 committed, 0 rejected",
        "spo-counter: import: row 5: 4 committed, 0 rejected",
        "spo-counter: import: row 7: 6 committed, 0 rejected",
    ]
    assert all(line.endswith(" rows/s") for line in progress)
    assert "6 accepted, 0 rejected." in captured.out.splitlines()
