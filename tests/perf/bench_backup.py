"""A backup of a 100 MB store and its check, against raw sqlite3 and a plain file copy.

    .venv/bin/python tests/perf/bench_backup.py                      # ~110,000 records, 3 rounds
    .venv/bin/python tests/perf/bench_backup.py --transactions 20000 --rounds 5
    .venv/bin/python tests/perf/bench_backup.py --keep DIR           # build once, reuse after

Setup (untimed): `spo-counter demo --transactions N` into a fresh data folder (100,000 records
make about 92 MB; the default 110,000 about 100 MB), its keys in a throwaway key folder. Each round
times, on the same file:
- raw: `sqlite3.connect(src).backup(sqlite3.connect(dst))`, the backup API with nothing around it
  (the baseline), and `shutil.copyfile` of the file (what a copy costs on this disk);
- write: `write_backup_file`, the store's own connection copied into a new 0600 backup file
  (fsync and rename included): how long a capture arriving meanwhile waits at most;
- check: `check_backup`, SQLite's `integrity_check` and the keyed audit chain walked;
- keep: `keep_backup`, the check with the check file written and the folder rotated.
Prints the medians and the ratio write / raw.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from desktop.counter import Counter  # noqa: E402
from desktop.paths import DB_FILENAME  # noqa: E402
from desktop.services.backups import keep_backup, write_backup_file  # noqa: E402
from desktop.store import backup as files  # noqa: E402
from desktop.store.backup import BackupKind  # noqa: E402
from desktop.store.store import Store  # noqa: E402


def build(folder: Path, transactions: int) -> None:
    script = Path(sys.executable).with_name("spo-counter")
    command = [str(script), "demo", "--transactions", str(transactions), "--seed", "1"]
    started = time.perf_counter()
    done = subprocess.run(
        [*command, "--data-dir", str(folder)], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"demo failed:\n{done.stdout}\n{done.stderr}")
    print(f"setup: demo of {transactions} records in {time.perf_counter() - started:.0f} s")


def timed(fn: object) -> float:
    started = time.perf_counter()
    fn()  # type: ignore[operator]
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--transactions", type=int, default=110_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="data folder to build once and reuse")
    args = parser.parse_args(argv)
    os.environ.setdefault("SPO_KEYSTORE", "file")
    if args.keep is not None:
        folder = args.keep
        os.environ.setdefault("SPO_KEYSTORE_DIR", str(folder.parent / f"{folder.name}-keys"))
    else:
        folder = Path(tempfile.mkdtemp(prefix="spo-bench-backup-"))
        os.environ.setdefault("SPO_KEYSTORE_DIR", str(folder.parent / f"{folder.name}-keys"))
    scratch = Path(tempfile.mkdtemp(prefix="spo-bench-backup-out-", dir=folder.parent))
    try:
        print(
            f"machine: {platform.system()} {platform.machine()}, {os.cpu_count()} CPU, "
            f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}"
        )
        db = folder / DB_FILENAME
        if not db.is_file():
            build(folder, args.transactions)
        store = Store(folder)
        counter = Counter(store)
        size = db.stat().st_size
        with sqlite3.connect(db) as probe:
            records = probe.execute("SELECT count(*) FROM transactions").fetchone()[0]
            events = probe.execute("SELECT count(*) FROM audit_events").fetchone()[0]
        print(f"store: {size / 1e6:.0f} MB, {records} transactions, {events} audit events")
        figures: dict[str, list[float]] = {"raw": [], "copy": [], "write": [], "check": []}
        figures["keep"] = []
        for n in range(args.rounds):
            target = scratch / f"raw-{n}.sqlite"

            def raw(target: Path = target) -> None:
                source, dest = sqlite3.connect(db), sqlite3.connect(target)
                try:
                    source.backup(dest)
                finally:
                    dest.close()
                    source.close()

            figures["raw"].append(timed(raw))
            figures["copy"].append(timed(lambda n=n: shutil.copyfile(db, scratch / f"c-{n}")))
            started = time.perf_counter()
            written = write_backup_file(counter, BackupKind.MANUAL, scratch)
            figures["write"].append(time.perf_counter() - started)
            key = counter.kept_audit_key()
            started = time.perf_counter()
            found = files.check_backup(written, key, counter.now())
            figures["check"].append(time.perf_counter() - started)
            if not found.ok:
                print(f"the check failed: {found.problems}")
                return 1
            started = time.perf_counter()
            keep_backup(counter, written, rotate=False)
            figures["keep"].append(time.perf_counter() - started)
            for leftover in scratch.iterdir():
                leftover.unlink()
        store.close()
        medians = {name: statistics.median(values) for name, values in figures.items()}
        for name, label in (
            ("raw", "raw sqlite3 backup API (baseline)"),
            ("copy", "plain file copy"),
            ("write", "write_backup_file (the store waits)"),
            ("check", "check_backup (integrity_check + audit chain)"),
            ("keep", "keep_backup (check, check file, rotate)"),
        ):
            rate = size / 1e6 / medians[name]
            print(f"{label:<46} median {medians[name]:6.2f} s  ({rate:,.0f} MB/s)")
        print(f"ratio write / raw: {medians['write'] / medians['raw']:.2f}")
        return 0
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
            shutil.rmtree(folder.parent / f"{folder.name}-keys", ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
