"""The register of Perisai agents from the upstream: fetched whole on `sync`, kept in `agents`."""

from __future__ import annotations

from pathlib import Path

import httpx

from desktop.errors import DomainError
from desktop.sync.connection import fetch_document
from desktop.sync.contract import AGENTS_PATH, AgentRegister


def fetch_agents(
    upstream: str,
    token: str,
    *,
    transport: httpx.BaseTransport | None = None,
    timeout: float = 20.0,
    ca_bundle: Path | None = None,
) -> AgentRegister:
    """The upstream's register as it stands; DomainError `upstream` when it cannot be had."""
    return fetch_document(
        upstream,
        token,
        AGENTS_PATH,
        AgentRegister,
        _not_fetched,
        timeout=timeout,
        transport=transport,
        ca_bundle=ca_bundle,
    )


def _not_fetched(error: Exception) -> DomainError:
    return DomainError(
        "upstream",
        f"Daftar agen Perisai tidak dapat diambil dari server pusat ({type(error).__name__}).",
        f"The register of Perisai agents could not be fetched from the upstream "
        f"({type(error).__name__}).",
    )
