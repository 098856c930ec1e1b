"""What every screen is handed by the composition root: the counter, the workers, the language."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.services.counter import Counter
from ui.tasks import TaskManager


@dataclass(frozen=True)
class Context:
    counter: Counter
    tasks: TaskManager  # the database worker
    network: TaskManager  # the network worker: uploads
    lang: str = "id"

    @property
    def counter_title(self) -> str:
        """`KC Jakarta Kota · Loket 01`: which branch and counter this window belongs to."""
        profile = self.counter.profile
        return f"{profile.branch_name} · Loket {profile.counter_no:02d}"
