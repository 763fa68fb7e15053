"""Hardening, outbound requests (SSRF).

Each test is named after a weakness of the security review and would fail on it. Servers are real
`geonews serve` processes on loopback; "other clients" connect from other loopback addresses
(127.0.0.2, ...), which is how the per-client limits tell clients apart.
"""

from __future__ import annotations

import json
import time
import urllib.parse

import pytest

from geonews.web.sparql.pool import Job, WorkerPool

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
def test_no_query_spelling_makes_an_outbound_request(loopback, live_server, canary, template, method):
    target, hits = canary
    query = template.replace("{c}", target)
    before = len(hits)
    send = loopback.sparql_get if method == "GET" else loopback.sparql_post
    code, _, body = send(live_server, query)
    _assert_nothing_fetched(hits, before)
    if template in SERVICE_PROBES:
        assert code == 400 and b"outbound" in body, body
    else:
        assert code == 400 or 200 <= code < 300, (code, body)


@pytest.mark.slow
def test_relative_service_iri_is_not_steered_by_the_host_header(loopback, live_server, canary):
    target, hits = canary
    before = len(hits)
    host = urllib.parse.urlsplit(target).netloc
    code, _, body = loopback.sparql_get(live_server, "SELECT * WHERE { SERVICE <x> { ?s ?p ?o } }",
                               headers={"Host": host})
    _assert_nothing_fetched(hits, before)
    assert code == 400
    code, _, body = loopback.sparql_get(live_server, 'SELECT (IRI("") AS ?x) WHERE {}',
                               headers={"Host": host})
    assert code == 200
    value = json.loads(body)["results"]["bindings"][0]["x"]["value"]
    assert value.startswith(live_server) and host not in value


@pytest.mark.slow
@pytest.mark.parametrize("param", ["default-graph-uri", "named-graph-uri"])
def test_protocol_graph_parameters_fetch_nothing(loopback, live_server, canary, param):
    target, hits = canary
    before = len(hits)
    code, _, body = loopback.sparql_get(live_server, "ASK { ?s ?p ?o }", **{param: f"{target}/g"})
    _assert_nothing_fetched(hits, before)
    assert code == 200 and json.loads(body)["boolean"] is False


@pytest.mark.slow
def test_update_forms_with_load_fetch_nothing(loopback, live_server, canary):
    target, hits = canary
    before = len(hits)
    load = f"LOAD <{target}/data.ttl>"
    answers = [
        loopback.request(f"{live_server}/sparql?{urllib.parse.urlencode({'update': load})}")[0],
        loopback.request(f"{live_server}/sparql", "POST", urllib.parse.urlencode({"update": load}).encode(),
                {"Content-Type": "application/x-www-form-urlencoded"})[0],
        loopback.request(f"{live_server}/sparql", "POST", load.encode(),
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

