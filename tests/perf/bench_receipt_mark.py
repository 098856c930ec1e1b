"""What the receipt mark costs a capture: reserved a block at a time vs an fsync per number.

    .venv/bin/python tests/perf/bench_receipt_mark.py            # 3 rounds x 2000 numbers
    .venv/bin/python tests/perf/bench_receipt_mark.py --n 5000

Per receipt number, as the capture path does it (desktop/store/receipt_mark.py): `reserve`
(read the file; fsync'd once per BLOCK) and `note_used` (read, write, no fsync). Beside it, in
the same run on the same disk: the same with an fsync for every number (a block of one), and a
raw sqlite3 durable single-row commit (WAL, synchronous=FULL) for scale. Medians of the rounds.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from desktop.store import receipt_mark
from desktop.store.receipt_mark import MARK_FILENAME, ReceiptMark


def per_number_us(folder: Path, n: int, block: int) -> float:
    original = receipt_mark.BLOCK
    receipt_mark.BLOCK = block
    mark = ReceiptMark(folder / MARK_FILENAME)
    try:
        started = time.perf_counter()
        for seq in range(1, n + 1):
            mark.reserve("BNI-0123-01", seq)
            mark.note_used("BNI-0123-01", seq)
        return (time.perf_counter() - started) / n * 1e6
    finally:
        mark.close()
        receipt_mark.BLOCK = original


def raw_commit_us(folder: Path, n: int) -> float:
    connection = sqlite3.connect(folder / "raw.sqlite3", isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)")
    started = time.perf_counter()
    for i in range(n):
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("INSERT INTO t VALUES (?, ?)", (i + 1, "x" * 200))
        connection.execute("COMMIT")
    elapsed = time.perf_counter() - started
    connection.close()
    return elapsed / n * 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--n", type=int, default=2000)
    args = parser.parse_args(argv)
    blocked, each, raw = [], [], []
    print(
        f"{'round':>5}  {'mark, block 100 µs':>18}  "
        f"{'mark, fsync each µs':>19}  {'raw commit µs':>13}"
    )
    for r in range(args.rounds):
        folder = Path(tempfile.mkdtemp(prefix="spo-bench-mark-"))
        try:
            # An fsync costs milliseconds on a busy disk: a tenth as many numbers for those two.
            blocked.append(per_number_us(folder, args.n, receipt_mark.BLOCK))
            (folder / "each").mkdir()
            each.append(per_number_us(folder / "each", args.n // 10, 1))
            raw.append(raw_commit_us(folder, args.n // 10))
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        print(f"{r + 1:>5}  {blocked[-1]:>18.1f}  {each[-1]:>19.1f}  {raw[-1]:>13.1f}")
    b, e, w = (statistics.median(x) for x in (blocked, each, raw))
    print(f"{'median':>5}  {b:>18.1f}  {e:>19.1f}  {w:>13.1f}")
    print(
        f"\nthe mark adds {b:.1f} µs a capture ({b / w:.3f} x a raw durable commit); "
        f"an fsync for every number would add {e:.0f} µs ({e / w:.2f} x)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
