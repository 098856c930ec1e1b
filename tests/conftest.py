"""Shared fixtures: a fresh counter store in tmp_path with a supervisor and tellers logged in."""

from __future__ import annotations

import argparse
import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from desktop.counter import Counter
from desktop.domain.users import Role
from desktop.keystore import UPLOAD_TOKEN, open_keystore
from desktop.paths import DB_FILENAME
from desktop.services.auth import User
from desktop.services.setup import add_user, init_counter
from desktop.store.store import Store
from tests import skiplist
from tests.helpers import START, FakeClock

if TYPE_CHECKING:
    from desktop.sync.sandbox.server import RunningSandbox

__all__ = ["PINS", "START", "FakeClock"]

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The counters' secrets (desktop/keystore.py) go to a folder of this run, never to the user's own
# keyring or config folder; the commands and worker processes the tests start inherit it (and
# leave it to the run that made it to remove). A data folder copied with its `store-id` file
# finds its keys here again.
_KEYS = os.environ.get("SPO_TEST_RUN_KEYS", "")
if not _KEYS:
    _KEYS = os.environ["SPO_TEST_RUN_KEYS"] = tempfile.mkdtemp(prefix="spo-test-keys-")
    atexit.register(shutil.rmtree, _KEYS, ignore_errors=True)
os.environ["SPO_KEYSTORE"] = "file"
os.environ["SPO_KEYSTORE_DIR"] = _KEYS

_DESELECTED = pytest.StashKey[int]()
_FLOOR = pytest.StashKey[float]()  # the coverage floor, when this run is held to it
PINS = {"spv01": "135790", "spv02": "246801", "teller01": "102938", "teller02": "564738"}


@pytest.fixture(scope="session")
def template_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One set-up counter made once (argon2 hashing is slow on purpose); tests get copies."""
    folder = tmp_path_factory.mktemp("template")
    store = Store(folder)
    counter = Counter(store, clock=FakeClock())
    init_counter(
        counter,
        bank_code="BNI",
        branch_code="0123",
        branch_name="KC Jakarta Kota",
        counter_no=1,
        timezone="Asia/Jakarta",
        supervisor_id="spv01",
        supervisor_name="Siti Rahmawati",
        supervisor_pin=PINS["spv01"],
    )
    spv = User("spv01", "Siti Rahmawati", Role.SUPERVISOR)
    for user_id, name, role in (
        ("spv02", "Budi Santoso", "supervisor"),
        ("teller01", "Dewi Lestari", "teller"),
        ("teller02", "Agus Setiawan", "teller"),
    ):
        add_user(counter, by=spv, user_id=user_id, name=name, role=role, pin=PINS[user_id])
    # The register of Perisai agents, as a sync would have fetched it: agents' files name them.
    from tests.services.agents_support import with_register

    with_register(counter)
    store.close()
    return folder


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def data_dir(template_store: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "counter"
    folder.mkdir()
    shutil.copy2(template_store / DB_FILENAME, folder / DB_FILENAME)
    # The template's keys under a store id of the copy's own: what one test keeps or removes
    # (an upload token, a deleted key) is never another test's.
    kept = open_keystore(template_store).export()
    kept.pop(UPLOAD_TOKEN, None)
    open_keystore(folder).restore(kept)
    return folder


@pytest.fixture
def counter(data_dir: Path, clock: FakeClock) -> Iterator[Counter]:
    store = Store(data_dir)
    yield Counter(store, clock=clock)
    store.close()


@pytest.fixture
def teller() -> User:
    return User("teller01", "Dewi Lestari", Role.TELLER)


@pytest.fixture
def supervisor() -> User:
    return User("spv01", "Siti Rahmawati", Role.SUPERVISOR)


@pytest.fixture
def registry_upstream(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[RunningSandbox]:
    """The sandbox on loopback, its registry holding participants and bills registered
    elsewhere (tests/sync/registry_support.py), set up as this counter's upstream."""
    from tests.sync.registry_support import TOKEN, registry_sandbox

    with registry_sandbox(tmp_path_factory.mktemp("up")) as running:
        monkeypatch.setenv("SPO_UPSTREAM_URL", running.url)
        monkeypatch.setenv("SPO_UPSTREAM_TOKEN", TOKEN)
        yield running


# --- the coverage floor ---------------------------------------------------------------------------
# pytest-cov measures every run and would hold any run to the floor (--cov-fail-under, both in
# addopts), but the floor is the whole suite's figure: one file's tests cover a few per cent.
# So the floor, the table and htmlcov/ are kept for a run of the whole suite (`python -m pytest`
# without test paths, nothing deselected by -k, -m or --lf); a part of it only records its data.


# --- tests a platform cannot run (tests/skiplist.py) ---------------------------------------------


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    name = os.environ.get(skiplist.VARIABLE, "")
    if not name:
        return
    path = Path(name)
    if not path.is_absolute():
        path = config.rootpath / path
    entries = skiplist.read(path)
    nodeids = [item.nodeid for item in items]
    stale = skiplist.unused(entries, nodeids)
    if stale:
        raise pytest.UsageError(
            f"{path} names tests that are not there: "
            + ", ".join(entry.node for entry in stale)
            + " (renamed or removed? fix the list)"
        )
    for item in items:
        reason = skiplist.reason_for(entries, item.nodeid)
        if reason is not None:
            item.add_marker(pytest.mark.skip(reason=f"{path.name}: {reason}"))


def pytest_deselected(items: Sequence[pytest.Item]) -> None:
    if items:
        config = items[0].config
        config.stash[_DESELECTED] = config.stash.get(_DESELECTED, 0) + len(items)


def _coverage_options(config: pytest.Config) -> argparse.Namespace | None:
    """pytest-cov's options when it measures this run (the plugin it registers as "_cov")."""
    plugin = config.pluginmanager.get_plugin("_cov")
    if plugin is None or getattr(plugin, "_disabled", False):
        return None
    options = getattr(plugin, "options", None)
    return options if isinstance(options, argparse.Namespace) else None


@pytest.hookimpl(trylast=True)
def pytest_collection_finish(session: pytest.Session) -> None:
    config = session.config
    options = _coverage_options(config)
    if options is None:
        return
    deselected = config.stash.get(_DESELECTED, 0)
    whole_suite = config.args_source is pytest.Config.ArgsSource.TESTPATHS and not deselected
    if whole_suite:
        floor = getattr(options, "cov_fail_under", None)
        if floor:
            config.stash[_FLOOR] = float(floor)
        return
    options.cov_fail_under = None
    options.cov_report = {}


@pytest.hookimpl(trylast=True)
def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    options = _coverage_options(config)
    if options is None:
        return
    floor = config.stash.get(_FLOOR, None)
    if floor is None:
        terminalreporter.write_line(
            "coverage: part of the suite ran, so no floor and no report "
            "(`.venv/bin/coverage report` shows this run's figures; --no-cov skips measuring)"
        )
        return
    from coverage.results import should_fail_under

    plugin = config.pluginmanager.get_plugin("_cov")
    total = getattr(plugin, "cov_total", None)
    if total is not None and should_fail_under(total, floor, options.cov_precision):
        terminalreporter.write_line(
            f"The tests now cover {total:.1f}% of desktop/ and ui/, below the floor of "
            f"{floor:g}% (--cov-fail-under in pyproject.toml's addopts). "
            "htmlcov/index.html shows the lines no test runs: test them (or, when code is "
            "rightly untestable, exclude it with a reason).",
            red=True,
            bold=True,
        )
