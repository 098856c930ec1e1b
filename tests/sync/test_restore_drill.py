"""The restore drill: capture, back up, capture more, upload, destroy the store, restore, recover.

Nothing the upstream acknowledged is lost, receipt numbers go on without reuse, verify is clean,
and uploads go on from the chain head the upstream holds. Run against the real sandbox upstream
on loopback, with real store files.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from desktop.counter import Counter
from desktop.errors import DomainError
from desktop.paths import DB_FILENAME, RESTORE_MARKER
from desktop.services.auth import User
from desktop.services.backups import BackupNow, take_backup
from desktop.services.contributions import pay_bpu, pay_pu
from desktop.services.preferences import PcSettings, change_settings
from desktop.services.registration import register_participant
from desktop.services.restore import (
    RecoverAfterRestore,
    RestoreBackup,
    recover_after_restore,
    restore_backup,
)
from desktop.services.summary import counter_summary
from desktop.services.upload import Link, Upload, upload
from desktop.services.verify import verify_store
from desktop.store import daily_totals
from desktop.store.store import Store
from desktop.sync.contract import recovery_path, statement_path
from desktop.sync.sandbox.server import RunningSandbox
from tests.conftest import PINS
from tests.helpers import FAST_RETRY, FakeClock, closed_port_url
from tests.services.agents_support import ACTIVE
from tests.services.conftest import NIK_WOMAN, bpu_payment, pu_payment, registration
from tests.store.summary_support import rebuild_totals
from tests.sync.sandbox_support import CODE_A, CODE_B, TOKENS, client
from tests.tamper import query

TODAY = "2026-11-24"
LINK = Link(policy=FAST_RETRY)


@pytest.fixture
def sandbox(tmp_path: Path, clock: FakeClock) -> Iterator[RunningSandbox]:
    with RunningSandbox(f"sqlite:///{tmp_path / 'up.sqlite'}", TOKENS, clock=clock) as upstream:
        yield upstream


def _connect(counter: Counter, supervisor: User, url: str) -> None:
    change_settings(
        counter,
        supervisor,
        paper="roll80",
        pc=PcSettings(upstream_url=url, upstream_token=TOKENS[CODE_A]),
    )


def _receipts(data_dir: Path) -> list[str]:
    return [row[0] for row in query(data_dir, "SELECT receipt_no FROM transactions ORDER BY seq")]


def _last_action(data_dir: Path) -> str:
    return str(query(data_dir, "SELECT action FROM audit_events ORDER BY seq DESC LIMIT 1")[0][0])


def _held(sandbox: RunningSandbox) -> list[str]:
    with client(sandbox) as http:
        items = http.get(statement_path(CODE_A), params={"date": TODAY}).json()["items"]
    return [item["receipt_no"] for item in items]


def _destroy(data_dir: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{data_dir / DB_FILENAME}{suffix}").unlink(missing_ok=True)
    (data_dir / DB_FILENAME).write_bytes(b"\0" * 4096)  # the disk gave back garbage


def _drill_until_destroyed(
    counter: Counter, teller: User, supervisor: User, clock: FakeClock, url: str
) -> Path:
    _connect(counter, supervisor, url)
    register_participant(counter, teller, registration())
    pay_bpu(counter, teller, bpu_payment())
    backup = take_backup(counter, supervisor, BackupNow())
    assert backup.ok
    clock.advance(minutes=20)
    register_participant(
        counter,
        teller,
        registration(
            nik=NIK_WOMAN,
            full_name="Rina Wati",
            sex="P",
            birth_date="1990-01-05",
            birth_place="Bogor",
        ),
    )
    # Brought by a Perisai agent: the record's `agent` comes back with it.
    pay_bpu(counter, teller, bpu_payment(period_start="2026-12", agent_code=ACTIVE))
    return backup.path


def test_the_restore_drill_loses_nothing_acknowledged_and_reuses_no_number(
    counter: Counter,
    teller: User,
    supervisor: User,
    clock: FakeClock,
    sandbox: RunningSandbox,
) -> None:
    data_dir = counter.store.data_dir
    backup = _drill_until_destroyed(counter, teller, supervisor, clock, sandbox.url)
    sent = upload(counter, Upload(pull_reference=False), LINK)
    assert sent.report.sent == 4
    assert sent.complete
    before = _receipts(data_dir)
    counter.store.close()
    _destroy(data_dir)

    clock.advance(minutes=5)
    outcome = restore_backup(
        data_dir, RestoreBackup(str(backup), "spv01", PINS["spv01"]), clock=clock, link=LINK
    )
    assert outcome.recovery_problem is None
    assert outcome.recovered is not None
    assert outcome.recovered.records == 2
    assert outcome.recovered.last_receipt_seq == 4
    # The destroyed store is kept aside under its instant, never overwritten.
    assert [p.name for p in outcome.set_aside] == ["counter.sqlite.before-restore-20261124T032500Z"]
    assert outcome.set_aside[0].read_bytes() == b"\0" * 4096
    assert not (data_dir / RESTORE_MARKER).exists()
    assert _receipts(data_dir) == before

    restored = Counter(Store(data_dir), clock=clock)
    try:
        report = verify_store(restored)
        assert report.ok, [p.message_en for p in report.problems]
        actions = [
            row[0] for row in query(data_dir, "SELECT action FROM audit_events ORDER BY seq")
        ]
        assert actions[-1] == "store.recovered"
        # The supervisor's summary counts the records taken back too (kept as they went in).
        summary = counter_summary(restored, supervisor)
        assert (summary.today.transactions, summary.today.net) == (4, 2 * 16_800)
        # the payment taken back names its agent: the agent's collection too
        agents = [(a.code, a.payments, a.collected) for a in summary.agents]
        assert agents == [(ACTIVE, 1, 16_800)]
        with restored.store.read() as connection:
            kept = daily_totals.all_rows(connection)
        restored.store.close()
        assert rebuild_totals(data_dir) == kept
        restored = Counter(Store(data_dir), clock=clock)
        # Numbering goes on after the highest number the upstream holds.
        clock.advance(minutes=1)
        next_one = pay_bpu(restored, teller, bpu_payment(period_start="2027-01"))
        assert next_one.receipt_no == "BNI-0123-01-0000005"
        # The upstream takes it on top of the chain it holds: nothing refused, nothing twice.
        again = upload(restored, Upload(pull_reference=False), LINK)
        assert again.problem is None
        assert again.report.sent == 1
        assert again.complete
        assert _held(sandbox) == [f"BNI-0123-01-000000{n}" for n in range(1, 6)]
        # The participant registered after the backup came back with the KPJ the upstream gave.
        kpjs = query(data_dir, "SELECT kpj FROM participants WHERE nik = ?", NIK_WOMAN)
        assert kpjs[0][0]
        # The payment after the backup came back naming its agent (verify checked its digest).
        agents = query(data_dir, "SELECT seq, agent_code FROM contribution_agents")
        assert [tuple(row) for row in agents] == [(4, ACTIVE)]
    finally:
        restored.store.close()


def test_captures_wait_until_the_upstream_was_asked(
    monkeypatch: pytest.MonkeyPatch,
    counter: Counter,
    teller: User,
    supervisor: User,
    clock: FakeClock,
    sandbox: RunningSandbox,
) -> None:
    data_dir = counter.store.data_dir
    backup = _drill_until_destroyed(counter, teller, supervisor, clock, sandbox.url)
    assert upload(counter, Upload(pull_reference=False), LINK).complete
    monkeypatch.setenv("SPO_UPSTREAM_URL", closed_port_url())  # the upstream cannot be reached
    counter.store.close()
    _destroy(data_dir)

    outcome = restore_backup(
        data_dir, RestoreBackup(str(backup), "spv01", PINS["spv01"]), clock=clock, link=LINK
    )
    assert outcome.recovery_pending
    assert outcome.recovery_problem is not None
    assert outcome.recovery_problem.field == "upstream"
    assert (data_dir / RESTORE_MARKER).is_file()
    restored = Counter(Store(data_dir), clock=clock)
    try:
        with pytest.raises(DomainError) as refused:
            pay_bpu(restored, teller, bpu_payment(period_start="2027-01"))
        assert refused.value.field == "restore"
        assert _receipts(data_dir) == ["BNI-0123-01-0000001", "BNI-0123-01-0000002"]
        # Bank IT points the counter at the upstream again (the environment wins over the file;
        # an audited settings change before the recovery would fork the chain the upstream
        # holds, and the recovery would refuse it).
        monkeypatch.setenv("SPO_UPSTREAM_URL", sandbox.url)
        taken = recover_after_restore(restored, supervisor, RecoverAfterRestore(), LINK)
        assert taken.records == 2
        assert taken.last_receipt_seq == 4
        assert pay_bpu(restored, teller, bpu_payment(period_start="2027-01")).seq == 5
        assert verify_store(restored).ok
        with pytest.raises(DomainError) as nothing:
            recover_after_restore(restored, supervisor, RecoverAfterRestore(), LINK)
        assert nothing.value.field == "restore"
    finally:
        restored.store.close()


def test_a_bad_backup_or_pin_changes_nothing(
    counter: Counter, teller: User, supervisor: User, tmp_path: Path
) -> None:
    data_dir = counter.store.data_dir
    register_participant(counter, teller, registration())
    backup = take_backup(counter, supervisor, BackupNow()).path
    counter.store.close()
    before = (data_dir / DB_FILENAME).read_bytes()
    with pytest.raises(DomainError) as wrong_pin:
        restore_backup(data_dir, RestoreBackup(str(backup), "spv01", "000000"), clock=FakeClock())
    assert wrong_pin.value.field == "supervisor_pin"
    with pytest.raises(DomainError) as teller_tries:
        restore_backup(
            data_dir, RestoreBackup(str(backup), "teller01", PINS["teller01"]), clock=FakeClock()
        )
    assert teller_tries.value.field == "supervisor_id"
    broken = tmp_path / "counter-20261124T030000Z-manual.sqlite"
    broken.write_bytes(backup.read_bytes()[:8192])
    with pytest.raises(DomainError) as bad:
        restore_backup(
            data_dir, RestoreBackup(str(broken), "spv01", PINS["spv01"]), clock=FakeClock()
        )
    assert bad.value.field == "file"
    assert "unchanged" in bad.value.message_en
    with pytest.raises(DomainError) as missing:
        restore_backup(
            data_dir,
            RestoreBackup(str(tmp_path / "nope"), "spv01", PINS["spv01"]),
            clock=FakeClock(),
        )
    assert missing.value.field == "file"
    assert [p.name for p in data_dir.iterdir() if "before-restore" in p.name] == []
    # The wrong PINs were counted in the store, and nothing else changed in it.
    assert _receipts(data_dir) == ["BNI-0123-01-0000001"]
    assert len((data_dir / DB_FILENAME).read_bytes()) == len(before)


def test_without_an_upstream_the_restore_is_recorded_at_once(
    counter: Counter, teller: User, supervisor: User, clock: FakeClock
) -> None:
    data_dir = counter.store.data_dir
    register_participant(counter, teller, registration())
    backup = take_backup(counter, supervisor, BackupNow()).path
    pay_bpu(counter, teller, bpu_payment())
    counter.store.close()
    (data_dir / DB_FILENAME).unlink()
    outcome = restore_backup(
        data_dir, RestoreBackup(str(backup), "spv01", PINS["spv01"]), clock=clock
    )
    assert outcome.recovered is None
    assert outcome.recovery_problem is None
    assert outcome.set_aside == ()
    restored = Counter(Store(data_dir), clock=clock)
    try:
        assert verify_store(restored).ok
        actions = [a for (a,) in query(data_dir, "SELECT action FROM audit_events ORDER BY seq")]
        # The payment after the backup is lost with the store, but its receipt may be in the
        # participant's hand: its number is written off after the restore, never handed out again.
        assert actions[-2:] == ["store.restored", "receipt.gap"]
        assert pay_bpu(restored, teller, bpu_payment()).seq > 2
    finally:
        restored.store.close()


def test_the_recovery_endpoint_answers_a_counter_only_for_itself(
    counter: Counter, teller: User, supervisor: User, sandbox: RunningSandbox
) -> None:
    _connect(counter, supervisor, sandbox.url)
    register_participant(counter, teller, registration())
    assert upload(counter, Upload(pull_reference=False), LINK).complete
    params = {"after_event": "0", "after_seq": "0"}
    with client(sandbox) as own:
        answer = own.get(recovery_path(CODE_A), params=params)
        assert answer.status_code == 200
        body = answer.json()
        assert [r["receipt_no"] for r in body["records"]] == ["BNI-0123-01-0000001"]
        assert body["last_receipt_seq"] == 1
        assert body["chain_head"]["seq"] == len(body["events"])
        assert (
            own.get(
                recovery_path(CODE_A), params={"after_event": "-1", "after_seq": "0"}
            ).status_code
            == 422
        )
    with client(sandbox, CODE_B) as other:
        refused = other.get(recovery_path(CODE_A), params=params)
        assert refused.status_code == 403
        assert refused.json()["code"] == "forbidden"
        own_b = other.get(recovery_path(CODE_B), params=params).json()
        assert own_b["records"] == []
        assert own_b["events"] == []
    anonymous = httpx.get(sandbox.url + recovery_path(CODE_A), params=params)
    assert anonymous.status_code == 401


def test_a_debits_bank_reference_goes_up_with_its_record_and_comes_back_in_a_recovery(
    counter: Counter,
    teller: User,
    supervisor: User,
    clock: FakeClock,
    sandbox: RunningSandbox,
) -> None:
    """The reference is part of the uploaded record (its digest in the chain): the upstream
    holds it, and a store rebuilt from the upstream has it again, verified."""
    data_dir = counter.store.data_dir
    _connect(counter, supervisor, sandbox.url)
    register_participant(counter, teller, registration())
    backup = take_backup(counter, supervisor, BackupNow())
    clock.advance(minutes=20)
    paid = pay_pu(counter, teller, pu_payment(debit_reference="apv 123-456"))
    assert query(data_dir, "SELECT seq, reference FROM debit_references") == [
        (paid.seq, "APV123456")
    ]
    sent = upload(counter, Upload(pull_reference=False), LINK)
    assert sent.report.sent == 2
    assert sent.report.quarantined == []
    counter.store.close()
    _destroy(data_dir)

    clock.advance(minutes=5)
    outcome = restore_backup(
        data_dir, RestoreBackup(str(backup.path), "spv01", PINS["spv01"]), clock=clock, link=LINK
    )
    assert outcome.recovered is not None
    assert outcome.recovered.records == 1
    assert query(data_dir, "SELECT seq, reference FROM debit_references") == [
        (paid.seq, "APV123456")
    ]
    restored = Counter(Store(data_dir), clock=clock)
    try:
        report = verify_store(restored)
        assert report.ok, [p.message_en for p in report.problems]
    finally:
        restored.store.close()
