"""A transport that breaks the way networks do, around the real one: the client's fault tests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import httpx

# What happens to the next request: "pass" forwards it; "refuse" fails before it is sent;
# "timeout" fails waiting; "drop_after" forwards it, lets the server commit, then loses the answer;
# an int answers that HTTP status without forwarding; "html" answers 200 with a captive portal page.
Fault = str | int


@dataclass
class FaultyTransport(httpx.BaseTransport):
    inner: httpx.BaseTransport = field(default_factory=httpx.HTTPTransport)
    plan: list[Fault] = field(default_factory=list)
    retry_after: str | None = None
    seen: list[str] = field(default_factory=list)
    on_request: Callable[[httpx.Request], None] | None = None

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        fault = self.plan.pop(0) if self.plan else "pass"
        self.seen.append(f"{request.method} {request.url.path} -> {fault}")
        if self.on_request is not None:
            self.on_request(request)
        if fault == "refuse":
            raise httpx.ConnectError("connection refused", request=request)
        if fault == "timeout":
            raise httpx.ReadTimeout("timed out", request=request)
        if fault == "html":
            return httpx.Response(
                200,
                headers={"Content-Type": "text/html"},
                content=b"<html><body>Login to the hotel Wi-Fi</body></html>",
                request=request,
            )
        if isinstance(fault, int):
            headers = {"Retry-After": self.retry_after} if self.retry_after else {}
            return httpx.Response(fault, headers=headers, content=b"busy", request=request)
        response = self.inner.handle_request(request)
        response.read()
        if fault == "drop_after":
            response.close()
            raise httpx.RemoteProtocolError(
                "connection dropped after the server answered", request=request
            )
        return response

    def close(self) -> None:
        self.inner.close()
