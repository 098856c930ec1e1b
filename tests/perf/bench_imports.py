"""Bulk imports against single captures, and whether a long import keeps its pace (issue 18).

Goals: `spo-counter import registrations|contributions` (desktop/services/imports.py) goes at
least as fast as single captures (`register_participant`, `pay_bpu`: one durable transaction
each, as at the window) measured in the same run on the same disk; the last WINDOW rows of a
long import go as fast as the first WINDOW (ratio >= 0.8 allowed for noise); memory stays flat.

    .venv/bin/python tests/perf/bench_imports.py                      # 200,000 rows each kind
    .venv/bin/python tests/perf/bench_imports.py --rows 20000         # a quick run (~3 min)
    SPO_BENCH_IMPORT_ROWS=20000 .venv/bin/python tests/perf/bench_imports.py
    .venv/bin/python tests/perf/bench_imports.py --kinds registrations --rows 200000
    .venv/bin/python tests/perf/bench_imports.py --rows 5000 --profile   # + cProfile table

Singles: a fresh encrypted store; SINGLES participants registered one `register_participant`
call each, then paid one `pay_bpu` call each. Imports: another fresh store; ROWS registrations
imported from one CSV file, then a contribution for each of them from another. The rates of the
first and last WINDOW rows come from the import's own progress reports (one a group commit).
Exit status 0 when every goal is met, 1 when one is not.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import platform
import pstats
import resource
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_contributions import TELLER, nik_for, prepare_counter

from desktop.services.contributions import PayBpuContribution, pay_bpu
from desktop.services.imports import (
    CONTRIBUTION_COLUMNS,
    REGISTRATION_COLUMNS,
    ImportResult,
    Progress,
    import_contributions,
    import_registrations,
)
from desktop.services.registration import RegisterParticipant, register_participant
from tests.services.agents_support import with_register

STEADY = 0.8  # the last window's rate against the first's, allowing for a shared disk's noise


def registration(nik: str) -> RegisterParticipant:
    return RegisterParticipant(
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
        agent_code="PRS-101",
    )


def write_registrations(path: Path, rows: int, offset: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(",".join(REGISTRATION_COLUMNS) + "\n")
        for i in range(offset, offset + rows):
            out.write(
                f"{nik_for(i)},Joko Susanto,Jakarta,1985-08-17,L,Sri Wahyuni,0812-3456-7890,,"
                '"Jl. Melati No. 5, Jakarta Pusat",Pedagang,1.000.000,JKK+JKM,PRS-101\n'
            )


def write_contributions(path: Path, rows: int, offset: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(",".join(CONTRIBUTION_COLUMNS) + "\n")
        for i in range(offset, offset + rows):
            out.write(f"{nik_for(i)},1,,,2026-11\n")


def singles(folder: Path, n: int) -> tuple[float, float]:
    """(registrations/s, pay_bpu/s), one durable transaction a call."""
    store, counter, clock, _ = prepare_counter(folder, 0)
    with_register(counter)  # the rows' agent, PRS-101, from the register as a sync fetches it
    niks = [nik_for(i) for i in range(n)]
    started = time.perf_counter()
    for nik in niks:
        clock.at += timedelta(milliseconds=1)
        register_participant(counter, TELLER, registration(nik))
    registered = n / (time.perf_counter() - started)
    started = time.perf_counter()
    for nik in niks:
        clock.at += timedelta(milliseconds=1)
        pay_bpu(
            counter, TELLER, PayBpuContribution(participant=nik, months=1, period_start="2026-11")
        )
    paid = n / (time.perf_counter() - started)
    store.close()
    return registered, paid


class Pace:
    """The import's progress reports, timed: rows done at each group commit."""

    def __init__(self) -> None:
        self.marks: list[tuple[int, float]] = []
        self.started = time.perf_counter()

    def __call__(self, progress: Progress) -> None:
        self.marks.append((progress.row - 1, time.perf_counter()))

    def window(self, first: int, last: int) -> float:
        """Rows/s between the group commits nearest rows `first` and `last`."""
        points = [(0, self.started), *self.marks]
        a = min(points, key=lambda p: abs(p[0] - first))
        b = min(points, key=lambda p: abs(p[0] - last))
        return (b[0] - a[0]) / (b[1] - a[1])


def timed_import(
    run: str, counter: object, path: Path, rows: int, window: int, profile: bool
) -> tuple[ImportResult, float, float, float]:
    """(result, rows/s overall, rows/s of the first window, rows/s of the last)."""
    pace = Pace()
    profiler = cProfile.Profile() if profile else None
    if profiler:
        profiler.enable()
    importer = import_registrations if run == "registrations" else import_contributions
    result = importer(counter, TELLER, path, lang="en", progress=pace)  # type: ignore[arg-type]
    elapsed = time.perf_counter() - pace.started
    if profiler:
        profiler.disable()
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(30)
        print(text.getvalue())
    return result, rows / elapsed, pace.window(0, window), pace.window(rows - window, rows)


def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--rows", type=int, default=int(os.environ.get("SPO_BENCH_IMPORT_ROWS", "200000"))
    )
    parser.add_argument("--singles", type=int, default=1000, help="single captures timed")
    parser.add_argument("--window", type=int, default=10_000, help="rows of the first/last pace")
    parser.add_argument(
        "--kinds", default="registrations,contributions", help="registrations,contributions"
    )
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    rows, window = args.rows, min(args.window, args.rows // 2)
    kinds = [k.strip() for k in args.kinds.split(",") if k.strip()]
    print(f"{platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs")
    print(f"rows {rows:,}, window {window:,}, singles {args.singles:,}")
    ok = True
    with tempfile.TemporaryDirectory(prefix="bench-imports-") as tmp:
        folder = Path(tmp)
        single_reg, single_pay = singles(folder / "singles", args.singles)
        print(
            f"single captures: register_participant {single_reg:.0f}/s, pay_bpu {single_pay:.0f}/s"
        )
        store, counter, _clock, _ = prepare_counter(folder / "imports", 0)
        with_register(counter)
        rss_before = max_rss_mb()
        baseline = {"registrations": single_reg, "contributions": single_pay}
        for kind in ("registrations", "contributions"):
            path = folder / f"{kind}.csv"
            write = write_registrations if kind == "registrations" else write_contributions
            write(path, rows, 0)
            if kind not in kinds:
                if kind == "registrations" and "contributions" in kinds:
                    import_registrations(counter, TELLER, path, lang="en")  # the payers, untimed
                continue
            result, rate, first, last = timed_import(
                kind, counter, path, rows, window, args.profile
            )
            accepted = len(result.accepted)
            ratio, steady = rate / baseline[kind], last / first
            print(
                f"import {kind}: {accepted:,} accepted, {len(result.rejected):,} rejected, "
                f"{rate:.0f} rows/s = {ratio:.2f}x single captures; first {window:,} "
                f"{first:.0f}/s, last {window:,} {last:.0f}/s (last/first {steady:.2f})"
            )
            if accepted != rows or result.stopped is not None:
                print(f"  NOT ALL ROWS ACCEPTED: stopped {result.stopped}, {result.rejected[:3]}")
                ok = False
            ok = ok and ratio >= 1.0 and steady >= STEADY
        print(f"peak memory: {rss_before:.0f} MB before the imports, {max_rss_mb():.0f} MB after")
        store.close()
    print("goals met" if ok else "GOAL MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
