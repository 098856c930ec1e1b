"""The `spo-counter` entry point: the window without a subcommand, the core's CLI with one."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from desktop.cli import main as cli_main


def start_gui(args: argparse.Namespace) -> int:
    from ui.app import run  # Qt loads only for the window, never for a subcommand

    return run(data_dir=args.data_dir, demo=args.demo, lang=args.lang)


def main(argv: Sequence[str] | None = None) -> int:
    return cli_main(argv, start_gui=start_gui)


if __name__ == "__main__":
    sys.exit(main())
