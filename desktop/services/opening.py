"""Opening a counter for the window: a quick look at which counter the store belongs to (read
with the standard library, so the login shows before the store's modules load), the language
this PC is set to, then the store itself, a demo filled with demo data when it is new."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.errors import DomainError
from desktop.paths import DB_FILENAME
from desktop.settings import LANGUAGES, load_settings
from desktop.store.peek import CounterPeek, peek_counter

if TYPE_CHECKING:
    from desktop.counter import Counter

__all__ = ["LANGUAGES", "CounterPeek", "open_counter", "peek", "saved_language"]

DEFAULT_LANGUAGE = "id"
DEMO_START_TRANSACTIONS = 300
log = logging.getLogger(__name__)


def peek(folder: Path) -> CounterPeek | None:
    """The counter the store in `folder` is set up for, or None (then open it properly)."""
    return peek_counter(folder / DB_FILENAME)


def saved_language(folder: Path) -> str:
    """The language saved in this PC's Settings; Indonesian when none is, or the file is
    broken (a broken settings file never stops the counter)."""
    try:
        return load_settings(folder).language
    except DomainError as error:
        log.warning("%s", error.message("en"))
        return DEFAULT_LANGUAGE


def open_counter(folder: Path, *, demo: bool = False) -> Counter:
    """Open (upgrading if need be) the store in `folder`; with `demo`, fill a new one with
    demo data. The profile is read once here, before the threads share the counter."""
    from desktop.counter import Counter
    from desktop.services.demo import make_demo
    from desktop.services.receipt_gaps import settle_lost_receipts
    from desktop.store.store import Store

    counter = Counter(Store(folder))
    if demo and not counter.is_set_up():
        make_demo(counter.store, transactions=DEMO_START_TRANSACTIONS, clock=counter.clock)
    if counter.is_set_up():
        counter.profile  # noqa: B018 - read once here, before the threads share the counter
        counter.receipt_gap = settle_lost_receipts(counter)
    return counter
