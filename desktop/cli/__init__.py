"""The `spo-counter` command: the GUI by default, the counter's services for scripts and bank IT.

One module per command group (setup, users, demo, imports, day, journal, verify, upload, sandbox,
receipts) declares its arguments and prints its results, in the language asked for; `context`
holds what every command gets, `parser` puts the groups together.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from desktop.cli.context import EXIT_OK, EXIT_REFUSED, EXIT_USAGE, Context
from desktop.cli.parser import build_parser
from desktop.cli.upload import EXIT_QUARANTINED
from desktop.errors import DomainError, each_error

if TYPE_CHECKING:
    from desktop.clock import Clock

__all__ = [
    "EXIT_OK",
    "EXIT_QUARANTINED",
    "EXIT_REFUSED",
    "EXIT_USAGE",
    "StartGui",
    "build_parser",
    "main",
]

# Starts the window from parsed arguments. The core never imports the GUI: the `spo-counter`
# launcher (ui/launcher.py) hands this in, so a subcommand never loads Qt.
StartGui = Callable[[argparse.Namespace], int]


def main(
    argv: Sequence[str] | None = None,
    *,
    start_gui: StartGui | None = None,
    clock: Clock | None = None,
) -> int:
    """Run the command in `argv`; `clock` stands in for the real one (tests fix the instant)."""
    args = build_parser().parse_args(argv)
    args.data_dir = getattr(args, "data_dir", None)
    # None for the window when neither --lang nor SPO_LANG says: it uses the saved setting.
    args.lang = getattr(args, "lang", None) or os.environ.get("SPO_LANG")
    if args.handler is None:
        if start_gui is None:
            build_parser().print_help()
            return EXIT_USAGE
        return start_gui(args)
    args.lang = args.lang or "id"
    ctx = Context(args, clock)
    try:
        return int(args.handler(ctx))
    except DomainError as error:
        _refused(error, ctx.lang)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        return 130
    finally:
        ctx.close()


def _refused(error: DomainError, lang: str) -> None:
    """Every field that is wrong, one line each. A function of its own: a loop variable in the
    except clause would keep the error (its traceback, the frames, a file still open) alive."""
    for one in each_error(error):
        print(f"spo-counter: {one.field}: {one.message(lang)}", file=sys.stderr)
