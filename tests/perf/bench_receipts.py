"""Receipts rendered per second, per paper format: `render_pdf` from ReceiptData to PDF bytes.

Goal (issue): at least 50 receipts/s on the 80 mm roll. Each receipt is the full PDF a counter
prints: two sheets (participant's and bank's), a QR code on each, fonts embedded as subsets.

    .venv/bin/python tests/perf/bench_receipts.py                 # 5 rounds x 200 per format
    .venv/bin/python tests/perf/bench_receipts.py --rounds 3 --n 500
    .venv/bin/python tests/perf/bench_receipts.py --profile       # + cProfile of the roll

The receipts cycle through the five kinds of tests/receipts/conftest.py, each with its own
receipt number and QR text (so the QR encoder's cache never helps). Fonts are registered before
the clock starts, as in the application, where the first receipt of the day pays for it once.
Exit status 0 when the roll's median meets the goal, 1 when it does not.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import io
import platform
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from desktop.receipts.fonts import register_fonts  # noqa: E402
from desktop.receipts.layout import render_pdf  # noqa: E402
from desktop.receipts.model import Paper, ReceiptData  # noqa: E402
from tests.receipts.conftest import SAMPLES  # noqa: E402

GOAL = 50.0  # roll receipts per second


def receipts(n: int, start: int) -> list[ReceiptData]:
    kinds = [make() for make in SAMPLES.values()]
    made = []
    for i in range(n):
        base = kinds[i % len(kinds)]
        number = f"BNI-0123-01-{start + i:07d}"
        qr_text = base.qr_text.replace(base.receipt_no, number)
        made.append(dataclasses.replace(base, receipt_no=number, qr_text=qr_text))
    return made


def rate(paper: Paper, batch: list[ReceiptData]) -> tuple[float, int]:
    size = 0
    began = time.perf_counter()
    for data in batch:
        size += len(render_pdf(data, paper))
    return len(batch) / (time.perf_counter() - began), size // len(batch)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args(argv)

    register_fonts()
    render_pdf(receipts(1, 0)[0], Paper.ROLL_80)  # warm-up: imports, glyph caches
    print(f"{platform.python_implementation()} {platform.python_version()}, {platform.machine()}")
    print(f"{args.rounds} rounds x {args.n} receipts per format (5 kinds in turn)\n")
    columns = ("median/s", 9), ("min/s", 8), ("max/s", 8), ("ms each", 8), ("PDF bytes", 10)
    print(f"{'format':<8} " + " ".join(f"{name:>{width}}" for name, width in columns))
    medians = {}
    serial = 1
    for paper in Paper:
        rates = []
        size = 0
        for _ in range(args.rounds):
            batch = receipts(args.n, serial)
            serial += args.n
            per_second, size = rate(paper, batch)
            rates.append(per_second)
        medians[paper] = median = statistics.median(rates)
        print(
            f"{paper.value:<8} {median:>9.0f} {min(rates):>8.0f} {max(rates):>8.0f}"
            f" {1000 / median:>8.1f} {size:>10,}"
        )

    if args.profile:
        profiler = cProfile.Profile()
        batch = receipts(args.n, serial)
        profiler.enable()
        rate(Paper.ROLL_80, batch)
        profiler.disable()
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(args.top)
        print(out.getvalue())

    ok = medians[Paper.ROLL_80] >= GOAL
    print(f"\nroll: {medians[Paper.ROLL_80]:.0f}/s, goal {GOAL:.0f}/s: {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
