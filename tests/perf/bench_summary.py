"""The supervisor's summary (F10) on an empty store against a store of 1,000,000 transactions.

    .venv/bin/python tests/perf/bench_summary.py                    # 1,000,000 over 1,000 days
    .venv/bin/python tests/perf/bench_summary.py --days 60          # the same million, 60 days
    .venv/bin/python tests/perf/bench_summary.py --rows 100000      # a quick check
    .venv/bin/python tests/perf/bench_summary.py --keep /tmp/s1m    # build once, keep the folder
    .venv/bin/python tests/perf/bench_summary.py --reuse /tmp/s1m   # time again, no rebuild

Both stores are real counter stores set up by `init_counter`. The big one is filled by
tests/store/summary_support.py `bulk_fill`: the store is taken back to the schema before
daily_totals, the transactions are bulk-inserted with raw SQL (registrations, a third by agents;
BPU and PU payments with their program lines; claim handovers; voids; refunds), and the upgrade's
backfill (migration 0012) files them, as it would a counter's existing store: its time is printed.

Timed, medians of `--repeat` after one warm-up: `counter_summary` (the service the page and the
command call), and the page itself (ui/summary/page.py) on a real database worker, from asking
to figures on screen. Baseline: the same on the empty store, in the same run.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop.counter import Counter  # noqa: E402
from desktop.domain.users import Role  # noqa: E402
from desktop.services.auth import User  # noqa: E402
from desktop.services.setup import add_user, init_counter  # noqa: E402
from desktop.services.summary import Summary, counter_summary  # noqa: E402
from desktop.store.store import Store  # noqa: E402
from tests.store.summary_support import bulk_fill, upgrade  # noqa: E402
from ui.context import Context  # noqa: E402
from ui.summary.page import SummaryPage  # noqa: E402
from ui.tasks import TaskManager  # noqa: E402

# 16:00 WIB on 2026-11-24: the last day of the filled store, its work done.
NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
TODAY = date(2026, 11, 24)
SUPERVISOR = User("spv01", "Siti Rahmawati", Role.SUPERVISOR)


def set_up(folder: Path) -> None:
    store = Store(folder)
    counter = Counter(store, clock=lambda: NOW)
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
    for user_id, name, pin in (("teller01", "Dewi Lestari", "102938"),
                               ("teller02", "Agus Setiawan", "564738")):  # fmt: skip
        add_user(counter, by=SUPERVISOR, user_id=user_id, name=name, role="teller", pin=pin)
    store.close()


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    fn()  # warm-up: the first read pulls the pages into the cache
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def page_ms(counter: Counter, repeat: int) -> float:
    """The page asks its worker and shows the answer: from reload() to the figures set."""
    tasks = TaskManager()
    try:
        page = SummaryPage(Context(counter, tasks, tasks), SUPERVISOR)
        page.resize(1000, 700)

        def once() -> None:
            page.summary = None
            page.reload()
            loop = QEventLoop()
            while page.summary is None:
                QTimer.singleShot(1, loop.quit)
                loop.exec()
            page.grab()  # painted, bars and chart

        return median_ms(once, repeat)
    finally:
        tasks.close()


def measure(folder: Path, repeat: int) -> tuple[float, float, Summary]:
    store = Store(folder)
    try:
        counter = Counter(store, clock=lambda: NOW)
        service = median_ms(lambda: counter_summary(counter, SUPERVISOR), repeat)
        page = page_ms(counter, repeat)
        return service, page, counter_summary(counter, SUPERVISOR)
    finally:
        store.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--days", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--keep", type=Path, help="build the big store into this folder, keep it")
    parser.add_argument("--reuse", type=Path, help="a big store kept by --keep: time it again")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    work = Path(tempfile.mkdtemp(prefix="spo-bench-summary-"))
    # The stores' keys in a folder of their own, never this user's keyring; a kept store's
    # keys are kept beside it.
    os.environ["SPO_KEYSTORE"] = "file"
    os.environ["SPO_KEYSTORE_DIR"] = str((args.reuse or args.keep or work) / "keys")
    try:
        big = args.reuse or args.keep or work / "big"
        if args.reuse is None and big.exists():
            shutil.rmtree(big)  # before any store keeps its keys in there
        empty = work / "empty"
        set_up(empty)
        if args.reuse is None:
            started = time.perf_counter()
            set_up(big)
            bulk_fill(big, args.rows, TODAY, days=args.days, backfill=False)
            built = time.perf_counter() - started
            started = time.perf_counter()
            upgrade(big)  # migration 0012 on an existing store: its backfill
            print(f"built {args.rows:,} transactions over {args.days:,} days: {built:.1f} s; "
                  f"upgrade with the backfill: {time.perf_counter() - started:.1f} s")  # fmt: skip
        from sqlcipher3 import dbapi2 as sqlcipher

        size = sum(p.stat().st_size for p in big.iterdir() if p.is_file()) / 1e6
        print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
              f"{platform.python_version()}, SQLCipher's SQLite {sqlcipher.sqlite_version}; "
              f"big store {size:.0f} MB; medians of {args.repeat}")  # fmt: skip
        # the same daily rate over 30 days only: what the page shows, in a store 1/N the size
        month = work / "month"
        per_day = -(-args.rows // args.days)
        set_up(month)
        bulk_fill(month, per_day * 30, TODAY, days=30)
        e_service, e_page, _ = measure(empty, args.repeat)
        m_service, m_page, _ = measure(month, args.repeat)
        b_service, b_page, summary = measure(big, args.repeat)
        print(f"month: {summary.month.transactions:,} transactions; backlog "
              f"{summary.backlog.pending:,} pending, {summary.backlog.quarantined:,} quarantined; "
              f"{len(summary.agents)} agents listed")  # fmt: skip
        print(f"{'':32}{'empty':>8}{f'{per_day * 30:,} tx':>12}{f'{args.rows:,} tx':>14}"
              f"{'/empty':>8}{'/30 days':>9}")  # fmt: skip
        for name, a, m, b in (
            ("counter_summary (service), ms", e_service, m_service, b_service),
            ("page: ask to painted, ms", e_page, m_page, b_page),
        ):
            print(f"{name:32}{a:>8.2f}{m:>12.2f}{b:>14.2f}{b / a:>8.1f}{b / m:>9.2f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
        del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
