"""The `spo-counter` entry point: the window without a subcommand, the core's CLI with one."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence

# --exit-after-startup reports from here: the first line of ours the process runs.
STARTED = time.perf_counter()

from desktop.cli import main as cli_main  # noqa: E402 - the clock starts before our imports


def start_gui(args: argparse.Namespace) -> int:
    from ui.app import run  # Qt loads only for the window, never for a subcommand

    return run(
        data_dir=args.data_dir,
        demo=args.demo,
        lang=args.lang,
        exit_after_startup_from=STARTED if args.exit_after_startup else None,
    )


def main(argv: Sequence[str] | None = None) -> int:
    return cli_main(argv, start_gui=start_gui)


if __name__ == "__main__":
    sys.exit(main())
