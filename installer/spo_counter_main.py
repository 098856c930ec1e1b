"""The frozen application's entry point: `ui.launcher:main`, as the `spo-counter` command."""

from __future__ import annotations

import multiprocessing
import sys

from ui.launcher import main

if __name__ == "__main__":
    # A frozen program that starts child processes must let them run as children, not as the app.
    multiprocessing.freeze_support()
    sys.exit(main())
