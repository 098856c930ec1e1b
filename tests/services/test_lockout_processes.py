"""30 wrong PINs for one account sent at once by 30 real processes, each with its own connection
to the same store (as 30 `spo-counter` commands would be): at most 5 PINs are ever verified,
and the right PIN afterwards is refused until the lock ends.

Each child counts its argon2 verifications by wrapping `PasswordHasher.verify`: on entering it
the child says "verifying" and then waits for the test's "release" before checking. So the test
sees, with no timing involved, every child either inside a verification or already answered,
all at the same moment: the widest window a race could use. Had the lock been read before the
try is counted (as it was), all 30 would be verifying then.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from desktop.counter import Counter
from desktop.errors import DomainError
from desktop.services.auth import login
from desktop.store.schema import audit_events
from desktop.store.store import Store
from tests.conftest import PINS
from tests.helpers import FakeClock

ROOT = Path(__file__).resolve().parents[2]
TRIES = 30
WAIT_S = 90.0  # a stuck child fails the test instead of hanging it
LOCKED = "Account locked after 5 wrong PINs, until 10:30 WIB. Call a supervisor."

CHILD = """
import json, sys
from datetime import datetime
from pathlib import Path

import argon2

real_verify = argon2.PasswordHasher.verify


def verify(self, hash, password):
    print("verifying", flush=True)
    if sys.stdin.readline().strip() != "release":
        sys.exit("no release")
    return real_verify(self, hash, password)


argon2.PasswordHasher.verify = verify

from desktop.counter import Counter
from desktop.errors import DomainError
from desktop.services.auth import login
from desktop.store.store import Store

data_dir, at, user_id, pin = Path(sys.argv[1]), datetime.fromisoformat(sys.argv[2]), *sys.argv[3:]
store = Store(data_dir)
counter = Counter(store, clock=lambda: at)
counter.profile  # read before "go", so every child starts with the login itself
print("ready", flush=True)
if sys.stdin.readline().strip() != "go":
    sys.exit("no go")
try:
    outcome = "logged in as " + login(counter, user_id, pin).id
except DomainError as refused:
    outcome = refused.message("en")
store.close()
print(json.dumps(outcome), flush=True)
"""


def _start(data_dir: Path, clock: FakeClock, pin: str, log: Path) -> subprocess.Popen[str]:
    with log.open("w") as errors:  # a file, not a pipe nobody reads yet
        return subprocess.Popen(
            [sys.executable, "-c", CHILD, str(data_dir), clock().isoformat(), "teller01", pin],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
        )


def _line(child: subprocess.Popen[str], log: Path) -> str:
    assert child.stdout is not None
    line = child.stdout.readline().strip()
    assert line, log.read_text()  # the child ended without a word: its stderr says why
    return line


def _tell(child: subprocess.Popen[str], word: str) -> None:
    assert child.stdin is not None
    child.stdin.write(f"{word}\n")
    child.stdin.flush()


def test_thirty_wrong_pins_at_once_verify_at_most_five_and_the_right_one_waits_for_the_lock(
    data_dir: Path, clock: FakeClock, tmp_path: Path
) -> None:
    logs = [tmp_path / f"child{i}.log" for i in range(TRIES)]
    children = [_start(data_dir, clock, "999999", logs[i]) for i in range(TRIES)]
    outcomes: list[str] = []
    try:
        for child, log in zip(children, logs, strict=True):  # every store open before any try
            assert _line(child, log) == "ready"
        for child in children:
            _tell(child, "go")
        # Each child now either verifies (and waits there) or has been answered without it.
        verifying = []
        for child, log in zip(children, logs, strict=True):
            line = _line(child, log)
            if line == "verifying":
                verifying.append((child, log))
            else:
                outcomes.append(json.loads(line))
        assert len(verifying) == 5
        assert outcomes == [LOCKED] * (TRIES - 5)  # refused unhashed: the lock came first
        for child, _log in verifying:
            _tell(child, "release")
        for child, log in verifying:
            outcomes.append(json.loads(_line(child, log)))
        for child, log in zip(children, logs, strict=True):
            child.communicate(timeout=WAIT_S)
            errors = log.read_text()
            assert child.returncode == 0, errors
            assert "locked" not in errors.lower(), errors  # never "database is locked"
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
                child.wait()

    assert outcomes == [LOCKED] * TRIES
    store = Store(data_dir)
    counter = Counter(store, clock=clock)
    try:
        with counter.store.read() as connection:
            events = connection.execute(
                sa.select(audit_events.c.actor).where(audit_events.c.action == "user.locked")
            ).all()
        assert [event.actor for event in events] == ["teller01"]  # one lock, written once
        with pytest.raises(DomainError) as refused:
            login(counter, "teller01", PINS["teller01"])
        assert refused.value.message("en") == LOCKED
        clock.advance(minutes=30)
        assert login(counter, "teller01", PINS["teller01"]).id == "teller01"
    finally:
        store.close()
