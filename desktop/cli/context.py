"""What every command gets: its arguments, the language, a lazily opened counter, PIN prompts."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from typing import TYPE_CHECKING, TextIO

from desktop.domain.dates import parse_date
from desktop.errors import DomainError
from desktop.paths import DB_FILENAME, data_dir

# The store's modules (SQLAlchemy among them) load when a command first needs the counter, and
# the window's on its database worker: `spo-counter` shows its login before they are loaded.
if TYPE_CHECKING:
    from datetime import date

    from desktop.clock import Clock
    from desktop.counter import Counter
    from desktop.services.auth import User

EXIT_OK = 0
EXIT_REFUSED = 1  # a domain error, a failed check, or rejected rows
EXIT_USAGE = 2  # argparse's own code for bad arguments


def counted(n: int, noun: str) -> str:
    """An English count: "1 transaction", "2 transactions" (Indonesian needs no plural)."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


class Context:
    """The parsed arguments, the language asked for, and the counter opened on first use."""

    def __init__(self, args: argparse.Namespace, clock: Clock | None = None) -> None:
        self.args = args
        self.lang: str = args.lang
        self.clock = clock  # None: the real clock (tests pass a fixed one)
        self._counter: Counter | None = None

    @property
    def counter(self) -> Counter:
        if self._counter is None:
            folder = data_dir(self.args.data_dir)
            # Only init and demo make a new store: any other command pointed at a mistyped
            # folder would otherwise leave an empty database there and say "not set up".
            if (
                not getattr(self.args, "creates_store", False)
                and not (folder / DB_FILENAME).exists()
            ):
                raise DomainError(
                    "data_dir",
                    f"Tidak ada data loket di {folder}. Periksa --data-dir atau SPO_DATA_DIR, "
                    "atau jalankan 'spo-counter init'.",
                    f"No counter data in {folder}. Check --data-dir or SPO_DATA_DIR, "
                    "or run 'spo-counter init'.",
                )
            from desktop.clock import utc_now
            from desktop.counter import Counter
            from desktop.store.busy import BusyWait
            from desktop.store.store import Store

            store = Store(folder, wait=BusyWait.from_environment(self._waiting))
            self._counter = Counter(store, clock=self.clock or utc_now)
            if not getattr(self.args, "read_only", False):
                self._settle_lost_receipts(self._counter)
        return self._counter

    def _waiting(self, waited: float, limit: float) -> None:
        """Another process holds the store's write lock: say so while waiting for it."""
        self.warn(
            "store",
            f"menunggu database dipakai proses lain... ({waited:.0f} dari paling lama "
            f"{limit:.0f} detik)",
            f"waiting for the database another process is using... ({waited:.0f} of at most "
            f"{limit:.0f} seconds)",
        )

    def _settle_lost_receipts(self, counter: Counter) -> None:
        """Receipt numbers the database lost are written off at once, and the person told."""
        from desktop.services.receipt_gaps import settle_lost_receipts

        gap = settle_lost_receipts(counter)
        if gap is not None:
            print(f"spo-counter: receipts: {gap.message(self.lang)}", file=sys.stderr)

    # --- what a person reads, in the language asked for ------------------------------------------

    def text(self, id_text: str, en_text: str) -> str:
        return en_text if self.lang == "en" else id_text

    def say(self, id_text: str, en_text: str) -> None:
        """Print one line for a person: Indonesian, or English with --lang en / SPO_LANG=en."""
        print(self.text(id_text, en_text))

    def warn(self, field: str, id_text: str, en_text: str) -> None:
        """A problem that did not stop the command: on stderr, `spo-counter: field: ...`."""
        print(f"spo-counter: {field}: {self.text(id_text, en_text)}", file=sys.stderr)

    def emit(self, value: object) -> None:
        """--json output: the same keys whatever the language."""
        print(json.dumps(value, ensure_ascii=False, indent=2))

    # --- input -----------------------------------------------------------------------------------

    def secret(self, variable: str, id_prompt: str, en_prompt: str, field: str) -> str:
        """PINs come from the environment or a hidden prompt, never from arguments (ps shows)."""
        value = os.environ.get(variable)
        if value is not None:
            return value
        if _is_console(sys.stdin):
            return getpass.getpass(self.text(id_prompt, en_prompt))
        raise DomainError(
            field,
            f"PIN tidak diberikan: isi variabel {variable} atau jalankan di terminal.",
            f"No PIN given: set {variable} or run in a terminal.",
        )

    def login(self, user_id: str, variable: str = "SPO_PIN") -> User:
        pin = self.secret(variable, f"PIN {user_id}: ", f"PIN {user_id}: ", "pin")
        from desktop.services.auth import login

        return login(self.counter, user_id, pin)

    def day(self) -> date | None:
        """The --date option as a business date; None (today) when not given."""
        given: str | None = self.args.date
        return parse_date(given, "date", "Tanggal", "Date") if given else None

    def close(self) -> None:
        if self._counter is not None:
            self._counter.store.close()


def _is_console(stream: TextIO | None) -> bool:
    """Whether a person can type at `stream`: a terminal, and on Windows a real console.

    Windows calls the NUL device a character device, so `isatty()` is true for input from NUL
    (a scheduled task, a service): asking it for a PIN would wait for ever. A console handle is
    the one GetConsoleMode accepts.
    """
    if stream is None or not stream.isatty():
        return False
    if sys.platform != "win32":
        return True
    import ctypes
    import msvcrt

    try:
        descriptor = stream.fileno()
    except (OSError, ValueError):  # io.UnsupportedOperation is both
        # A terminal that is no file (IDLE's shell, an embedding program's console): a person
        # types there, and it is no NUL device.
        return True
    mode = ctypes.c_uint32()
    handle = msvcrt.get_osfhandle(descriptor)
    return bool(ctypes.windll.kernel32.GetConsoleMode(handle, ctypes.byref(mode)))
