"""Hardening, connections and heavy pages.

Each test is named after a weakness of the security review and would fail on it. Servers are real
`geonews serve` processes on loopback; "other clients" connect from other loopback addresses
(127.0.0.2, ...), which is how the per-client limits tell clients apart.
"""

from __future__ import annotations

import socket
import sys
import threading
import time
from pathlib import Path

import pytest

GEONEWS = [sys.executable, "-m", "geonews.cli"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# -- 3. idle and slow connections --------------------------------------------------------------
@pytest.fixture(scope="module")
def guarded_server(seed_store, tmp_path_factory, server_process):
    """`geonews serve` with a 3 s request deadline and 16 connections per client."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = tmp_path_factory.mktemp("guarded-server") / "serve.log"
    env = {"GEONEWS_BASE": base, "GEONEWS_STORE": str(seed_store[0]),
           "GEONEWS_REQUEST_TIMEOUT": "3", "GEONEWS_MAX_CONNECTIONS_PER_CLIENT": "16"}
    cmd = [*GEONEWS, "serve", "--port", str(port)]
    with server_process(cmd, f"{base}/sparql?query=ASK%7B%7D", log, env):
        yield base, port


def _half_open(port: int, source: str) -> socket.socket:
    """A connection that sends a request line and one header, and never finishes."""
    s = socket.create_connection(("127.0.0.1", port), timeout=5, source_address=(source, 0))
    s.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n")
    return s


def _refused_or_closed(s: socket.socket, wait: float) -> bytes:
    s.settimeout(wait)
    try:
        return s.recv(200) or b"(closed)"
    except TimeoutError:
        return b""
    except OSError:
        return b"(closed)"


@pytest.mark.slow
def test_idle_half_open_connections_leave_other_clients_answered(loopback, guarded_server):
    base, port = guarded_server
    attackers = []
    try:
        for _ in range(120):
            attackers.append(_half_open(port, "127.0.0.2"))
        start = time.monotonic()
        code, _, _ = loopback.sparql_get(base, "ASK {}", source="127.0.0.1")
        assert code == 200 and time.monotonic() - start < 1
        answers = [_refused_or_closed(s, 0.2) for s in attackers]
        refused = [a for a in answers if a.startswith(b"HTTP/1.1 503")]
        assert len(refused) >= 120 - 16, answers[:20]
        waiting = [s for s, a in zip(attackers, answers, strict=True) if not a]
        assert waiting, "the connections within the per-client cap should have been accepted"
        cut = [_refused_or_closed(s, 6) for s in waiting]  # the 3 s request deadline
        assert all(c for c in cut), "a half-sent request outlived the request deadline"
    finally:
        for s in attackers:
            s.close()


@pytest.mark.slow
def test_a_slowly_trickled_request_is_cut_at_the_deadline(guarded_server):
    _, port = guarded_server
    s = socket.create_connection(("127.0.0.1", port), timeout=10, source_address=("127.0.0.3", 0))
    try:
        s.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\n")
        start = time.monotonic()
        closed = False
        while time.monotonic() - start < 8:
            try:
                s.sendall(b"X-Slow: 1\r\n")  # a header every half second keeps it "active"
            except OSError:
                closed = True
                break
            s.settimeout(0.5)
            try:
                if s.recv(100) == b"":
                    closed = True
                    break
            except TimeoutError:
                pass
        assert closed and time.monotonic() - start < 6
    finally:
        s.close()


# -- 4. heavy pages ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def big_server(seed_store, tmp_path_factory, server_process):
    """`geonews serve` over the seed store's articles copied to ~150,000 quads."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "scale_store", Path(__file__).parent.parent / "benchmarks" / "scale_store.py")
    scale_store = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scale_store)
    root = tmp_path_factory.mktemp("big-store")
    scale_store.replicate(seed_store[0], root / "store", 150_000)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {"GEONEWS_BASE": "http://127.0.0.1:5000", "GEONEWS_STORE": str(root / "store")}
    cmd = [*GEONEWS, "serve", "--port", str(port)]
    with server_process(cmd, f"{base}/sparql?query=ASK%7B%7D", root / "serve.log", env):
        yield base


HEAVY_PAGES = ["/dumps/", "/.well-known/void", "/dumps/all.nq", "/doc/state/turkey",
               "/doc/state/turkey.ttl", "/", "/search?q=a", "/dumps/all.trig.gz"]


@pytest.mark.slow
def test_eight_heavy_pages_leave_an_ask_answered_within_a_second(loopback, big_server):
    results: dict[str, tuple[int, float]] = {}

    def fetch(path: str) -> None:
        start = time.monotonic()
        code = loopback.request(big_server + path, source="127.0.0.2", timeout=60)[0]
        results[path] = (code, time.monotonic() - start)

    threads = [threading.Thread(target=fetch, args=(p,)) for p in HEAVY_PAGES]
    for t in threads:
        t.start()
    probes = []
    while any(t.is_alive() for t in threads) or not probes:
        start = time.monotonic()
        code = loopback.sparql_get(big_server, "ASK {}", source="127.0.0.1")[0]
        probes.append((code, time.monotonic() - start))
        time.sleep(0.05)
    for t in threads:
        t.join()
    assert all(code == 200 and seconds < 1 for code, seconds in probes), probes
    # each page answered, or said plainly that it is being prepared; none held a thread long
    assert all(code in (200, 503) and seconds < 10 for code, seconds in results.values()), results

