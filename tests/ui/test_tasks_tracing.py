"""Jobs on the workers run under the trace hook Python's own threads get: coverage counts them.

A QThread's slots start without a trace function (coveragepy#686); ui/tasks.py hands each job
the hook `threading.settrace` set. Under coverage that hook is coverage's own; without it, a
probe hook stands in for the length of the test.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from types import FrameType
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from ui.tasks import TaskManager


def _probe(_frame: FrameType, _event: str, _arg: Any) -> None:
    return None


@pytest.fixture
def thread_hook() -> Iterator[object]:
    """The hook new threads get: coverage's when it measures this run, else a probe."""
    existing = threading.gettrace()
    if existing is not None:
        yield existing
        return
    threading.settrace(_probe)
    try:
        yield _probe
    finally:
        threading.settrace(None)


def test_a_job_on_the_worker_runs_traced(
    qtbot: QtBot, tasks: TaskManager, network: TaskManager, thread_hook: object
) -> None:
    seen: list[object] = []
    for manager in (tasks, network, tasks):  # each job, not only the first one on a thread
        manager.run(sys.gettrace, seen.append)
    qtbot.waitUntil(lambda: len(seen) == 3)
    assert all(trace is not None for trace in seen)
    if thread_hook is _probe:
        assert seen == [_probe] * 3
