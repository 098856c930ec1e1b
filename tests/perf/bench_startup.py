"""Startup to a shown login window against a bare PySide6 window, and memory after login.

Goals (GUI issue): the app's startup under 2.5x a bare PySide6 window started in the same run;
resident memory after login under 250 MB.

    .venv/bin/python tests/perf/bench_startup.py              # 7 rounds, medians
    .venv/bin/python tests/perf/bench_startup.py --rounds 3

Startup: each round starts two fresh processes with QT_QPA_PLATFORM=offscreen, alternating which
goes first: a bare window (`QApplication`, one `QWidget`, shown, quit on the first event-loop turn)
and `spo-counter --exit-after-startup` on a set-up counter with the demo's data (300 transactions).
Both are timed from the spawn to the process's exit (what a teller waits for, interpreter start
included), and each also prints its own figure from its first line to the shown window.

Memory: a child process starts the app on the same counter, logs in as a demo teller through the
login form, waits until the main window is shown with its status bar filled, and reads its own
VmRSS and VmHWM from /proc; the bare window's VmRSS is the baseline.
Exit status 0 when both goals are met, 1 when one is missed.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

STARTUP_GOAL = 2.5  # times a bare window
RSS_GOAL_MB = 250.0

BARE_WINDOW = """
import time
started = time.perf_counter()
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication(sys.argv)
window = QWidget()
window.resize(480, 320)
window.show()
def done():
    print(f"{(time.perf_counter() - started) * 1000:.0f}")
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            print(int(line.split()[1]) // 1024)
    app.quit()
QTimer.singleShot(0, done)
app.exec()
"""

LOGGED_IN = """
import sys
sys.path.insert(0, {root!r})
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from desktop.services.demo import DEMO_USERS
from ui.app import open_counter, Shell
from ui.context import Context
from ui.tasks import TaskManager

app = QApplication(sys.argv)
counter = open_counter({data!r}, demo=True)
tasks, network = TaskManager(), TaskManager(name="network", log_slow=False)
shell = Shell(Context(counter, tasks, network), demo_users=DEMO_USERS)
shell.first_window.show()
teller = next(user for user in DEMO_USERS if user.role == "teller")
shell.login.form.user_id.setText(teller.id)
shell.login.form.pin.setText(teller.pin)
shell.login.form.submit()

def status(name):
    for line in open("/proc/self/status"):
        if line.startswith(name):
            return int(line.split()[1]) // 1024

def check():
    main = shell.main
    if main is None or not main.isVisible() or "memuat" in main.status.pending.text():
        QTimer.singleShot(20, check)
        return
    print(status("VmRSS:"), status("VmHWM:"))
    app.quit()

QTimer.singleShot(20, check)
app.exec()
network.close()
tasks.close()
counter.store.close()
"""


def timed(command: list[str], env: dict[str, str]) -> tuple[float, list[str]]:
    began = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"{command[:3]} failed ({done.returncode}):\n{done.stderr}")
    return (time.perf_counter() - began) * 1000, done.stdout.split()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args(argv)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    python = sys.executable
    app = [python, "-m", "ui.launcher"]
    with tempfile.TemporaryDirectory() as tmp:
        data = str(Path(tmp) / "counter")
        env["PYTHONPATH"] = str(ROOT)
        # The demo counter is made once, before timing (the first --demo start makes it).
        subprocess.run(
            [*app, "--demo", "--data-dir", data, "--exit-after-startup"],
            env=env,
            check=True,
            capture_output=True,
        )
        rows = []
        for round_no in range(args.rounds):
            sides = [
                ("bare", [python, "-c", BARE_WINDOW]),
                ("app", [*app, "--data-dir", data, "--exit-after-startup"]),
            ]
            if round_no % 2:
                sides.reverse()
            figures: dict[str, tuple[float, float, float]] = {}
            for name, command in sides:
                wall, out = timed(command, env)
                rss = float(out[1]) if name == "bare" else 0.0
                figures[name] = (wall, float(out[0]), rss)
            rows.append(figures)
            bare, ours = figures["bare"], figures["app"]
            print(
                f"round {round_no + 1}: bare {bare[0]:.0f} ms ({bare[1]:.0f} in-process), "
                f"app {ours[0]:.0f} ms ({ours[1]:.0f} in-process), ratio {ours[0] / bare[0]:.2f}"
            )
        rss_lines = [
            timed([python, "-c", LOGGED_IN.format(root=str(ROOT), data=data)], env)[1]
            for _ in range(3)
        ]
    bare_wall = statistics.median(r["bare"][0] for r in rows)
    app_wall = statistics.median(r["app"][0] for r in rows)
    bare_in = statistics.median(r["bare"][1] for r in rows)
    app_in = statistics.median(r["app"][1] for r in rows)
    bare_rss = statistics.median(r["bare"][2] for r in rows)
    rss = statistics.median(float(line[0]) for line in rss_lines)
    peak = statistics.median(float(line[1]) for line in rss_lines)
    ratio = app_wall / bare_wall
    print()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print("| | bare PySide6 window | spo-counter to login | ratio |")
    print("|---|---:|---:|---:|")
    print(f"| spawn to exit, median ms | {bare_wall:.0f} | {app_wall:.0f} | {ratio:.2f} |")
    in_ratio = app_in / bare_in
    print(f"| in-process to shown, median ms | {bare_in:.0f} | {app_in:.0f} | {in_ratio:.2f} |")
    print()
    print(
        f"resident memory after login (median of 3): {rss:.0f} MB (peak {peak:.0f} MB); "
        f"bare window: {bare_rss:.0f} MB"
    )
    met = ratio < STARTUP_GOAL and rss < RSS_GOAL_MB
    verdict = "met" if met else "MISSED"
    print(f"goals: startup < {STARTUP_GOAL}x, RSS < {RSS_GOAL_MB:.0f} MB: {verdict}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
