"""Durable transactions per second: recording BPU contributions vs raw sqlite3 single-row commits.

Goal (issue 14): recording contributions in the encrypted store (SQLCipher, desktop/store/engine.py)
reaches at least 0.4x the raw, unencrypted sqlite3 rate, both measured in the same run on the same
disk with the same pragmas (WAL, synchronous=FULL). Printed beside it: the same payments in an
unencrypted store (the same driver, no key), the cost of encryption alone. (Before encryption the
goal was half the raw rate.)

    .venv/bin/python tests/perf/bench_contributions.py                 # 5 rounds x 1000
    .venv/bin/python tests/perf/bench_contributions.py --rounds 5 --n 2000
    .venv/bin/python tests/perf/bench_contributions.py --profile       # + cProfile of the subject

Baseline: one connection, WAL + synchronous=FULL + foreign_keys + busy_timeout, and per
transaction BEGIN IMMEDIATE / one single-row INSERT / COMMIT.
Subject: a real (encrypted) Store and Counter; each `pay_bpu` call is one durable transaction
(receipt number, transaction row, contribution row, program lines, audit event, outbox row).
Participants are registered beforehand, outside the timing, one per payment. Beside it: the same
payments in an unencrypted store.
Rounds interleave baseline, subject and the unencrypted store (rotating which goes first);
medians are reported.
Exit status 0 when the median ratio meets the goal, 1 when it does not.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import os
import platform
import pstats
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import Counter as Tally
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlcipher3 import dbapi2 as sqlcipher

from desktop.counter import Counter
from desktop.domain.users import Role
from desktop.services.auth import User
from desktop.services.contributions import PayBpuContribution, pay_bpu
from desktop.services.registration import (
    RegisterParticipant,
    validate_registration,
    write_registration,
)
from desktop.services.setup import init_counter
from desktop.store import engine as engine_module
from desktop.store import store as store_module
from desktop.store.store import Store

GOAL = 0.4
# 10:00 WIB on a Tuesday (the tests' clock): business date 2026-11-24, valid reference data.
START = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
TELLER = User("spv01", "Siti Rahmawati", Role.SUPERVISOR)


class StepClock:
    def __init__(self, at: datetime = START) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at


# --- baseline -------------------------------------------------------------------------------


def bench_raw(folder: Path, n: int) -> float:
    """Raw sqlite3 single-row durable commits per second."""
    connection = sqlite3.connect(folder / "raw.sqlite3", isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute("PRAGMA foreign_keys=ON")
    connection.execute("PRAGMA busy_timeout=5000")
    connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)")
    payload = "x" * 200
    started = time.perf_counter()
    for i in range(n):
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("INSERT INTO t (id, payload) VALUES (?, ?)", (i + 1, payload))
        connection.execute("COMMIT")
    elapsed = time.perf_counter() - started
    connection.close()
    return n / elapsed


# --- subject --------------------------------------------------------------------------------


def nik_for(i: int) -> str:
    """A distinct valid NIK per i: Jakarta (31 71), man born 17/08/1985, serial 0001-9999."""
    district, serial = divmod(i, 9999)
    return f"3171{district + 1:02d}170885{serial + 1:04d}"


def prepare_counter(folder: Path, n: int) -> tuple[Store, Counter, StepClock, list[str]]:
    """A set-up counter with n registered participants (one outer write: untimed setup)."""
    store = Store(folder)
    clock = StepClock()
    counter = Counter(store, clock=clock)
    init_counter(
        counter,
        bank_code="BNI",
        branch_code="0123",
        branch_name="KC Jakarta Kota",
        counter_no=1,
        timezone="Asia/Jakarta",
        supervisor_id="spv01",
        supervisor_name="Siti Rahmawati",
        supervisor_pin="135790",
    )
    niks = [nik_for(i) for i in range(n)]
    now = counter.now()
    today = counter.business_date(now)
    with store.write() as connection:
        for nik in niks:
            valid = validate_registration(
                counter,
                RegisterParticipant(
                    nik=nik,
                    full_name="Joko Susanto",
                    birth_place="Jakarta",
                    birth_date="1985-08-17",
                    sex="L",
                    mother_maiden_name="Sri Wahyuni",
                    phone="0812-3456-7890",
                    address="Jl. Melati No. 5, Jakarta Pusat",
                    occupation="Pedagang",
                    monthly_income="1.000.000",
                    programs="JKK+JKM",
                ),
                today,
            )
            write_registration(connection, counter, TELLER, valid, now)
    return store, counter, clock, niks


def run_payments(counter: Counter, clock: StepClock, niks: list[str]) -> None:
    for nik in niks:
        clock.at += timedelta(milliseconds=50)
        pay_bpu(
            counter,
            TELLER,
            PayBpuContribution(participant=nik, months=1, period_start="2026-11"),
        )


Recorded = list[tuple[str, Any, bool]]  # (sql, parameters, executemany) of one transaction


@contextlib.contextmanager
def unencrypted() -> Iterator[None]:
    """Stores made and opened meanwhile are plain SQLite: the same driver and pragmas, no key."""
    keyed = engine_module.connect

    def plain(
        path: Path, key: bytes, *, readonly: bool = False, busy_timeout_ms: int = 5000
    ) -> sqlcipher.Connection:
        connection = sqlcipher.connect(
            str(path), timeout=busy_timeout_ms / 1000, isolation_level=None, check_same_thread=False
        )
        for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON"):
            connection.execute(f"PRAGMA {pragma}")
        connection.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")
        return connection

    engine_module.connect = plain  # type: ignore[assignment]
    store_module.is_plain_store = lambda _path: False  # type: ignore[assignment]
    try:
        yield
    finally:
        engine_module.connect = keyed
        store_module.is_plain_store = engine_module.is_plain_store


def bench_plain(folder: Path, n: int) -> float:
    """pay_bpu tx/s in an unencrypted store."""
    with unencrypted():
        store, counter, clock, niks = prepare_counter(folder / "plain", n)
        store.close()
        store, counter, clock = open_counter(folder / "plain")
        started = time.perf_counter()
        run_payments(counter, clock, niks)
        elapsed = time.perf_counter() - started
        store.close()
    return n / elapsed


def open_counter(folder: Path) -> tuple[Store, Counter, StepClock]:
    store = Store(folder)
    clock = StepClock()
    counter = Counter(store, clock=clock)
    counter.profile  # noqa: B018 - read once and cached; every service needs it
    return store, counter, clock


def driver(store: Store) -> sqlcipher.Connection:
    """The store's own driver connection, whatever layer a statement came through."""
    with store.read() as connection:
        raw = connection.connection.driver_connection
    assert isinstance(raw, sqlcipher.Connection)
    return raw


def trace_transactions(store: Store, transactions: list[Recorded]) -> None:
    """Record every statement SQLite runs, grouped by transaction (expanded, values inline)."""

    def record(sql: str) -> None:
        word = sql.split(None, 1)[0].upper()
        if transactions and transactions[-1] and transactions[-1][-1][0] == sql:
            return  # SQLite traces an UPDATE ... RETURNING twice; it runs once
        if word == "BEGIN":
            transactions.append([])
        elif word not in ("COMMIT", "ROLLBACK") and transactions:
            transactions[-1].append((sql, (), False))

    driver(store).set_trace_callback(record)


def bench_subject(
    folder: Path, n: int, profiler: cProfile.Profile | None = None
) -> tuple[float, float, float]:
    """pay_bpu tx/s, the same transactions' SQL replayed through raw sqlite3 (the floor), and
    pay_bpu's CPU seconds a transaction (process time: not the wait for the disk's fsync).

    The prepared store is copied twice. On the first copy the payments are timed. On the second
    the same payments run untimed while SQLite's trace callback records every statement; the
    recording is then replayed on the third, pristine copy with raw sqlite3, one BEGIN IMMEDIATE
    ... COMMIT per payment. The replay does the same SQLite work as the subject (fsync included),
    so the difference is the cost of Python: SQLAlchemy, the services, the domain rules.
    """
    store, _counter, _clock, niks = prepare_counter(folder / "subject", n)
    store.close()
    shutil.copytree(folder / "subject", folder / "recorded")
    shutil.copytree(folder / "subject", folder / "replay")

    store, counter, clock = open_counter(folder / "subject")
    started, cpu_started = time.perf_counter(), time.process_time()
    if profiler is not None:
        profiler.enable()
    run_payments(counter, clock, niks)
    if profiler is not None:
        profiler.disable()
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    store.close()

    store, counter, clock = open_counter(folder / "recorded")
    transactions: list[Recorded] = []
    trace_transactions(store, transactions)
    run_payments(counter, clock, niks)
    store.close()
    floor = replay(folder / "replay" / store.db_path.name, store.key, transactions)
    return n / elapsed, floor, cpu / n


def replay(db_path: Path, key: bytes, transactions: list[Recorded]) -> float:
    """The driver alone on the encrypted store, its pragmas: BEGIN IMMEDIATE, the recorded
    statements, COMMIT."""
    connection = engine_module.connect(db_path, key)
    started = time.perf_counter()
    for statements in transactions:
        connection.execute("BEGIN IMMEDIATE")
        for sql, params, many in statements:
            cursor = (
                connection.executemany(sql, params) if many else connection.execute(sql, params)
            )
            if cursor.description is not None:
                cursor.fetchall()
        connection.execute("COMMIT")
    elapsed = time.perf_counter() - started
    connection.close()
    return len(transactions) / elapsed


def statements_per_payment(tmp: Path) -> Tally[str]:
    """The SQL one pay_bpu runs in SQLite, by first word (SELECT/INSERT/UPDATE)."""
    store, counter, clock, niks = prepare_counter(tmp, 2)
    run_payments(counter, clock, niks[:1])  # warm: profile cached
    transactions: list[Recorded] = []
    trace_transactions(store, transactions)
    run_payments(counter, clock, niks[1:2])
    store.close()
    return Tally(sql.split(None, 1)[0].upper() for sql, _, _ in transactions[-1])


def fresh_folder(kind: str) -> Path:
    return Path(tempfile.mkdtemp(prefix=f"spo-bench-{kind}-"))


# --- report ---------------------------------------------------------------------------------


def _cipher_version() -> str:
    connection = sqlcipher.connect(":memory:")
    try:
        return str(connection.execute("PRAGMA cipher_version").fetchone()[0])
    finally:
        connection.close()


def machine() -> str:
    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPU, "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
        f"SQLCipher {_cipher_version()}, "
        f"SQLAlchemy {sa.__version__}, temp dir {tempfile.gettempdir()}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--n", type=int, default=1000, help="transactions per round and side")
    parser.add_argument("--profile", action="store_true", help="cProfile the subject's rounds")
    parser.add_argument("--top", type=int, default=30, help="profile lines to print")
    args = parser.parse_args(argv)

    # The run's keys in a folder of its own, never the user's key ring.
    keys = tempfile.mkdtemp(prefix="spo-bench-keys-")
    os.environ["SPO_KEYSTORE"], os.environ["SPO_KEYSTORE_DIR"] = "file", keys
    print(f"machine: {machine()}")
    print(f"rounds: {args.rounds} x {args.n} durable transactions per side\n")
    with tempfile.TemporaryDirectory(prefix="spo-bench-stmts-") as tmp:
        stmts = statements_per_payment(Path(tmp))
    print(
        "SQLite statements per pay_bpu: "
        + ", ".join(f"{k} {v}" for k, v in sorted(stmts.items()))
        + f" (total {sum(stmts.values())})\n"
    )

    profiler = cProfile.Profile() if args.profile else None
    raw: list[float] = []
    subject: list[float] = []
    floor: list[float] = []
    plain: list[float] = []
    cpu: list[float] = []
    print(
        f"{'round':>6}  {'raw 1-row tx/s':>14}  {'pay_bpu tx/s':>12}  {'ratio':>5}  "
        f"{'same SQL raw tx/s':>17}  {'floor ratio':>11}  {'unencrypted pay_bpu':>19}  "
        f"{'ratio':>5}"
    )
    kinds = ("raw", "subject", "plain")
    for r in range(args.rounds):
        for kind in kinds[r % 3 :] + kinds[: r % 3]:
            folder = fresh_folder(kind)
            try:
                if kind == "raw":
                    raw.append(bench_raw(folder, args.n))
                elif kind == "plain":
                    plain.append(bench_plain(folder, args.n))
                else:
                    rate, floor_rate, cpu_each = bench_subject(folder, args.n, profiler)
                    subject.append(rate)
                    floor.append(floor_rate)
                    cpu.append(cpu_each)
            finally:
                shutil.rmtree(folder, ignore_errors=True)
        print(
            f"{r + 1:>6}  {raw[-1]:>14,.0f}  {subject[-1]:>12,.0f}  {subject[-1] / raw[-1]:>5.2f}  "
            f"{floor[-1]:>17,.0f}  {floor[-1] / raw[-1]:>11.2f}  {plain[-1]:>19,.0f}  "
            f"{plain[-1] / raw[-1]:>5.2f}"
        )
    raw_med, sub_med, floor_med, plain_med = (
        statistics.median(x) for x in (raw, subject, floor, plain)
    )
    ratio = sub_med / raw_med
    verdict = "PASS" if ratio >= GOAL else "FAIL"
    print(
        f"{'median':>6}  {raw_med:>14,.0f}  {sub_med:>12,.0f}  {ratio:>5.2f}  "
        f"{floor_med:>17,.0f}  {floor_med / raw_med:>11.2f}  {plain_med:>19,.0f}  "
        f"{plain_med / raw_med:>5.2f}"
    )
    print(
        f"encryption's cost: pay_bpu {1000 / sub_med:.3f} ms encrypted vs "
        f"{1000 / plain_med:.3f} ms unencrypted ({sub_med / plain_med:.2f}x the unencrypted rate)"
    )
    print(
        f"\npay_bpu, ms per transaction (median): {1000 / sub_med:.3f} ≈ SQLite work with COMMIT "
        f"(the same SQL replayed) {1000 / floor_med:.3f} + Python "
        f"{1000 / sub_med - 1000 / floor_med:.3f}"
    )
    print(
        f"raw 1-row transaction: {1000 / raw_med:.3f} ms; same SQL via raw sqlite3: "
        f"{1000 / floor_med:.3f} ms"
    )
    # CPU time leaves out the wait for fsync, which swings with other writers on the disk: it
    # compares two versions of the code more steadily than the rates do.
    print(
        f"pay_bpu CPU time per transaction (process time, median): "
        f"{1000 * statistics.median(cpu):.3f} ms"
    )
    print(
        f"\ngoal: encrypted pay_bpu >= {GOAL:.2f} x raw unencrypted sqlite3 -> ratio {ratio:.2f}: "
        f"{verdict}"
    )
    shutil.rmtree(keys, ignore_errors=True)

    if profiler is not None:
        for key in ("tottime", "cumulative"):
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out)
            stats.strip_dirs().sort_stats(key).print_stats(args.top)
            print(f"\n--- cProfile of the subject's timed loops, by {key} ---")
            print(out.getvalue())
    return 0 if ratio >= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
