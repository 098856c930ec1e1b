"""Small helpers every test package shares: the fixed clock, free ports, a fast retry policy,
a throwaway CA and server certificate."""

from __future__ import annotations

import csv
import io
import socket
import sys
import sysconfig
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import trustme

from desktop.sync.client import RetryPolicy

# The installed `spo-counter` console script, where pip puts this Python's scripts: bin/ on Linux,
# Scripts\ with .exe on Windows (not always beside sys.executable there).
CONSOLE_SCRIPT = Path(sysconfig.get_path("scripts")) / (
    "spo-counter.exe" if sys.platform == "win32" else "spo-counter"
)

# 10:00 WIB on a Tuesday: the counter's business date is 2026-11-24.
START = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
JAKARTA = ZoneInfo("Asia/Jakarta")

# Retries after a few milliseconds, so a test of an upstream that is down ends at once.
FAST_RETRY = RetryPolicy(attempts=2, base=0.01, cap=0.02, timeout=5.0)

# The columns of `spo-counter import registrations` (README, "Import files").
REGISTRATION_HEADER = (
    "nik,full_name,birth_place,birth_date,gender,mother_maiden_name,phone,email,address,"
    "occupation,monthly_income,programs,agent_code"
)


def registration_rows(count: int) -> str:
    """An agent's registration file of `count` good rows (NIKs ...0002 on), as CSV text; write it
    with newline="" (csv ends its rows itself)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(REGISTRATION_HEADER.split(","))
    for serial in range(2, 2 + count):
        writer.writerow(
            [
                f"317101170885{serial:04d}",
                "Joko Susanto",
                "Jakarta",
                "1985-08-17",
                "L",
                "Sri Wahyuni",
                "0812-3456-7890",
                "joko@contoh.id",
                "Jl. Melati No. 5",
                "Pedagang",
                "1000000",
                "JKK+JKM+JHT",
                "PRS-101",
            ]
        )
    return out.getvalue()


class FakeClock:
    """The counter's clock in tests: moves only when told to."""

    def __init__(self, at: datetime = START) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at

    def advance(self, **delta: float) -> None:
        self.at += timedelta(**delta)

    def today(self, zone: ZoneInfo = JAKARTA) -> date:
        """The business date this clock shows in `zone` (the test counter's is Jakarta)."""
        return self.at.astimezone(zone).date()


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on at the moment of asking."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def closed_port_url() -> str:
    """An upstream address where nothing answers: every connection is refused at once."""
    return f"http://127.0.0.1:{free_port()}"


@dataclass(frozen=True)
class Pki:
    """A throwaway CA's certificate, and a server certificate it signed, with its key (PEM)."""

    ca: Path
    cert: Path  # the server's certificate, then the chain up to the CA
    key: Path


def make_pki(folder: Path, *names: str) -> Pki:
    """A new CA (trustme: valid 2000-3000, whatever the clock) and a certificate for `names`."""
    authority = trustme.CA()
    issued = authority.issue_cert(*names)
    pki = Pki(folder / "ca.pem", folder / "server.pem", folder / "server.key")
    authority.cert_pem.write_to_path(str(pki.ca))
    for pem in issued.cert_chain_pems:
        pem.write_to_path(str(pki.cert), append=True)
    issued.private_key_pem.write_to_path(str(pki.key))
    return pki
