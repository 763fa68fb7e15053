"""Dumps, VoID, ontology and shapes against `geonews serve`: every dump is downloaded and parsed
and its size compared with counts from the store's SPARQL endpoint."""

from __future__ import annotations

import gzip
import http.client
import json
import shutil
import urllib.parse
import warnings

import pytest
from markupsafe import escape
from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, SH, VOID

from geonews.ontology import GN
from geonews.pipeline.settings import Settings
from geonews.pipeline.store import GraphStore
from geonews.web import create_app

FULL = {"all.ttl": "turtle", "all.trig": "trig", "all.nq": "nquads"}


def fetch(url: str, headers: dict | None = None) -> tuple[int, http.client.HTTPMessage, bytes]:
    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        conn.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""),
                     headers=headers or {})
        resp = conn.getresponse()
        return resp.status, resp.headers, resp.read()
    finally:
        conn.close()


def count(base: str, where: str) -> int:
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}"
    status, _, body = fetch(f"{base}/sparql?" + urllib.parse.urlencode({"query": query}),
                            {"Accept": "application/sparql-results+json"})
    assert status == 200, body[:300]
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def quads(base: str) -> int:
    return count(base, "GRAPH ?g { ?s ?p ?o }")


def parsed_size(data: bytes, fmt: str) -> int:
    if fmt == "turtle":
        return len(Graph().parse(data=data.decode("utf-8"), format="turtle"))
    with warnings.catch_warnings():  # rdflib 7.6's dataset parsers call its deprecated APIs
        warnings.simplefilter("ignore", DeprecationWarning)
        ds = Dataset()
        ds.parse(data=data.decode("utf-8"), format=fmt)
        return sum(1 for _ in ds.quads((None, None, None, None)))


@pytest.fixture(scope="module")
def listing(live_server) -> dict:
    status, headers, body = fetch(f"{live_server}/dumps/", {"Accept": "application/json"})
    assert status == 200 and headers["Content-Type"].startswith("application/json")
    return json.loads(body)


@pytest.mark.parametrize("name", [*FULL, *(f"{n}.gz" for n in FULL)])
def test_every_full_dump_parses_and_matches_the_store(live_server, listing, name):
    assert name in {d["name"] for d in listing["dumps"]}
    status, headers, body = fetch(f"{live_server}/dumps/{name}")
    assert status == 200 and headers["ETag"] and headers["Last-Modified"]
    if name.endswith(".gz"):
        assert headers["Content-Type"] == "application/gzip"
        plain = gzip.decompress(body)
        assert plain == fetch(f"{live_server}/dumps/{name[:-3]}")[2]
        name, body = name[:-3], plain
    expected = (count(live_server, "SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o }")
                if FULL[name] == "turtle" else quads(live_server))
    assert parsed_size(body, FULL[name]) == expected > 0


def test_listing_has_every_article_graph_and_each_dump_matches(live_server, listing):
    status, _, body = fetch(f"{live_server}/sparql?" + urllib.parse.urlencode(
        {"query": f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?g a <{GN.Article}> }} }}"}),
        {"Accept": "application/sparql-results+json"})
    graphs = {b["g"]["value"] for b in json.loads(body)["results"]["bindings"]}
    assert graphs and graphs == {a["iri"] for a in listing["articles"]}
    for a in listing["articles"]:
        status, headers, data = fetch(urllib.parse.urljoin(live_server, a["url"]))
        assert status == 200 and headers["Content-Type"].startswith("text/turtle")
        g = Graph().parse(data=data.decode(), format="turtle")
        assert len(g) == count(live_server, f"GRAPH <{a['iri']}> {{ ?s ?p ?o }}") == a["triples"]
    html = fetch(f"{live_server}/dumps/", {"Accept": "text/html"})[2].decode()
    assert all(a["url"] in html for a in listing["articles"])
    assert fetch(f"{live_server}/dumps/article/0000000000000000.ttl")[0] == 404
    assert fetch(f"{live_server}/dumps/nothing.zip")[0] == 404


@pytest.mark.parametrize("name", ["all.trig", "all.ttl.gz", "article"])
def test_dumps_answer_304_to_conditional_requests(live_server, listing, name):
    url = (urllib.parse.urljoin(live_server, listing["articles"][0]["url"]) if name == "article"
           else f"{live_server}/dumps/{name}")
    _, headers, _ = fetch(url)
    etag, modified = headers["ETag"], headers["Last-Modified"]
    assert fetch(url, {"If-None-Match": etag})[0] == 304
    assert fetch(url, {"If-Modified-Since": modified})[0] == 304
    assert fetch(url, {"If-None-Match": '"stale"'})[0] == 200


def test_etag_changes_when_the_store_changes(store_copy):
    app = create_app(Settings.from_env(store=str(store_copy)))
    client = app.test_client()
    with client.get("/dumps/all.nq") as first:
        etag = first.headers["ETag"]
        before = first.get_data()
    writer = GraphStore(store_copy)
    g = Graph()
    g.add((URIRef("http://example.org/x"), RDFS.label, Literal("x")))
    writer.replace_graph("http://example.org/extra", g)
    writer.flush()
    del writer
    with client.get("/dumps/all.nq", headers={"If-None-Match": etag}) as second:
        assert second.status_code == 200 and second.headers["ETag"] != etag
        assert len(second.get_data().splitlines()) == len(before.splitlines()) + 1
    shutil.rmtree(app.extensions["geonews.dumps"].dir)


def test_void_counts_match_the_store(live_server, listing):
    status, headers, body = fetch(f"{live_server}/.well-known/void")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    g = Graph().parse(data=body.decode(), format="turtle")
    ds = g.value(predicate=RDF.type, object=VOID.Dataset)
    assert ds is not None
    assert int(g.value(ds, VOID.triples)) == quads(live_server)
    assert str(g.value(ds, VOID.sparqlEndpoint)) == f"{live_server}/sparql"
    assert str(g.value(ds, VOID.uriSpace)) == f"{live_server}/id/"
    assert g.value(ds, URIRef("http://purl.org/dc/terms/license")) is not None
    assert str(g.value(ds, URIRef("http://purl.org/dc/terms/title")))
    dumps = {str(o) for o in g.objects(ds, VOID.dataDump)}
    assert {f"{live_server}{d['url']}" for d in listing["dumps"]} <= dumps
    assert {f"{live_server}{a['url']}" for a in listing["articles"]} <= dumps
    assert URIRef(str(GN)) in set(g.objects(ds, VOID.vocabulary))
    entities = count(live_server, f"SELECT DISTINCT ?s WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), "
                                  f"'{live_server}/id/')) }}")
    assert int(g.value(ds, VOID.entities)) == entities
    parts = {g.value(p, VOID["class"]): int(g.value(p, VOID.entities))
             for p in g.objects(ds, VOID.classPartition)}
    states = count(live_server, f"SELECT DISTINCT ?s WHERE {{ ?s a <{GN.State}> }}")
    assert parts[GN.State] == states
    props = {g.value(p, VOID.property): int(g.value(p, VOID.triples))
             for p in g.objects(ds, VOID.propertyPartition)}
    assert sum(props.values()) == int(g.value(ds, VOID.triples))
    assert props[RDFS.label] == count(live_server, f"GRAPH ?g {{ ?s <{RDFS.label}> ?o }}")
    html = fetch(f"{live_server}/.well-known/void", {"Accept": "text/html"})[2].decode()
    assert str(quads(live_server)) in html


@pytest.mark.parametrize("path,kind", [("/ontology", "ontology"), ("/shapes", "shapes")])
def test_ontology_and_shapes_as_turtle_and_html(live_server, path, kind):
    status, headers, body = fetch(live_server + path, {"Accept": "text/turtle"})
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    assert "Accept" in headers["Vary"]
    g = Graph().parse(data=body.decode(), format="turtle")
    assert len(g) > 0
    status, headers, html = fetch(live_server + path, {"Accept": "text/html,*/*;q=0.8"})
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    page = html.decode()
    if kind == "ontology":
        classes = {c for c in g.subjects(RDF.type, OWL.Class) if str(c).startswith(str(GN))}
        for c in classes:
            assert f"geonews:{str(c)[len(str(GN)):]}" in page
            for label in g.objects(c, RDFS.label):
                assert str(label) in page
    else:
        for message in g.objects(None, SH.message):
            assert str(escape(str(message))) in page
