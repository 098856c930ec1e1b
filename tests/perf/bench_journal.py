"""The journal (F5) with 1,000,000 transactions in the store: pages, fetchMore, searches.

    .venv/bin/python tests/perf/bench_journal.py                     # 1,000,000 rows, all today
    .venv/bin/python tests/perf/bench_journal.py --days 1000         # the same over 1,000 days
    .venv/bin/python tests/perf/bench_journal.py --rows 100000       # a quick check
    .venv/bin/python tests/perf/bench_journal.py --keep /tmp/j1m     # build once, keep the folder
    .venv/bin/python tests/perf/bench_journal.py --reuse /tmp/j1m    # time again, no rebuild

The store is a real counter store (migrations, triggers, indexes) set up by `init_counter`; the
transactions are then bulk-inserted with raw sqlite3 in one transaction (registrations, BPU and
PU payments, claim handovers, voids, their outbox rows; no audit events or program lines, which
the journal never reads). The day in view is the last of `--days`: with the default of 1 the
whole million is one business day, the worst case for the list.

Baseline, on the same file in the same run: raw sqlite3 `SELECT * FROM transactions WHERE
business_date = ? ORDER BY seq LIMIT 200` (the day's first page of bare rows, no joins).
Subject: `journal_page` / `count_matches` (desktop/services/journal_query.py), and the Qt model
(ui/journal/model.py) on a real database worker: from asking to rows on screen. Medians of
`--repeat` runs. GUI-thread time is what the model's slots took on the GUI thread per page.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QHeaderView, QTableView

from desktop.counter import Counter
from desktop.domain.users import Role
from desktop.keystore import STORE_KEY, open_keystore
from desktop.paths import DB_FILENAME
from desktop.services.auth import User
from desktop.services.demo import FIRST_NAMES_F, FIRST_NAMES_M, LAST_NAMES
from desktop.services.journal_query import (
    COUNT_WINDOW,
    SCAN_WINDOW,
    JournalCount,
    JournalPage,
    JournalQuery,
    count_matches,
    journal_page,
    parse_search,
)
from desktop.services.setup import add_user, init_counter
from desktop.store import schema
from desktop.store.engine import connect
from desktop.store.statements import column_names
from desktop.store.store import Store
from ui.journal import model as journal_model
from ui.journal.model import JournalModel
from ui.tasks import TaskManager

# 10:00 WIB on 2026-11-24 (the tests' clock): the business day in view.
NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
TODAY = date(2026, 11, 24)
COUNTER_CODE = "BNI-0123-01"
EMPLOYERS = ("PT Maju Jaya Abadi", "CV Sinar Terang", "PT Sumber Rejeki", "PT Karya Mandiri")
RARE_NAME = "Zulkarnain Wirabuana"  # one registration in the middle of the day


class FixedClock:
    def __call__(self) -> datetime:
        return NOW


def receipt(seq: int) -> str:
    return f"{COUNTER_CODE}-{seq:07d}"


# --- building the store --------------------------------------------------------------------


def build_store(folder: Path, rows: int, days: int, seed: int = 1) -> dict[str, Any]:
    """A set-up counter with `rows` transactions over `days` business days ending today."""
    store = Store(folder)
    counter = Counter(store, clock=FixedClock())
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
    spv = User("spv01", "Siti Rahmawati", Role.SUPERVISOR)
    add_user(counter, by=spv, user_id="teller01", name="Dewi Lestari", role="teller", pin="102938")
    store.close()

    rng = random.Random(seed)
    tables: dict[str, list[tuple[Any, ...]]] = {
        name: []
        for name in (
            "participants",
            "transactions",
            "registrations",
            "contributions",
            "claim_handovers",
            "voids",
            "outbox",
        )
    }
    txns = tables["transactions"]
    participants: list[str] = []  # ids of everyone registered
    voidable: list[int] = []  # recent records of the same day, not voided yet
    facts: dict[str, Any] = {}
    per_day = -(-rows // days)
    first_day = TODAY - timedelta(days=days - 1)
    # The searched-for person registers in the middle of the day in view.
    rare_seq = ((days - 1) * per_day + 1 + rows) // 2
    names = [f"{first} {last}" for first in FIRST_NAMES_M + FIRST_NAMES_F for last in LAST_NAMES]
    for seq in range(1, rows + 1):
        in_day = (seq - 1) % per_day
        if in_day == 0:
            voidable.clear()
        day = first_day + timedelta(days=(seq - 1) // per_day)
        # 08:00-15:00 WIB (UTC+7) of that day
        created = datetime(day.year, day.month, day.day, 1, 0, tzinfo=UTC) + timedelta(
            seconds=7 * 3600 * in_day / per_day
        )
        roll = rng.random()
        participant_id: str | None = None
        amount, tender = 0, None
        if seq == rare_seq or roll < 0.30 or not participants:
            kind = "registration"
            participant_id = f"00000000-0000-4000-8000-{seq:012d}"
            nik = str(3171010000000000 + seq)
            kpj = str(10_000_000_000 + seq) if seq % 2 or seq == rare_seq else None
            name = rng.choice(names)
            if seq == rare_seq:
                name = RARE_NAME
                facts.update(rare_seq=seq, nik=nik, kpj=kpj)
            tables["participants"].append((participant_id, nik, kpj, created.isoformat()))
            tables["registrations"].append(
                (seq, participant_id, nik, name, "Jakarta", "1985-08-17", "L", "Sri Wahyuni",
                 "081234567890", None, "Jl. Melati No. 5", "Pedagang", 1_000_000, "JKK+JKM", None)
            )  # fmt: skip
            participants.append(participant_id)
        elif roll < 0.72:
            kind = "contribution"
            participant_id = rng.choice(participants)
            months = rng.choice((1, 3, 6, 12))
            amount, tender = 16_800 * months, "cash"
            tables["contributions"].append(
                (seq, "BPU", "nik", None, None, None, 1_000_000, months, "2026-11-01", "2026-11-30")
            )
        elif roll < 0.84:
            kind = "contribution"
            amount, tender = rng.randrange(500_000, 20_000_000, 1000), "debit"
            code = str(100_000_000_000 + seq)
            if day == TODAY:
                facts.setdefault("payment_code", code)
            npp = str(10_000_000 + seq % 89_999_999)
            tables["contributions"].append(
                (seq, "PU", None, code, npp, rng.choice(EMPLOYERS), None, 1, "2026-10-01",
                 "2026-10-31")
            )  # fmt: skip
        elif roll < 0.96 or not voidable:
            kind = "claim_handover"
            name = rng.choice(names)
            kpj = str(20_000_000_000 + seq) if seq % 3 == 0 else None
            tables["claim_handovers"].append(
                (seq, "resignation", str(3201010000000000 + seq), kpj, name, name, "2026-09-01",
                 None, None, False, "BRI", "0012345678", name, 0)
            )  # fmt: skip
        else:
            kind = "void"
            target = voidable.pop(rng.randrange(len(voidable)))
            tables["voids"].append((seq, target, "Salah input nominal", "spv01"))
            participant_id = txns[target - 1][8]  # as write_void does: the voided one's
        if kind != "void":
            voidable.append(seq)
            if len(voidable) > 50:
                voidable.pop(0)
        txns.append(
            (seq, f"{seq:036d}", receipt(seq), kind, day.isoformat(), created.isoformat(),
             "Asia/Jakarta", "teller01", participant_id, amount, tender, None, None)
        )  # fmt: skip
        tables["outbox"].append((seq, "pending" if day == TODAY else "sent", 0, None, None))

    connection = connect(folder / DB_FILENAME, store_key(folder))
    connection.execute("PRAGMA synchronous=OFF")  # a throwaway file: speed over durability
    connection.execute("BEGIN IMMEDIATE")
    for table_name, values in tables.items():
        columns = column_names(schema.metadata.tables[table_name])
        marks = ", ".join("?" for _ in columns)
        connection.executemany(
            f"INSERT INTO {table_name} ({', '.join(columns)}) VALUES ({marks})",
            values,
        )
    connection.execute("COMMIT")
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    today = [t for t in txns if t[4] == TODAY.isoformat()]
    facts.update(day_rows=len(today), first_seq_today=today[0][0], last_seq=rows)
    return facts


# --- timing: the queries ------------------------------------------------------------------


def store_key(folder: Path) -> bytes:
    key = open_keystore(folder).get(STORE_KEY)
    assert key is not None, "the store was made in this run, with its key"
    return key


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def bench_queries(folder: Path, facts: dict[str, Any], repeat: int) -> float:
    """Each query once to warm the cache, then the median of `repeat`; returns the baseline."""
    raw = connect(folder / DB_FILENAME, store_key(folder), readonly=True)
    base_sql = "SELECT * FROM transactions WHERE business_date = ? ORDER BY seq LIMIT 200"
    raw.execute(base_sql, (TODAY.isoformat(),)).fetchall()
    baseline = median_ms(lambda: raw.execute(base_sql, (TODAY.isoformat(),)).fetchall(), repeat)
    raw.close()
    store = Store(folder)
    counter = Counter(store, clock=FixedClock())
    lengths = counter.reference.identifier_lengths

    def query(text: str) -> JournalQuery:
        return JournalQuery(TODAY, parse_search(text, lengths))

    def count_all(text: str) -> JournalCount:
        """Every call a count takes, as the model makes them one after another."""
        total, after = 0, 0
        while True:
            part = count_matches(counter, query(text), after)
            total, after = total + part.count, part.scanned_to
            if part.done:
                return JournalCount(total, after, True)

    middle = facts["first_seq_today"] + facts["day_rows"] // 2
    window = f"{SCAN_WINDOW:,}"
    cases: list[tuple[str, Callable[[], JournalPage | JournalCount]]] = [
        ("first page (200 rows)", lambda: journal_page(counter, query(""))),
        ("a page from the middle of the day", lambda: journal_page(counter, query(""), middle)),
        (
            f"count of the day: one call ({COUNT_WINDOW:,} at most)",
            lambda: count_matches(counter, query("")),
        ),
        ("count of the day: all its calls", lambda: count_all("")),
        ("receipt number", lambda: journal_page(counter, query(receipt(middle)))),
        ("NIK", lambda: journal_page(counter, query(facts["nik"]))),
        ("KPJ (the day's claims read by key)", lambda: journal_page(counter, query(facts["kpj"]))),
        ("payment code", lambda: journal_page(counter, query(facts["payment_code"]))),
        ("name, common (Santoso): first page", lambda: journal_page(counter, query("santoso"))),
        (f"name, rare: a window of {window}", lambda: journal_page(counter, query("zulkarnain"))),
        (f"name: count, a window of {window}", lambda: count_matches(counter, query("santoso"))),
        ("name: count, all its calls", lambda: count_all("santoso")),
    ]
    print(f"\nbaseline: raw sqlite3, the day's first 200 bare rows: {baseline:.2f} ms\n")
    print(f"| query (`journal_query`) | ms, median of {repeat} | x baseline | rows or count |")
    print("|---|---:|---:|---:|")
    for label, fn in cases:
        result = fn()
        found = len(result.rows) if isinstance(result, JournalPage) else result.count
        ms = median_ms(fn, repeat)
        print(f"| {label} | {ms:.2f} | {ms / baseline:.1f} | {found:,} |")
    store.close()
    return baseline


# --- timing: the model on a real worker ---------------------------------------------------


class Stopwatch:
    """How long each worker call and each GUI-thread slot of the model took."""

    def __init__(self) -> None:
        self.worker: list[tuple[str, float]] = []
        self.gui: list[float] = []

    def wrap_worker(self, name: str) -> None:
        original = getattr(journal_model, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.worker.append((name, (time.perf_counter() - started) * 1000))

        setattr(journal_model, name, timed)

    def wrap_gui(self, model: JournalModel, name: str) -> None:
        original = getattr(model, name)

        def timed(*args: Any) -> Any:
            started = time.perf_counter()
            try:
                return original(*args)
            finally:
                self.gui.append((time.perf_counter() - started) * 1000)

        setattr(model, name, timed)


def wait(condition: Callable[[], bool], timeout_s: float = 600) -> None:
    """Run the event loop until `condition` holds (checked every millisecond, no busy loop)."""
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(1)
    timer.timeout.connect(lambda: loop.quit() if condition() else None)
    deadline = QTimer()
    deadline.setSingleShot(True)
    deadline.timeout.connect(loop.quit)
    timer.start()
    deadline.start(int(timeout_s * 1000))
    if not condition():
        loop.exec()
    timer.stop()
    if not condition():
        raise TimeoutError("the model did not get there in time")


def bench_model(folder: Path, facts: dict[str, Any], repeat: int) -> None:
    app = QApplication.instance() or QApplication([])
    store = Store(folder)
    counter = Counter(store, clock=FixedClock())
    tasks = TaskManager()
    watch = Stopwatch()
    for name in ("journal_page", "count_matches", "row_statuses"):
        watch.wrap_worker(name)
    model = JournalModel(counter, tasks)
    for name in ("_page_arrived", "_counted", "_statuses_arrived"):
        watch.wrap_gui(model, name)
    view = QTableView()
    view.setModel(model)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.resize(1100, 700)
    view.show()

    def timed(action: Callable[[], object], done: Callable[[], bool]) -> float:
        started = time.perf_counter()
        action()
        wait(done)
        return (time.perf_counter() - started) * 1000

    rows: list[tuple[str, list[float]]] = []
    first, more, paint, refresh = [], [], [], []
    for _ in range(repeat):
        first.append(timed(model.reload, lambda: model.rowCount() >= 200))
        wait(lambda: model.count_final)
        # fetchMore as the view does it: scrolled to the bottom, the view asks for more.
        for _page in range(3):
            loaded = model.rowCount()
            more.append(
                timed(view.scrollToBottom, lambda n=loaded: model.rowCount() >= n + 200)  # type: ignore[misc]
            )
        view.viewport().repaint()  # the first paint of new rows also lays out and caches glyphs
        started = time.perf_counter()
        view.viewport().repaint()
        paint.append((time.perf_counter() - started) * 1000)
        refresh.append(timed(model.refresh, lambda: model.count_final and not tasks.busy))
    rows += [
        ("first page: reload() to 200 rows in the model", first),
        ("fetchMore: view scrolled to the bottom to 200 more rows", more),
        ("repaint of a screenful of rows (GUI thread)", paint),
        ("refresh(): statuses of the loaded rows, tail, count", refresh),
    ]
    watch.gui.clear()
    watch.worker.clear()
    for text in ("Santoso", str(facts["nik"]), "Zulkarnain"):
        searched = []
        complete = []
        for _ in range(max(1, repeat // 2)):
            started = time.perf_counter()
            model.set_search(text)
            wait(lambda: model.rowCount() > 0 or (model.count_final and not model.loading))
            searched.append((time.perf_counter() - started) * 1000)
            wait(lambda: model.count_final and not tasks.busy)
            complete.append((time.perf_counter() - started) * 1000)
        rows.append((f"search {text!r}: to its first rows on screen", searched))
        rows.append((f"search {text!r}: to the final count", complete))
    worst_worker = max(ms for _name, ms in watch.worker)
    worst_gui = max(watch.gui)
    print("\n| through the model and a real worker (`JournalModel`) | ms, median |")
    print("|---|---:|")
    for label, times in rows:
        print(f"| {label} | {statistics.median(times):.1f} |")
    print(
        f"\nlongest single worker call during the searches: {worst_worker:.0f} ms "
        f"(a capture queued behind it waits at most this long)"
    )
    print(f"longest GUI-thread slot of the model during the searches: {worst_gui:.1f} ms")
    print(f"rows held by the model at the end: {model.rowCount():,}")
    view.close()
    app.processEvents()
    tasks.close()
    store.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--days", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="build into this folder and keep it")
    parser.add_argument("--reuse", type=Path, help="time a store kept by --keep")
    args = parser.parse_args(argv)
    print(
        f"machine: {platform.system()} {platform.machine()}, {os.cpu_count()} CPU, "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}"
    )
    folder = args.reuse or args.keep or Path(tempfile.mkdtemp(prefix="spo-bench-journal-"))
    # The store's key beside the store (kept with --keep for --reuse), never in the user's key ring.
    os.environ["SPO_KEYSTORE"] = "file"
    os.environ["SPO_KEYSTORE_DIR"] = str(folder.with_name(folder.name + ".keys"))
    try:
        if args.reuse is None:
            started = time.perf_counter()
            facts = build_store(folder, args.rows, args.days)
            elapsed = time.perf_counter() - started
            size = (folder / DB_FILENAME).stat().st_size / 1e6
            print(
                f"built {args.rows:,} transactions over {args.days} day(s) in {elapsed:.1f} s "
                f"({size:.0f} MB)"
            )
            (folder / "facts.json").write_text(json.dumps(facts))
        else:
            facts = json.loads((folder / "facts.json").read_text())
        print(f"day in view: {TODAY} with {facts['day_rows']:,} transactions")
        bench_queries(folder, facts, args.repeat)
        bench_model(folder, facts, args.repeat)
        return 0
    finally:
        if args.keep is None and args.reuse is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    status = main()
    # Leave without CPython's finalisation once Qt is loaded: PySide6 6.12.0 on 3.11 can crash
    # there after all the work is done (why: tests/ui/test_shutdown.py; not tried without here).
    sys.stdout.flush()
    os._exit(status)
