"""Benchmarks 5-6: `geonews serve` over the benchmark store against the same work done in-process.

All traffic goes to 127.0.0.1 (proxies are bypassed); every loop is bounded in count and time.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
from measure import BenchmarkFailed, Result, interleaved, median, p95, samples

from geonews.pipeline.store import GraphStore
from geonews.web.statements import describe_entity

_P = """PREFIX geonews: <https://w3id.org/geonews/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
"""
QUERIES = {
    "facts per relation": _P + """SELECT ?p (COUNT(*) AS ?n) WHERE {
  ?claim a geonews:Claim ; rdf:predicate ?p .
} GROUP BY ?p ORDER BY DESC(?n)""",
    "who supports whom, with labels": _P + """SELECT ?a ?b ?evidence WHERE {
  ?claim rdf:predicate geonews:supports ; rdf:subject ?s ; rdf:object ?o ; geonews:evidence ?evidence .
  ?s rdfs:label ?a . ?o rdfs:label ?b .
}""",
    "an entity's description": "SELECT ?p ?o WHERE { <$IRI> ?p ?o }",
}
SIMPLE = _P + "SELECT (COUNT(*) AS ?n) WHERE { ?a a geonews:Article }"
JSON = "application/sparql-results+json"
TURKEY_QID = "http://www.wikidata.org/entity/Q43"
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback only, never a proxy


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, accept: str = "*/*", timeout: float = 30.0) -> tuple[int, int]:
    """(status, body bytes) of a GET to the local server, the body read to the end."""
    if not url.startswith("http://127.0.0.1:"):
        raise ValueError(f"benchmarks only talk to 127.0.0.1, not {url}")
    req = urllib.request.Request(url, headers={"Accept": accept})
    try:
        with _OPENER.open(req, timeout=timeout) as resp:
            size = 0
            while chunk := resp.read(1 << 16):
                size += len(chunk)
            return resp.status, size
    except urllib.error.HTTPError as exc:
        return exc.code, len(exc.read())


def children(pid: int) -> list[int]:
    """The pids whose parent is `pid` (from /proc)."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


@contextmanager
def server(store: Path, base: str, port: int, log: Path, tmp: Path) -> Iterator[subprocess.Popen]:
    """`geonews serve` on `port`, as tests/conftest.py starts it; stopped (with its workers) at the end."""
    env = {**os.environ, "GEONEWS_BASE": base, "GEONEWS_STORE": str(store), "TMPDIR": str(tmp)}
    with open(log, "w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "geonews.cli", "serve", "--port", str(port)],
                                env=env, stdout=out, stderr=subprocess.STDOUT)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if get(f"{base}/sparql?query=ASK%7B%7D", timeout=5)[0] == 200:
                    break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise BenchmarkFailed(f"geonews serve did not start on port {port}:\n{log.read_text()[-2000:]}")
            time.sleep(0.2)
        workers = children(proc.pid)
        yield proc
    finally:
        workers += [c for c in children(proc.pid) if c not in workers]
        proc.send_signal(signal.SIGINT)  # waitress exits cleanly and runs atexit (worker pool, dump cache)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        for pid in workers:  # workers exit when their pipe closes; make sure of it
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def _sparql_url(base: str, query: str) -> str:
    return f"{base}/sparql?" + urllib.parse.urlencode({"query": query})


def _expect_ok(url: str, accept: str) -> None:
    status, _ = get(url, accept)
    if status != 200:
        raise BenchmarkFailed(f"GET {url[:120]} answered {status}")


def sparql_results(base: str, store_path: Path, entity: str, count: int, budget_s: float) -> list[Result]:
    """Median and p95 latency of each query over HTTP against the same query in-process."""
    local = ox.Store.read_only(str(store_path))
    rows = []
    for name, text in QUERIES.items():
        query = text.replace("$IRI", entity)
        url = _sparql_url(base, query)
        _expect_ok(url, JSON)

        def in_process(query=query) -> None:
            local.query(query, use_default_graph_as_union=True).serialize(format=ox.QueryResultsFormat.JSON)

        http, bound = interleaved([lambda url=url: get(url, JSON), in_process], count, budget_s / len(QUERIES),
                                  warmup=3)
        note = f"{len(http)} requests, JSON results, interleaved with the bound"
        rows.append(Result(f"SPARQL over HTTP: {name}, median", median(http) * 1e3, "ms", median(bound) * 1e3,
                           "in-process pyoxigraph", note))
        rows.append(Result(f"SPARQL over HTTP: {name}, p95", p95(http) * 1e3, "ms", p95(bound) * 1e3,
                           "in-process pyoxigraph", note))
    return rows


def throughput_result(base: str, store_path: Path, seconds: float, threads: int = 4) -> Result:
    """Requests/s of a simple query from `threads` client threads, against single-thread in-process queries/s."""
    url = _sparql_url(base, SIMPLE)
    _expect_ok(url, JSON)
    max_per_thread = 20_000
    counts = [[0, 0] for _ in range(threads)]  # ok, other

    def client(slot: list[int], deadline: float) -> None:
        for _ in range(max_per_thread):
            if time.monotonic() >= deadline:
                return
            try:
                ok = get(url, JSON, timeout=10)[0] == 200
            except OSError:
                ok = False
            slot[0 if ok else 1] += 1

    deadline = time.monotonic() + seconds
    workers = [threading.Thread(target=client, args=(counts[i], deadline), daemon=True) for i in range(threads)]
    t = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join(seconds + 30)
    elapsed = time.perf_counter() - t
    ok, other = sum(c[0] for c in counts), sum(c[1] for c in counts)
    local = ox.Store.read_only(str(store_path))
    bound = samples(lambda: local.query(SIMPLE, use_default_graph_as_union=True).serialize(
        format=ox.QueryResultsFormat.JSON), 20_000, min(seconds, 2.0), warmup=3)
    return Result(f"SPARQL over HTTP, {threads} client threads", ok / elapsed, "req/s", 1 / median(bound),
                  "in-process, 1 thread", f"{ok} answered 200 in {elapsed:.1f} s, {other} not")


def entity_path(store_path: Path, base: str) -> tuple[str, str]:
    """The IRI of Turkey (Wikidata Q43) in the store, and its /doc/ path."""
    local = ox.Store.read_only(str(store_path))
    rows = list(local.query(f"SELECT ?e WHERE {{ ?e <http://www.w3.org/2002/07/owl#sameAs> <{TURKEY_QID}> }}",
                            use_default_graph_as_union=True))
    if not rows:
        raise BenchmarkFailed("the benchmark store has no entity for Turkey (Q43)")
    iri = rows[0]["e"].value
    return iri, iri.replace(f"{base}/id/", "/doc/", 1)


def page_results(base: str, store_path: Path, iri: str, path: str, count: int, budget_s: float) -> list[Result]:
    """GET of the entity page (HTML, Turtle) against describe() in-process, and the TriG dump."""
    rows = []
    status, _ = get(f"{base}/doc/state/turkey", "text/html")
    alias_note = f"/doc/state/turkey answers {status}; measured {path}" if path != "/doc/state/turkey" else ""
    gs = GraphStore(store_path, read_only=True)
    for accept in ("text/html", "text/turtle"):
        _expect_ok(base + path, accept)
    html, turtle, bound = interleaved([lambda: get(base + path, "text/html"), lambda: get(base + path, "text/turtle"),
                                       lambda: describe_entity(gs, iri, {}, 1, None, None)], count, budget_s / 2,
                                      warmup=2)
    for label, http in (("HTML", html), ("Turtle", turtle)):
        note = f"GET {path}, {len(http)} requests" + (f"; {alias_note}" if alias_note else "")
        rows.append(Result(f"entity page {label}, median", median(http) * 1e3, "ms", median(bound) * 1e3,
                           "describe_entity() in-process", note))
    dump_url = f"{base}/dumps/all.trig"
    t = time.perf_counter()
    status, size = get(dump_url, "application/trig", timeout=120)
    first = time.perf_counter() - t
    if status != 200:
        raise BenchmarkFailed(f"GET {dump_url} answered {status}")
    cached = samples(lambda: get(dump_url, "application/trig", timeout=120), 5, budget_s / 4, warmup=0)
    out = store_path.parent / "bound.trig"

    def dump() -> None:  # what the server's dump cache does, minus HTTP
        with open(out, "wb") as f:
            gs.dump(f, "trig")

    raw = samples(dump, 3, budget_s / 4, warmup=1)
    out.unlink(missing_ok=True)
    note = f"{size / 1e6:.1f} MB"
    rows.append(Result("/dumps/all.trig, first request", first * 1e3, "ms", median(raw) * 1e3,
                       "GraphStore.dump(trig) in-process", note + ", written to the dump cache"))
    rows.append(Result("/dumps/all.trig, cached", median(cached) * 1e3, "ms", median(raw) * 1e3,
                       "GraphStore.dump(trig) in-process", note + f", median of {len(cached)}"))
    return rows

