"""An older store upgrades at start: a backup first, every record kept, the audit chain whole."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa

from desktop.counter import Counter
from desktop.paths import DB_FILENAME
from desktop.services.journal import journal
from desktop.services.receipts import counter_paper
from desktop.services.verify import verify_store
from desktop.store.migrate import MIGRATIONS_DIR, current_revision, head_revision
from desktop.store.store import Store
from tests.conftest import FakeClock

FROZEN = Path(__file__).parent / "frozen"


@pytest.mark.parametrize("frozen", sorted(FROZEN.glob("counter-*.sqlite")), ids=lambda p: p.stem)
def test_a_released_store_upgrades_with_a_backup_and_keeps_everything(
    frozen: Path, tmp_path: Path
) -> None:
    shutil.copy(frozen, tmp_path / DB_FILENAME)
    store = Store(tmp_path)
    try:
        assert store.upgrade_backup is not None
        backup = sqlite3.connect(store.upgrade_backup)
        assert backup.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        backup.close()
        with store.read() as connection:
            assert current_revision(connection) == head_revision()
        counter = Counter(store, clock=FakeClock())
        report = verify_store(counter)
        assert report.problems == []
        assert report.transactions == 5
        entries = journal(counter)
        assert [e.kind for e in entries] == [
            "registration",
            "contribution",
            "contribution",
            "claim_handover",
            "void",
        ]
        assert entries[1].status == "voided"
        assert counter_paper(counter).value == "roll80"
    finally:
        store.close()


def test_an_upgraded_store_is_not_backed_up_again(tmp_path: Path) -> None:
    shutil.copy(FROZEN / "counter-0001.sqlite", tmp_path / DB_FILENAME)
    Store(tmp_path).close()
    again = Store(tmp_path)
    assert again.upgrade_backup is None
    again.close()
    assert len(list((tmp_path / "backups").iterdir())) == 1


def test_the_quick_revision_reads_agree_with_alembic(tmp_path: Path) -> None:
    """Starting the app reads the revisions without Alembic; they must be Alembic's answers."""
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    assert head_revision() == ScriptDirectory.from_config(config).get_current_head()
    shutil.copy(FROZEN / "counter-0001.sqlite", tmp_path / "old.sqlite")
    for engine in (
        sa.create_engine(f"sqlite:///{tmp_path / 'old.sqlite'}"),
        sa.create_engine(f"sqlite:///{tmp_path / 'empty.sqlite'}"),
    ):
        with engine.connect() as connection:
            expected = MigrationContext.configure(connection).get_current_revision()
            assert current_revision(connection) == expected
        engine.dispose()
    store = Store(tmp_path / "new")
    try:
        with store.read() as connection:
            assert current_revision(connection) == head_revision()
    finally:
        store.close()
