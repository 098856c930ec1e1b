"""An upstream that has stalled for real: a socket on 127.0.0.1 that accepts and never answers.

The fault transport (faults.py) raises a timeout without waiting; this one makes the client's own
timeout (RetryPolicy.timeout) run against a real connection, the way a hung server or a
half-dead proxy does: the TCP handshake succeeds, the request is sent, no byte ever comes back.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from types import TracebackType

# How long stop() waits for the accepting thread; it ends as soon as it is woken.
_JOIN_TIMEOUT_S = 5.0


class StalledServer:
    """Listens on 127.0.0.1 (a port the kernel picks, so no other test can race for it),
    accepts every connection on a daemon thread, holds it open and never reads or writes.

    Use it as a context manager: leaving it closes the listening socket and every connection it
    accepted, and ends the thread, whatever the test did.
    """

    def __init__(self) -> None:
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(16)
        self.port = int(self._listener.getsockname()[1])
        self._accepted: list[socket.socket] = []
        self._changed = threading.Condition()
        self._stopping = False
        self._thread = threading.Thread(target=self._accept, name="stalled-upstream", daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def connections(self) -> int:
        """How many connections it has accepted so far."""
        with self._changed:
            return len(self._accepted)

    def received(self, connections: int) -> list[bytes]:
        """What the client sent on each connection, in the order they came, once `connections`
        have been accepted (a client's connection can sit in the backlog a moment before the
        thread takes it); any connection after those is included too.

        The bytes are those already waiting in each socket, read without blocking: the server
        never reads, so they show what the client sent before it gave up waiting.
        """
        with self._changed:
            if not self._changed.wait_for(
                lambda: len(self._accepted) >= connections, _JOIN_TIMEOUT_S
            ):
                raise AssertionError(
                    f"expected {connections} connections, {len(self._accepted)} came"
                )
            held = list(self._accepted)
        return [_waiting_bytes(connection) for connection in held]

    def __enter__(self) -> StalledServer:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def stop(self) -> None:
        with self._changed:
            self._stopping = True
        try:
            if self._thread.is_alive():
                # A blocked accept() is not woken by closing its socket on every platform;
                # a connection of our own wakes it, and the thread then sees it must stop.
                with contextlib.suppress(OSError):  # refused: the thread ended already
                    socket.create_connection(("127.0.0.1", self.port), timeout=1.0).close()
                self._thread.join(_JOIN_TIMEOUT_S)
                if self._thread.is_alive():
                    raise RuntimeError("the stalled server's accepting thread did not stop")
        finally:
            self._listener.close()
            with self._changed:
                for connection in self._accepted:
                    connection.close()

    def _accept(self) -> None:
        while True:
            try:
                connection, _address = self._listener.accept()
            except OSError:
                return  # the listener was closed
            with self._changed:
                if self._stopping:
                    connection.close()
                    return
                self._accepted.append(connection)
                self._changed.notify_all()


def _waiting_bytes(connection: socket.socket) -> bytes:
    connection.setblocking(False)  # MSG_DONTWAIT is not on Windows
    chunks: list[bytes] = []
    while True:
        try:
            chunk = connection.recv(65536)
        except OSError:  # BlockingIOError: nothing more waiting; or the client reset it
            break
        if not chunk:  # the client closed its end after everything it sent
            break
        chunks.append(chunk)
    return b"".join(chunks)
