"""The register of Perisai agents, for the agent fields' completers."""

from __future__ import annotations

from desktop.counter import Counter
from desktop.services.agents import Agent, find_agents
from ui.operations import Op


def agents_op(counter: Counter) -> Op[list[Agent]]:
    """Only reads: nobody is told of a change."""
    return Op("agents", lambda: find_agents(counter))
