"""Tests a platform cannot run, skipped by name with the reason: never silently.

A skip list is a text file (`.ci/windows/wine-skips.txt` for the Windows tests under Wine) named
by the environment variable SPO_TEST_SKIP_LIST. Each line holds a test's node id, or a file's or
a class's (then every test in it), then `|` and the reason; `#` starts a comment. tests/conftest.py
marks the matching tests skipped with that reason, which pytest's summary (-ra) prints; an entry
that names a file of this run but matches none of its tests fails the run, so the list cannot
hide a test that was renamed or fixed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

VARIABLE = "SPO_TEST_SKIP_LIST"


@dataclass(frozen=True)
class Entry:
    node: str
    reason: str

    @property
    def file(self) -> str:
        return self.node.split("::", 1)[0]

    def matches(self, nodeid: str) -> bool:
        return nodeid == self.node or nodeid.startswith((self.node + "::", self.node + "["))


def read(path: Path) -> list[Entry]:
    entries = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        node, sep, reason = (part.strip() for part in line.partition("|"))
        if not sep or not node or not reason:
            raise ValueError(f"{path}:{number}: expected 'NODE ID | reason', got {raw!r}")
        entries.append(Entry(node, reason))
    return entries


def reason_for(entries: list[Entry], nodeid: str) -> str | None:
    for entry in entries:
        if entry.matches(nodeid):
            return entry.reason
    return None


def unused(entries: list[Entry], nodeids: list[str]) -> list[Entry]:
    """Entries whose file is among the collected tests' files but that match none of them."""
    files = {nodeid.split("::", 1)[0] for nodeid in nodeids}
    return [
        entry
        for entry in entries
        if entry.file in files and not any(entry.matches(nodeid) for nodeid in nodeids)
    ]
