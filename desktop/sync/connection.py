"""The one place a client for the upstream is opened: the transport rule, the trust, the token.

Every request to the upstream (the upload, the closing upload, the reference pull, the day's
statement) goes through `open_client`, so none can take an http:// address beyond this PC or
trust other certificates than the counter does (desktop/upstream_tls.py). A certificate the
counter does not trust is not a network hiccup: `certificate_refused` turns it into a message
at once, where retrying would only delay it.
"""

from __future__ import annotations

import ssl
from pathlib import Path

import httpx

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
