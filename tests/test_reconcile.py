"""/reconcile answers the requests OpenRefine sends (Reconciliation API 0.2): the manifest,
batched form POSTs of `queries`, single queries, type filters, previews; against the session's
real server, with expected entities read from its store."""

from __future__ import annotations

import json
import urllib.parse

import pyoxigraph as ox
import pytest

pytestmark = pytest.mark.slow
GN = "https://w3id.org/geonews/ontology#"
FORM = {"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8",
        "Accept": "application/json, text/javascript, */*; q=0.01"}  # as OpenRefine posts


@pytest.fixture(scope="module")
def store(live_store) -> ox.Store:
    return ox.Store.read_only(str(live_store))


@pytest.fixture(scope="module")
def linked(store) -> list[tuple[str, str]]:
    """(IRI, label) of entities the gazetteer links to Wikidata."""
    rows = store.query("SELECT DISTINCT ?e ?l WHERE { ?e <http://www.w3.org/2002/07/owl#sameAs> ?w ; "
                       "<http://www.w3.org/2000/01/rdf-schema#label> ?l } ORDER BY ?l",
                       use_default_graph_as_union=True)
    return [(r["e"].value, r["l"].value) for r in rows]


def post(loopback, base: str, queries: dict):
    body = urllib.parse.urlencode({"queries": json.dumps(queries)}).encode()
    status, headers, out = loopback.request(f"{base}/reconcile", "POST", body, FORM)
    assert status == 200, out
    assert headers.get_content_type() == "application/json"
    return json.loads(out)


def test_manifest(loopback, live_server):
    status, headers, body = loopback.request(f"{live_server}/reconcile")
    m = json.loads(body)
    assert status == 200 and headers["Access-Control-Allow-Origin"] == "*"
    assert "0.2" in m["versions"] and m["identifierSpace"] == f"{live_server}/id/"
    assert m["schemaSpace"] == GN and {"id": GN + "Actor", "name": "actor"} in m["defaultTypes"]
    assert "{{id}}" in m["view"]["url"] and "{{id}}" in m["preview"]["url"]
    _, headers, body = loopback.request(f"{live_server}/reconcile?callback=jsonp1701")
    assert body.startswith(b"/**/jsonp1701(") and headers.get_content_type() == "application/javascript"
    assert loopback.request(f"{live_server}/reconcile?callback=alert(1)")[0] == 400


def test_batched_queries_put_the_linked_entity_first_for_its_own_label(loopback, live_server, linked):
    sample = linked[:8]
    answer = post(loopback, live_server, {f"q{i}": {"query": label, "limit": 3, "type_strict": "should"}
                                          for i, (_, label) in enumerate(sample)})
    assert sorted(answer) == sorted(f"q{i}" for i in range(len(sample)))
    for i, (iri, label) in enumerate(sample):
        top = answer[f"q{i}"]["result"][0]
        assert f"{live_server}/id/{top['id']}" == iri, label
        assert top["name"] == label and top["score"] == 100 and top["match"] is True
        scores = [c["score"] for c in answer[f"q{i}"]["result"]]
        assert scores == sorted(scores, reverse=True)


def test_type_filter(loopback, live_server, store, linked):
    iri, label = next((i, lb) for i, lb in linked if "/id/state/" in i)
    answer = post(loopback, live_server, {
        "q0": {"query": label, "type": GN + "State", "limit": 10},
        "q1": {"query": label, "type": GN + "Agreement", "limit": 10},
        "q2": {"query": label, "type": GN + "Actor", "limit": 10}})
    assert answer["q0"]["result"] and all(t["id"] == GN + "State" for c in answer["q0"]["result"]
                                          for t in c["type"])
    assert all(GN + "Agreement" in {t["id"] for t in c["type"]} for c in answer["q1"]["result"])
    assert f"{live_server}/id/{answer['q2']['result'][0]['id']}" == iri  # Actor covers State


def test_single_query_forms(loopback, live_server, linked):
    iri, label = linked[0]
    for value in (label, json.dumps({"query": label, "limit": 2})):
        status, _, body = loopback.request(f"{live_server}/reconcile?" + urllib.parse.urlencode({"query": value}))
        assert status == 200 and f"{live_server}/id/{json.loads(body)['result'][0]['id']}" == iri
    status, _, body = loopback.request(f"{live_server}/reconcile?" + urllib.parse.urlencode(
        {"query": "zzzz no such name"}))
    assert json.loads(body) == {"result": []}


@pytest.mark.parametrize("queries", ['{"q0": {"query": ""}}', "[1, 2]", "{not json",
                                     '{"q0": {"query": "x", "limit": "3"}}'])
def test_bad_requests_are_400(loopback, live_server, queries):
    body = urllib.parse.urlencode({"queries": queries}).encode()
    status, _, out = loopback.request(f"{live_server}/reconcile", "POST", body, FORM)
    assert status == 400 and "error" in json.loads(out)


def test_preview_may_be_framed(loopback, live_server, linked):
    iri, label = linked[0]
    key = iri[len(f"{live_server}/id/"):]
    status, headers, body = loopback.request(f"{live_server}/reconcile/preview?id={key}")
    assert status == 200 and label.encode() in body
    assert "frame-ancestors *" in headers["Content-Security-Policy"] and "X-Frame-Options" not in headers
    assert loopback.request(f"{live_server}/reconcile/preview?id=state/no-such-state")[0] == 404
    _, headers, _ = loopback.request(f"{live_server}/")
    assert headers["X-Frame-Options"] == "DENY"
