"""SPARQL 1.1 Protocol at /sparql, against a real `geonews serve` (the session `live_server`).

Expected values come from the same queries run by pyoxigraph directly on the server's store,
never from numbers written here: the store's content depends on the extractor.
"""

from __future__ import annotations

import csv
import io
import json
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

import pyoxigraph as ox
import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, POST, TURTLE, XML, SPARQLWrapper

pytestmark = pytest.mark.slow
#: rdflib's JSON-LD parser and SPARQLWrapper's RDF/XML conversion still build a ConjunctiveGraph.
rdflib_conjunctive = pytest.mark.filterwarnings(
    "ignore:ConjunctiveGraph is deprecated:DeprecationWarning"
)
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
SRX = "{http://www.w3.org/2005/sparql-results#}"
COUNT_BY_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
COUNT_ALL = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture(scope="module")
def endpoint(live_server) -> str:
    return f"{live_server}/sparql"


@pytest.fixture(scope="module")
def store(live_server, tmp_path_factory) -> ox.Store:
    """The live server's own store, opened read-only alongside it (conftest's live-store0)."""
    found = sorted(tmp_path_factory.getbasetemp().glob("live-store[0-9]*/store"))
    assert len(found) == 1, found
    return ox.Store.read_only(str(found[0]))


def direct(store: ox.Store, query: str, **kwargs):
    kwargs = kwargs or {"use_default_graph_as_union": True}
    return store.query(query, **kwargs)


def direct_graph(store: ox.Store, query: str, **kwargs) -> Graph:
    data = ox.serialize(direct(store, query, **kwargs), format=ox.RdfFormat.N_TRIPLES)
    return Graph().parse(data=data.decode("utf-8"), format="nt")


def counts_by_graph(store: ox.Store) -> dict[str, int]:
    return {row["g"].value: int(row["n"].value) for row in direct(store, COUNT_BY_GRAPH)}


def http(
    url: str, data: bytes | None = None, headers: dict | None = None, method: str | None = None
):
    """(status, headers, body) without raising on 4xx/5xx."""
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


def get(endpoint: str, query: str, accept: str | None = None, **params):
    qs = urllib.parse.urlencode({"query": query, **params})
    return http(f"{endpoint}?{qs}", headers={"Accept": accept} if accept else {})


@pytest.fixture(scope="module")
def some_graph(store) -> str:
    """An article graph with at least a few triples."""
    counts = counts_by_graph(store)
    return max(counts, key=counts.get)


# -- clients -----------------------------------------------------------------------------------
@pytest.mark.parametrize("method", ["GET", POST])
def test_sparqlwrapper_select_count_matches_store(endpoint, store, method):
    client = SPARQLWrapper(endpoint)
    client.setMethod(method)
    client.setQuery(COUNT_ALL)
    client.setReturnFormat(JSON)
    result = client.query().convert()
    expected = int(next(iter(direct(store, COUNT_ALL)))["n"].value)
    assert expected > 0
    assert int(result["results"]["bindings"][0]["n"]["value"]) == expected


def test_sparqlwrapper_ask(endpoint):
    client = SPARQLWrapper(endpoint)
    client.setReturnFormat(JSON)
    client.setQuery("ASK { ?s ?p ?o }")
    assert client.query().convert()["boolean"] is True
    client.setQuery("ASK { <urn:geonews:test:nothing> ?p ?o }")
    assert client.query().convert()["boolean"] is False


@rdflib_conjunctive
@pytest.mark.parametrize("fmt", [XML, TURTLE])
def test_sparqlwrapper_construct(endpoint, store, some_graph, fmt):
    query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{some_graph}> {{ ?s ?p ?o }} }}"
    client = SPARQLWrapper(endpoint)
    client.setMethod(POST)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    result = client.query().convert()
    graph = result if isinstance(result, Graph) else Graph().parse(data=result, format="turtle")
    assert isomorphic(graph, direct_graph(store, query))


@rdflib_conjunctive
def test_sparqlwrapper_describe(endpoint, store):
    subject = next(iter(direct(store, "SELECT ?s WHERE { ?s a ?c } LIMIT 1")))["s"].value
    query = f"DESCRIBE <{subject}>"
    client = SPARQLWrapper(endpoint)
    client.setQuery(query)
    client.setReturnFormat(XML)
    graph = client.query().convert()
    assert len(graph) > 0
    assert isomorphic(graph, direct_graph(store, query))


def test_rdflib_sparqlstore(endpoint, store, some_graph):
    graph = Graph(SPARQLStore(endpoint, returnFormat="xml"))
    rows = {str(r.g): int(r.n) for r in graph.query(COUNT_BY_GRAPH)}
    assert rows == counts_by_graph(store)
    assert graph.query("ASK { ?s ?p ?o }").askAnswer is True
    constructed = graph.query(
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{some_graph}> {{ ?s ?p ?o }} }}"
    ).graph
    assert len(constructed) == counts_by_graph(store)[some_graph]
    subject = next(iter(direct(store, "SELECT ?s WHERE { ?s a ?c } LIMIT 1")))["s"]
    assert len(list(graph.triples((URIRef(subject.value), None, None)))) > 0


# -- the eight formats ---------------------------------------------------------------------------
def _rows_json(body: bytes) -> dict[str, int]:
    doc = json.loads(body)
    return {b["g"]["value"]: int(b["n"]["value"]) for b in doc["results"]["bindings"]}


def _rows_xml(body: bytes) -> dict[str, int]:
    out = {}
    for result in ET.fromstring(body).iter(f"{SRX}result"):
        cells = {b.get("name"): b[0].text for b in result.iter(f"{SRX}binding")}
        out[cells["g"]] = int(cells["n"])
    return out


def _rows_csv(body: bytes) -> dict[str, int]:
    return {r["g"]: int(r["n"]) for r in csv.DictReader(io.StringIO(body.decode("utf-8")))}


def _rows_tsv(body: bytes) -> dict[str, int]:
    rows = list(csv.reader(io.StringIO(body.decode("utf-8")), delimiter="\t"))
    assert rows[0] == ["?g", "?n"]
    return {g.strip("<>"): int(n) for g, n in rows[1:]}


RESULT_PARSERS = {
    "json": ("application/sparql-results+json", _rows_json),
    "xml": ("application/sparql-results+xml", _rows_xml),
    "csv": ("text/csv", _rows_csv),
    "tsv": ("text/tab-separated-values", _rows_tsv),
}
GRAPH_PARSERS = {
    "turtle": ("text/turtle", "turtle"),
    "ntriples": ("application/n-triples", "nt"),
    "jsonld": ("application/ld+json", "json-ld"),
    "rdfxml": ("application/rdf+xml", "xml"),
}


@pytest.mark.parametrize("key", RESULT_PARSERS)
@pytest.mark.parametrize("how", ["accept", "format"])
def test_result_formats(endpoint, store, key, how):
    media_type, parse = RESULT_PARSERS[key]
    status, headers, body = (
        get(endpoint, COUNT_BY_GRAPH, accept=media_type)
        if how == "accept"
        else get(endpoint, COUNT_BY_GRAPH, format=key)
    )
    assert status == 200, body
    assert headers.get_content_type() == media_type
    assert parse(body) == counts_by_graph(store)


@rdflib_conjunctive
@pytest.mark.parametrize("key", GRAPH_PARSERS)
@pytest.mark.parametrize("how", ["accept", "format"])
def test_graph_formats(endpoint, store, some_graph, key, how):
    media_type, rdflib_format = GRAPH_PARSERS[key]
    query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{some_graph}> {{ ?s ?p ?o }} }}"
    status, headers, body = (
        get(endpoint, query, accept=media_type)
        if how == "accept"
        else get(endpoint, query, format=key)
    )
    assert status == 200, body
    assert headers.get_content_type() == media_type
    got = Graph().parse(data=body.decode("utf-8"), format=rdflib_format)
    assert isomorphic(got, direct_graph(store, query))


def test_ask_as_xml_and_accept_q_values(endpoint):
    status, headers, body = get(
        endpoint,
        "ASK { ?s ?p ?o }",
        accept="application/sparql-results+json;q=0.5, application/sparql-results+xml",
    )
    assert status == 200 and headers.get_content_type() == "application/sparql-results+xml"
    assert ET.fromstring(body).find(f"{SRX}boolean").text == "true"


def test_defaults_for_any_accept(endpoint):
    status, headers, _ = get(endpoint, "ASK {}", accept="*/*")
    assert headers.get_content_type() == "application/sparql-results+json"
    status, headers, _ = get(endpoint, "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1", accept="*/*")
    assert status == 200 and headers.get_content_type() == "text/turtle"


def test_not_acceptable(endpoint):
    status, headers, body = get(endpoint, "ASK {}", accept="image/png")
    assert status == 406 and b"application/sparql-results+json" in body
    assert get(endpoint, "ASK {}", format="turtle")[0] == 400
    assert get(endpoint, "ASK {}", format="pdf")[0] == 400


# -- datasets ------------------------------------------------------------------------------------
def test_default_graph_uri_restricts(endpoint, store, some_graph):
    status, _, body = get(
        endpoint,
        COUNT_ALL,
        accept="application/sparql-results+json",
        **{"default-graph-uri": some_graph},
    )
    assert status == 200
    expected = next(iter(direct(store, COUNT_ALL, default_graph=[ox.NamedNode(some_graph)])))[
        "n"
    ].value
    assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == expected


def test_named_graph_uri_restricts(endpoint, some_graph):
    status, _, body = get(
        endpoint,
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
        accept="application/sparql-results+json",
        **{"named-graph-uri": some_graph},
    )
    assert status == 200
    assert [b["g"]["value"] for b in json.loads(body)["results"]["bindings"]] == [some_graph]


def test_from_a_store_graph_is_allowed(endpoint, store, some_graph):
    query = f"SELECT (COUNT(*) AS ?n) FROM <{some_graph}> WHERE {{ ?s ?p ?o }}"
    status, _, body = get(endpoint, query, accept="application/sparql-results+json")
    assert status == 200, body
    assert (
        int(json.loads(body)["results"]["bindings"][0]["n"]["value"])
        == counts_by_graph(store)[some_graph]
    )


# -- service description and HTML page -------------------------------------------------------------
@rdflib_conjunctive
@pytest.mark.parametrize(
    "media_type,rdflib_format",
    [("text/turtle", "turtle"), ("application/rdf+xml", "xml"), ("application/ld+json", "json-ld")],
)
def test_service_description(endpoint, store, media_type, rdflib_format):
    """sd:endpoint is the configured base's endpoint whatever Host the client sends."""
    for url in (endpoint, endpoint.replace("127.0.0.1", "localhost")):
        status, headers, body = http(url, headers={"Accept": media_type})
        assert status == 200 and headers.get_content_type() == media_type
        sd = Graph().parse(data=body.decode("utf-8"), format=rdflib_format)
        service = sd.value(predicate=SD.endpoint, object=URIRef(endpoint))
        assert service is not None, f"no sd:endpoint <{endpoint}>"
        assert set(sd.objects(None, SD.endpoint)) == {URIRef(endpoint)}
        assert (service, SD.supportedLanguage, SD.SPARQL11Query) in sd
        assert (service, SD.feature, SD.UnionDefaultGraph) in sd
        assert len(set(sd.objects(service, SD.resultFormat))) == 8
        names = {str(n) for n in sd.objects(None, SD.name)}
        assert names == {g.value for g in store.named_graphs()}


def test_html_query_page(endpoint):
    status, headers, body = http(
        endpoint, headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    )
    assert status == 200 and headers.get_content_type() == "text/html"
    assert b"<textarea" in body and b'name="query"' in body and b'name="format"' in body


# -- protocol errors -----------------------------------------------------------------------------
def test_malformed_query_gets_the_parser_message(endpoint):
    query = "SELECT * WHERE { ?s ?p "
    with pytest.raises(SyntaxError) as parser:
        ox.Store().query(query)
    status, headers, body = get(endpoint, query)
    assert status == 400 and headers.get_content_type() == "text/plain"
    assert str(parser.value) in body.decode("utf-8")


def test_wrong_content_type_is_415(endpoint):
    status, _, _ = http(endpoint, data=b"ASK {}", headers={"Content-Type": "text/plain"})
    assert status == 415
    status, _, _ = http(
        endpoint,
        data=b"ASK {}",
        headers={"Content-Type": "application/sparql-query; charset=latin-1"},
    )
    assert status == 415


def test_duplicate_query_is_400(endpoint):
    status, _, body = http(f"{endpoint}?query=ASK%7B%7D&query=ASK%7B%7D")
    assert status == 400 and b"2 times" in body
    status, _, _ = http(
        f"{endpoint}?query=ASK%7B%7D",
        data=b"ASK {}",
        headers={"Content-Type": "application/sparql-query"},
    )
    assert status == 400
    status, _, _ = http(
        f"{endpoint}?query=ASK%7B%7D",
        data=b"query=ASK%7B%7D",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert status == 400


def test_post_form_and_direct(endpoint):
    status, _, body = http(
        endpoint,
        data=b"query=ASK%7B%7D",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert status == 200 and json.loads(body)["boolean"] is True
    status, _, body = http(
        endpoint,
        data='ASK { FILTER("食" = "食") }'.encode(),
        headers={"Content-Type": "application/sparql-query"},
    )
    assert status == 200 and json.loads(body)["boolean"] is True


def test_other_methods_and_missing_query(endpoint):
    assert http(f"{endpoint}?query=ASK%7B%7D", method="PUT", data=b"")[0] == 405
    assert http(endpoint, headers={"Accept": "application/sparql-results+json"})[0] == 400
    assert (
        http(endpoint, data=b"x=1", headers={"Content-Type": "application/x-www-form-urlencoded"})[
            0
        ]
        == 400
    )


def test_cors_on_every_answer(endpoint):
    for status, headers, _ in (get(endpoint, "ASK {}"), get(endpoint, "ASK {"), http(endpoint)):
        assert headers["Access-Control-Allow-Origin"] == "*", status


def test_literal_and_language_round_trip(endpoint):
    query = 'SELECT ?x WHERE { VALUES ?x { "été"@fr "tab\\tquote\\"" 42 } }'
    status, _, body = get(endpoint, query, accept="application/sparql-results+json")
    assert status == 200
    got = {
        (b["x"]["value"], b["x"].get("xml:lang")) for b in json.loads(body)["results"]["bindings"]
    }
    assert got == {("été", "fr"), ('tab\tquote"', None), ("42", None)}
