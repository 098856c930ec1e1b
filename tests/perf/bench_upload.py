"""Uploading 10,000 records with the client vs posting the same bytes with raw HTTP.

Goal (issue): the upload of 10,000 records takes at most twice as long as raw HTTP posts of the
same bytes, both measured in the same run against the sandbox upstream over loopback.

    .venv/bin/python tests/perf/bench_upload.py                  # 5 rounds x 10,000 records
    .venv/bin/python tests/perf/bench_upload.py --rounds 3 --n 2000
    .venv/bin/python tests/perf/bench_upload.py --profile        # + cProfile of the client

Setup (untimed): one counter store with N records made through the services by the demo
generator (every kind: registrations, contributions, claim hand-overs, voids). A warm-up upload
records, through a transport that wraps httpx's own, the exact requests the client sends (path,
headers, body bytes).
Subject: `desktop.sync.client.sync` on a fresh copy of that store to a sandbox on a fresh SQLite
file: building each batch from the outbox, posting it, validating the reply, checking the chain
head and marking the outbox, one durable commit per batch.
Baseline: the recorded requests posted in order with a plain `httpx.Client` (keep-alive, the same
headers and bodies) to another sandbox on a fresh file, so the server does the same work; only the
status is checked. The difference is the client's own work.
The sandbox runs in a thread of this process (`RunningSandbox`), the same for both sides.
Rounds alternate which side goes first; medians are reported. Exit status 0 when the median
subject time is within GOAL x the baseline's, 1 when it is not.
"""

from __future__ import annotations

import argparse
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
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import sqlalchemy as sa

from desktop.counter import Counter
from desktop.services.demo import make_demo
from desktop.store.store import Store
from desktop.sync.client import SyncReport, sync
from desktop.sync.sandbox import store as sandbox_schema
from desktop.sync.sandbox.server import RunningSandbox

GOAL = 2.0  # the client may take at most this many times the raw posts' time
TOKEN = "bench-upload-token"  # a sandbox token for this benchmark only
KEPT_HEADERS = ("authorization", "idempotency-key", "content-type")


@dataclass(frozen=True)
class Sent:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class RecordingTransport(httpx.BaseTransport):
    """httpx's own transport, keeping every request it sends and the time spent in HTTP."""

    inner: httpx.HTTPTransport = field(default_factory=httpx.HTTPTransport)
    sent: list[Sent] = field(default_factory=list)
    seconds: float = 0.0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        started = time.perf_counter()
        body = request.read()
        self.sent.append(
            Sent(
                request.url.raw_path.decode("ascii"),
                {k: v for k, v in request.headers.items() if k.lower() in KEPT_HEADERS},
                body,
            )
        )
        response = self.inner.handle_request(request)
        try:
            content = response.read()
        finally:
            response.close()
        self.seconds += time.perf_counter() - started
        return httpx.Response(
            response.status_code, headers=response.headers, content=content, request=request
        )

    def close(self) -> None:
        self.inner.close()


# --- setup ----------------------------------------------------------------------------------


def prepare(folder: Path, n: int) -> str:
    """A demo counter with n records waiting in the outbox; returns its counter code."""
    store = Store(folder)
    try:
        summary = make_demo(store, transactions=n, seed=1)
    finally:
        store.close()
    return summary.counter_code


def sqlite_url(folder: Path) -> str:
    return f"sqlite:///{folder / 'sandbox.db'}"


def held_records(db_url: str) -> int:
    engine = sa.create_engine(db_url)
    try:
        with engine.connect() as connection:
            return int(
                connection.execute(
                    sa.select(sa.func.count()).select_from(sandbox_schema.records)
                ).scalar_one()
            )
    finally:
        engine.dispose()


# --- the two sides --------------------------------------------------------------------------


@dataclass
class SubjectRun:
    seconds: float
    http_seconds: float
    report: SyncReport
    sent: list[Sent]


def run_subject(
    prepared: Path,
    folder: Path,
    code: str,
    batch_size: int,
    profiler: cProfile.Profile | None = None,
) -> SubjectRun:
    shutil.copytree(prepared, folder / "counter")
    store = Store(folder / "counter")
    try:
        counter = Counter(store)
        counter.profile  # noqa: B018 - read once and cached, as a running counter has it
        transport = RecordingTransport()
        with RunningSandbox(sqlite_url(folder), {code: TOKEN}) as sandbox:
            started = time.perf_counter()
            if profiler is not None:
                profiler.enable()
            report = sync(counter, sandbox.url, TOKEN, batch_size=batch_size, transport=transport)
            if profiler is not None:
                profiler.disable()
            elapsed = time.perf_counter() - started
    finally:
        store.close()
    return SubjectRun(elapsed, transport.seconds, report, transport.sent)


def run_raw(folder: Path, code: str, sent: list[Sent]) -> float:
    """The recorded requests, in order, as plain posts; seconds."""
    with (
        RunningSandbox(sqlite_url(folder), {code: TOKEN}) as sandbox,
        httpx.Client(base_url=sandbox.url, timeout=60) as client,
    ):
        started = time.perf_counter()
        statuses = [
            client.post(request.path, content=request.body, headers=request.headers).status_code
            for request in sent
        ]
        elapsed = time.perf_counter() - started
    if set(statuses) != {200}:
        raise RuntimeError(f"a raw post was refused: statuses {sorted(set(statuses))}")
    return elapsed


def check_subject(run: SubjectRun, n: int, db_url: str) -> None:
    report = run.report
    if (report.sent, report.pending, report.quarantined_total, report.retries) != (n, 0, 0, 0):
        raise RuntimeError(f"the upload did not go cleanly: {report}")
    if held_records(db_url) != n:
        raise RuntimeError(f"the sandbox holds {held_records(db_url)} records, {n} sent")


# --- report ---------------------------------------------------------------------------------


def machine() -> str:
    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPU, "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
        f"SQLAlchemy {sa.__version__}, httpx {httpx.__version__}, "
        f"temp dir {tempfile.gettempdir()}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--n", type=int, default=10_000, help="records to upload")
    parser.add_argument("--batch-size", type=int, default=200, help="the client's default")
    parser.add_argument("--profile", action="store_true", help="cProfile the client's rounds")
    parser.add_argument("--top", type=int, default=30, help="profile lines to print")
    args = parser.parse_args(argv)

    print(f"machine: {machine()}")
    root = Path(tempfile.mkdtemp(prefix="spo-bench-upload-"))
    try:
        started = time.perf_counter()
        code = prepare(root / "prepared", args.n)
        print(f"prepared {args.n:,} records on {code} in {time.perf_counter() - started:.1f} s")
        warm = run_subject(root / "prepared", root / "warm-up", code, args.batch_size)
        check_subject(warm, args.n, sqlite_url(root / "warm-up"))
        sent = warm.sent
        body_bytes = sum(len(request.body) for request in sent)
        print(
            f"requests: {len(sent)} batches, {body_bytes / 1e6:.1f} MB of bodies "
            f"({body_bytes / args.n:,.0f} bytes a record, audit events included)\n"
        )

        profiler = cProfile.Profile() if args.profile else None
        subject: list[float] = []
        in_http: list[float] = []
        raw: list[float] = []
        print(
            f"{'round':>6}  {'raw posts rec/s':>15}  {'sync() rec/s':>12}  {'time ratio':>10}  "
            f"{'sync() in HTTP':>14}  {'sync() own':>10}"
        )
        for r in range(args.rounds):
            for kind in ("subject", "raw") if r % 2 == 0 else ("raw", "subject"):
                folder = root / f"round-{r}-{kind}"
                folder.mkdir()
                if kind == "raw":
                    raw.append(run_raw(folder, code, sent))
                    if held_records(sqlite_url(folder)) != args.n:
                        raise RuntimeError("the raw posts did not store every record")
                else:
                    run = run_subject(root / "prepared", folder, code, args.batch_size, profiler)
                    check_subject(run, args.n, sqlite_url(folder))
                    if run.sent != sent:
                        raise RuntimeError("the client sent other bytes than in the warm-up")
                    subject.append(run.seconds)
                    in_http.append(run.http_seconds)
                shutil.rmtree(folder, ignore_errors=True)
            print(
                f"{r + 1:>6}  {args.n / raw[-1]:>15,.0f}  {args.n / subject[-1]:>12,.0f}  "
                f"{subject[-1] / raw[-1]:>10.2f}  {in_http[-1]:>12.2f} s  "
                f"{subject[-1] - in_http[-1]:>8.2f} s"
            )
    finally:
        shutil.rmtree(root, ignore_errors=True)

    raw_med, sub_med, http_med = (statistics.median(x) for x in (raw, subject, in_http))
    ratio = sub_med / raw_med
    print(
        f"{'median':>6}  {args.n / raw_med:>15,.0f}  {args.n / sub_med:>12,.0f}  "
        f"{ratio:>10.2f}  {http_med:>12.2f} s  {sub_med - http_med:>8.2f} s"
    )
    print(
        f"\nseconds for {args.n:,} records (median): raw posts {raw_med:.2f}, sync() {sub_med:.2f} "
        f"= in HTTP {http_med:.2f} + the client's own work {sub_med - http_med:.2f} "
        f"(building batches, checking replies, marking the outbox)"
    )
    verdict = "PASS" if ratio <= GOAL else "FAIL"
    print(f"\ngoal: sync() time <= {GOAL:.1f} x raw posts -> ratio {ratio:.2f}: {verdict}")

    if profiler is not None:
        for key in ("tottime", "cumulative"):
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out)
            stats.strip_dirs().sort_stats(key).print_stats(args.top)
            print(f"\n--- cProfile of the client's timed uploads (its thread only), by {key} ---")
            print(out.getvalue())
    return 0 if ratio <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
