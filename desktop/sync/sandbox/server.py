"""Running the sandbox upstream: in the foreground for the CLI, in a thread for tests.

With a certificate and its key (PEM files) it serves https://, as an upstream beyond the
counter's own PC must (desktop/upstream_tls.py); without, plain http:// for one machine.
"""

from __future__ import annotations

import ssl
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import Final

import uvicorn

from desktop.clock import Clock, utc_now
from desktop.errors import DomainError
from desktop.files import shown_name
from desktop.sync.sandbox.app import create_app
from desktop.sync.sandbox.registry import Fixtures

STARTUP_TIMEOUT_S: Final = 15.0
SHUTDOWN_TIMEOUT_S: Final = 15.0

Tls = tuple[Path, Path]  # the server's certificate (its chain, PEM) and its private key (PEM)


def check_tls(cert: Path, key: Path) -> Tls:
    """The certificate and key, once they load as a pair; else a DomainError naming the option.

    Checked before the server starts, so a wrong file is a message, not uvicorn's traceback.
    """
    for path, field, option in ((cert, "tls_cert", "--tls-cert"), (key, "tls_key", "--tls-key")):
        if not path.is_file():
            raise DomainError(
                field,
                f"{option}: berkas {shown_name(path)} tidak ada.",
                f"{option}: file {shown_name(path)} not found.",
            )
    try:
        ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER).load_cert_chain(cert, key)
    except (OSError, ssl.SSLError) as error:
        raise DomainError(
            "tls_cert",
            f"--tls-cert dan --tls-key harus sertifikat PEM dan kunci privatnya ({error}).",
            f"--tls-cert and --tls-key must be a PEM certificate and its private key ({error}).",
        ) from None
    return cert, key


def _config(
    host: str,
    port: int,
    db_url: str,
    tokens: Mapping[str, str],
    *,
    clock: Clock = utc_now,
    reference_dir: Path | None = None,
    fixtures: Fixtures | None = None,
    log_level: str = "info",
    access_log: bool = True,
    tls: Tls | None = None,
    admin_token: str | None = None,
    auto_decide: bool = False,
) -> uvicorn.Config:
    return uvicorn.Config(
        create_app(
            db_url,
            tokens,
            clock,
            reference_dir,
            fixtures,
            admin_token=admin_token,
            auto_decide=auto_decide,
        ),
        host=host,
        port=port,
        lifespan="on",
        ws="none",  # no WebSockets in the contract: don't load a WebSocket library
        log_level=log_level,
        access_log=access_log,
        ssl_certfile=str(tls[0]) if tls else None,
        ssl_keyfile=str(tls[1]) if tls else None,
    )


def serve(
    host: str,
    port: int,
    db_url: str,
    tokens: Mapping[str, str],
    *,
    reference_dir: Path | None = None,
    fixtures: Fixtures | None = None,
    tls: Tls | None = None,
    admin_token: str | None = None,
    auto_decide: bool = False,
) -> None:
    """Serve until interrupted (Ctrl+C); https:// with `tls`."""
    config = _config(
        host,
        port,
        db_url,
        tokens,
        reference_dir=reference_dir,
        fixtures=fixtures,
        tls=tls,
        admin_token=admin_token,
        auto_decide=auto_decide,
    )
    uvicorn.Server(config).run()


class RunningSandbox:
    """The sandbox on 127.0.0.1 and a free port, in a background thread, for the `with` block;
    https:// with `tls` (a certificate for 127.0.0.1 and its key)."""

    def __init__(
        self,
        db_url: str,
        tokens: Mapping[str, str],
        *,
        clock: Clock = utc_now,
        reference_dir: Path | None = None,
        fixtures: Fixtures | None = None,
        tls: Tls | None = None,
        admin_token: str | None = None,
        auto_decide: bool = False,
    ) -> None:
        self._server = uvicorn.Server(
            _config(
                "127.0.0.1",
                0,
                db_url,
                tokens,
                clock=clock,
                reference_dir=reference_dir,
                fixtures=fixtures,
                log_level="warning",
                access_log=False,
                tls=tls,
                admin_token=admin_token,
                auto_decide=auto_decide,
            )
        )
        self._thread = threading.Thread(
            target=self._server.run, name="sandbox-upstream", daemon=True
        )
        self.scheme = "https" if tls else "http"
        self.port = 0

    @property
    def url(self) -> str:
        if not self.port:
            raise RuntimeError("the sandbox is not running")
        return f"{self.scheme}://127.0.0.1:{self.port}"

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
