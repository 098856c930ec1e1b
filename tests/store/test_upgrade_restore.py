"""A failed upgrade puts the backup back byte for byte and says so; the next version then works."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlcipher

from desktop.counter import Counter
from desktop.errors import DomainError
from desktop.paths import DB_FILENAME
from desktop.services.verify import verify_store
from desktop.store import migrate
from desktop.store import store as store_module
from desktop.store.engine import create_store_engine
from desktop.store.store import Store
from tests.conftest import FakeClock
from tests.tamper import open_raw

FROZEN = Path(__file__).parent / "frozen"

# A release's last migration breaking half-way: it has changed the store, then fails.
FAILING_MIGRATION = '''
"""A migration that breaks half-way (test only)."""

import sqlalchemy as sa
from alembic import op

revision = "9999"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("half_done", sa.Column("id", sa.Integer(), primary_key=True))
    op.execute("INSERT INTO half_done (id) VALUES (1)")
    op.execute("UPDATE users SET name = 'HALF DONE' WHERE id = 'teller01'")
    {commit}
    raise RuntimeError("disk said no")


def downgrade() -> None:
    pass
'''


def _with_failing_migration(tmp_path: Path, *, commits_first: bool) -> Path:
    """A copy of the shipped migrations plus one that fails after changing things."""
    folder = tmp_path / "migrations"
    shutil.copytree(
        migrate.MIGRATIONS_DIR, folder, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
    )
    # Committing by hand escapes the upgrade's transaction: only the backup can undo that.
    commit = 'op.get_bind().exec_driver_sql("COMMIT")' if commits_first else "pass"
    (folder / "versions" / "9999_half_done.py").write_text(
        FAILING_MIGRATION.format(down=migrate.head_revision(), commit=commit), "utf-8"
    )
    return folder


def _tables(db: Path) -> set[str]:
    connection = open_raw(db)
    try:
        rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    finally:
        connection.close()
    return {name for (name,) in rows}


@pytest.mark.parametrize("commits_first", [False, True], ids=["rolled-back", "committed-half"])
def test_a_failed_upgrade_restores_the_backup_byte_for_byte_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, commits_first: bool
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    db = data / DB_FILENAME
    shutil.copy(FROZEN / "counter-0001.sqlite", db)
    shipped = migrate.MIGRATIONS_DIR
    monkeypatch.setattr(
        migrate, "MIGRATIONS_DIR", _with_failing_migration(tmp_path, commits_first=commits_first)
    )

    with pytest.raises(DomainError) as refused:
        Store(data)

    (backup,) = (data / "backups").iterdir()
    assert backup.name.endswith("-before-9999.sqlite")
    assert db.read_bytes() == backup.read_bytes()
    assert not (data / f"{DB_FILENAME}-wal").exists()
    assert not list(data.glob("*.restoring"))
    assert "half_done" not in _tables(db)
    error = refused.value
    assert error.field == "store"
    assert error.message("id").startswith(
        "Pembaruan basis data dari skema 0001 ke 9999 gagal, dan data loket sudah dikembalikan "
        "dari cadangan"
    )
    assert str(backup) in error.message("id")
    assert "tidak ada data yang hilang" in error.message("id")
    assert "RuntimeError: disk said no" in error.message("id")
    assert error.message("en").startswith(
        "Upgrading the database from schema 0001 to 9999 failed, and the counter's data were "
        "restored from the backup taken before the upgrade"
    )
    assert "nothing was lost" in error.message("en")

    # The release without the broken migration upgrades the restored store, keeping everything.
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", shipped)
    store = Store(data)
    try:
        counter = Counter(store, clock=FakeClock())
        report = verify_store(counter)
        assert report.problems == []
        assert report.transactions == 5
        with store.read() as connection:
            names = connection.exec_driver_sql("SELECT name FROM users").scalars().all()
        assert len(names) == 2
        assert "HALF DONE" not in names
    finally:
        store.close()


def test_when_the_backup_cannot_be_put_back_the_message_says_where_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(FROZEN / "counter-0001.sqlite", data / DB_FILENAME)
    monkeypatch.setattr(
        migrate, "MIGRATIONS_DIR", _with_failing_migration(tmp_path, commits_first=False)
    )

    def disk_full(backup_file: Path, db_path: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(migrate, "restore", disk_full)

    with pytest.raises(DomainError) as refused:
        Store(data)

    (backup,) = (data / "backups").iterdir()
    message = refused.value.message("en")
    assert "the backup could not be put back automatically" in message
    assert f"copy the backup {backup} over {data / DB_FILENAME}" in message
    assert "tidak dapat dikembalikan otomatis" in refused.value.message("id")


def test_a_store_another_program_holds_is_left_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write lock refused at the upgrade's start means nothing changed: no restore over the
    other program's work, and the usual "in use" message."""
    data = tmp_path / "data"
    data.mkdir()
    db = data / DB_FILENAME
    shutil.copy(FROZEN / "counter-0001.sqlite", db)
    monkeypatch.setattr(  # not waiting the usual 5 s for the other program
        store_module,
        "create_store_engine",
        lambda path, key: create_store_engine(path, key, busy_timeout_ms=50),
    )
    others: list[sqlcipher.Connection] = []
    take_backup = migrate.backup

    def backup_then_other_program_writes(
        db_path: Path, backup_dir: Path, label: str, key: bytes
    ) -> Path:
        taken = take_backup(db_path, backup_dir, label, key)
        others.append(open_raw(db))
        others[0].execute("BEGIN IMMEDIATE")
        return taken

    monkeypatch.setattr(migrate, "backup", backup_then_other_program_writes)
    restored: list[Path] = []
    monkeypatch.setattr(migrate, "restore", lambda backup, _db: restored.append(backup))
    try:
        with pytest.raises(DomainError) as refused:
            Store(data)
        others[0].execute("ROLLBACK")
    finally:
        for other in others:
            other.close()
    assert refused.value.message("en").startswith("The database is in use by another program")
    assert restored == []
