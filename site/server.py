"""The HTTP server of `geonews serve`: waitress, guarded so that one client cannot lock out others.

waitress alone accepts up to `connection_limit` connections from anyone and lets a half-sent
request sit for `channel_timeout` (120 s by default), so ~100 half-open connections from one
address make every new client wait. The guarded server adds, at the level of connections:
- a cap per client address (`max_connections_per_client`): further connections from that address
  get a short 503 and are closed at once, so the others always find room under `max_connections`;
- a deadline for each request (`request_timeout`): a client that has begun a request has that long
  to send its head and body, however slowly it trickles bytes (slowloris), then it is cut off;
- a short idle timeout (`idle_timeout`) for keep-alive connections with no request.
Requests that have been read are never cut: their time is bounded by the query timeouts.
"""

from __future__ import annotations

import errno
import logging
import signal
import time
from urllib.parse import urlsplit

from waitress.adjustments import Adjustments
from waitress.channel import HTTPChannel
from waitress.server import TcpWSGIServer

from geonews.pipeline.errors import UsageError
from geonews.pipeline.settings import Settings

from .memory import trim

log = logging.getLogger(__name__)

REFUSED = (b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nConnection: close\r\n"
           b"Content-Type: text/plain; charset=utf-8\r\nContent-Length: 58\r\n\r\n"
           b"too many connections from your address; try again shortly\n")


class GuardedChannel(HTTPChannel):
    """An HTTP connection that remembers when its current request began to arrive."""

    request_started: float | None = None

    def received(self, data: bytes) -> bool:
        if data and self.request is None:
            self.request_started = time.monotonic()
        try:
            return super().received(data)
        finally:
            if self.request is None:  # nothing half-read is left
                self.request_started = None


class GuardedServer(TcpWSGIServer):
    """waitress's TCP server with per-client connection caps and request deadlines."""

    channel_class = GuardedChannel

    def __init__(self, application, settings: Settings, **kw):
        self.per_client = max(1, settings.max_connections_per_client)
        self.request_timeout = settings.request_timeout
        super().__init__(application, **kw)

    def bind_server_socket(self) -> None:
        try:
            super().bind_server_socket()
        except OSError:
            self.close()  # the socket waitress opened: a port in use must not leak it
            raise

    def handle_accept(self) -> None:
        try:
            pair = self.accept()
        except OSError:
            return
        if pair is None:
            return
        conn, addr = pair
        host = addr[0] if isinstance(addr, tuple) else addr
        open_here = sum(1 for ch in self.active_channels.values()
                        if isinstance(ch.addr, tuple) and ch.addr[0] == host)
        if open_here >= self.per_client:
            try:
                conn.setblocking(False)
                conn.send(REFUSED)
            except OSError:
                pass
            conn.close()
            return
        try:
            self.set_socket_options(conn)
        except OSError:
            conn.close()
            return
        self.channel_class(self, conn, self.fix_addr(addr), self.adj, map=self._map)

    def maintenance(self, now: float) -> None:
        """waitress closes idle connections; also cut those whose request is overdue, and give
        memory back once the last connection has closed (memory.trim)."""
        if self.active_channels:
            self._served = True
        elif getattr(self, "_served", False):
            self._served = False
            trim()
        super().maintenance(now)
        cutoff = time.monotonic() - self.request_timeout
        for channel in list(self.active_channels.values()):
            started = getattr(channel, "request_started", None)
            if started is not None and started < cutoff and not channel.requests:
                channel.will_close = True


def listen(app, settings: Settings) -> GuardedServer:
    """Bind the port (UsageError, i.e. exit code 2, when it is taken); `run` serves it."""
    adj = Adjustments(host=settings.host, port=settings.port, threads=settings.threads,
                      connection_limit=settings.max_connections,
                      channel_timeout=settings.idle_timeout, cleanup_interval=1,
                      max_request_body_size=settings.max_request_bytes, ident="geonews",
                      # answers are at most max_rows rows (~2 MB): keep them in memory, not in
                      # temporary files (waitress spills anything over its 1 MB default)
                      outbuf_overflow=4 << 20)
    try:
        return GuardedServer(app, settings, adj=adj)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise UsageError(f"port {settings.port} on {settings.host} is already in use: stop "
                             "the other server or choose another port with --port") from exc
        raise UsageError(f"cannot listen on {settings.host}:{settings.port}: "
                         f"{exc.strerror or exc}") from exc


_LOOPBACK = ("localhost", "127.0.0.1", "::1")


def base_mismatch(settings: Settings) -> str | None:
    """A warning when the base IRI is not the address served: minted IRIs would then not
    dereference here (fine behind a proxy that forwards the base's address; else a mistake)."""
    served = f"http://{settings.host}:{settings.port}"
    try:
        base = urlsplit(settings.base)
        port = base.port or {"http": 80, "https": 443}.get(base.scheme)
    except ValueError:
        return f"--base {settings.base} is not a URL; minted IRIs will not dereference"
    host = (base.hostname or "").lower()
    same_host = (host == settings.host.lower() or settings.host in ("0.0.0.0", "::")
                 or (host in _LOOPBACK and settings.host in _LOOPBACK))
    if base.scheme == "http" and same_host and port == settings.port:
        return None
    return (f"--base {settings.base} is not the address served ({served}/): its IRIs "
            f"dereference only if a proxy forwards {settings.base} to {served}")


def run(server: GuardedServer) -> None:
    """Serve until SIGINT or SIGTERM; both end normally, so the atexit clean-up runs (the
    query workers are stopped and the dump cache is removed)."""

    def stop(signum, frame):
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    server.run()  # returns on SystemExit / KeyboardInterrupt after stopping the task threads
