"""Receipt PDFs land on disk whole: a temporary file beside the target, then a rename."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop import files
from desktop.files import write_atomically


def test_writes_the_bytes(tmp_path: Path) -> None:
    target = tmp_path / "BNI-0123-01-0000042.pdf"
    write_atomically(target, b"%PDF-1.4 receipt")
    assert target.read_bytes() == b"%PDF-1.4 receipt"
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]


def test_replaces_an_existing_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "receipt.pdf"
    target.write_bytes(b"old and much longer content " * 100)
    write_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    assert list(tmp_path.iterdir()) == [target]


def test_the_target_is_never_seen_half_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "receipt.pdf"
    target.write_bytes(b"old")
    seen: list[bytes] = []
    real_replace = os.replace

    def replace(src: str, dst: str) -> None:
        # At the moment of the rename the new bytes are complete in the temporary file in the
        # same folder, and the target still holds the old ones.
        assert Path(src).parent == tmp_path
        seen.extend([Path(src).read_bytes(), target.read_bytes()])
        real_replace(src, dst)

    monkeypatch.setattr(files.os, "replace", replace)
    write_atomically(target, b"new receipt")
    assert seen == [b"new receipt", b"old"]
    assert target.read_bytes() == b"new receipt"


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "receipt.pdf"
    target.write_bytes(b"old")

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="No space"):
        write_atomically(target, b"new")
    assert target.read_bytes() == b"old"
    assert list(tmp_path.iterdir()) == [target]
