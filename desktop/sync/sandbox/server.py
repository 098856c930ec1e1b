"""Running the sandbox upstream: in the foreground for the CLI, in a thread for tests."""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import Final

import uvicorn

from desktop.clock import Clock, utc_now
from desktop.sync.sandbox.app import create_app

STARTUP_TIMEOUT_S: Final = 15.0
SHUTDOWN_TIMEOUT_S: Final = 15.0


def _config(
    host: str,
    port: int,
    db_url: str,
    tokens: Mapping[str, str],
    *,
    clock: Clock = utc_now,
    reference_dir: Path | None = None,
    log_level: str = "info",
    access_log: bool = True,
) -> uvicorn.Config:
    return uvicorn.Config(
        create_app(db_url, tokens, clock, reference_dir),
        host=host,
        port=port,
        lifespan="on",
        ws="none",  # no WebSockets in the contract: don't load a WebSocket library
        log_level=log_level,
        access_log=access_log,
    )


def serve(
    host: str,
    port: int,
    db_url: str,
    tokens: Mapping[str, str],
    *,
    reference_dir: Path | None = None,
) -> None:
    """Serve until interrupted (Ctrl+C)."""
    uvicorn.Server(_config(host, port, db_url, tokens, reference_dir=reference_dir)).run()


class RunningSandbox:
    """The sandbox on 127.0.0.1 and a free port, in a background thread, for the `with` block."""

    def __init__(
        self,
        db_url: str,
        tokens: Mapping[str, str],
        *,
        clock: Clock = utc_now,
        reference_dir: Path | None = None,
    ) -> None:
        self._server = uvicorn.Server(
            _config(
                "127.0.0.1",
                0,
                db_url,
                tokens,
                clock=clock,
                reference_dir=reference_dir,
                log_level="warning",
                access_log=False,
            )
        )
        self._thread = threading.Thread(
            target=self._server.run, name="sandbox-upstream", daemon=True
        )
        self.port = 0

    @property
    def url(self) -> str:
        if not self.port:
            raise RuntimeError("the sandbox is not running")
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> RunningSandbox:
        self._thread.start()
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while not self._server.started:
            if not self._thread.is_alive():
                raise RuntimeError("the sandbox upstream failed to start")
            if time.monotonic() > deadline:
                self._stop()
                raise RuntimeError("the sandbox upstream did not start in time")
            time.sleep(0.01)
        self.port = int(self._server.servers[0].sockets[0].getsockname()[1])
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._stop()

    def _stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(SHUTDOWN_TIMEOUT_S)
        if self._thread.is_alive():  # pragma: no cover - a request that never ends
            self._server.force_exit = True
            self._thread.join(SHUTDOWN_TIMEOUT_S)
        self.port = 0
