"""Load test: many counters upload at the same time to one sandbox upstream over loopback.

Issue: 500 counters uploading 200 records each at the same time against one sandbox: nothing lost
or duplicated; the figure (records per second) recorded in docs/performance.md.

    .venv/bin/python tests/perf/load_sandbox.py                        # 500 counters x 200
    .venv/bin/python tests/perf/load_sandbox.py --counters 20 --records 50   # quick, ~15 s
    .venv/bin/python tests/perf/load_sandbox.py --db postgresql+psycopg://.../empty_db

1. Preparation (untimed, in parallel processes): one counter store per counter, each its own
   counter (codes LAAA-DEMO-01, LAAB-DEMO-01, ...), filled with real records through the services
   by the demo generator (`make_demo`: registrations, contributions, claim hand-overs, voids over
   the last five business days). Argon2 is only slow on purpose: every store gets the same four
   PIN hashes (the hasher is cached for this script), so 500 stores take under a minute.
2. One sandbox upstream (`RunningSandbox`, 127.0.0.1, a free port) in a child process, so the
   server has a core of its own as it would upstream; SQLite file by default, `--db` for another
   database (it must hold none of these counters yet). The child stops when told, when this
   process goes away, or after MAX_SERVER_LIFETIME_S.
3. Upload (timed): every counter's `desktop.sync.client.sync` in its own thread, all released
   together; the figure is records accepted / wall time from release to the last counter done.
4. Checks: each counter's report (all sent, nothing refused, nothing pending); every outbox row
   'sent' once (attempts = 1); for every business date the upstream's statement agrees with the
   journal (`reconcile.differences` empty: nothing missing, nothing extra, amounts to the rupiah);
   in the sandbox's database, exactly counters x records rows, no id twice, each counter's chain
   head equal to its own audit head.

Exit status 0 when every check passes (PASS), 1 on any loss, duplicate or refusal (FAIL).
"""

from __future__ import annotations

import argparse
import functools
import multiprocessing
import os
import platform
import resource
import shutil
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import date
from multiprocessing.connection import Connection
from pathlib import Path

import sqlalchemy as sa

from desktop.counter import Counter
from desktop.errors import DomainError
from desktop.services.reconcile import differences
from desktop.store.schema import audit_events, outbox, transactions
from desktop.store.store import Store
from desktop.sync.client import RetryPolicy, SyncReport, sync
from desktop.sync.reconcile import fetch_statement
from desktop.sync.sandbox import store as sandbox_schema

MAX_SERVER_LIFETIME_S = 3600.0  # the sandbox child stops by itself after this, whatever happens
BRANCH = "DEMO"  # make_demo adds records only to a counter of the demo branch


# --- preparation (worker processes) ---------------------------------------------------------


@dataclass(frozen=True)
class Prepared:
    index: int
    folder: str
    counter_code: str
    token: str
    records: int


def bank_code(index: int) -> str:
    """L + three letters: LAAA, LAAB, ... (17,576 distinct counters)."""
    a, rest = divmod(index, 26 * 26)
    b, c = divmod(rest, 26)
    return "L" + "".join(chr(ord("A") + k) for k in (a, b, c))


def _fast_pins() -> None:
    """Worker initializer: one argon2 hash per distinct PIN for the whole process."""
    from desktop.services import auth, setup

    setup.hash_pin = functools.cache(auth.hash_pin)  # type: ignore[attr-defined]


def prepare_counter(root: str, index: int, records: int) -> Prepared:
    from desktop.services.auth import User
    from desktop.services.demo import DEMO_USERS, make_demo
    from desktop.services.setup import add_user, init_counter

    folder = Path(root) / f"counter-{index:05d}"
    store = Store(folder)
    try:
        counter = Counter(store)
        supervisor = DEMO_USERS[0]
        init_counter(
            counter,
            bank_code=bank_code(index),
            branch_code=BRANCH,
            branch_name="KC Uji Beban",
            counter_no=1,
            timezone="Asia/Jakarta",
            supervisor_id=supervisor.id,
            supervisor_name=supervisor.name,
            supervisor_pin=supervisor.pin,
            demo=True,
        )
        by = User(supervisor.id, supervisor.name, supervisor.role)
        for user in DEMO_USERS[1:]:
            add_user(counter, by=by, user_id=user.id, name=user.name, role=user.role, pin=user.pin)
        summary = make_demo(store, transactions=records, seed=index + 1)
    finally:
        store.close()
    code = summary.counter_code
    return Prepared(index, str(folder), code, f"load-token-{code}", sum(summary.counts.values()))


def prepare_chunk(root: str, indexes: list[int], records: int) -> list[Prepared]:
    return [prepare_counter(root, index, records) for index in indexes]


def prepare_all(root: Path, counters: int, records: int, workers: int) -> list[Prepared]:
    chunks = [list(range(k, counters, workers * 4)) for k in range(min(counters, workers * 4))]
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_fast_pins) as pool:
        futures = [pool.submit(prepare_chunk, str(root), chunk, records) for chunk in chunks]
        prepared = [p for future in futures for p in future.result()]
    return sorted(prepared, key=lambda p: p.index)


# --- the sandbox in a child process ---------------------------------------------------------


def cpu_seconds() -> float:
    """CPU time of this process so far, every thread, user and system."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


@dataclass(frozen=True)
class Upstream:
    url: str
    channel: Connection | None = None  # to the child process that runs it, if it has its own

    def cpu_seconds(self) -> float | None:
        """The sandbox process's CPU time so far (None when it shares this process)."""
        if self.channel is None:
            return None
        self.channel.send("cpu")
        return float(self.channel.recv())


def _serve(db_url: str, tokens: dict[str, str], channel: Connection) -> None:
    """Child process: run the sandbox until told to stop, the parent goes, or the lifetime ends."""
    from desktop.sync.sandbox.server import RunningSandbox

    with RunningSandbox(db_url, tokens) as sandbox:
        channel.send(sandbox.url)
        deadline = time.monotonic() + MAX_SERVER_LIFETIME_S
        while time.monotonic() < deadline:
            if not channel.poll(1.0):
                continue
            try:
                message = channel.recv()
            except EOFError:  # the parent is gone
                break
            if message != "cpu":  # "stop"
                break
            channel.send(cpu_seconds())


@contextmanager
def sandbox_process(db_url: str, tokens: dict[str, str]) -> Iterator[Upstream]:
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    process = context.Process(
        target=_serve, args=(db_url, tokens, theirs), name="sandbox-upstream", daemon=True
    )
    process.start()
    theirs.close()
    try:
        if not ours.poll(60):
            raise RuntimeError("the sandbox upstream did not start in time")
        yield Upstream(str(ours.recv()), ours)
    finally:
        with suppress(OSError):
            ours.send("stop")
        process.join(30)
        if process.is_alive():  # pragma: no cover - a request that never ends
            process.terminate()
            process.join(10)


@contextmanager
def sandbox_thread(db_url: str, tokens: dict[str, str]) -> Iterator[Upstream]:
    from desktop.sync.sandbox.server import RunningSandbox

    with RunningSandbox(db_url, tokens) as sandbox:
        yield Upstream(sandbox.url)


# --- upload ---------------------------------------------------------------------------------


@dataclass
class Outcome:
    prepared: Prepared
    report: SyncReport | None = None
    error: str | None = None
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)


def upload_all(
    opened: list[tuple[Prepared, Counter]],
    url: str,
    threads: int,
    batch_size: int,
    policy: RetryPolicy,
) -> tuple[list[Outcome], float]:
    """Every counter's sync at once (up to `threads` at a time); returns the wall time."""
    release = threading.Event()

    def one(prepared: Prepared, counter: Counter) -> Outcome:
        release.wait()
        outcome = Outcome(prepared)
        started = time.perf_counter()
        try:
            outcome.report = sync(
                counter, url, prepared.token, batch_size=batch_size, policy=policy
            )
        except DomainError as error:
            outcome.error = f"{error.field}: {error.message_en}"
        except Exception as error:  # a failure of this counter
            outcome.error = f"{type(error).__name__}: {error}"
        outcome.seconds = time.perf_counter() - started
        return outcome

    with ThreadPoolExecutor(threads, thread_name_prefix="counter") as pool:
        futures = [pool.submit(one, prepared, counter) for prepared, counter in opened]
        time.sleep(0.5)  # let the pool start its threads: they all wait for the release
        started = time.perf_counter()
        release.set()
        outcomes = [future.result() for future in futures]
        elapsed = time.perf_counter() - started
    return outcomes, elapsed


# --- checks ---------------------------------------------------------------------------------


def check_local(outcome: Outcome, counter: Counter) -> None:
    """The report, and every outbox row sent exactly once."""
    problems = outcome.problems
    if outcome.error is not None:
        problems.append(f"upload failed: {outcome.error}")
        return
    report = outcome.report
    assert report is not None
    expected = outcome.prepared.records
    if report.sent != expected:
        problems.append(f"accepted {report.sent} of {expected} records")
    if report.duplicates:
        problems.append(f"{report.duplicates} answered as duplicates")
    if report.quarantined or report.quarantined_total:
        problems.append(f"refused upstream: {report.quarantined[:5]}")
    if report.pending:
        problems.append(f"{report.pending} records still pending")
    with counter.store.read() as connection:
        rows = connection.execute(
            sa.select(outbox.c.status, outbox.c.attempts, sa.func.count())
            .group_by(outbox.c.status, outbox.c.attempts)
            .order_by(outbox.c.status, outbox.c.attempts)
        ).all()
        captured = connection.execute(sa.select(sa.func.count()).select_from(transactions)).scalar()
    if [(str(s), int(a), int(n)) for s, a, n in rows] != [("sent", 1, expected)]:
        problems.append(f"outbox not all sent once: {[tuple(r) for r in rows]}")
    if captured != expected:
        problems.append(f"{captured} transactions in the store, {expected} expected")


def business_dates(counter: Counter) -> list[date]:
    with counter.store.read() as connection:
        days = connection.execute(
            sa.select(transactions.c.business_date)
            .distinct()
            .order_by(transactions.c.business_date)
        ).scalars()
        return [date.fromisoformat(day) for day in days]


def check_statements(outcome: Outcome, counter: Counter, url: str) -> int:
    """Reconcile every business date; returns the number of items the upstream holds."""
    held = 0
    for day in business_dates(counter):
        try:
            statement = fetch_statement(counter, url, outcome.prepared.token, day, timeout=120)
        except DomainError as error:
            outcome.problems.append(f"statement {day}: {error.message_en}")
            continue
        held += len(statement.items)
        for difference in differences(counter, statement):
            outcome.problems.append(
                f"{day} {difference.receipt_no}: {difference.problem} {difference.detail}"
            )
    if held != outcome.prepared.records:
        outcome.problems.append(f"statements hold {held} items, {outcome.prepared.records} sent")
    return held


def audit_head(counter: Counter) -> tuple[int, str]:
    with counter.store.read() as connection:
        row = connection.execute(
            sa.select(audit_events.c.seq, audit_events.c.hash)
            .order_by(audit_events.c.seq.desc())
            .limit(1)
        ).one()
    return int(row.seq), str(row.hash)


def check_upstream_db(db_url: str, opened: list[tuple[Prepared, Counter]]) -> list[str]:
    """Straight from the sandbox's database: every record once, every chain head ours."""
    codes = [prepared.counter_code for prepared, _ in opened]
    expected = sum(prepared.records for prepared, _ in opened)
    records, heads = sandbox_schema.records, sandbox_schema.chain_heads
    engine = sa.create_engine(db_url)
    problems: list[str] = []
    try:
        with engine.connect() as connection:
            total, distinct = connection.execute(
                sa.select(sa.func.count(), sa.func.count(sa.distinct(records.c.id))).where(
                    records.c.counter_code.in_(codes)
                )
            ).one()
            per_counter: dict[str, int] = dict(
                connection.execute(
                    sa.select(records.c.counter_code, sa.func.count())
                    .where(records.c.counter_code.in_(codes))
                    .group_by(records.c.counter_code)
                ).all()
            )
            held_heads = {
                row.counter_code: (row.seq, row.hash)
                for row in connection.execute(
                    sa.select(heads.c.counter_code, heads.c.seq, heads.c.hash).where(
                        heads.c.counter_code.in_(codes)
                    )
                )
            }
    finally:
        engine.dispose()
    if total != expected:
        problems.append(f"upstream holds {total} records of these counters, {expected} sent")
    if distinct != total:
        problems.append(f"upstream holds {total - distinct} records twice")
    for prepared, counter in opened:
        code = prepared.counter_code
        if per_counter.get(code, 0) != prepared.records:
            problems.append(f"{code}: upstream holds {per_counter.get(code, 0)} records")
        if held_heads.get(code) != audit_head(counter):
            problems.append(f"{code}: upstream chain head {held_heads.get(code)} is not ours")
    return problems


def upstream_has(db_url: str, codes: list[str]) -> int:
    engine = sa.create_engine(db_url)
    try:
        with engine.connect() as connection:
            return int(
                connection.execute(
                    sa.select(sa.func.count())
                    .select_from(sandbox_schema.chain_heads)
                    .where(sandbox_schema.chain_heads.c.counter_code.in_(codes))
                ).scalar_one()
            )
    finally:
        engine.dispose()


# --- report ---------------------------------------------------------------------------------


def machine() -> str:
    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPU, "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
        f"SQLAlchemy {sa.__version__}, temp dir {tempfile.gettempdir()}"
    )


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def print_cpu(
    before: tuple[float, float | None],
    after: tuple[float, float | None],
    elapsed: float,
    records: int,
) -> None:
    """Where the upload's CPU went: the counters' process and the sandbox's."""
    counters = after[0] - before[0]
    if before[1] is None or after[1] is None:
        print(f"CPU during the upload: {counters:.1f} s, counters and sandbox together")
        return
    server = after[1] - before[1]
    print(
        f"CPU during the upload: counters {counters:.1f} s ({counters / elapsed:.0%} of a core), "
        f"sandbox {server:.1f} s ({server / elapsed:.0%} of a core) = "
        f"{1000 * server / max(records, 1):.2f} ms a record upstream"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--counters", type=int, default=500)
    parser.add_argument("--records", type=int, default=200, help="records per counter")
    parser.add_argument("--db", help="the sandbox's database URL (default: a fresh SQLite file)")
    parser.add_argument("--threads", type=int, help="counters uploading at once (default: all)")
    parser.add_argument("--batch-size", type=int, default=200)
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per request")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="preparation")
    parser.add_argument(
        "--server-thread",
        action="store_true",
        help="run the sandbox in this process (sharing the GIL with the counters)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)

    root = Path(tempfile.mkdtemp(prefix="spo-load-"))
    db_url = args.db or f"sqlite:///{root / 'sandbox.db'}"
    threads = args.threads or args.counters
    where = "in this process" if args.server_thread else "in a child process"
    print(f"machine: {machine()}")
    print(
        f"load: {args.counters} counters x {args.records} records, {threads} at once, "
        f"batches of {args.batch_size}; sandbox {where} "
        f"on {sa.make_url(db_url).get_backend_name()}\n"
    )
    opened: list[tuple[Prepared, Counter]] = []
    try:
        started = time.perf_counter()
        prepared = prepare_all(root / "counters", args.counters, args.records, args.workers)
        total = sum(p.records for p in prepared)
        print(
            f"prepared {len(prepared)} counter stores, {total:,} records "
            f"in {time.perf_counter() - started:.1f} s ({args.workers} processes)"
        )
        for p in prepared:
            store = Store(Path(p.folder))
            counter = Counter(store)
            counter.profile  # noqa: B018 - read once and cached, as a running counter has it
            opened.append((p, counter))
        tokens = {p.counter_code: p.token for p in prepared}
        serve = sandbox_thread if args.server_thread else sandbox_process
        with serve(db_url, tokens) as upstream:
            url = upstream.url
            if args.db and upstream_has(db_url, list(tokens)):
                print("FAIL: the database at --db already holds some of these counters")
                return 1
            policy = RetryPolicy(timeout=args.timeout)
            cpu_before = cpu_seconds(), upstream.cpu_seconds()
            outcomes, elapsed = upload_all(opened, url, threads, args.batch_size, policy)
            cpu_after = cpu_seconds(), upstream.cpu_seconds()
            accepted = sum(o.report.sent for o in outcomes if o.report is not None)
            batches = sum(o.report.batches for o in outcomes if o.report is not None)
            retries = sum(o.report.retries for o in outcomes if o.report is not None)
            seconds = [o.seconds for o in outcomes]
            print(
                f"upload: {accepted:,} records in {batches:,} batches in {elapsed:.1f} s "
                f"-> {accepted / elapsed:,.0f} records/s, {batches / elapsed:.1f} batches/s; "
                f"retries {retries}"
            )
            print(
                f"one counter's upload: median {statistics.median(seconds):.1f} s, "
                f"p95 {percentile(seconds, 0.95):.1f} s, max {max(seconds):.1f} s"
            )
            print_cpu(cpu_before, cpu_after, elapsed, accepted)
            started = time.perf_counter()
            counters = dict(opened)
            for outcome in outcomes:
                check_local(outcome, counters[outcome.prepared])
            with ThreadPoolExecutor(min(16, len(outcomes))) as pool:
                held = sum(
                    pool.map(
                        lambda o: check_statements(o, counters[o.prepared], url),
                        outcomes,
                    )
                )
            print(
                f"reconciled: the statements hold {held:,} items "
                f"({time.perf_counter() - started:.1f} s)"
            )
        problems = [
            f"{o.prepared.counter_code}: {problem}" for o in outcomes for problem in o.problems
        ]
        problems += check_upstream_db(db_url, opened)
    finally:
        for _prepared, counter in opened:
            counter.store.close()
        if args.keep:
            print(f"kept: {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)

    for problem in problems[:30]:
        print(f"  {problem}")
    if len(problems) > 30:
        print(f"  ... and {len(problems) - 30} more")
    verdict = "PASS" if not problems else "FAIL"
    print(
        f"\n{verdict}: {accepted:,} of {total:,} records accepted, "
        f"{len(problems)} problems (lost, duplicated, refused or not reconciled)"
    )
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
