"""The endpoint is safe by construction: read-only, local, bounded in time, rows, nesting and load.

The lexer is tested on its own; the rest against real `geonews serve` processes: the session
`live_server` (default limits) and a `tight_server` started here with a short timeout, two
workers, a small row cap and limits high enough to let a query crash the query engine.
"""

from __future__ import annotations

import json
import socket
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest

from geonews.pipeline.settings import Settings
from geonews.web.sparql.safety import QueryRejected, check_query, scan

GEONEWS = [sys.executable, "-m", "geonews.cli"]
TIMEOUT = 2.0
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(url: str, data: bytes | None = None, headers: dict | None = None, timeout: float = 30):
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


def get(endpoint: str, query: str, accept: str = "application/sparql-results+json", **params):
    return http(
        f"{endpoint}?{urllib.parse.urlencode({'query': query, **params})}",
        headers={"Accept": accept},
    )


def post(endpoint: str, query: str):
    return http(
        endpoint,
        data=query.encode("utf-8"),
        headers={
            "Content-Type": "application/sparql-query",
            "Accept": "application/sparql-results+json",
        },
    )


# -- the lexer -----------------------------------------------------------------------------------
def test_brackets_in_strings_iris_and_comments_do_not_count():
    query = (
        'SELECT * WHERE { ?s <http://x/(((> "(((" . # ((((\n'
        "?s ?p '''{{{\n[[['''  FILTER(?s < ?p) }"
    )
    assert scan(query).depth == 2


def test_keywords_are_bare_words_only():
    found = scan(
        "PREFIX load: <http://x/> SELECT ?insert "
        'WHERE { ?s load:service "DELETE" ; <http://x/drop> _:add }'
    )
    assert not found.keywords & {"LOAD", "SERVICE", "INSERT", "DELETE", "DROP", "ADD"}


def test_from_graphs_resolve_prefixes_and_base():
    found = scan(
        "BASE <http://b/> PREFIX ex: <http://ex/> SELECT * FROM ex:g FROM NAMED <n> WHERE {}"
    )
    assert found.from_graphs == ["http://ex/g"] and found.from_named_graphs == ["http://b/n"]


@pytest.mark.parametrize(
    "query,reason",
    [
        ("INSERT DATA { <a> <b> <c> }", "read-only"),
        ("LOAD <http://example.org/data.ttl>", "read-only"),
        ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "outbound"),
        ("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", "not in this store"),
        ("SELECT * FROM NAMED <http://example.org/g> WHERE { ?s ?p ?o }", "not in this store"),
        ("SELECT * WHERE " + "{" * 50 + "}" * 50, "nested too deep"),
        ("SELECT * WHERE { FILTER(" + "(" * 50 + "1" + ")" * 50 + ") }", "nested too deep"),
        ("#" * 20_001, "too long"),
    ],
)
def test_check_query_rejects(query, reason):
    settings = Settings()
    with pytest.raises(QueryRejected, match=reason):
        check_query(
            query, settings.max_query_length, settings.max_query_depth, lambda: {"http://ex/g"}
        )


def test_lexer_is_linear_on_hostile_input():
    for hostile in ['"\\' * 10_000, "'''" + "'\\" * 8_000, "<" * 20_000, "(<" * 10_000]:
        start = time.perf_counter()
        scan(hostile)
        assert time.perf_counter() - start < 0.5


# -- on the session server (default limits) -----------------------------------------------------
@pytest.mark.slow
@pytest.mark.parametrize(
    "query,status,words",
    [
        (
            "SELECT * WHERE { " + "{" * 41 + "}" * 41 + " ?s",
            400,
            "nested too deep",
        ),  # and malformed
        ("SELECT * WHERE { ?s ?p " + "#" * 20_000, 400, "too long"),  # and malformed
        ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", 400, "read-only"),
        ("LOAD <http://example.org/x.ttl>", 400, "read-only"),
        ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", 400, "outbound"),
        ("ASK FROM <http://example.org/not-here> { ?s ?p ?o }", 400, "not in this store"),
    ],
)
def test_rejected_before_parsing(live_server, query, status, words):
    code, headers, body = post(f"{live_server}/sparql", query)
    assert code == status and words in body.decode("utf-8")
    assert "malformed" not in body.decode("utf-8")
    assert headers["Access-Control-Allow-Origin"] == "*"


@pytest.mark.slow
def test_update_forms_are_refused(live_server):
    endpoint = f"{live_server}/sparql"
    assert http(f"{endpoint}?update=CLEAR%20ALL")[0] == 400
    code, _, body = http(
        endpoint,
        data=b"update=CLEAR%20ALL",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert code == 400 and b"read-only" in body
    code, _, body = http(
        endpoint, data=b"CLEAR ALL", headers={"Content-Type": "application/sparql-update"}
    )
    assert code == 415 and b"read-only" in body


@pytest.mark.slow
def test_request_size_limit(live_server):
    body = b"query=" + b"%23" * (Settings().max_request_bytes // 3 + 10)
    code, _, _ = http(
        f"{live_server}/sparql",
        data=body,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert code == 413


# -- on a dedicated server with tight limits ----------------------------------------------------
@pytest.fixture(scope="module")
def tight_server(seed_store, tmp_path_factory, server_process, geonews_serve):
    """`geonews serve` over the seed store: 2 s timeout, 2 workers (one per client), a 1 s queue
    wait, 5 rows, no length/depth cap."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = tmp_path_factory.mktemp("tight-server") / "serve.log"
    env = {
        "GEONEWS_BASE": base,
        "GEONEWS_STORE": str(seed_store[0]),
        "GEONEWS_QUERY_TIMEOUT": str(TIMEOUT),
        "GEONEWS_MAX_CONCURRENT_QUERIES": "2",
        "GEONEWS_QUEUE_TIMEOUT": "1",
        "GEONEWS_MAX_ROWS": "5",
        "GEONEWS_MAX_QUERY_LENGTH": "10000000",
        "GEONEWS_MAX_QUERY_DEPTH": "10000000",
        "GEONEWS_MAX_REQUEST_BYTES": "10000000",
    }
    with server_process(geonews_serve(port), f"{base}/sparql?query=ASK%7B%7D", log, env) as proc:
        yield f"{base}/sparql", seed_store[0], proc


def _wait_until_answering(endpoint: str) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if get(endpoint, "ASK {}")[0] == 200:
            return
        time.sleep(0.1)
    raise AssertionError("server does not answer any more")


@pytest.mark.slow
def test_slow_query_is_stopped_while_others_are_served(loopback, tight_server):
    endpoint, _, _ = tight_server
    base = endpoint.removesuffix("/sparql")
    slow: dict = {}

    def run_slow():
        start = time.monotonic()
        slow["answer"] = get(endpoint, SLOW)
        slow["seconds"] = time.monotonic() - start

    thread = threading.Thread(target=run_slow)
    thread.start()
    time.sleep(0.3)
    fast = []
    while thread.is_alive():
        start = time.monotonic()
        code, _, body = loopback.sparql_get(base, "ASK { ?s ?p ?o }", source="127.0.0.2")
        fast.append((code, time.monotonic() - start))
        time.sleep(0.1)
    thread.join()
    code, _, body = slow["answer"]
    assert code == 504 and b"stopped" in body
    assert TIMEOUT <= slow["seconds"] < TIMEOUT + 2
    assert len(fast) >= 5 and all(c == 200 and s < 1 for c, s in fast), fast
    _wait_until_answering(endpoint)


@pytest.mark.slow
def test_one_client_cannot_take_every_worker(loopback, tight_server):
    """A client holding its share waits (then 503 with Retry-After past the queue limit); another
    client is answered at once meanwhile."""
    endpoint, _, _ = tight_server
    base = endpoint.removesuffix("/sparql")
    _wait_until_answering(endpoint)
    slow: list = []
    thread = threading.Thread(target=lambda: slow.append(get(endpoint, SLOW)[0]))
    thread.start()
    time.sleep(0.5)
    start = time.monotonic()
    code, headers, body = get(endpoint, "ASK {}")
    waited = time.monotonic() - start
    other_start = time.monotonic()
    other = loopback.sparql_get(base, "ASK {}", source="127.0.0.2")
    other_seconds = time.monotonic() - other_start
    thread.join()
    assert code == 503 and int(headers["Retry-After"]) >= 1 and b"try again" in body
    assert 0.9 <= waited < 2, waited
    assert other[0] == 200 and other_seconds < 1
    assert slow == [504]
    _wait_until_answering(endpoint)


@pytest.mark.slow
def test_requests_wait_for_a_worker_instead_of_503(loopback, tight_server):
    """Twelve clients at once on two workers: every one is answered, none is refused."""
    endpoint, _, _ = tight_server
    base = endpoint.removesuffix("/sparql")
    _wait_until_answering(endpoint)
    answers: list = []
    threads = [threading.Thread(target=lambda i=i: answers.append(
        loopback.sparql_get(base, "SELECT * WHERE { ?s ?p ?o } LIMIT 3", source=f"127.0.1.{i}")[0]))
        for i in range(1, 13)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert answers == [200] * 12


@pytest.mark.slow
@pytest.mark.parametrize("accept", ["application/sparql-results+json", "text/csv"])
def test_row_cap_is_signalled(tight_server, accept):
    endpoint, store_path, _ = tight_server
    total = len(ox.Store.read_only(str(store_path)))
    assert total > 5
    code, headers, body = get(endpoint, "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", accept=accept)
    assert code == 200
    assert headers["Geonews-Results-Truncated"] == "true" and headers["Geonews-Max-Rows"] == "5"
    if accept == "text/csv":
        assert len(body.decode("utf-8").strip().splitlines()) == 1 + 5
    else:
        doc = json.loads(body)
        assert (
            doc["truncated"] is True
            and doc["max_rows"] == 5
            and len(doc["results"]["bindings"]) == 5
        )
    code, headers, body = get(endpoint, "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 3")
    assert headers["Geonews-Results-Truncated"] == "false" and "truncated" not in json.loads(body)


@pytest.mark.slow
def test_row_cap_on_graphs(tight_server):
    endpoint, _, _ = tight_server
    code, headers, body = get(
        endpoint, "CONSTRUCT WHERE { ?s ?p ?o }", accept="application/n-triples"
    )
    assert code == 200 and headers["Geonews-Results-Truncated"] == "true"
    assert len(body.decode("utf-8").strip().splitlines()) == 5


@pytest.mark.slow
def test_server_survives_a_crashing_query(tight_server):
    """Deep nesting aborts the embedded engine (depth cap lifted here): only a worker dies."""
    endpoint, _, _ = tight_server
    _wait_until_answering(endpoint)
    code, _, body = post(endpoint, "SELECT * WHERE {" + "{" * 200_000 + "}" * 200_000 + "}")
    assert code == 500 and b"crashed" in body
    _wait_until_answering(endpoint)
    assert get(endpoint, "ASK { ?s ?p ?o }")[0] == 200


def worker_pids(proc) -> set[int]:
    """The query worker processes of a `geonews serve` process (its children, from /proc)."""
    pids: set[int] = set()
    for task in (Path("/proc") / str(proc.pid) / "task").iterdir():
        pids |= {int(p) for p in (task / "children").read_text().split()}
    return pids


@pytest.mark.slow
@pytest.mark.parametrize("params", [
    {"default-graph-uri": "not an iri"},
    {"named-graph-uri": ""},
    {"default-graph-uri": "relative/graph"},
    {"named-graph-uri": "http://x/a b"},
])
def test_bad_protocol_graph_iri_is_400_and_no_worker_dies(tight_server, params):
    endpoint, _, proc = tight_server
    _wait_until_answering(endpoint)
    before = worker_pids(proc)
    for _ in range(4):
        code, _, body = get(endpoint, "ASK {}", **params)
        assert code == 400 and b"not an absolute IRI" in body, body
    assert get(endpoint, "ASK {}")[0] == 200
    assert worker_pids(proc) == before


@pytest.mark.slow
@pytest.mark.parametrize("query", [
    "SELECT * WHERE { BIND(<urn:x> AS ?e) SERVICE ?e { ?s ?p ?o } }",  # engine error
    "SELECT (1/0 AS ?x) (STRDT('x', <urn:bad>) AS ?y) WHERE {}",
    "SELECT * WHERE { ?s ?p ?o } ORDER BY (1/0) LIMIT 2",
    "DESCRIBE <urn:nothing>",
])
def test_queries_that_fail_inside_the_engine_do_not_kill_a_worker(tight_server, query):
    endpoint, _, proc = tight_server
    _wait_until_answering(endpoint)
    before = worker_pids(proc)
    code, _, _ = post(endpoint, query)
    assert code < 500 or code == 500 and get(endpoint, "ASK {}")[0] == 200
    assert worker_pids(proc) == before
