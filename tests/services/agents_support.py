"""A register of Perisai agents for the tests, and participants an agent brings."""

from __future__ import annotations

from typing import Any, Final

from desktop.counter import Counter
from desktop.services.agent_statement import AgentStatement
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


# Agents the tests' agent files name (tests/helpers.py registration_rows, the end-to-end file).
FILE_AGENTS: Final[list[dict[str, Any]]] = [
    {
        "code": "PRS-101",
        "name": "Sri Mulyani",
        "institution": {"code": "YKS-01", "name": "Yayasan Karya Sejahtera", "kind": "foundation"},
        "status": "active",
    },
    {
        "code": "PRS-777",
        "name": "Made Wirawan",
        "institution": {"code": "CV-03", "name": "CV Mitra Pekerja Nusantara", "kind": "firm"},
        "status": "active",
    },
]


def entries() -> list[AgentEntry]:
    return [AgentEntry.model_validate(agent) for agent in (*AGENTS, *FILE_AGENTS)]


def with_register(counter: Counter) -> Counter:
    """The tests' register, as a sync would have fetched it."""
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


def sample_statement() -> AgentStatement:
    """A statement as the store would give it (50 new participants, 3 payments), for the PDF's
    look (tools/render_receipt_samples.py) without a store."""
    from datetime import date, datetime
    from zoneinfo import ZoneInfo

    from desktop.domain.agents import earnings
    from desktop.reference import load_reference
    from desktop.services.agent_statement import Collected, Registered
    from desktop.services.agents import Agent

    scheme = load_reference().agent_schemes[-1]
    registered = tuple(
        Registered(
            f"BNI-0123-01-{serial:07d}",
            f"2026-11-{1 + serial % 24:02d}",
            name(serial),
            f"3171••••••••{serial:04d}",
            f"Jl. Kenanga No. {serial}, Jakarta",
            "JKK+JKM",
        )
        for serial in range(1, 51)
    )
    collected = (
        Collected("BNI-0123-01-0000051", "2026-11-24", name(1), "2026-11", "2026-11",
                  {"JKK": 10_000, "JKM": 6_800}, 16_800),
        Collected("BNI-0123-01-0000052", "2026-11-24", name(2), "2026-11", "2027-01",
                  {"JKK": 30_000, "JKM": 20_400, "JHT": 60_000}, 110_400),
        Collected("BNI-0123-01-0000053", "2026-11-24", name(3), "2026-11", "2027-10",
                  {"JKK": 120_000, "JKM": 81_600}, 201_600),
    )  # fmt: skip
    return AgentStatement(
        agent=Agent(
            ACTIVE, "Dewi Lestari", "YKS-01", "Yayasan Karya Sejahtera", "foundation", "active", ""
        ),
        month=date(2026, 11, 1),
        counter_code="BNI-0123-01",
        bank_code="BNI",
        branch_name="KC Jakarta Kota",
        registered=registered,
        collected=collected,
        by_program={"JKK": 160_000, "JKM": 108_800, "JHT": 60_000},
        scheme=scheme,
        earnings=earnings(scheme, 328_800, 50),
        made_at=datetime(2026, 12, 1, 9, 0, tzinfo=ZoneInfo("Asia/Jakarta")),
    )
