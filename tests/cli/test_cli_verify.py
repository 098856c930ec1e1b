"""`spo-counter verify`: any edit of the data folder behind the application's back is found.

The tamper catalogue: each edit made as someone holding the files but not the counter's keys
would make it (tests/tamper.py), each found by `verify` (exit 1, the finding named)."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlcipher

from desktop.cli import main
from desktop.counter import Counter
from desktop.domain.users import Role
from desktop.errors import DomainError
from desktop.paths import DB_FILENAME
from desktop.services.auth import User, hash_pin, login
from desktop.services.preferences import change_settings
from desktop.settings import PcSettings
from desktop.store.audit import KEYED_ACTION, event_hash
from desktop.store.store import Store
from tests.helpers import FakeClock
from tests.tamper import (
    append_fake_contribution,
    edit_settings,
    open_raw,
    query,
    tamper,
    trigger_sql,
)

CLOCK = FakeClock()  # the module's demo is made, and verified, at this one instant
LOCKED = "teller02"  # locked after 5 wrong PINs when the demo was made, still locked at CLOCK


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small demo counter holding every kind of record, closed days, settings changed by a
    supervisor and a locked teller, made once for this module."""
    folder = tmp_path_factory.mktemp("verify") / "demo"
    with pytest.MonkeyPatch.context() as mp, contextlib.redirect_stdout(io.StringIO()) as out:
        mp.setenv("XDG_DATA_HOME", str(folder.parent / "xdg"))  # never the real data folder
        mp.delenv("SPO_DATA_DIR", raising=False)
        argv = ["--data-dir", str(folder), "demo", "--transactions", "60", "--seed", "3"]
        assert main([*argv, "--json"], clock=CLOCK) == 0
    counts = json.loads(out.getvalue())["counts"]
    assert set(counts) == {"registration", "contribution", "claim_handover", "void"}, counts
    store = Store(folder)
    try:
        counter = Counter(store, clock=CLOCK)
        supervisor = User("spv01", "Siti Rahmawati", Role.SUPERVISOR)
        pc = PcSettings(
            printer="EPSON TM-T82", upstream_url="https://spo.bni.co.id", upstream_token="t"
        )
        change_settings(counter, supervisor, paper="a5", pc=pc)
        for _ in range(5):
            with contextlib.suppress(DomainError):
                login(counter, LOCKED, "000000")
    finally:
        store.close()
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
    assert query(demo, "SELECT action FROM audit_events WHERE seq = 1") == [(KEYED_ACTION,)]
    assert query(demo, "SELECT locked_until IS NOT NULL FROM users WHERE id = ?", LOCKED) == [(1,)]


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
    sql = trigger_sql(folder, "transactions_no_update")
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
    db = open_raw(folder / DB_FILENAME)
    row = dict(db.execute("SELECT * FROM audit_events WHERE entity_id = ?", (txn_id,)).fetchone())
    db.execute(
        "UPDATE audit_events SET hash = ? WHERE seq = ?",
        (event_hash(row["prev_hash"], row), row["seq"]),
    )
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


# --- users, days, counts, closes, the profile and the settings, against their audit events -----

PIN_HASH = hash_pin("999999")  # a PIN the intruder knows


def _teller_made_supervisor(folder: Path) -> tuple[str, str]:
    tamper(
        folder,
        f"UPDATE users SET role = 'supervisor', pin_hash = '{PIN_HASH}' WHERE id = 'teller01';",
    )
    return "Row users 'teller01' was changed", "rows"


def _lock_cleared(folder: Path) -> tuple[str, str]:
    tamper(
        folder,
        f"UPDATE users SET locked_until = NULL, failed_attempts = 0 WHERE id = '{LOCKED}';",
    )
    return f"Row users '{LOCKED}' was changed", "rows"


def _ghost_supervisor(folder: Path) -> tuple[str, str]:
    tamper(
        folder,
        "INSERT INTO users (id, name, role, pin_hash, failed_attempts, locked_until, active, "
        f"created_at, created_by) VALUES ('spv99', 'Hantu', 'supervisor', '{PIN_HASH}', 0, "
        "NULL, 1, '2026-11-20T01:00:00+00:00', 'spv01');",
    )
    return "Row users 'spv99' has no audit event", "rows"


def _first_close(folder: Path) -> str:
    ((report,),) = query(folder, "SELECT report_no FROM day_closes ORDER BY report_no LIMIT 1")
    return str(report)


def _day_close_rewritten(folder: Path) -> tuple[str, str]:
    """The close's counted cash raised, its trigger put back."""
    report, sql = _first_close(folder), trigger_sql(folder, "day_closes_immutable")
    tamper(
        folder,
        "DROP TRIGGER day_closes_immutable;"
        "UPDATE day_closes SET counted_cash = counted_cash + 100000, "
        f"variance = variance + 100000 WHERE report_no = '{report}';"
        f"{sql};",
    )
    return f"Row day_closes '{report}' was changed", "rows"


def _close_pdf_replaced(folder: Path) -> tuple[str, str]:
    report, sql = _first_close(folder), trigger_sql(folder, "day_closes_immutable")
    tamper(
        folder,
        "DROP TRIGGER day_closes_immutable;"
        f"UPDATE day_closes SET pdf = X'255044462D312E34' WHERE report_no = '{report}';"
        f"{sql};",
    )
    return f"The PDF of close report {report} was replaced", "rows"


def _cash_count(folder: Path) -> tuple[str, str]:
    ((count_id,),) = query(folder, "SELECT id FROM cash_counts ORDER BY id DESC LIMIT 1")
    tamper(
        folder,
        "DROP TRIGGER cash_counts_no_update;"
        f"UPDATE cash_counts SET total = total + 50000 WHERE id = {count_id};",
    )
    return f"Row cash_counts '{count_id}' was changed", "rows"


def _cash_count_deleted(folder: Path) -> tuple[str, str]:
    ((count_id,),) = query(folder, "SELECT id FROM cash_counts ORDER BY id LIMIT 1")
    tamper(
        folder,
        f"DROP TRIGGER cash_counts_no_delete; DELETE FROM cash_counts WHERE id = {count_id};",
    )
    return f"Row cash_counts '{count_id}' is in the audit log", "rows"


def _opening_float(folder: Path) -> tuple[str, str]:
    ((day,),) = query(folder, "SELECT business_date FROM business_days ORDER BY 1 LIMIT 1")
    sql = trigger_sql(folder, "business_days_float_once")
    tamper(
        folder,
        "DROP TRIGGER business_days_float_once;"
        f"UPDATE business_days SET opening_float = 0 WHERE business_date = '{day}';"
        f"{sql};",
    )
    return f"Row business_days '{day}' was changed", "rows"


def _counter_profile(folder: Path) -> tuple[str, str]:
    tamper(folder, "UPDATE counter_profile SET branch_name = 'KC Entah Di Mana';")
    return "Row counter_profile '1' was changed", "rows"


def _settings_file(folder: Path) -> tuple[str, str]:
    """The upload address pointed elsewhere in settings.json, by hand."""
    edit_settings(folder, upstream_url="https://spo.penyadap.example")
    return "Setting upstream_url in settings.json", "settings"


def _settings_file_broken(folder: Path) -> tuple[str, str]:
    (folder / "settings.json").write_text("{ bukan json", encoding="utf-8")
    return "settings.json cannot be read", "settings"


# --- the protection triggers, by their SQL ----------------------------------------------------


def _no_op_trigger(folder: Path) -> tuple[str, str]:
    """A trigger that protects nothing, under the right name: present, but not the one made."""
    tamper(
        folder,
        "DROP TRIGGER transactions_no_update;"
        "CREATE TRIGGER transactions_no_update BEFORE UPDATE ON transactions "
        "WHEN 0 BEGIN SELECT RAISE(ABORT, 'transactions is append-only: update refused'); END;",
    )
    return "protection transactions_no_update has been replaced", "protection"


def _unknown_trigger(folder: Path) -> tuple[str, str]:
    tamper(
        folder,
        "CREATE TRIGGER outbox_quiet AFTER INSERT ON outbox "
        "BEGIN UPDATE outbox SET status = 'sent' WHERE seq = NEW.seq; END;",
    )
    return "unknown trigger outbox_quiet", "protection"


# --- the keyed chain ----------------------------------------------------------------------------


def _fake_transaction(folder: Path) -> tuple[str, str]:
    """A contribution appended with its chain recomputed, as a forger without the key can."""
    _receipt, seq = append_fake_contribution(folder)
    return f"audit event #{seq} does not carry this counter's audit key", "audit_chain"


def _chain_rebuilt_unkeyed(folder: Path) -> tuple[str, str]:
    """The keyed switch-over dropped and every event hashed the old, unkeyed way."""
    sql = trigger_sql(folder, "audit_events_no_delete")
    raw = open_raw(folder / DB_FILENAME)
    rows = [
        dict(row)
        for row in raw.execute(
            "SELECT * FROM audit_events WHERE action != ? ORDER BY seq", (KEYED_ACTION,)
        )
    ]
    raw.executescript("DROP TRIGGER audit_events_no_delete; DELETE FROM audit_events;")
    prev = "0" * 64
    for seq, row in enumerate(rows, start=1):
        row.update(seq=seq, prev_hash=prev)
        row["hash"] = prev = event_hash(prev, row)
        raw.execute(
            "INSERT INTO audit_events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", tuple(row.values())
        )
    raw.execute(sql)
    raw.close()
    return "the audit chain is not keyed although this counter has its audit key", "audit_chain"


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
    "users: a teller made supervisor with a new PIN": _teller_made_supervisor,
    "users: a lock cleared": _lock_cleared,
    "users: a ghost supervisor": _ghost_supervisor,
    "day_closes: a close rewritten": _day_close_rewritten,
    "day_closes: the PDF replaced": _close_pdf_replaced,
    "cash_counts.total": _cash_count,
    "cash_counts: a count deleted": _cash_count_deleted,
    "business_days.opening_float": _opening_float,
    "counter_profile.branch_name": _counter_profile,
    "settings.json upstream_url": _settings_file,
    "settings.json unreadable": _settings_file_broken,
    "a no-op trigger under the right name": _no_op_trigger,
    "an unknown trigger": _unknown_trigger,
    "a fake transaction with its chain recomputed": _fake_transaction,
    "the chain rebuilt without the key": _chain_rebuilt_unkeyed,
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
        with pytest.raises(sqlcipher.DatabaseError):
            tamper(demo, sql)


def test_a_fake_transaction_with_its_chain_recomputed_is_caught_by_the_key_alone(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Record, digest, receipt number, sequence and chain links all consistent: only the audit
    key, which the forger does not hold, tells the event apart (before it, the chain was unkeyed
    SHA-256 and this passed)."""
    receipt, seq = append_fake_contribution(demo)
    rc, out = verify(demo, capsys, "--json")
    assert rc == 1
    assert json.loads(out)["problems"] == [
        {
            "check": "audit_chain",
            "message": f"peristiwa audit #{seq} tidak bertanda kunci audit loket ini: diubah, "
            "atau dibuat oleh yang tidak memegang kunci",
        }
    ]
    assert query(demo, "SELECT COUNT(*) FROM transactions WHERE receipt_no = ?", receipt) == [(1,)]


def test_a_rewritten_users_table_is_named_row_by_row_in_indonesian(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _teller_made_supervisor(demo)
    _lock_cleared(demo)
    _ghost_supervisor(demo)
    rc, out = verify(demo, capsys)
    assert rc == 1
    lines = out.splitlines()
    assert len(lines) == 3, out
    assert lines[0] == (
        "[rows] Baris users 'spv99' tidak tercatat di log audit: ditambahkan di luar aplikasi."
    )
    for line, user in zip(lines[1:], ("teller01", LOCKED), strict=True):
        assert line.startswith(f"[rows] Baris users '{user}' diubah di luar aplikasi: tidak sama ")
