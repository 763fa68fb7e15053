"""Linked data against `geonews serve`: 303s, content negotiation, 404s in the asked format.

Expected values come from the server's SPARQL endpoint (the store), never from the pages.
"""

from __future__ import annotations

import http.client
import json
import urllib.parse
import warnings
from dataclasses import dataclass

import pytest
from markupsafe import escape
from rdflib import OWL, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

GN = "https://w3id.org/geonews/ontology#"
RDF_FORMATS = {  # media type -> rdflib parser
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
    "application/n-triples": "nt",
}
SUFFIXES = {"ttl": "text/turtle", "jsonld": "application/ld+json", "nt": "application/n-triples"}


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def media_type(self) -> str:
        return (self.headers.get("Content-Type") or "").split(";")[0].strip()


def fetch(url: str, headers: dict | None = None) -> Reply:
    """One HTTP GET, redirects not followed."""
    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        conn.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""),
                     headers=headers or {})
        resp = conn.getresponse()
        return Reply(resp.status, resp.headers, resp.read())
    finally:
        conn.close()


def parse(body: bytes, fmt: str) -> Graph:
    """Parse with rdflib. Its JSON-LD parser uses its own deprecated ConjunctiveGraph API
    internally (rdflib 7.6), so only that parse runs with DeprecationWarning silenced."""
    if fmt != "json-ld":
        return Graph().parse(data=body.decode("utf-8"), format=fmt)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return Graph().parse(data=body.decode("utf-8"), format="json-ld")


def sparql(base: str, query: str) -> list[dict]:
    reply = fetch(f"{base}/sparql?" + urllib.parse.urlencode({"query": query}),
                  {"Accept": "application/sparql-results+json"})
    assert reply.status == 200, reply.body[:500]
    return json.loads(reply.body)["results"]["bindings"]


def entity_with_qid(base: str, qid: str) -> tuple[str, str]:
    rows = sparql(base, f"SELECT ?e ?label WHERE {{ ?e <{OWL.sameAs}> "
                        f"<http://www.wikidata.org/entity/{qid}> ; <{RDFS.label}> ?label }}")
    assert rows, f"the store has no entity owl:sameAs wd:{qid} (the gazetteer guarantees it)"
    return rows[0]["e"]["value"], rows[0]["label"]["value"]


@pytest.mark.parametrize("qid", ["Q159", "Q43"])
@pytest.mark.parametrize("accept", list(RDF_FORMATS))
def test_303_then_description_by_content_negotiation(live_server, qid, accept):
    iri, label = entity_with_qid(live_server, qid)
    assert iri.startswith(f"{live_server}/id/")
    first = fetch(iri, {"Accept": accept})
    assert first.status == 303
    doc_url = urllib.parse.urljoin(iri, first.headers["Location"])
    assert doc_url == iri.replace("/id/", "/doc/", 1)
    second = fetch(doc_url, {"Accept": accept})
    assert second.status == 200 and second.media_type == accept
    assert "Accept" in second.headers.get("Vary", "")
    g = parse(second.body, RDF_FORMATS[accept])
    assert set(g.objects(URIRef(iri), RDFS.label)) == {Literal(label, lang="en")}
    assert (URIRef(iri), OWL.sameAs, URIRef(f"http://www.wikidata.org/entity/{qid}")) in g


def test_incoming_links_carry_their_subjects_labels(live_server):
    iri, _ = entity_with_qid(live_server, "Q43")
    rows = sparql(live_server, f"SELECT ?a ?t WHERE {{ ?a <{GN}mentions> <{iri}> ; "
                               f"<{DCTERMS.title}> ?t }}")
    assert rows, "Turkey is mentioned by the seed article"
    g = parse(fetch(iri.replace("/id/", "/doc/", 1) + ".ttl").body, "turtle")
    for r in rows:
        a = URIRef(r["a"]["value"])
        assert (a, URIRef(GN + "mentions"), URIRef(iri)) in g
        assert str(g.value(a, DCTERMS.title)) == r["t"]["value"]


@pytest.mark.parametrize("suffix", list(SUFFIXES))
def test_suffix_selects_the_format(live_server, suffix):
    iri, label = entity_with_qid(live_server, "Q159")
    reply = fetch(iri.replace("/id/", "/doc/", 1) + f".{suffix}", {"Accept": "text/html"})
    assert reply.status == 200 and reply.media_type == SUFFIXES[suffix]
    g = parse(reply.body, RDF_FORMATS[SUFFIXES[suffix]])
    assert str(g.value(URIRef(iri), RDFS.label)) == label


def test_q_values_pick_the_preferred_format(live_server):
    iri, _ = entity_with_qid(live_server, "Q159")
    doc = iri.replace("/id/", "/doc/", 1)
    reply = fetch(doc, {"Accept": "text/turtle;q=0.5, application/ld+json;q=0.9, text/html;q=0.1"})
    assert reply.media_type == "application/ld+json"
    browser = "text/html,application/xhtml+xml,*/*;q=0.8"
    assert fetch(doc, {"Accept": browser}).media_type == "text/html"
    assert fetch(doc, {"Accept": "image/png"}).status == 406


def test_claims_in_descriptions_carry_evidence(live_server):
    rows = sparql(live_server, f"SELECT ?c ?s ?e WHERE {{ ?c a <{GN}Claim> ; "
                               f"<http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> ?s ; "
                               f"<{GN}evidence> ?e }} LIMIT 5")
    assert rows, "the live store has no claims"
    for r in rows:
        s = r["s"]["value"]
        g = parse(fetch(s.replace("/id/", "/doc/", 1) + ".nt").body, "nt")
        assert str(g.value(URIRef(r["c"]["value"]), URIRef(GN + "evidence"))) == r["e"]["value"]
        page = fetch(s.replace("/id/", "/doc/", 1), {"Accept": "text/html"}).body.decode()
        assert str(escape(r["e"]["value"])) in page


def test_article_page_lists_its_facts(live_server):
    rows = sparql(live_server, f"SELECT ?a ?t WHERE {{ GRAPH ?a {{ ?a a <{GN}Article> ; "
                               f"<{DCTERMS.title}> ?t }} }} LIMIT 3")
    assert rows, "no articles in the live store"
    for r in rows:
        a = r["a"]["value"]
        page = fetch(a.replace("/id/", "/doc/", 1), {"Accept": "text/html"}).body.decode()
        assert "Facts found in this article" in page and "Validation report" in page
        facts = sparql(live_server, f"SELECT ?e WHERE {{ GRAPH <{a}> {{ ?c a <{GN}Claim> ; "
                                    f"<{GN}evidence> ?e }} }}")
        for f in facts:
            assert str(escape(f["e"]["value"])) in page
        g = Graph().parse(data=fetch(a.replace("/id/", "/doc/", 1) + ".ttl").body.decode(),
                          format="turtle")
        assert str(g.value(URIRef(a), DCTERMS.title)) == r["t"]["value"]


@pytest.mark.parametrize("accept,parser", [*RDF_FORMATS.items(), ("text/html", None)])
def test_unknown_entities_are_404_in_the_requested_format(live_server, accept, parser):
    first = fetch(f"{live_server}/id/state/no-such-state-here", {"Accept": accept})
    assert first.status == 303
    reply = fetch(urllib.parse.urljoin(live_server, first.headers["Location"]), {"Accept": accept})
    assert reply.status == 404 and reply.media_type == accept
    if parser:
        g = parse(reply.body, parser)
        assert any("Not found" in str(o) for o in g.objects(None, RDFS.comment))
    else:
        assert "Not found" in reply.body.decode()


@pytest.mark.parametrize("path", ["/id/planet/earth", "/doc/planet/earth", "/doc/state/Bad_Key",
                                  "/doc/state/x.exe", "/id/state/..%2F..%2Fetc"])
def test_malformed_identifiers_are_404(live_server, path):
    assert fetch(live_server + path, {"Accept": "text/turtle"}).status == 404


def test_conditional_get_on_descriptions(live_server):
    iri, _ = entity_with_qid(live_server, "Q43")
    doc = iri.replace("/id/", "/doc/", 1) + ".ttl"
    etag = fetch(doc).headers["ETag"]
    assert etag
    assert fetch(doc, {"If-None-Match": etag}).status == 304
    assert fetch(doc, {"If-None-Match": '"other"'}).status == 200


def test_security_and_cors_headers(live_server):
    iri, _ = entity_with_qid(live_server, "Q43")
    paths = ("/dumps/", "/.well-known/void", "/ontology", "/shapes")
    for url in (iri, iri.replace("/id/", "/doc/", 1), *(live_server + p for p in paths)):
        h = fetch(url, {"Accept": "text/turtle"}).headers
        assert "default-src 'self'" in h["Content-Security-Policy"], url
        assert h["X-Content-Type-Options"] == "nosniff", url
        assert h["Referrer-Policy"], url
        assert h["Access-Control-Allow-Origin"] == "*", url
    home = fetch(f"{live_server}/").headers
    assert home["X-Content-Type-Options"] == "nosniff" and "Content-Security-Policy" in home
