"""The register of Perisai agents (the agent fields' completers, the Agen page) and an agent's
monthly statement, shown and saved (the Agen page)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop.counter import Counter
from desktop.services.agent_statement import AgentStatement, agent_statement
from desktop.services.agent_statement_files import Format, save_statement
from desktop.services.agents import Agent, find_agents
from ui.operations import Op


def agents_op(counter: Counter, search: str = "") -> Op[list[Agent]]:
    """Only reads: nobody is told of a change."""
    return Op("agents", lambda: find_agents(counter, search))


def statement_op(counter: Counter, code: str, month: date) -> Op[AgentStatement]:
    """Only reads: nobody is told of a change."""
    return Op("agent_statement", lambda: agent_statement(counter, code, month))


def save_statement_op(statement: AgentStatement, path: Path, format: Format) -> Op[Path]:
    """Write the statement shown as its file; a full disk or a read-only folder comes back as a
    refusal (field `out`), and nothing is half-written."""
    return Op("save_agent_statement", lambda: save_statement(statement, path, format))
