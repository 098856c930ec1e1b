"""The `spo-counter` parser: the top options, then each command group's own arguments."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from desktop.cli import (
    agents,
    backup,
    claims,
    day,
    demo,
    imports,
    inquiry,
    journal,
    keys,
    pay,
    payouts,
    receipts,
    refunds,
    sandbox,
    setup,
    summary,
    upload,
    users,
    verify,
)
from desktop.cli.context import Context

Handler = Callable[[Context], int]

# Each module registers its commands; the order is the order `spo-counter --help` lists them.
GROUPS = (
    setup,
    users,
    keys,
    demo,
    imports,
    pay,
    agents,
    claims,
    day,
    journal,
    summary,
    refunds,
    payouts,
    verify,
    backup,
    inquiry,
    upload,
    sandbox,
    receipts,
)


class Commands:
    """Where a group module adds its commands: each takes the common options and its handler."""

    def __init__(
        self,
        sub: argparse._SubParsersAction[argparse.ArgumentParser],
        common: argparse.ArgumentParser,
    ) -> None:
        self._sub = sub
        self._common = common

    def add(self, name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        command = self._sub.add_parser(
            name, help=help_text, description=help_text, parents=[self._common]
        )
        command.set_defaults(handler=handler)
        return command

    def actions(self, parent: argparse.ArgumentParser, title: str, metavar: str) -> Commands:
        """Words a command may be followed by (`claims handover`), while the command alone
        (`claims --status approved`) runs its own handler."""
        sub = parent.add_subparsers(title=title, metavar=metavar, required=False)
        return Commands(sub, self._common)

    def group(self, name: str, help_text: str, title: str, metavar: str) -> Commands:
        """A command whose actions are words of their own: `user add`, `receipt save` ..."""
        parent = self._sub.add_parser(name, help=help_text, parents=[self._common])
        actions = parent.add_subparsers(title=title, metavar=metavar, required=True)
        return Commands(actions, self._common)


class _VersionAction(argparse.Action):
    """`--version`, looking the version up only when asked (the metadata read costs a start)."""

    def __call__(self, parser: argparse.ArgumentParser, *_args: object, **_kwargs: object) -> None:
        print(f"{parser.prog} {package_version()}")
        parser.exit()


def package_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("spo-counter")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "0+unknown"


def build_parser() -> argparse.ArgumentParser:
    # Options accepted both before and after the subcommand: defaults only on the main parser.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        default=argparse.SUPPRESS,
        help="folder of the counter's data (default: $SPO_DATA_DIR or the user data folder)",
    )
    common.add_argument(
        "--lang",
        choices=("id", "en"),
        default=argparse.SUPPRESS,
        help="language of every message and line printed (default: $SPO_LANG or id)",
    )
    parser = argparse.ArgumentParser(
        prog="spo-counter",
        description="SPO Counter: BPJS Ketenagakerjaan service point at the bank counter. "
        "Without a command it starts the application window.",
        parents=[common],
    )
    # Not `set_defaults(data_dir=..., lang=...)`: the parents' actions are shared objects, so that
    # would also replace SUPPRESS on every subcommand, whose own (default) value would then
    # overwrite `--data-dir X` given before the subcommand. main() fills these in after parsing.
    parser.set_defaults(handler=None)
    parser.add_argument("--version", action=_VersionAction, nargs=0, help="show the version")
    parser.add_argument(
        "--demo", action="store_true", help="open a demo counter with demo users (a first look)"
    )
    parser.add_argument(
        "--exit-after-startup",
        action="store_true",
        help="show the window, print the milliseconds it took, and exit (smoke tests, benchmarks)",
    )
    commands = Commands(parser.add_subparsers(title="commands", metavar="COMMAND"), common)
    for group in GROUPS:
        group.register(commands)
    return parser
