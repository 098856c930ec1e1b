"""An older store upgrades at start: a backup first, every record kept, the audit chain whole."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from desktop.counter import Counter
from desktop.domain.users import Role
from desktop.paths import DB_FILENAME
from desktop.services.auth import User
from desktop.services.day_close import CloseDay, count_and_close
from desktop.services.journal import journal
from desktop.services.receipts import counter_paper
from desktop.services.registration import register_participant
from desktop.services.verify import verify_store
from desktop.store.audit import KEYED_ACTION
from desktop.store.integrity import normalised_sql, triggers
from desktop.store.migrate import (
    MIGRATIONS_DIR,
    current_revision,
    expected_triggers,
    head_revision,
)
from desktop.store.schema import PROTECTION_TRIGGERS, audit_events
from desktop.store.store import Store
from tests.conftest import FakeClock
from tests.services.conftest import NIK_WOMAN, registration
from tests.tamper import open_raw

FROZEN = Path(__file__).parent / "frozen"


@dataclass(frozen=True)
class Frozen:
    """What a frozen store holds (tests/store/frozen/README.md)."""

    revision: str
    kinds: dict[str, int]
    paper: str
    teller: User
    supervisor: tuple[str, str]  # id, PIN


FROZEN_STORES = {
    "counter-0001": Frozen(
        "0001",
        {"registration": 1, "contribution": 2, "claim_handover": 1, "void": 1},
        "roll80",
        User("teller01", "Dewi Lestari", Role.TELLER),
        ("spv01", "135790"),
    ),
    "counter-0004": Frozen(
        "0004",
        {"registration": 6, "contribution": 6, "claim_handover": 2, "void": 1},
        "a5",
        User("teller01", "Dewi Lestari", Role.TELLER),
        ("spv01", "135790"),
    ),
}


def test_every_frozen_store_is_described() -> None:
    assert {path.stem for path in FROZEN.glob("counter-*.sqlite")} == set(FROZEN_STORES)


@pytest.fixture(params=sorted(FROZEN_STORES))
def frozen(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, Frozen]:
    shutil.copy(FROZEN / f"{request.param}.sqlite", tmp_path / DB_FILENAME)
    return tmp_path, FROZEN_STORES[request.param]


def test_a_released_store_upgrades_with_a_backup_and_keeps_everything(
    frozen: tuple[Path, Frozen],
) -> None:
    folder, expected = frozen
    store = Store(folder)
    try:
        if expected.revision == head_revision():
            assert store.upgrade_backup is None
        else:
            assert store.upgrade_backup is not None
            backup = open_raw(store.upgrade_backup, folder=folder)
            version = tuple(backup.execute("SELECT version_num FROM alembic_version").fetchone())
            assert version == (expected.revision,)
            backup.close()
        with store.read() as connection:
            assert current_revision(connection) == head_revision()
        counter = Counter(store, clock=FakeClock())
        report = verify_store(counter)
        assert report.problems == []
        assert report.transactions == sum(expected.kinds.values())
        entries = journal(counter, date(2026, 11, 24))
        assert {e.kind for e in entries} <= set(expected.kinds)
        assert "voided" in {e.status for e in entries}
        assert counter_paper(counter).value == expected.paper
    finally:
        store.close()


def test_a_released_stores_chain_turns_keyed_at_its_first_event_and_keeps_verifying(
    frozen: tuple[Path, Frozen],
) -> None:
    """Its unkeyed events stay as they are; the first event written now is the switch-over,
    with the state of every row then as the baseline; a row edited later is found."""
    folder, expected = frozen
    store = Store(folder)
    try:
        clock = FakeClock()
        clock.advance(hours=2)  # after the stores' last captures, still 24/11/2026
        counter = Counter(store, clock=clock)
        with store.read() as connection:
            unkeyed = connection.execute(sa.select(sa.func.max(audit_events.c.seq))).scalar()
        register_participant(
            counter, expected.teller, registration(nik=NIK_WOMAN, birth_date="", sex="P")
        )
        with store.read() as connection:
            switch = connection.execute(
                sa.select(audit_events).where(audit_events.c.action == KEYED_ACTION)
            ).one()
        assert switch.seq == unkeyed + 1
        details = json.loads(switch.details)
        assert (details["unkeyed_events"], details["late"]) == (unkeyed, False)
        assert expected.teller.id in details["state"]["users"]
        clock.advance(minutes=5)
        count_and_close(
            counter,
            expected.teller,
            CloseDay(
                "100000=1",
                reason="Selisih dicatat untuk uji",
                supervisor_id=expected.supervisor[0],
                supervisor_pin=expected.supervisor[1],
            ),
        )
        assert verify_store(counter).problems == []
    finally:
        store.close()
    raw = open_raw(folder / DB_FILENAME)
    raw.execute("UPDATE users SET role = 'supervisor' WHERE id = ?", (expected.teller.id,))
    raw.close()
    store = Store(folder)
    try:
        problems = verify_store(Counter(store, clock=FakeClock())).problems
        assert [p.check for p in problems] == ["rows"]
        assert f"Row users '{expected.teller.id}' was changed" in problems[0].message_en
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


def test_the_protection_triggers_verify_checks_are_those_the_migrations_make(
    tmp_path: Path,
) -> None:
    """verify compares each trigger's SQL with its migration's text: the lists must agree, and a
    new store must hold exactly those texts (whitespace aside)."""
    expected = expected_triggers()
    assert set(expected) == set(PROTECTION_TRIGGERS)
    store = Store(tmp_path)
    try:
        with store.read() as connection:
            present = triggers(connection)
    finally:
        store.close()
    assert {name: normalised_sql(sql) for name, sql in present.items()} == {
        name: normalised_sql(sql) for name, sql in expected.items()
    }
