"""Cycles are collected on the GUI thread only, by the app's timer, never by a worker."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtWidgets import QApplication

from ui.collector import FULL_EVERY_CHECKS, GuiThreadCollector


class Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the cycle collector frees it


def test_garbage_made_on_a_worker_waits_for_the_gui_threads_collection(qapp: QApplication) -> None:
    collector = GuiThreadCollector()
    try:
        assert not gc.isenabled()
        refs: list[weakref.ref[Node]] = []

        def worker() -> None:
            for _ in range(5 * gc.get_threshold()[0]):  # well past the automatic threshold
                refs.append(weakref.ref(Node()))

        thread = threading.Thread(target=worker)
        thread.start()
        thread.join()
        assert all(ref() is not None for ref in refs)  # nothing collected on the worker
        for _ in range(FULL_EVERY_CHECKS):
            collector.collect()
        assert all(ref() is None for ref in refs)
    finally:
        collector.stop()
    assert gc.isenabled()
