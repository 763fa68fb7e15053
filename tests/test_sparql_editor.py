"""The query editor at /sparql for browsers, while every SPARQL client gets what it asks for.

Against the real `geonews serve` of the session (`live_server`); expected rows come from the
same query run by pyoxigraph on the server's store.
"""

from __future__ import annotations

import html
import json
import re
import urllib.parse

import pyoxigraph as ox
import pytest

pytestmark = pytest.mark.slow
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
STATES = ("SELECT ?s WHERE { ?s a <https://w3id.org/geonews/ontology#State> } "
          "ORDER BY ?s LIMIT 5")


@pytest.fixture(scope="module")
def store(live_store) -> ox.Store:
    return ox.Store.read_only(str(live_store))


def get(loopback, base, query, accept=BROWSER, **params):
    return loopback.sparql_get(base, query, accept=accept, **params)


def test_a_browser_gets_the_results_as_a_table_with_links(loopback, live_server, store):
    status, headers, body = get(loopback, live_server, STATES)
    page = body.decode("utf-8")
    assert status == 200 and headers.get_content_type() == "text/html"
    assert headers["Geonews-Results-Truncated"] == "false"
    expected = [r["s"].value for r in store.query(STATES, use_default_graph_as_union=True)]
    assert len(expected) == 5
    for iri in expected:
        path = iri[len(live_server):].replace("/id/", "/doc/", 1)
        assert f'<a href="{path}">{iri}</a>' in page
    assert '<span id="row-count">5 rows</span>' in page
    for fmt in ("csv", "json", "tsv"):
        link = html.escape("/sparql?" + urllib.parse.urlencode({"query": STATES, "format": fmt}))
        assert f'href="{link}"' in page
    assert html.escape(STATES, quote=False) in page  # the query stays in the editor


def test_data_clients_keep_getting_data(loopback, live_server, store):
    for accept, media_type in (("*/*", "application/sparql-results+json"),
                               ("text/html, application/sparql-results+json",
                                "application/sparql-results+json"),
                               ("application/sparql-results+xml", "application/sparql-results+xml"),
                               ("text/csv", "text/csv")):
        status, headers, _ = get(loopback, live_server, STATES, accept=accept)
        assert (status, headers.get_content_type()) == (200, media_type), accept
    status, headers, body = loopback.request(f"{live_server}/sparql?" + urllib.parse.urlencode(
        {"query": STATES}))  # no Accept at all, as some scripts send
    assert headers.get_content_type() == "application/sparql-results+json"
    assert len(json.loads(body)["results"]["bindings"]) == 5


@pytest.mark.parametrize("param", ["format", "output"])
def test_format_and_output_select_the_format_even_for_a_browser(loopback, live_server, param):
    status, headers, body = get(loopback, live_server, STATES, **{param: "csv"})
    assert (status, headers.get_content_type()) == (200, "text/csv")
    assert body.decode("utf-8").splitlines()[0] == "s"
    status, headers, _ = get(loopback, live_server, STATES, accept="*/*", **{param: "xml"})
    assert headers.get_content_type() == "application/sparql-results+xml"


def test_a_syntax_error_is_shown_in_the_page_with_the_query_kept(loopback, live_server):
    query = "SELECT ?s WHERE { ?s ?p "
    with pytest.raises(SyntaxError) as parser:
        ox.Store().query(query)
    status, headers, body = get(loopback, live_server, query)
    page = html.unescape(body.decode("utf-8"))
    assert status == 400 and headers.get_content_type() == "text/html"
    assert str(parser.value) in page and 'id="query-error"' in page
    assert re.search(r"<textarea[^>]*>" + re.escape(query) + "</textarea>", page)
    status, headers, _ = get(loopback, live_server, query, accept="*/*")
    assert (status, headers.get_content_type()) == (400, "text/plain")


def test_the_truncation_notice(loopback, live_server):
    query = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"
    status, headers, body = get(loopback, live_server, query)
    assert status == 200 and headers["Geonews-Results-Truncated"] == "true"
    assert 'id="truncated"' in body.decode("utf-8")
    assert '<span id="row-count">10,000 rows</span>' in body.decode("utf-8")


def test_construct_and_ask_in_the_page(loopback, live_server):
    _, _, body = get(loopback, live_server, "CONSTRUCT WHERE { ?s a ?c } LIMIT 3")
    page = body.decode("utf-8")
    assert "<th>subject</th><th>predicate</th><th>object</th>" in page and "3 triples" in page
    assert "format=turtle" in page
    _, _, body = get(loopback, live_server, "ASK { ?s ?p ?o }")
    assert "ASK: <strong>true</strong>" in body.decode("utf-8")


def test_the_editor_without_a_query_and_its_vocabulary(loopback, live_server):
    status, headers, body = loopback.request(f"{live_server}/sparql", headers={"Accept": BROWSER})
    assert status == 200 and b'id="sparql-form"' in body and b"yasqe.min.js" in body
    status, _, body = loopback.request(f"{live_server}/ontology/terms.json")
    vocab = json.loads(body)
    assert vocab["prefixes"]["geonews"] == "https://w3id.org/geonews/ontology#"
    assert "https://w3id.org/geonews/ontology#State" in vocab["classes"]
    assert "https://w3id.org/geonews/ontology#supports" in vocab["properties"]
