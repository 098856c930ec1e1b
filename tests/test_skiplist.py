"""The skip list (tests/skiplist.py): tests skipped by name with their reason; stale names fail."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests import skiplist

ROOT = Path(__file__).resolve().parent.parent


def test_entries_match_a_test_its_parameters_or_everything_in_a_file(tmp_path: Path) -> None:
    listing = tmp_path / "skips.txt"
    listing.write_text(
        "# comment\n"
        "tests/a.py::test_one | no printer   # trailing comment\n"
        "\n"
        "tests/b.py | no display\n",
        encoding="utf-8",
    )
    entries = skiplist.read(listing)
    assert skiplist.reason_for(entries, "tests/a.py::test_one") == "no printer"
    assert skiplist.reason_for(entries, "tests/a.py::test_one[x-1]") == "no printer"
    assert skiplist.reason_for(entries, "tests/a.py::test_one_more") is None
    assert skiplist.reason_for(entries, "tests/b.py::Case::test_two") == "no display"
    assert skiplist.reason_for(entries, "tests/bb.py::test") is None


def test_a_line_without_a_reason_is_refused(tmp_path: Path) -> None:
    listing = tmp_path / "skips.txt"
    listing.write_text("tests/a.py::test_one\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"skips.txt:1: expected 'NODE ID \| reason'"):
        skiplist.read(listing)


def test_stale_entries_are_those_of_a_collected_file_matching_nothing() -> None:
    entries = [
        skiplist.Entry("tests/a.py::test_gone", "x"),
        skiplist.Entry("tests/a.py::test_one", "y"),
        skiplist.Entry("tests/other.py::test", "not collected in this run"),
    ]
    assert skiplist.unused(entries, ["tests/a.py::test_one"]) == [entries[0]]


def _pytest(tmp_path: Path, listing: str, *args: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "skips.txt").write_text(listing, encoding="utf-8")
    env = {
        **os.environ,
        skiplist.VARIABLE: str(tmp_path / "skips.txt"),
    }
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--no-cov", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=100,
        check=False,
    )


def test_a_listed_test_is_skipped_with_its_reason_in_the_summary(tmp_path: Path) -> None:
    node = "tests/domain/test_money.py"
    run = _pytest(tmp_path, f"{node} | the platform lacks it\n", node, "-rs")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "passed" not in run.stdout.splitlines()[-1]
    assert "skips.txt: the platform lacks it" in run.stdout


def test_a_stale_entry_stops_the_run(tmp_path: Path) -> None:
    node = "tests/domain/test_money.py"
    run = _pytest(tmp_path, f"{node}::test_that_does_not_exist | gone\n", node)
    assert run.returncode != 0
    assert "test_that_does_not_exist" in run.stderr + run.stdout
