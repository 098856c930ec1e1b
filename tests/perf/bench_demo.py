"""Wall time of `spo-counter demo --transactions N` into a fresh data folder (whole process).

    .venv/bin/python tests/perf/bench_demo.py                  # N = 100000
    .venv/bin/python tests/perf/bench_demo.py --transactions 10000

Runs the installed console script exactly as a user would, then counts the records written.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from desktop.keystore import STORE_KEY, open_keystore
from desktop.paths import DB_FILENAME
from desktop.store.engine import connect


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--transactions", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    script = Path(sys.executable).with_name("spo-counter")
    command = [str(script), "demo", "--transactions", str(args.transactions)]
    command += ["--seed", str(args.seed), "--json"]
    folder = Path(tempfile.mkdtemp(prefix="spo-bench-demo-"))
    # The demo counter's keys in a folder of the run's own, never the user's key ring.
    keys = tempfile.mkdtemp(prefix="spo-bench-keys-")
    os.environ["SPO_KEYSTORE"], os.environ["SPO_KEYSTORE_DIR"] = "file", keys
    try:
        print(
            f"machine: {platform.system()} {platform.machine()}, {os.cpu_count()} CPU, "
            f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}"
        )
        print(f"command: {' '.join(command[1:])} --data-dir {folder}")
        started = time.perf_counter()
        done = subprocess.run(
            [*command, "--data-dir", str(folder)], capture_output=True, text=True, check=False
        )
        elapsed = time.perf_counter() - started
        if done.returncode != 0:
            print(done.stdout, done.stderr, sep="\n")
            print(f"FAILED with exit status {done.returncode} after {elapsed:.1f} s")
            return 1
        counts = json.loads(done.stdout)["counts"]
        key = open_keystore(folder).get(STORE_KEY)
        assert key is not None
        connection = connect(folder / DB_FILENAME, key, readonly=True)
        rows = connection.execute("SELECT count(*) FROM transactions").fetchone()[0]
        connection.close()
        size_mb = (folder / DB_FILENAME).stat().st_size / 1e6
        print(f"by kind: {counts}")
        print(f"transactions in the store: {rows} (database {size_mb:.0f} MB)")
        print(f"wall time: {elapsed:.1f} s = {rows / elapsed:,.0f} records/s")
        return 0
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(keys, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
