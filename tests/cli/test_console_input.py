"""A PIN is asked at a console only: input from NUL or a pipe is no person typing."""

from __future__ import annotations

import subprocess
import sys

import pytest

from desktop.cli.context import _is_console


def test_input_from_a_pipe_is_not_a_console() -> None:
    reader = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from desktop.cli.context import _is_console; "
            "print(_is_console(sys.stdin))",
        ],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=True,
    )
    assert reader.stdout.strip() == "False"


def test_no_stream_is_not_a_console() -> None:
    assert not _is_console(None)


@pytest.mark.skipif(sys.platform != "win32", reason="NUL is Windows' null device")
def test_windows_nul_is_not_a_console() -> None:
    # Windows says isatty() for NUL (a character device); a PIN asked there would wait for ever.
    with open("NUL") as nul:
        assert nul.isatty()
        assert not _is_console(nul)
