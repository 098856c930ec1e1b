"""Moved to desktop/counter.py; kept until the branches started before the move have landed."""

from desktop.counter import Clock, Counter, Profile, utc_now

__all__ = ["Clock", "Counter", "Profile", "utc_now"]
