"""A payment taken unverified, uploaded, then lost with the store: the restore takes it back from
the upstream with the payer the teller confirmed, and the audit chain still verifies."""

from __future__ import annotations

from pathlib import Path

from desktop.counter import Counter
from desktop.services.auth import User
from desktop.services.backups import BackupNow, take_backup
from desktop.services.preferences import PcSettings, change_settings
from desktop.services.registration import register_participant
from desktop.services.restore import RestoreBackup, restore_backup
from desktop.services.unverified import (
    PayUnverifiedBpu,
    Verification,
    pay_unverified_bpu,
    verification_of,
)
from desktop.services.upload import Link, Upload, upload
from desktop.services.verify import verify_store
from desktop.store.store import Store
from tests.conftest import PINS
from tests.helpers import FAST_RETRY, FakeClock, closed_port_url
from tests.services.conftest import registration
from tests.sync.registry_support import NIK_TRADER, TOKEN, registry_sandbox
from tests.sync.test_restore_drill import _destroy
from tests.tamper import query

LINK = Link(policy=FAST_RETRY)


def test_a_payment_taken_unverified_comes_back_with_its_payer_after_a_restore(
    counter: Counter, teller: User, supervisor: User, clock: FakeClock, tmp_path: Path
) -> None:
    data_dir = counter.store.data_dir
    with registry_sandbox(tmp_path) as upstream:
        change_settings(
            counter,
            supervisor,
            paper="roll80",
            pc=PcSettings(upstream_url=upstream.url, upstream_token=TOKEN),
        )
        register_participant(counter, teller, registration())  # the day opens before the backup
        backup = take_backup(counter, supervisor, BackupNow())
        assert backup.ok
        clock.advance(minutes=20)
        paid = pay_unverified_bpu(
            counter,
            teller,
            PayUnverifiedBpu(
                nik=NIK_TRADER,
                full_name="Bambang Wijaya",
                birth_date="01/01/1990",
                monthly_income=2_000_000,
                programs="JKK+JKM",
                months=1,
                period_start="2026-12",
                upstream_url=closed_port_url(),  # the link was down when it was taken
            ),
        )
        sent = upload(counter, Upload(pull_reference=False), LINK)
        assert sent.report.sent == 2
        counter.store.close()
        _destroy(data_dir)
        clock.advance(minutes=5)
        outcome = restore_backup(
            data_dir,
            RestoreBackup(str(backup.path), "spv01", PINS["spv01"]),
            clock=clock,
            link=LINK,
        )
    assert outcome.recovery_problem is None
    assert outcome.recovered is not None
    assert outcome.recovered.records == 1
    restored = Counter(Store(data_dir), clock=clock)
    try:
        report = verify_store(restored)
        assert report.ok, [p.message_en for p in report.problems]
        state = verification_of(restored, paid.receipt_no)
        assert state is not None
        assert (state.state, state.full_name) == (Verification.VERIFIED, "Bambang Wijaya")
        payers = query(data_dir, "SELECT nik, full_name, birth_date FROM unverified_payers")
        assert [tuple(row) for row in payers] == [(NIK_TRADER, "Bambang Wijaya", "1990-01-01")]
    finally:
        restored.store.close()
