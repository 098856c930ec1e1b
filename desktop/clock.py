"""The time every part of the core asks: a callable returning an aware instant, passed in."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The real clock: what runs at a counter (tests pass a fixed one instead)."""
    return datetime.now(UTC)
