"""One HTTP exchange with a SPARQL server, with a wall-clock deadline, and the errors it can end in.

http.client talks to the configured host only (no proxy from the environment: the store's URL is
the one destination), and the answer is streamed to the caller, never read whole. A deadline is
enforced by a watchdog that shuts the socket down when it passes, however slowly the server
trickles its answer; reading then fails and the exchange raises ServerTimedOut.
"""

from __future__ import annotations

import contextlib
import http.client
import io
import socket
import threading
import time
import urllib.parse
from collections.abc import Iterator

from ..errors import StoreError


class ServerUnreachable(StoreError):
    """No connection to the server (refused, unknown host, reset before an answer)."""


class ServerTimedOut(StoreError):
    """The deadline passed, or the server said it stopped the query at its own time limit."""


class ServerRefused(StoreError):
    """The server answered with an HTTP error status (4xx: the request, 5xx: the server)."""

    def __init__(self, message: str, status: int, detail: str):
        super().__init__(message)
        self.status, self.detail = status, detail


def check_url(url: str, what: str) -> str:
    """Refuse anything but http(s): the store's endpoints are the only places geonews connects to."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise StoreError(f"the {what} must be an http:// or https:// URL, not {url!r}")
    return url


class _Watchdog:
    """Shuts a connection's socket down at the deadline (from a timer thread)."""

    def __init__(self, conn: http.client.HTTPConnection, seconds: float):
        self.conn, self.fired = conn, False
        self.timer = threading.Timer(max(0.0, seconds), self._fire)
        self.timer.daemon = True
        self.timer.start()

    def _fire(self) -> None:
        self.fired = True
        sock = self.conn.sock
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def cancel(self) -> None:
        self.timer.cancel()


@contextlib.contextmanager
def exchange(url: str, method: str = "GET", body: bytes | None = None,
             headers: dict[str, str] | None = None, timeout: float = 300.0,
             deadline: float | None = None) -> Iterator[http.client.HTTPResponse]:
    """The server's answer (status < 400) to one request, open for reading until the block ends.

    `deadline` is a time.monotonic() value; `timeout` bounds every single socket operation.
    Raises ServerUnreachable, ServerTimedOut, ServerRefused or StoreError (a malformed answer),
    also for what goes wrong while the block reads the answer.
    """
    parts = urllib.parse.urlsplit(url)
    conn_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    left = timeout if deadline is None else min(timeout, deadline - time.monotonic())
    if left <= 0:
        raise ServerTimedOut(f"no time left to ask {_where(url)}")
    conn = conn_class(parts.hostname, parts.port, timeout=left)
    watchdog = _Watchdog(conn, left) if deadline is not None else None
    path = parts.path or "/"
    path += f"?{parts.query}" if parts.query else ""
    try:
        try:
            conn.request(method, path, body=body, headers=headers or {})
            resp = conn.getresponse()
        except (ConnectionRefusedError, socket.gaierror) as exc:
            raise ServerUnreachable(f"cannot reach the SPARQL server at {_where(url)}: {exc}") from exc
        if resp.status >= 400:
            detail = resp.read(2000).decode("utf-8", "replace").strip()
            raise ServerRefused(f"{method} {url.split('?', 1)[0]} failed: HTTP {resp.status} {resp.reason}"
                                + (f": {detail}" if detail else ""), resp.status, detail)
        yield resp
    except (OSError, http.client.HTTPException, SyntaxError, ValueError) as exc:
        if (watchdog is not None and watchdog.fired) or isinstance(exc, TimeoutError):
            raise ServerTimedOut(f"the SPARQL server at {_where(url)} did not answer within "
                                 f"{left:.3g} s") from exc
        if isinstance(exc, (SyntaxError, ValueError)):
            raise StoreError(f"{_where(url)} sent an unreadable answer: {exc}") from exc
        raise ServerUnreachable(f"the SPARQL server at {_where(url)} failed: {exc}") from exc
    finally:
        if watchdog is not None:
            watchdog.cancel()
        conn.close()


def _where(url: str) -> str:
    return url.split("?", 1)[0]


class Stream(io.RawIOBase):
    """An answer's body as read by a parser: optionally with one byte string replaced by another
    (across chunk boundaries), and remembering its last bytes (to recognise an error a server
    wrote into the middle of a streamed answer)."""

    TAIL = 512

    def __init__(self, raw: io.BufferedIOBase, old: bytes | None = None, new: bytes = b""):
        super().__init__()
        self.raw, self.old, self.new = raw, old, new
        self.pending = b""
        self.tail = b""
        self.eof = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self.pending and not self.eof:
            chunk = self.raw.read(65536)
            if not chunk:
                self.eof = True
                chunk = self._held
                self._held = b""
            elif self.old:
                chunk = (self._held + chunk).replace(self.old, self.new)
                cut = max(0, len(chunk) - len(self.old) + 1)  # a match may begin in the last bytes
                chunk, self._held = chunk[:cut], chunk[cut:]
            self.pending = chunk
            self.tail = (self.tail + chunk)[-self.TAIL:]
        n = min(len(buffer), len(self.pending))
        buffer[:n] = self.pending[:n]
        self.pending = self.pending[n:]
        return n

    _held = b""
