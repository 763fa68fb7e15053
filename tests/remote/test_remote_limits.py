"""The Security guarantees of `geonews serve` over a SPARQL server (fixtures: conftest.py).

Both servers can reach the network on their own (Oxigraph federates SERVICE, Virtuoso's
bif:http_get fetches any URL), which the control tests show by asking them directly; through
geonews, nothing reaches them. Timeouts stop the client side and the server's own query; row
caps are flagged, also when the server itself cut the answer (Virtuoso's ResultSetMaxRows is
1,000 in the tests, below the site's max_rows of 5,000).
"""

from __future__ import annotations

import json
import subprocess
import threading
import time
import urllib.parse

import pytest

from geonews.pipeline.store import RemoteStore
from geonews.pipeline.store.http import ServerTimedOut

pytestmark = pytest.mark.slow
#: A query that runs for minutes on each server (Virtuoso refuses a three-way cross join up front
#: by its cost estimate, so it gets a two-way join over its own 2,479-triple graph and a regex).
HEAVY = {"oxigraph": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
         "virtuoso": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <http://www.openlinksw.com/schemas/virtrdf#> "
                     "{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } FILTER(REGEX(CONCAT(STR(?c), STR(?f), STR(?i)), 'x{5}y')) }"}
REFUSED = [  # (query, what the 400 says)
    "SELECT * WHERE { SERVICE <{c}/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICESILENT<{c}/sparql>{ ?s ?p ?o } }",
    "SELECT * WHERE { VALUES ?e { <{c}/sparql> } SERVICE ?e { ?s ?p ?o } }",
    "SELECT (bif:http_get('{c}/x') AS ?x) WHERE { }",
    "SELECT (<bif:http_get>('{c}/x') AS ?x) WHERE { }",
    "PREFIX b: <bif:> SELECT ?x WHERE { BIND(b:http_get('{c}/x') AS ?x) }",
    "SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s bif:http_get('{c}/x')",
    "DEFINE input:grab-all 'yes' SELECT * WHERE { <{c}/x> ?p ?o }",
    "SELECT * FROM <{c}/g> WHERE { ?s ?p ?o }",
]
#: What each server does with the network when asked directly (the reason for the checks).
DIRECT = {"oxigraph": "SELECT * WHERE { SERVICE <{c}/sparql> { ?s ?p ?o } }",
          "virtuoso": "SELECT (bif:http_get('{c}/x') AS ?x) WHERE { }"}


def test_the_servers_themselves_would_make_outbound_requests(remote, canary, direct):
    target, hits = canary
    before = len(hits)
    try:
        direct(remote.store, DIRECT[remote.kind].replace("{c}", target))
    except (OSError, ValueError):
        pass  # the server answers an error once the canary has hung up; the visit is what counts
    time.sleep(0.2)
    assert len(hits) > before, f"{remote.kind} did not contact the canary: the control is broken"


@pytest.mark.parametrize("template", REFUSED)
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_nothing_reaches_the_server_that_could_call_out(site, loopback, canary, template, method):
    target, hits = canary
    before = len(hits)
    send = loopback.sparql_get if method == "GET" else loopback.sparql_post
    code, _, body = send(site, template.replace("{c}", target))
    time.sleep(0.05)
    assert hits[before:] == [], f"the canary was contacted: {hits[before:]}"
    assert code == 400, body
    assert any(word in body for word in (b"outbound", b"not accepted", b"not in this store")), body


def test_standard_functions_and_casts_still_work(site, loopback):
    query = ("PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> SELECT (xsd:integer('7') + STRLEN('ab') AS ?x) "
             "WHERE { }")
    code, _, body = loopback.sparql_get(site, query)
    assert code == 200 and json.loads(body)["results"]["bindings"][0]["x"]["value"] == "9"


def test_length_depth_and_update_are_refused_before_the_server(site, loopback):
    assert loopback.sparql_get(site, "ASK { " + "#" * 20_001 + "\n }")[0] == 400
    code, _, body = loopback.sparql_get(site, "ASK " + "{ " * 50 + "}" * 50)
    assert code == 400 and b"nested too deep" in body
    code, _, body = loopback.request(f"{site}/sparql", "POST", b"update=DROP+ALL",
                                     {"Content-Type": "application/x-www-form-urlencoded"})
    assert code == 400 and b"read-only" in body


def test_heavy_queries_time_out_and_leave_another_client_answered(site, remote, loopback):
    """Three queries from one client hold three of the four slots; at the 3 s query timeout each
    is cut (504) while another client's ASK is answered at once."""
    answers: list[tuple[int, float]] = []

    def heavy():
        start = time.monotonic()
        code = loopback.sparql_get(site, HEAVY[remote.kind], source="127.0.0.2")[0]
        answers.append((code, time.monotonic() - start))

    threads = [threading.Thread(target=heavy) for _ in range(3)]
    for t in threads:
        t.start()
    time.sleep(0.5)
    start = time.monotonic()
    code, _, body = loopback.sparql_get(site, "ASK { }", source="127.0.0.1")
    assert code == 200 and json.loads(body)["boolean"] is True and time.monotonic() - start < 2
    for t in threads:
        t.join()
    assert [c for c, _ in answers] == [504] * 3, answers
    assert all(seconds < 6 for _, seconds in answers), answers


def test_a_servers_own_timeout_is_an_error_never_an_answer(remote):
    """Oxigraph cancels at its --timeout-s (5 s here) in the middle of an answer it has begun;
    Virtuoso, given `timeout=1000`, sends partial results marked only by X-SQL-State: S1TAT, or
    (a query it cannot cut into partial results) an HTTP 500 with SQL state S1T00."""
    start = time.monotonic()
    with RemoteStore(remote.store, read_only=True) as store, pytest.raises(ServerTimedOut) as err:
        with store.open_query(HEAVY[remote.kind], timeout=30, server_timeout=1) as answer:
            list(answer.value)
    assert time.monotonic() - start < 15
    assert ("time limit" if remote.kind == "virtuoso" else "cancelled") in str(err.value)


def test_the_row_cap_is_flagged_also_when_the_server_cut_the_answer(site, remote, loopback):
    code, headers, body = loopback.sparql_get(site, "SELECT * WHERE { ?s ?p ?o }",
                                              accept="application/sparql-results+json")
    doc = json.loads(body)
    rows = len(doc["results"]["bindings"])
    assert code == 200 and headers["Geonews-Results-Truncated"] == "true" and doc["truncated"] is True
    # Oxigraph: the site's own cap (200); Virtuoso: its ResultSetMaxRows (1,000), said by its header
    assert rows == {"oxigraph": 200, "virtuoso": 1000}[remote.kind], rows
    small = loopback.sparql_get(site, "SELECT * WHERE { ?s ?p ?o } LIMIT 5")
    assert small[1]["Geonews-Results-Truncated"] == "false"
    code, headers, body = loopback.sparql_get(site, "CONSTRUCT WHERE { ?s ?p ?o }", accept="application/n-triples")
    triples = len(body.splitlines())
    # Virtuoso cuts CONSTRUCT answers at its cap plus one without a sign; the site found the cap
    # when it started (a SELECT of generated rows) and flags answers that long
    assert code == 200 and headers["Geonews-Results-Truncated"] == "true"
    assert triples == {"oxigraph": 200, "virtuoso": 1001}[remote.kind], triples


def test_relative_iris_resolve_against_the_configured_base(site, loopback):
    query = urllib.parse.quote("SELECT ?x WHERE { VALUES ?x { <doc> } }")
    code, _, body = loopback.request(f"{site}/sparql?query={query}", headers={
        "Accept": "application/sparql-results+json", "Host": "evil.example"})
    assert code == 200
    assert json.loads(body)["results"]["bindings"][0]["x"]["value"] == "http://news.example.org/doc"


def test_serve_exits_2_naming_a_server_it_cannot_reach(geonews_serve, sparql_servers):
    dead, port = sparql_servers.free_ports(2)
    proc = subprocess.run([*geonews_serve(port), "--store", f"http://127.0.0.1:{dead}/sparql"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert f"cannot reach the SPARQL server at http://127.0.0.1:{dead}/sparql" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_the_html_editor_runs_the_same_checks(site, loopback, canary):
    target, hits = canary
    before = len(hits)
    code, _, body = loopback.sparql_get(site, f"SELECT (bif:http_get('{target}/x') AS ?x) WHERE {{ }}",
                                        accept="text/html")
    time.sleep(0.05)
    assert hits[before:] == [] and b"is not accepted" in body, (code, body[:300])
