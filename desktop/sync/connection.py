"""The one place a client for the upstream is opened: the transport rule, the trust, the token.

Every request to the upstream (the upload, the closing upload, the reference pull, the day's
statement) goes through `open_client`, so none can take an http:// address beyond this PC or
trust other certificates than the counter does (desktop/upstream_tls.py). A certificate the
counter does not trust is not a network hiccup: `certificate_refused` turns it into a message
at once, where retrying would only delay it.
"""

from __future__ import annotations

import ssl
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import httpx
import pydantic

from desktop.errors import DomainError
from desktop.upstream_tls import CA_VARIABLE, check_upstream_url, trust_context


def open_client(
    upstream: str,
    token: str,
    *,
    timeout: float,
    transport: httpx.BaseTransport | None = None,
    ca_bundle: Path | None = None,
) -> httpx.Client:
    """A client for the upstream at `upstream`, carrying the counter's token.

    Certificates are checked against the system's trust store plus `ca_bundle` (bank IT's CA);
    a `transport` (tests) brings its own.
    """
    check_upstream_url(upstream, "upstream")
    return httpx.Client(
        base_url=upstream.rstrip("/"),
        headers={"Authorization": f"Bearer {token}"},
        timeout=timeout,
        transport=transport,
        verify=trust_context(ca_bundle) if transport is None else True,
    )


M = TypeVar("M", bound=pydantic.BaseModel)


def fetch_document(
    upstream: str,
    token: str,
    path: str,
    model: type[M],
    not_fetched: Callable[[Exception], DomainError],
    *,
    timeout: float,
    transport: httpx.BaseTransport | None = None,
    ca_bundle: Path | None = None,
) -> M:
    """GET `path` once and parse it as `model`: a certificate the counter does not trust is
    said as such; any other failure (the network, a status other than 200, a reply that is not
    the contract) becomes `not_fetched(error)`."""
    client = open_client(upstream, token, timeout=timeout, transport=transport, ca_bundle=ca_bundle)
    try:
        with client:
            response = client.get(path)
        if response.status_code != 200:
            raise ValueError(f"HTTP {response.status_code}")
        return model.model_validate_json(response.content)
    except httpx.TransportError as error:
        refused = certificate_refused(error)
        if refused is not None:
            raise refused from None
        raise not_fetched(error) from None
    except (ValueError, pydantic.ValidationError) as error:
        raise not_fetched(error) from None


def certificate_refused(error: httpx.TransportError) -> DomainError | None:
    """The refusal to say when `error` is the upstream's certificate failing the check."""
    cause: BaseException | None = error
    while cause is not None and not isinstance(cause, ssl.SSLCertVerificationError):
        cause = cause.__cause__ or cause.__context__
    if cause is None:
        return None
    why = cause.verify_message or str(cause)
    return DomainError(
        "upstream",
        f"Sertifikat server pusat tidak dipercaya ({why}); tidak ada yang dikirim, data tetap "
        "aman di loket. Bila bank memakai CA sendiri, isi berkas CA di Pengaturan atau "
        f"{CA_VARIABLE}; bila tidak, hubungi IT bank.",
        f"The upstream's certificate is not trusted ({why}); nothing was sent, the data is safe "
        "at the counter. If the bank uses its own CA, set its file in Settings or "
        f"{CA_VARIABLE}; otherwise call the bank's IT.",
    )


def plain_problem(error: httpx.TransportError | int | None) -> tuple[str, str]:
    """Why the upstream could not be reached, in a teller's words (Indonesian, English): a
    network error, an HTTP status the upstream answered with, or None for a reply that is not
    the upstream's (a captive portal). The technical text stays in the outbox's last failure."""
    if isinstance(error, int):
        if error == 429:
            return ("server pusat sedang sibuk", "the upstream is busy")
        return ("server pusat sedang bermasalah", "the upstream has a problem")
    if error is None:
        return (
            "jaringan menjawab dengan halaman lain, mungkin perlu masuk (login) ke jaringan dulu",
            "the network answered with another page, it may need a login first",
        )
    if isinstance(error, httpx.TimeoutException):
        return ("server pusat tidak menjawab tepat waktu", "the upstream did not answer in time")
    text = str(error).lower()
    if "name or service not known" in text or "getaddrinfo" in text or "nodename" in text:
        return (
            "alamat server pusat tidak dikenal jaringan",
            "the network does not know the upstream's address",
        )
    if isinstance(error, httpx.ConnectError):
        return (
            "sambungan ke server pusat ditolak atau jaringan terputus",
            "the connection to the upstream was refused or the network is down",
        )
    return ("sambungan ke server pusat terputus", "the connection to the upstream broke off")
