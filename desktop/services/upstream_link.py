"""Whether the upstream answered lately: one per running counter, shared by the window's workers
and the commands (no Qt). A dead link costs one inquiry's timeout once per outage: until a
recheck is due (or an upload gets through), inquiries are not even tried."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

# How long the counter stays offline before an inquiry tries the link again (in the background:
# the window never waits for it; a capture goes on offline meanwhile).
RECHECK_AFTER: Final = timedelta(seconds=60)


@dataclass(frozen=True)
class LinkState:
    """`offline_since` None: the upstream answered last time (or was never asked)."""

    offline_since: datetime | None = None
    reason_id: str = ""
    reason_en: str = ""
    answered_at: datetime | None = None  # the last answer, None before any

    @property
    def offline(self) -> bool:
        return self.offline_since is not None

    def reason(self, lang: str) -> str:
        return self.reason_en if lang == "en" else self.reason_id


Listener = Callable[[LinkState], None]


class UpstreamLink:
    """Thread-safe; listeners hear each change (the first answer, offline, back online) on the
    thread that saw it."""

    def __init__(self, clock: Callable[[], datetime], recheck_after: timedelta = RECHECK_AFTER):
        self._clock = clock
        self.recheck_after = recheck_after
        self._lock = threading.Lock()
        self._state = LinkState()
        self._listeners: list[Listener] = []
        self._retry_at: datetime | None = None  # offline: when an inquiry may try again

    @property
    def state(self) -> LinkState:
        return self._state

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call `listener` on every change; the function returned stops that."""
        with self._lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe

    def may_ask(self) -> bool:
        """Online, or offline long enough that one try is due (that try starts the next wait)."""
        with self._lock:
            if self._state.offline_since is None:
                return True
            now = self._clock()
            if self._retry_at is not None and now < self._retry_at:
                return False
            self._retry_at = now + self.recheck_after  # one try per interval
            return True

    def answered(self) -> None:
        """The upstream answered (an inquiry, an upload): online again if it was not."""
        with self._lock:
            self._retry_at = None
            first_or_back = self._state.offline or self._state.answered_at is None
        self._change(LinkState(None, "", "", self._clock()), notify=first_or_back)

    def lost(self, reason_id: str, reason_en: str) -> None:
        """The upstream did not answer: offline from now until a recheck or an upload succeeds."""
        now = self._clock()
        with self._lock:
            was = self._state
            self._retry_at = now + self.recheck_after
        since = was.offline_since or now
        self._change(
            LinkState(since, reason_id, reason_en, was.answered_at), notify=not was.offline
        )

    def _change(self, state: LinkState, *, notify: bool) -> None:
        with self._lock:
            self._state = state
            listeners = list(self._listeners) if notify else []
        for listener in listeners:
            listener(state)
