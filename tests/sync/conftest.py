"""The sandbox's database for the sync tests: SQLite, and a real PostgreSQL started for the session.

`sandbox_db_url` runs each test that asks for it twice, ids `sqlite` and `postgresql`. The
PostgreSQL server is Debian's (`apt-get install postgresql`, which `.ci/run` does): initdb into a
temporary folder, started on 127.0.0.1 and a free port (as the `postgres` user when the tests run
as root, since PostgreSQL refuses to), one database per test, stopped at the end of the session.
Without the server's binaries the PostgreSQL tests are skipped, except under CI (`CI` set), where
they fail: CI must run them.
"""

from __future__ import annotations

import itertools
import os
import pwd
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Final

import pytest
import sqlalchemy as sa

from tests.helpers import free_port

DEBIAN_ROOT: Final = Path("/usr/lib/postgresql")  # one folder per major version: 15/, 17/ ...
SUPERUSER: Final = "postgres"  # the database role, and the OS user that runs the server as root
START_TIMEOUT_S: Final = 60.0
BACKENDS: Final = ("sqlite", "postgresql")
BIN_VARIABLE: Final = "SPO_TEST_PG_BIN"  # another folder holding initdb, pg_ctl and pg_isready

# Runs beside the tests and stops the server when the tests' process ends, however it ends
# (even killed): it waits for its stdin, a pipe only the tests' process holds, to close.
_WATCHDOG: Final = """
import shutil, subprocess, sys
sys.stdin.buffer.read()
subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
shutil.rmtree(sys.argv[1], ignore_errors=True)
"""


class PostgresServer:
    """A throwaway PostgreSQL cluster on 127.0.0.1, with a password, and a database per use."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.as_root = os.geteuid() == 0
        self.base = Path(tempfile.mkdtemp(prefix="spo-sandbox-pg-"))
        self.data = self.base / "data"
        self.log = self.base / "server.log"
        self.password = secrets.token_urlsafe(24)
        self.port = 0
        self._names = itertools.count(1)
        self._watchdog: subprocess.Popen[bytes] | None = None

    # --- life cycle -----------------------------------------------------------------------------

    def start(self) -> None:
        if self.as_root:
            owner = pwd.getpwnam(SUPERUSER)
            os.chown(self.base, owner.pw_uid, owner.pw_gid)
        password_file = self.base / "password"
        password_file.write_text(self.password + "\n", encoding="utf-8")
        password_file.chmod(0o600)
        if self.as_root:
            os.chown(password_file, owner.pw_uid, owner.pw_gid)
        self._run(
            "initdb",
            "--pgdata",
            str(self.data),
            "--username",
            SUPERUSER,
            "--auth",
            "scram-sha-256",
            f"--pwfile={password_file}",
            "--encoding",
            "UTF8",
            "--no-locale",
            "--no-sync",
            "--no-instructions",
        )
        password_file.unlink()
        self._watchdog = subprocess.Popen(
            [sys.executable, "-c", _WATCHDOG, str(self.base), *self._stop_command("immediate")],
            stdin=subprocess.PIPE,
            start_new_session=True,  # a Ctrl+C meant for the tests does not stop the watchdog
        )
        for attempt in range(3):  # a free port can be taken between the probe and the start
            self.port = free_port()
            self._configure()
            try:
                self._run("pg_ctl", "start", "--pgdata", str(self.data), "--log", str(self.log))
                break
            except RuntimeError:
                if attempt == 2:
                    raise
        self._wait_until_ready()

    def stop(self) -> None:
        try:
            if (self.data / "postmaster.pid").exists():
                self._execute(self._stop_command("fast"))
        finally:
            if self._watchdog is not None and self._watchdog.stdin is not None:
                self._watchdog.stdin.close()  # its own stop finds nothing to stop; it removes base
                self._watchdog.wait(timeout=30)
            else:  # initdb failed: no server, no watchdog
                shutil.rmtree(self.base, ignore_errors=True)

    def _configure(self) -> None:
        settings = {
            "listen_addresses": "'127.0.0.1'",
            "port": str(self.port),
            "unix_socket_directories": "''",  # TCP on loopback only, no socket file anywhere
            "max_connections": "200",
            "deadlock_timeout": "'100ms'",  # the deadlock test waits this long for its victim
            # A throwaway cluster: durability costs time and protects nothing here.
            "fsync": "off",
            "synchronous_commit": "off",
            "full_page_writes": "off",
        }
        conf = self.data / "postgresql.auto.conf"
        conf.write_text(
            "".join(f"{name} = {value}\n" for name, value in settings.items()), encoding="utf-8"
        )

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            ready = subprocess.run(
                [str(self.bin_dir / "pg_isready"), "-h", "127.0.0.1", "-p", str(self.port)],
                capture_output=True,
                check=False,
            )
            if ready.returncode == 0:
                return
            if time.monotonic() > deadline:
                raise RuntimeError(f"PostgreSQL did not accept connections:\n{self._log_tail()}")
            time.sleep(0.1)

    # --- databases ------------------------------------------------------------------------------

    def url(self, database: str = SUPERUSER) -> str:
        return sa.URL.create(
            "postgresql+psycopg",
            username=SUPERUSER,
            password=self.password,
            host="127.0.0.1",
            port=self.port,
            database=database,
        ).render_as_string(hide_password=False)

    def create_database(self) -> str:
        name = f"sandbox_{next(self._names)}"
        self._admin(f"CREATE DATABASE {name}")
        return name

    def drop_database(self, name: str) -> None:
        self._admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def _admin(self, statement: str) -> None:
        import psycopg  # only when PostgreSQL runs: the SQLite tests don't need the driver

        with psycopg.connect(
            host="127.0.0.1",
            port=self.port,
            user=SUPERUSER,
            password=self.password,
            dbname=SUPERUSER,
            autocommit=True,
        ) as connection:
            connection.execute(statement.encode("ascii"))

    # --- processes ------------------------------------------------------------------------------

    def _owner_prefix(self) -> list[str]:
        if not self.as_root:
            return []
        if shutil.which("runuser"):
            return ["runuser", "-u", SUPERUSER, "--"]
        return ["setpriv", "--reuid", SUPERUSER, "--regid", SUPERUSER, "--init-groups", "--"]

    def _stop_command(self, mode: str) -> list[str]:
        pg_ctl = str(self.bin_dir / "pg_ctl")
        return [*self._owner_prefix(), pg_ctl, "stop", "--pgdata", str(self.data), "-m", mode]

    def _run(self, tool: str, *args: str) -> None:
        self._execute([*self._owner_prefix(), str(self.bin_dir / tool), *args])

    def _execute(self, command: Sequence[str]) -> None:
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            check=False,
            cwd=self.base,
            timeout=START_TIMEOUT_S,
        )
        if done.returncode != 0:
            raise RuntimeError(
                f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout}{done.stderr}"
                f"{self._log_tail()}"
            )

    def _log_tail(self) -> str:
        try:
            return "\n".join(self.log.read_text(encoding="utf-8").splitlines()[-20:])
        except OSError:
            return ""


def _bin_dir() -> Path | None:
    """$SPO_TEST_PG_BIN if set; else Debian's newest PostgreSQL, else pg_ctl's folder on PATH."""
    if chosen := os.environ.get(BIN_VARIABLE):
        candidates = [Path(chosen)]
    else:
        candidates = _debian_bins()
        if found := shutil.which("pg_ctl"):
            candidates.append(Path(found).resolve().parent)
    for folder in candidates:
        if all((folder / tool).is_file() for tool in ("initdb", "pg_ctl", "pg_isready")):
            return folder
    return None


def _debian_bins() -> list[Path]:
    """Debian's server folders, newest major version first (15 on Debian 12, 17 on Debian 13)."""
    versions = [p for p in DEBIAN_ROOT.glob("*/bin") if p.parent.name.isdigit()]
    return sorted(versions, key=lambda p: int(p.parent.name), reverse=True)


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the PostgreSQL sync tests, but {reason}", pytrace=False)
    pytest.skip(f"PostgreSQL tests skipped: {reason} (apt-get install postgresql)")


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    bin_dir = _bin_dir()
    if bin_dir is None:
        where = os.environ.get(BIN_VARIABLE) or f"{DEBIAN_ROOT}/*/bin and PATH"
        _unavailable(f"no PostgreSQL server binaries (looked in {where})")
        raise AssertionError("unreachable")  # pragma: no cover
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _unavailable("the psycopg driver is not installed (pip install -e '.[test]')")
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(SUPERUSER)
        except KeyError:
            _unavailable(f"running as root and there is no {SUPERUSER!r} user to run the server")
    server = PostgresServer(bin_dir)
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture(params=BACKENDS)
def sandbox_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The sandbox's SQLAlchemy URL: a file in tmp_path, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'sandbox.sqlite'}"
        return
    server: PostgresServer = request.getfixturevalue("postgres")
    name = server.create_database()
    try:
        yield server.url(name)
    finally:
        server.drop_database(name)
