"""A register of Perisai agents for the tests, and participants an agent brings."""

from __future__ import annotations

from typing import Any, Final

from desktop.counter import Counter
from desktop.services.agents import keep_agents
from desktop.sync.contract import AgentEntry

ACTIVE: Final = "PRS-0101"
OTHER: Final = "PRS-0201"
SUSPENDED: Final = "PRS-0103"

AGENTS: Final[list[dict[str, Any]]] = [
    {
        "code": ACTIVE,
        "name": "Dewi Lestari",
        "institution": {"code": "YKS-01", "name": "Yayasan Karya Sejahtera", "kind": "foundation"},
        "status": "active",
    },
    {
        "code": SUSPENDED,
        "name": "Rina Marlina",
        "institution": {"code": "YKS-01", "name": "Yayasan Karya Sejahtera", "kind": "foundation"},
        "status": "inactive",
    },
    {
        "code": OTHER,
        "name": "Hendra Gunawan",
        "institution": {
            "code": "KSP-02",
            "name": "Koperasi Nelayan Mandiri",
            "kind": "cooperative",
        },
        "status": "active",
    },
]


def entries() -> list[AgentEntry]:
    return [AgentEntry.model_validate(agent) for agent in AGENTS]


def with_register(counter: Counter) -> Counter:
    keep_agents(counter, entries(), counter.now())
    return counter


def nik(serial: int) -> str:
    """A valid NIK of a man born 17/08/1985 in Jakarta Pusat, by its serial (1-9999)."""
    return f"317101170885{serial:04d}"


def name(serial: int) -> str:
    """A name of its own for each serial (names hold no digits): 1 "Peserta Bj", 50 "Peserta Fa"."""
    return (
        "Peserta "
        + "".join("abcdefghij"[int(d)] for d in str(serial)).capitalize()
        + "j" * (serial < 10)
    )
