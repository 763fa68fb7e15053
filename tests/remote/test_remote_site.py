"""`geonews serve --store URL`: the whole site over the Oxigraph server and over Virtuoso answers
as the same site over the embedded store (fixtures and the sequence: conftest.py).

SPARQL goes through SPARQLWrapper; pages and dumps through plain HTTP. The last test ingests
one more article, so it must stay last (this module runs after the others of the folder).
"""

from __future__ import annotations

import json
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import VOID
from SPARQLWrapper import JSON, TURTLE, SPARQLWrapper

pytestmark = pytest.mark.slow
LATER = Path(__file__).parent.parent / "data" / "devset" / "texts" / "06_brussels_agreement_2013.txt"
NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))
PROLOGUE = ("PREFIX geonews: <https://w3id.org/geonews/ontology#>\n"
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n")
SELECTS = [
    "SELECT (COUNT(?c) AS ?n) WHERE { ?c a geonews:Claim }",
    "SELECT ?a ?b WHERE { ?x geonews:partyTo ?y . ?x rdfs:label ?a . ?y rdfs:label ?b } ORDER BY ?a ?b",
    "SELECT ?label (COUNT(?c) AS ?claims) WHERE { ?c a geonews:Claim ; "
    "<http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> ?s . ?s rdfs:label ?label } GROUP BY ?label ORDER BY ?label",
    "SELECT ?g WHERE { GRAPH ?g { ?g a geonews:Article } } ORDER BY ?g",
]


def get(url: str, accept: str = "*/*"):
    """(status, headers (case-insensitive), body) of a GET."""
    req = urllib.request.Request(url, headers={"Accept": accept})
    try:
        with NO_PROXY.open(req, timeout=60) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, exc.headers, exc.read()


def select(site: str, query: str) -> list[dict]:
    sw = SPARQLWrapper(f"{site}/sparql", returnFormat=JSON)
    sw.setQuery(PROLOGUE + query)
    return sw.queryAndConvert()["results"]["bindings"]


@pytest.mark.parametrize("query", SELECTS)
def test_sparql_selects_answer_as_over_the_embedded_store(site, embedded_site, query):
    mine, theirs = (select(url, query) for url in (site, embedded_site))
    assert mine == theirs and mine, query


#: Data inlined with VALUES in a UNION branch and in an OPTIONAL, as the protocol checker sends it:
#: Virtuoso drops the first block's rows, and answers the second's IRIs as strings (under ORDER BY)
#: and "5"^^xsd:decimal as an integer, unless geonews rewrites the query (`virtuoso_text`).
INLINE_DATA = (
    "PREFIX ex: <http://example.org/>\nPREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n"
    "SELECT * WHERE { { { VALUES (?s ?p ?o) { (ex:s1 ex:p1 ex:s2) (ex:s2 ex:p2 \"VALUES ?x { 1 }\") "
    "(ex:s4 ex:p4 4) (ex:s5 ex:p5 \"5\"^^xsd:decimal) (ex:s7 ex:p7 UNDEF) } } "
    "UNION { BIND(ex:s6 AS ?s) BIND(ex:p6 AS ?p) } } "
    "OPTIONAL { VALUES (?o ?p2 ?o2) { (ex:s2 ex:p2 \"foo\") (4 UNDEF ex:o4) } } } ORDER BY ?s ?p ?o ?p2 ?o2")


def test_values_in_union_and_optional_answer_as_over_the_embedded_store(site, embedded_site):
    mine, theirs = (select(url, INLINE_DATA) for url in (site, embedded_site))
    assert len(theirs) == 8 and {"type": "uri", "value": "http://example.org/p2"} in [r.get("p2") for r in theirs]
    assert mine == theirs


def test_sparql_ask_and_construct_through_sparqlwrapper(site, embedded_site):
    for ask, expected in (("ASK { ?s a geonews:State }", True), ("ASK { ?s a geonews:Nothing }", False)):
        sw = SPARQLWrapper(f"{site}/sparql")
        sw.setQuery(PROLOGUE + ask)
        sw.setReturnFormat(JSON)
        assert sw.queryAndConvert()["boolean"] is expected
    graphs = []
    for url in (site, embedded_site):
        sw = SPARQLWrapper(f"{url}/sparql")
        sw.setQuery(PROLOGUE + "CONSTRUCT { ?s ?p ?o } WHERE { ?s a geonews:State ; ?p ?o }")
        sw.setReturnFormat(TURTLE)
        graphs.append(Graph().parse(data=sw.queryAndConvert(), format="turtle"))
    assert len(graphs[0]) > 10 and isomorphic(*graphs)


def test_an_entity_page_is_the_embedded_sites(site, embedded_site, canon):
    code, headers, html = get(f"{site}/doc/state/turkey", "text/html")
    assert code == 200 and headers["Content-Type"].startswith("text/html")
    assert b"Turkey" in html and b"Idlib" in html  # the label and an evidence sentence
    mine, theirs = (get(f"{url}/doc/state/turkey.nt")[2] for url in (site, embedded_site))
    graph = "http://example.org/doc"  # the document's triples, as one graph for the comparison
    as_quads = [b"".join(line.rstrip(b" .") + f" <{graph}> .\n".encode() for line in doc.splitlines() if line)
                for doc in (mine, theirs)]
    assert canon(as_quads[0], True) == canon(as_quads[1], True) and mine
    assert get(f"{site}/id/state/turkey")[0] == 200  # urllib follows the 303 to the document


def test_search_and_home_page(site, embedded_site):
    mine, theirs = (json.loads(get(f"{url}/search.json?q=turk")[2]) for url in (site, embedded_site))
    assert mine == theirs and mine["results"]
    code, _, html = get(f"{site}/", "text/html")
    assert code == 200 and b"State" in html


def test_dump_all_nq_is_the_embedded_stores_dataset(site, embedded_export, remote, canon):
    code, headers, body = get(f"{site}/dumps/all.nq")
    assert code == 200 and headers["Content-Type"].startswith("application/n-quads")
    assert canon(body, remote.literals) == canon(embedded_export, remote.literals)
    assert get(f"{site}/dumps/all.nq")[1]["ETag"] == headers["ETag"] is not None  # one file per version


def test_dump_listing_void_and_service_description_match(site, embedded_site):
    mine, theirs = (json.loads(get(f"{url}/dumps/index.json")[2]) for url in (site, embedded_site))
    assert mine == theirs and len(mine["articles"]) == 3
    voids = [Graph().parse(data=get(f"{url}/.well-known/void", "text/turtle")[2], format="turtle")
             for url in (site, embedded_site)]
    dataset = URIRef("http://news.example.org/.well-known/void#dataset")
    counts = [(g.value(dataset, VOID.triples), g.value(dataset, VOID.entities)) for g in voids]
    assert counts[0] == counts[1] and int(counts[0][0]) > 500
    sds = [Graph().parse(data=get(f"{url}/sparql", "text/turtle")[2], format="turtle") for url in (site, embedded_site)]
    names = [sorted(str(o) for o in g.objects(None, URIRef("http://www.w3.org/ns/sparql-service-description#name")))
             for g in sds]
    assert names[0] == names[1] and "http://news.example.org/graph/entities" in names[0]


def test_an_article_dump_and_the_ontology_page(site, embedded_site):
    key = json.loads(get(f"{site}/dumps/index.json")[2])["articles"][0]["key"]
    mine, theirs = (Graph().parse(data=get(f"{url}/dumps/article/{key}.ttl")[2], format="turtle")
                    for url in (site, embedded_site))
    assert len(mine) > 20 and isomorphic(mine, theirs)
    assert get(f"{site}/ontology", "text/html")[0] == get(f"{site}/shapes", "text/turtle")[0] == 200


@pytest.mark.parametrize("path", ["/facts.json", "/facts.json?relation=partyTo", "/network.json",
                                  "/timeline.json?agreement=/id/agreement/ethiopiatigray-peace-agreement",
                                  "/network.json?entity=/id/state/turkey", "/facts.csv",
                                  "/reconcile?queries=" + urllib.parse.quote('{"q0": {"query": "Turkey"}}')])
def test_the_workbench_pages_answer_as_over_the_embedded_store(site, embedded_site, path):
    """Facts tables, pictures and reconciliation read through the same StoreHandle.query."""
    (code, headers, mine), (_, _, theirs) = (get(f"{url}{path}") for url in (site, embedded_site))
    assert code == 200, mine
    if headers.get_content_type() == "application/json":
        mine, theirs = json.loads(mine), json.loads(theirs)
    assert mine == theirs and mine


def test_another_writer_is_seen_without_a_restart(site, remote, cli):
    """No state of its own: an ingest by another process changes the version marker, which the
    site reads again after `store_version_ttl` (0.5 s here), so caches and listings follow."""
    etag = get(f"{site}/dumps/all.nq")[1]["ETag"]
    proc = cli("ingest", str(LATER), env={"GEONEWS_BASE": "http://news.example.org",
                                          "GEONEWS_STORE": remote.store, "GEONEWS_STORE_PAGE_ROWS": "100"})
    assert proc.returncode == 0, proc.stderr
    deadline = time.monotonic() + 10
    while True:
        articles = json.loads(get(f"{site}/dumps/index.json")[2])["articles"]
        if len(articles) == 4 or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert len(articles) == 4 and "Brussels" in " ".join(a["title"] for a in articles)
    assert get(f"{site}/dumps/all.nq")[1]["ETag"] != etag
