"""Waiting for a store another process is writing: progress while it waits, and a definite end.

SQLite itself waits `attempt_ms` for the write lock at each BEGIN IMMEDIATE (busy_timeout);
when that runs out the store says how long it has waited and tries again, until `limit_s`,
then the "locked" StoreError (desktop/store/failures.py) says so. An import of a long file
behind a backup copy or another counter window thus waits instead of failing after 5 s.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa

from desktop.store.engine import BUSY_TIMEOUT_MS
from desktop.store.failures import failure_kind

# Seconds a write waits in all for another process's lock; bank IT may set SPO_STORE_WAIT.
DEFAULT_LIMIT_S = 120.0
WAIT_VARIABLE = "SPO_STORE_WAIT"

# Told (seconds waited so far, the limit) each time an attempt runs out and another begins.
OnWait = Callable[[float, float], None]


@dataclass(frozen=True)
class BusyWait:
    limit_s: float = DEFAULT_LIMIT_S
    attempt_ms: int = BUSY_TIMEOUT_MS
    on_wait: OnWait | None = None

    @classmethod
    def from_environment(cls, on_wait: OnWait | None = None) -> BusyWait:
        """The limit from SPO_STORE_WAIT (seconds) when it is set to a number, else 120 s;
        attempts of 5 s, or a third of the limit when that is shorter (progress is shown
        between attempts)."""
        try:
            limit = float(os.environ.get(WAIT_VARIABLE, DEFAULT_LIMIT_S))
        except ValueError:
            limit = DEFAULT_LIMIT_S
        limit = max(limit, 0.0)
        return cls(limit, min(BUSY_TIMEOUT_MS, int(limit * 1000 / 3)), on_wait)


def begin_waiting(connection: sa.Connection, wait: BusyWait) -> sa.RootTransaction:
    """BEGIN (IMMEDIATE for a write) on `connection`, trying again while another process holds
    the lock, until `wait.limit_s`; then the lock error goes up to be mapped."""
    _set_attempt(connection, wait.attempt_ms)
    started = time.monotonic()
    while True:
        try:
            return connection.begin()
        except sa.exc.OperationalError as error:
            waited = time.monotonic() - started
            if failure_kind(error) != "locked" or waited >= wait.limit_s:
                raise
            if wait.on_wait is not None:
                wait.on_wait(waited, wait.limit_s)
            remaining_ms = int((wait.limit_s - waited) * 1000)
            _set_attempt(connection, max(1, min(wait.attempt_ms, remaining_ms)))


def _set_attempt(connection: sa.Connection, attempt_ms: int) -> None:
    driver = connection.connection.driver_connection
    if driver is not None and connection.info.get(_ATTEMPT) != attempt_ms:
        driver.execute(f"PRAGMA busy_timeout={int(attempt_ms)}")
        connection.info[_ATTEMPT] = attempt_ms


_ATTEMPT = "spo_busy_attempt_ms"
