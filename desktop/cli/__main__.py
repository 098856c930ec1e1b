"""`python -m desktop.cli`: the commands without the window's launcher."""

import sys

from desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
