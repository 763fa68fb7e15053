"""Load for the scale benchmark: clients on distinct loopback addresses, the Oxigraph server, RSS.

Each client is a thread whose connections leave from its own address 127.0.0.x (the servers'
per-client limits key on the address: 16 users are 16 addresses). Every loop is bounded in count
and time, and every request goes to 127.0.0.1.
"""

from __future__ import annotations

import http.client
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from http_bench import children
from measure import BenchmarkFailed

OXIGRAPH = Path(sys.executable).parent / "oxigraph"
JSON = "application/sparql-results+json"
MAX_REQUESTS = 100_000  # per client and phase, whatever the duration


def request(port: int, path: str, accept: str = JSON, source: str = "127.0.0.1",
            timeout: float = 60.0) -> tuple[int, float]:
    """(status, seconds) of one GET on a new connection from `source`; status 0 if it failed."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout, source_address=(source, 0))
    start = time.perf_counter()
    try:
        conn.request("GET", path, headers={"Accept": accept})
        resp = conn.getresponse()
        while resp.read(1 << 16):
            pass
        return resp.status, time.perf_counter() - start
    except OSError:
        return 0, time.perf_counter() - start
    finally:
        conn.close()


def query_path(endpoint: str, query: str) -> str:
    return f"{endpoint}?" + urllib.parse.urlencode({"query": query})


@dataclass
class Load:
    """What `clients` concurrent clients got from back-to-back requests for `seconds`."""

    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> int:
        return len(self.latencies)

    @property
    def per_second(self) -> float:
        return self.ok / self.seconds if self.seconds else 0.0

    @property
    def median_ms(self) -> float:
        return statistics.median(self.latencies) * 1e3 if self.latencies else float("nan")


def run_clients(port: int, path: str, clients: int, seconds: float) -> Load:
    """`clients` threads, client k sending from 127.0.0.(k+1), each one request at a time."""
    out, lock = Load(), threading.Lock()
    deadline = time.monotonic() + seconds

    def client(k: int) -> None:
        source = f"127.0.0.{k + 1}"
        for _ in range(MAX_REQUESTS):
            if time.monotonic() >= deadline:
                return
            status, took = request(port, path, source=source)
            with lock:
                if status == 200:
                    out.latencies.append(took)
                else:
                    out.errors += 1

    threads = [threading.Thread(target=client, args=(k,), daemon=True) for k in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + 120)
    out.seconds = time.perf_counter() - start
    return out


def probe_during_heavy(port: int, endpoint: str, heavy: str, heavy_count: int = 4,
                       seconds: float = 6.0) -> tuple[list[tuple[int, float]], list[int]]:
    """`heavy_count` heavy queries at once from 127.0.0.2, and `ASK {}` from 127.0.0.1 every
    0.1 s meanwhile: the probes' (status, seconds) and the heavy queries' statuses."""
    heavy_status: list[int] = []
    threads = [threading.Thread(target=lambda: heavy_status.append(request(
        port, query_path(endpoint, heavy), source="127.0.0.2", timeout=120)[0]), daemon=True)
        for _ in range(heavy_count)]
    for t in threads:
        t.start()
    time.sleep(0.3)  # the heavy queries have reached the server
    probes = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and (any(t.is_alive() for t in threads) or not probes):
        probes.append(request(port, query_path(endpoint, "ASK {}"), source="127.0.0.1", timeout=30))
        time.sleep(0.1)
    for t in threads:
        t.join(120)
    return probes, heavy_status


def wait_until_answers(port: int, path: str, proc: subprocess.Popen, log: Path, what: str) -> None:
    deadline = time.monotonic() + 90
    while request(port, path, timeout=5)[0] != 200:
        if proc.poll() is not None or time.monotonic() > deadline:
            raise BenchmarkFailed(f"{what} did not start:\n{log.read_text()[-2000:]}")
        time.sleep(0.2)


@contextmanager
def oxigraph_server(store: Path, port: int, log: Path, writable: bool = False) -> Iterator[subprocess.Popen]:
    """The pinned Oxigraph server on `store` (read-only unless `writable`), its default graph the
    union of the graphs, as the README says to start it."""
    if not OXIGRAPH.exists():
        raise BenchmarkFailed(f"the Oxigraph server binary is missing: {OXIGRAPH} (pip install oxigraph)")
    with open(log, "w") as out:
        proc = subprocess.Popen([str(OXIGRAPH), "serve" if writable else "serve-read-only", "--location",
                                 str(store), "--bind", f"127.0.0.1:{port}", "--union-default-graph",
                                 "--timeout-s", "5"], stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_until_answers(port, query_path("/query", "ASK {}"), proc, log, "the Oxigraph server")
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# -- memory -------------------------------------------------------------------------------------------
def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def rss_tree(pid: int) -> dict[str, float]:
    """RSS in MB of the process ('server') and of each of its children ('worker <pid>')."""
    out = {"server": rss_mb(pid)}
    for c in sorted(children(pid)):
        out[f"worker {c}"] = rss_mb(c)
    return out


class RssPeak:
    """Samples the total RSS of a process tree every 0.2 s in the background; keeps the peak."""

    def __init__(self, pid: int):
        self.pid, self.peak, self.peak_tree = pid, 0.0, {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            tree = rss_tree(self.pid)
            total = sum(tree.values())
            if total > self.peak:
                self.peak, self.peak_tree = total, tree

    def __enter__(self) -> RssPeak:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(5)
