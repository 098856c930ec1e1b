"""The `spo-counter` entry point: the window without a subcommand, the core's CLI with one."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

# --exit-after-startup reports from here: the first line of ours the process runs.
STARTED = time.perf_counter()

from desktop.cli import EXIT_REFUSED  # noqa: E402 - the clock starts before our imports
from desktop.cli import main as cli_main  # noqa: E402
from desktop.errors import DomainError  # noqa: E402

APP_ID = "spo-counter"  # the Linux desktop entry's name (installer/linux/spo-counter.desktop)


def start_gui(args: argparse.Namespace) -> int:
    # Qt loads only for the window, never for a subcommand.
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from desktop.resources import resource_path
    from ui.app import run

    app = QApplication.instance() or QApplication(sys.argv)
    if isinstance(app, QApplication):
        app.setWindowIcon(QIcon(str(resource_path("icons", "spo-counter.png"))))
        app.setDesktopFileName(APP_ID)
    try:
        return run(
            data_dir=args.data_dir,
            demo=args.demo,
            lang=args.lang,
            exit_after_startup_from=STARTED if args.exit_after_startup else None,
        )
    except DomainError as error:
        # The store could not be opened (in use, unwritable, a failed upgrade put back): the
        # message goes where the teller looks, not only to a console a Windows window lacks.
        return startup_refused(error, args.lang or "id", show=not args.exit_after_startup)


def startup_refused(error: DomainError, lang: str, *, show: bool) -> int:
    from PySide6.QtWidgets import QMessageBox

    from desktop.errors import StoreError

    message = error.message(lang)
    if sys.stderr is not None:  # a windowed Windows build has no console
        print(f"spo-counter: {error.field}: {message}", file=sys.stderr)
    if show and isinstance(error, StoreError):
        from ui.store_failure import StoreFailureDialog, backup_offer

        StoreFailureDialog(
            None, error, lang=lang, offer=backup_offer(Path(error.path).parent)
        ).exec()
    elif show:
        QMessageBox.critical(None, "SPO Counter", message)
    return EXIT_REFUSED


def main(argv: Sequence[str] | None = None) -> int:
    return cli_main(argv, start_gui=start_gui)


if __name__ == "__main__":
    sys.exit(main())
