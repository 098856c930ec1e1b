"""`spo-counter verify`: any edit of the database file behind the application's back is found."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import main
from desktop.paths import DB_FILENAME
from tests.helpers import FakeClock

CLOCK = FakeClock()  # the module's demo is made, and verified, at this one instant


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small demo counter holding every kind of record, made once for this module."""
    folder = tmp_path_factory.mktemp("verify") / "demo"
    with pytest.MonkeyPatch.context() as mp, contextlib.redirect_stdout(io.StringIO()) as out:
        mp.setenv("XDG_DATA_HOME", str(folder.parent / "xdg"))  # never the real data folder
        mp.delenv("SPO_DATA_DIR", raising=False)
        argv = ["--data-dir", str(folder), "demo", "--transactions", "60", "--seed", "3"]
        assert main([*argv, "--json"], clock=CLOCK) == 0
    counts = json.loads(out.getvalue())["counts"]
    assert set(counts) == {"registration", "contribution", "claim_handover", "void"}, counts
    return folder


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "demo"
    shutil.copytree(demo_template, folder)
    return folder


def verify(folder: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    capsys.readouterr()
    rc = main(["--data-dir", str(folder), "verify", *extra], clock=CLOCK)
    captured = capsys.readouterr()
    return rc, captured.out + captured.err


def tamper(folder: Path, sql: str) -> None:
    """What someone with the plain sqlite3 tool and the file could do."""
    db = sqlite3.connect(folder / DB_FILENAME)
    try:
        db.executescript(sql)
        db.commit()
    finally:
        db.close()


def query(folder: Path, sql: str) -> list[Any]:
    db = sqlite3.connect(folder / DB_FILENAME)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def first(folder: Path, kind: str, table: str | None = None) -> tuple[str, str]:
    """(id, receipt_no) of the first transaction of `kind` that has rows in `table`."""
    join = f"JOIN {table} d ON d.seq = t.seq" if table else ""
    rows = query(
        folder,
        f"SELECT t.id, t.receipt_no FROM transactions t {join} "
        f"WHERE t.kind = '{kind}' ORDER BY t.seq LIMIT 1",
    )
    assert rows, (kind, table)
    return rows[0][0], rows[0][1]


def test_a_fresh_demo_verifies(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rc, out = verify(demo, capsys)
    assert rc == 0
    assert out.startswith("OK: berkas utuh, ")
    assert "60 transaksi cocok" in out
    rc, out = verify(demo, capsys, "--json")
    report = json.loads(out)
    assert rc == 0
    assert report["ok"] is True
    assert report["problems"] == []
    assert report["transactions"] == 60
    assert report["audit_events"] >= 60 + 5  # setup events, then one per transaction


def test_an_empty_counter_verifies(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rc, out = verify(data_dir, capsys, "--json")
    assert rc == 0
    assert json.loads(out)["transactions"] == 0


def _line_amount(folder: Path) -> tuple[str, str]:
    txn_id, receipt = first(folder, "contribution", "contribution_lines")
    tamper(
        folder,
        "DROP TRIGGER contribution_lines_no_update;"
        f"UPDATE contribution_lines SET amount = amount - 1000 "
        f"WHERE seq = (SELECT seq FROM transactions WHERE id = '{txn_id}');",
    )
    return receipt, "records"


def _transaction_amount(folder: Path) -> tuple[str, str]:
    txn_id, receipt = first(folder, "contribution")
    tamper(
        folder,
        "DROP TRIGGER transactions_no_update;"
        f"UPDATE transactions SET amount = 1 WHERE id = '{txn_id}';",
    )
    return receipt, "records"


def _amount_with_trigger_put_back(folder: Path) -> tuple[str, str]:
    """The careful forger recreates the trigger: the protection check is quiet, the digest not."""
    (sql,) = query(folder, "SELECT sql FROM sqlite_master WHERE name = 'transactions_no_update'")[0]
    txn_id, receipt = first(folder, "contribution")
    tamper(
        folder,
        "DROP TRIGGER transactions_no_update;"
        f"UPDATE transactions SET amount = amount + 50000 WHERE id = '{txn_id}';"
        f"{sql};",
    )
    return receipt, "records"


def _tender(folder: Path) -> tuple[str, str]:
    txn_id, receipt = first(folder, "contribution")
    tamper(
        folder,
        "DROP TRIGGER transactions_no_update;"
        f"UPDATE transactions SET tender = 'debit', debit_account = '9999999999' "
        f"WHERE id = '{txn_id}';",
    )
    return receipt, "records"


def _period(folder: Path) -> tuple[str, str]:
    txn_id, receipt = first(folder, "contribution", "contributions")
    tamper(
        folder,
        "DROP TRIGGER contributions_no_update;"
        f"UPDATE contributions SET period_end = '2099-12-01' "
        f"WHERE seq = (SELECT seq FROM transactions WHERE id = '{txn_id}');",
    )
    return receipt, "records"


def _registration_name(folder: Path) -> tuple[str, str]:
    txn_id, receipt = first(folder, "registration", "registrations")
    tamper(
        folder,
        "DROP TRIGGER registrations_no_update;"
        f"UPDATE registrations SET full_name = 'Orang Lain' "
        f"WHERE seq = (SELECT seq FROM transactions WHERE id = '{txn_id}');",
    )
    return receipt, "records"


def _claim_document(folder: Path) -> tuple[str, str]:
    txn_id, receipt = first(folder, "claim_handover", "claim_documents")
    tamper(
        folder,
        "DROP TRIGGER claim_documents_no_update;"
        f"UPDATE claim_documents SET status = 'missing' "
        f"WHERE seq = (SELECT seq FROM transactions WHERE id = '{txn_id}');",
    )
    return receipt, "records"


def _participant_nik(folder: Path) -> tuple[str, str]:
    """Only the KPJ of a participant may change; their NIK is in each record's digest too."""
    txn_id, receipt = first(folder, "registration")
    tamper(
        folder,
        "DROP TRIGGER participants_kpj_only;"
        "UPDATE participants SET nik = '3171011708859999' WHERE id = "
        f"(SELECT participant_id FROM transactions WHERE id = '{txn_id}');",
    )
    return receipt, "records"


def _audit_details(folder: Path) -> tuple[str, str]:
    txn_id, _receipt = first(folder, "contribution")
    ((seq,),) = query(folder, f"SELECT seq FROM audit_events WHERE entity_id = '{txn_id}'")
    tamper(
        folder,
        "DROP TRIGGER audit_events_no_update;"
        "UPDATE audit_events SET details = replace(details, 'amount', 'amount_')"
        f" WHERE seq = {seq};",
    )
    return f"#{seq}", "audit_chain"


def _audit_digest_with_rehash(folder: Path) -> tuple[str, str]:
    """Change a record and its event's digest and hash: the next event no longer follows."""
    from desktop.store.audit import event_hash

    txn_id, _receipt = first(folder, "contribution")
    tamper(
        folder,
        "DROP TRIGGER transactions_no_update; DROP TRIGGER audit_events_no_update;"
        f"UPDATE transactions SET amount = 1 WHERE id = '{txn_id}';"
        f"UPDATE audit_events SET record_digest = 'x' WHERE entity_id = '{txn_id}';",
    )
    db = sqlite3.connect(folder / DB_FILENAME)
    db.row_factory = sqlite3.Row
    row = dict(db.execute("SELECT * FROM audit_events WHERE entity_id = ?", (txn_id,)).fetchone())
    db.execute(
        "UPDATE audit_events SET hash = ? WHERE seq = ?",
        (event_hash(row["prev_hash"], row), row["seq"]),
    )
    db.commit()
    db.close()
    return f"#{row['seq'] + 1}", "audit_chain"


def _delete_transaction(folder: Path) -> tuple[str, str]:
    ((txn_id, receipt),) = query(
        folder,
        "SELECT id, receipt_no FROM transactions WHERE kind = 'registration' ORDER BY seq LIMIT 1",
    )
    tamper(
        folder,
        "PRAGMA foreign_keys = OFF; DROP TRIGGER transactions_no_delete;"
        f"DELETE FROM transactions WHERE id = '{txn_id}';",
    )
    return receipt, "receipt_sequence"


def _delete_last_transaction(folder: Path) -> tuple[str, str]:
    ((txn_id, receipt),) = query(
        folder, "SELECT id, receipt_no FROM transactions ORDER BY seq DESC LIMIT 1"
    )
    tamper(
        folder,
        "PRAGMA foreign_keys = OFF; DROP TRIGGER transactions_no_delete;"
        f"DELETE FROM transactions WHERE id = '{txn_id}';",
    )
    return receipt, "records"


def _delete_audit_event(folder: Path) -> tuple[str, str]:
    _txn_id, receipt = first(folder, "contribution")
    tamper(
        folder,
        "DROP TRIGGER audit_events_no_delete;"
        f"DELETE FROM audit_events WHERE entity_id = (SELECT id FROM transactions "
        f"WHERE receipt_no = '{receipt}');",
    )
    return receipt, "records"


def _renumber_receipt(folder: Path) -> tuple[str, str]:
    txn_id, receipt = first(folder, "contribution")
    tamper(
        folder,
        "DROP TRIGGER transactions_no_update;"
        f"UPDATE transactions SET receipt_no = '{receipt}9' WHERE id = '{txn_id}';",
    )
    return receipt + "9", "receipt_sequence"


def _drop_trigger_only(folder: Path) -> tuple[str, str]:
    tamper(folder, "DROP TRIGGER contribution_lines_no_update;")
    return "contribution_lines", "protection"


TAMPERING: dict[str, Callable[[Path], tuple[str, str]]] = {
    "contribution_lines.amount": _line_amount,
    "transactions.amount": _transaction_amount,
    "amount, trigger put back": _amount_with_trigger_put_back,
    "transactions.tender": _tender,
    "contributions.period_end": _period,
    "registrations.full_name": _registration_name,
    "claim_documents.status": _claim_document,
    "participants.nik": _participant_nik,
    "audit_events.details": _audit_details,
    "audit digest rehashed": _audit_digest_with_rehash,
    "delete a transaction": _delete_transaction,
    "delete the last transaction": _delete_last_transaction,
    "delete an audit event": _delete_audit_event,
    "receipt_no": _renumber_receipt,
    "drop a trigger": _drop_trigger_only,
}


@pytest.mark.parametrize("kind", TAMPERING)
def test_tampering_is_found(kind: str, demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    named, check = TAMPERING[kind](demo)
    rc, out = verify(demo, capsys, "--lang", "en")
    assert rc == 1
    assert not out.startswith("OK")
    assert f"[{check}]" in out, out
    assert named in out, out
    rc, out = verify(demo, capsys, "--json")
    report = json.loads(out)
    assert rc == 1
    assert report["ok"] is False
    assert check in {p["check"] for p in report["problems"]}


def test_problems_are_indonesian_by_default(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    receipt, _check = _line_amount(demo)
    rc, out = verify(demo, capsys)
    assert rc == 1
    assert f"[records] Transaksi {receipt} diubah setelah dicatat." in out


def test_setting_a_kpj_is_not_tampering(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The upstream assigns the KPJ after sync: the only change the store allows."""
    tamper(
        demo,
        "UPDATE participants SET kpj = '12345678901' WHERE id = "
        "(SELECT participant_id FROM transactions WHERE kind = 'registration' LIMIT 1);",
    )
    assert verify(demo, capsys)[0] == 0


def test_triggers_refuse_plain_edits(demo: Path) -> None:
    for sql in (
        "UPDATE contribution_lines SET amount = 0",
        "UPDATE transactions SET amount = 0",
        "DELETE FROM transactions",
        "UPDATE audit_events SET actor = 'x'",
        "DELETE FROM audit_events",
        "UPDATE participants SET nik = '3171011708859999'",
    ):
        with pytest.raises(sqlite3.DatabaseError):
            tamper(demo, sql)
