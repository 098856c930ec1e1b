"""The register of Perisai agents: kept from the upstream's list, searched, and the one check of
an agent named on a registration or a payment (window, command and import alike)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa

from desktop.counter import Counter
from desktop.errors import DomainError
from desktop.resources import resource_path
from desktop.store.schema import agents
from desktop.sync.contract import AgentEntry, AgentRegister

AGENT_CODE = re.compile(r"[A-Z0-9-]{3,30}")
# Fictional agents for the demo counter (`--demo`): a real counter's register comes from `sync`.
DEMO_AGENTS = ("demo", "agents.json")
INSTITUTION_KINDS = {
    "foundation": ("Yayasan", "Foundation"),
    "cooperative": ("Koperasi", "Cooperative"),
    "firm": ("Badan usaha", "Firm"),
}


@dataclass(frozen=True)
class Agent:
    code: str
    name: str
    institution_code: str
    institution_name: str
    institution_kind: str  # foundation, cooperative or firm
    status: str  # active or inactive
    listed_at: str

    @property
    def active(self) -> bool:
        return self.status == "active"

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "name": self.name,
            "institution": {
                "code": self.institution_code,
                "name": self.institution_name,
                "kind": self.institution_kind,
            },
            "status": self.status,
            "listed_at": self.listed_at,
        }


def _agent(row: Iterable[object]) -> Agent:
    code, name, institution_code, institution_name, kind, status, listed_at = (
        str(value) for value in row
    )
    return Agent(code, name, institution_code, institution_name, kind, status, listed_at)


_COLUMNS = (
    agents.c.code,
    agents.c.name,
    agents.c.institution_code,
    agents.c.institution_name,
    agents.c.institution_kind,
    agents.c.status,
    agents.c.listed_at,
)


def find_agents(counter: Counter, search: str = "", *, limit: int | None = None) -> list[Agent]:
    """Agents whose code, name or institution holds every word of `search` (any case), active
    ones first, then by name; all of them when `search` is blank."""
    query = sa.select(*_COLUMNS)
    for word in search.split():
        pattern = f"%{_escaped(word.lower())}%"
        query = query.where(
            sa.or_(
                *(
                    sa.func.lower(column).like(pattern, escape="\\")
                    for column in (agents.c.code, agents.c.name, agents.c.institution_name)
                )
            )
        )
    query = query.order_by((agents.c.status != "active"), agents.c.name, agents.c.code)
    if limit is not None:
        query = query.limit(limit)
    with counter.store.read() as connection:
        return [_agent(row) for row in connection.execute(query)]


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def agent_by_code(counter: Counter, code: str) -> Agent | None:
    with counter.store.read() as connection:
        return _by_code(connection, code.strip().upper())


def _by_code(connection: sa.Connection, code: str) -> Agent | None:
    row = connection.execute(sa.select(*_COLUMNS).where(agents.c.code == code)).first()
    return None if row is None else _agent(row)


def agent_code_format(raw: str, field: str = "agent_code") -> str | None:
    """The code as typed, upper-cased; None when blank; else its field's message."""
    code = raw.strip().upper()
    if not code:
        return None
    if not AGENT_CODE.fullmatch(code):
        raise DomainError(
            field,
            "Kode agen Perisai harus 3-30 huruf, angka atau tanda hubung.",
            "Perisai agent code must be 3-30 letters, digits or hyphens.",
        )
    return code


def checked_agent(connection: sa.Connection, raw: str, field: str = "agent_code") -> str | None:
    """The agent a registration or payment names, from the register: None when none is named;
    DomainError `field` for a code the register does not hold or an agent no longer active."""
    code = agent_code_format(raw, field)
    if code is None:
        return None
    agent = _by_code(connection, code)
    if agent is None:
        raise DomainError(
            field,
            f"Agen Perisai {code} tidak ada di daftar agen. Periksa kodenya, atau perbarui "
            "daftar dengan sinkronisasi ke server pusat.",
            f"Perisai agent {code} is not in the register of agents. Check the code, or "
            "bring the register up to date by syncing with the upstream.",
        )
    if not agent.active:
        raise DomainError(
            field,
            f"Agen Perisai {code} ({agent.name}) tidak aktif: tidak boleh membawa pendaftaran "
            "atau pembayaran.",
            f"Perisai agent {code} ({agent.name}) is not active: they may not bring "
            "registrations or payments.",
        )
    return code


def keep_register(counter: Counter, register: AgentRegister, now: datetime) -> int:
    """The upstream's list becomes the register, in one transaction; an agent it no longer
    lists stays, inactive, so the records naming them still read. Returns how many it listed.

    An empty list leaves the register as it is: an upstream that keeps no register (a sandbox
    without agents) must not end every agent the counter knows."""
    if not register.agents:
        return 0
    return keep_agents(counter, register.agents, now)


def keep_agents(counter: Counter, entries: Iterable[AgentEntry], now: datetime) -> int:
    """Only what changed is written (a timed sync fetches the list every few minutes while
    records wait: an unchanged register costs the store no write)."""
    at = now.isoformat()
    listed = {
        entry.code: (
            entry.name,
            entry.institution.code,
            entry.institution.name,
            entry.institution.kind,
            entry.status,
        )
        for entry in entries
    }
    fields = ("name", "institution_code", "institution_name", "institution_kind", "status")
    row_of = {code: dict(zip(fields, values, strict=True)) for code, values in listed.items()}
    with counter.store.read() as connection:
        known = {
            str(row[0]): tuple(str(value) for value in row[1:])
            for row in connection.execute(sa.select(agents.c.code, *(agents.c[f] for f in fields)))
        }
    new = [code for code in listed if code not in known]
    changed = [code for code in listed if code in known and known[code] != listed[code]]
    gone = [code for code, row in known.items() if code not in listed and row[-1] != "inactive"]
    if new or changed or gone:
        with counter.store.write() as connection:
            if new:
                connection.execute(
                    sa.insert(agents),
                    [
                        {
                            "code": code,
                            **dict(zip(fields, listed[code], strict=True)),
                            "listed_at": at,
                        }
                        for code in new
                    ],
                )
            for code in changed:
                connection.execute(
                    sa.update(agents)
                    .where(agents.c.code == code)
                    .values(**row_of[code], listed_at=at)
                )
            if gone:
                connection.execute(
                    sa.update(agents)
                    .where(agents.c.code.in_(gone))
                    .values(status="inactive", listed_at=at)
                )
    return len(listed)


def load_agents_file(counter: Counter, path: Path, now: datetime) -> int:
    """A register kept as a file (the upstream's list, as GET /v1/agents answers it)."""
    try:
        register = AgentRegister.model_validate_json(path.read_bytes())
    except OSError as error:
        raise DomainError(
            "agents_file",
            f"Berkas daftar agen tidak dapat dibaca: {error.strerror or error}",
            f"The agents file cannot be read: {error.strerror or error}",
        ) from None
    except ValueError as error:
        raise DomainError(
            "agents_file",
            f"Berkas daftar agen tidak sah: {error}",
            f"The agents file is not valid: {error}",
        ) from None
    return keep_register(counter, register, now)


def load_demo_agents(counter: Counter, now: datetime) -> int:
    """The demo counter's fictional register (resources/demo/agents.json)."""
    return load_agents_file(counter, resource_path(*DEMO_AGENTS), now)
