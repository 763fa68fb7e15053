"""HTML pages and search, on a small hand-built store (create_app + test client) and on the live
server; expectations come from the store, not from the code under test."""

from __future__ import annotations

import json
import re
import urllib.parse
import urllib.request
from decimal import Decimal

import pytest
from markupsafe import escape
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS

from geonews.ontology import GN, load_ontology
from geonews.pipeline.settings import Settings
from geonews.pipeline.store import GraphStore
from geonews.web import create_app

BASE = "http://geonews.test"
SCRIPT = "<script>alert(1)</script>"
EVIDENCE = f"The {SCRIPT} Brigade is backed by Testland, officials said."
CLASS_COUNTS = ("SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c FILTER(STRSTARTS(STR(?c), "
                "'https://w3id.org/geonews/ontology#')) } GROUP BY ?c")
REPORT = "opposes(Jane Roe, Testland): the object must be an <Actor>"


def build_store(path, base: str = BASE) -> dict:
    """An article with one claim whose subject's label contains <script>; returns its IRIs."""
    iri = {k: URIRef(f"{base}/id/{k}") for k in (
        "state/testland", "armed-group/script-brigade", "official/jane-roe",
        "article/00aa11bb22cc33dd", "claim/0123456789abcdef")}
    land, brigade = iri["state/testland"], iri["armed-group/script-brigade"]
    jane = iri["official/jane-roe"]
    art, claim = iri["article/00aa11bb22cc33dd"], iri["claim/0123456789abcdef"]
    ents = Graph()
    for node, cls, label in ((land, GN.State, "Testland"), (jane, GN.Official, "Jane Roe"),
                             (brigade, GN.ArmedGroup, f"{SCRIPT} Brigade")):
        ents.add((node, RDF.type, cls))
        ents.add((node, RDFS.label, Literal(label, lang="en")))
    ents.add((land, SKOS.altLabel, Literal("Republic of Testland", lang="en")))
    ents.add((land, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q4115189")))
    g = Graph()
    g.add((art, RDF.type, GN.Article))
    g.add((art, DCTERMS.title, Literal("Testland <b>backs</b> a brigade", lang="en")))
    g.add((art, DCTERMS.source, URIRef("javascript:alert(2)")))
    for node in (land, brigade, jane):
        g.add((art, GN.mentions, node))
    g.add((land, GN.supports, brigade))
    for p, o in ((RDF.type, GN.Claim), (RDF.subject, land), (RDF.predicate, GN.supports),
                 (RDF.object, brigade), (GN.evidence, Literal(EVIDENCE)),
                 (GN.beginIndex, Literal(0, datatype=XSD.integer)),
                 (GN.endIndex, Literal(len(EVIDENCE), datatype=XSD.integer)),
                 (GN.confidence, Literal(Decimal("0.85"), datatype=XSD.decimal)),
                 (PROV.wasDerivedFrom, art), (GN.attributedTo, jane)):
        g.add((claim, p, o))
    g.add((art, GN.rejectedFacts, Literal(1, datatype=XSD.integer)))
    g.add((art, GN.validationReport, Literal(REPORT)))
    store = GraphStore(path)
    store.replace_graph(f"{base}/graph/ontology", load_ontology())
    store.replace_graph(str(art), g, ents, f"{base}/graph/entities")
    store.flush()
    del store
    return {k: str(v) for k, v in iri.items()}


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    path = tmp_path_factory.mktemp("small") / "store"
    iris = build_store(path)
    return path, iris


@pytest.fixture()
def client(small):
    app = create_app(Settings.from_env(store=str(small[0]), base=BASE))
    app.config["TESTING"] = True
    return app.test_client()


def test_entity_page_shows_each_statement_next_to_its_evidence(client, small):
    body = client.get("/doc/state/testland", headers={"Accept": "text/html"}).get_data(as_text=True)
    row = re.search(r"<tr>\s*<td class=\"stmt\">(.*?)</tr>", body, re.S)
    assert row, "no statement row on the entity page"
    assert str(escape(EVIDENCE)) in row.group(1)
    assert "supports" in row.group(1) and "0.85" in row.group(1)
    assert str(escape("Testland <b>backs</b> a brigade")) in row.group(1)
    assert "Republic of Testland" in body
    assert 'href="http://www.wikidata.org/entity/Q4115189"' in body


def test_script_in_labels_and_titles_is_escaped_everywhere(client):
    for url in ("/doc/armed-group/script-brigade", "/doc/state/testland", "/search?q=script",
                "/doc/article/00aa11bb22cc33dd", "/doc/claim/0123456789abcdef"):
        body = client.get(url, headers={"Accept": "text/html"}).get_data(as_text=True)
        assert SCRIPT not in body and "<b>backs" not in body, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body, url


def test_javascript_iri_is_not_a_link(client):
    body = client.get("/doc/article/00aa11bb22cc33dd.html").get_data(as_text=True)
    assert 'href="javascript:' not in body
    assert "javascript:alert(2)" in body


def test_article_page_lists_facts_and_validation_report(client):
    body = client.get("/doc/article/00aa11bb22cc33dd.html").get_data(as_text=True)
    assert str(escape(EVIDENCE)) in body
    assert str(escape(REPORT)) in body
    assert "1 extracted fact(s) were rejected" in body
    assert "/dumps/article/00aa11bb22cc33dd.ttl" in body


def test_home_counts_by_class_match_sparql(client, small):
    store = GraphStore(small[0], read_only=True)
    rows = store.query(CLASS_COUNTS)
    expected = {r["c"].value.rsplit("#")[1]: int(r["n"].value) for r in rows}
    body = client.get("/").get_data(as_text=True)
    shown = dict(re.findall(r"<td><a [^>]*>([^<]+)</a></td><td class=\"num\">(\d+)</td>", body))
    assert expected and len(shown) == len(expected)
    labels = {r["c"].value.rsplit("#")[1]: r["l"].value for r in store.query(
        "SELECT ?c ?l WHERE { ?c <http://www.w3.org/2000/01/rdf-schema#label> ?l }")
        if r["c"].value.startswith("https://w3id.org/geonews/ontology#")}
    for cls, n in expected.items():
        assert int(shown[labels.get(cls, f"geonews:{cls}")]) == n
    assert 'action="/search"' in body and "/sparql?query=" in body


@pytest.mark.parametrize("url,headers", [
    ("/search?q=REPUBLIC%20of", {"Accept": "application/json"}),
    ("/search.json?q=republic", {}),
    ("/search?q=rEpUbLiC&format=json", {}),
])
def test_search_matches_alt_labels_case_insensitively_as_json(client, url, headers):
    resp = client.get(url, headers=headers)
    assert resp.status_code == 200 and resp.mimetype == "application/json"
    hits = resp.get_json()["results"]
    assert [h["iri"] for h in hits] == [f"{BASE}/id/state/testland"]
    assert hits[0]["doc"] == "/doc/state/testland" and hits[0]["label"] == "Testland"


def test_search_html_links_to_doc_pages_and_limits_input(client):
    body = client.get("/search?q=testland", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert 'href="/doc/state/testland"' in body
    assert client.get("/search?q=" + "x" * 500).status_code == 400
    assert client.get("/search?q=").status_code == 200


def test_security_headers_on_pages(client):
    for url in ("/", "/search?q=a", "/doc/state/testland", "/static/style.css", "/doc/state/none"):
        with client.get(url) as resp:  # static files are streamed: close them
            h = resp.headers
        assert "default-src 'self'" in h["Content-Security-Policy"], url
        assert h["X-Content-Type-Options"] == "nosniff" and h["Referrer-Policy"], url
    assert "Access-Control-Allow-Origin" not in client.get("/").headers
    assert client.get("/doc/state/testland").headers["Access-Control-Allow-Origin"] == "*"


def test_live_home_counts_and_search(live_server):
    url = f"{live_server}/sparql?" + urllib.parse.urlencode({"query": CLASS_COUNTS})
    req = urllib.request.Request(url,
                                 headers={"Accept": "application/sparql-results+json"})
    rows = json.load(urllib.request.urlopen(req, timeout=30))["results"]["bindings"]
    body = urllib.request.urlopen(f"{live_server}/", timeout=30).read().decode()
    numbers = sorted(int(n) for n in re.findall(r"<td class=\"num\">(\d+)</td>", body))
    assert numbers == sorted(int(r["n"]["value"]) for r in rows)
    hits = json.load(urllib.request.urlopen(f"{live_server}/search.json?q=turkey", timeout=30))
    assert f"{live_server}/id/state/turkey" in [h["iri"] for h in hits["results"]]


def test_claim_page_describes_that_claim_only(client, small):
    resp = client.get("/doc/claim/0123456789abcdef.nt")
    assert resp.status_code == 200 and resp.mimetype == "application/n-triples"
    g = Graph().parse(data=resp.get_data(as_text=True), format="nt")
    claims = set(g.subjects(RDF.type, GN.Claim))
    assert claims == {URIRef(small[1]["claim/0123456789abcdef"])}
    assert str(g.value(next(iter(claims)), GN.evidence)) == EVIDENCE
