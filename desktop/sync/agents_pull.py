"""The register of Perisai agents from the upstream: fetched whole on `sync`, kept in `agents`."""

from __future__ import annotations

from pathlib import Path

import httpx
import pydantic

from desktop.errors import DomainError
from desktop.sync.connection import certificate_refused, open_client
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
    client = open_client(upstream, token, timeout=timeout, transport=transport, ca_bundle=ca_bundle)
    try:
        with client:
            response = client.get(AGENTS_PATH)
        if response.status_code != 200:
            raise ValueError(f"HTTP {response.status_code}")
        return AgentRegister.model_validate_json(response.content)
    except httpx.TransportError as error:
        refused = certificate_refused(error)
        if refused is not None:
            raise refused from None
        raise _not_fetched(error) from None
    except (ValueError, pydantic.ValidationError) as error:
        raise _not_fetched(error) from None


def _not_fetched(error: Exception) -> DomainError:
    return DomainError(
        "upstream",
        f"Daftar agen Perisai tidak dapat diambil dari server pusat ({type(error).__name__}).",
        f"The register of Perisai agents could not be fetched from the upstream "
        f"({type(error).__name__}).",
    )
