"""Results written by the query workers: the row cap cuts at a row, in every format, whatever the
values hold (line breaks, tabs, quotes, blank nodes, triples); a query whose own LIMIT fits the
cap is written as the engine writes it."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from geonews.web.sparql.formats import RESULT_FORMATS, serialize_solutions, serialize_triples
from geonews.web.sparql.safety import scan

EX = "http://example.org/"


@pytest.fixture(scope="module")
def store() -> ox.Store:
    s = ox.Store()
    values = [ox.Literal("line one\nline two\ttabbed \"quoted\" é", language="en"), ox.Literal("=1+1"),
              ox.Literal("5", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
              ox.BlankNode("b0"), ox.NamedNode(EX + "o")]
    for i in range(12):
        s.add(ox.Quad(ox.NamedNode(f"{EX}s{i:02d}"), ox.NamedNode(EX + "p"), values[i % len(values)]))
    return s


QUERY = "SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?s"


@pytest.mark.parametrize("key", sorted(RESULT_FORMATS))
@pytest.mark.parametrize("cap", [1, 5, 11, 12, 13])
def test_the_cap_keeps_the_first_rows_exactly(store, key, cap):
    body, cut = serialize_solutions(store.query(QUERY), key, cap)
    assert cut == (cap < 12)
    expected = store.query(QUERY + f" LIMIT {cap}").serialize(format=RESULT_FORMATS[key].results)
    if key == "json":
        doc = json.loads(body)
        assert doc.get("truncated", False) == cut
        assert doc["results"] == json.loads(expected)["results"]
    elif key in ("csv", "tsv"):  # the same rows, spreadsheet formulas neutralised
        assert body.count(b"\n") == expected.count(b"\n")
        assert b"'=1+1" in body or cap < 2
    else:
        assert body == expected


def test_a_query_limit_within_the_cap_is_written_as_the_engine_writes_it(store):
    for text in (QUERY + " LIMIT 4", QUERY):
        limit = scan(text).limit
        bounded = limit is not None and limit <= 10
        body, cut = serialize_solutions(store.query(text), "json", 10, bounded)
        assert bounded == (text != QUERY)
        if bounded:
            assert body == store.query(text).serialize(format=ox.QueryResultsFormat.JSON) and not cut
        else:
            assert cut and len(json.loads(body)["results"]["bindings"]) == 10


def test_a_triple_term_survives_the_cut():
    s = ox.Store()
    q = "SELECT ?t WHERE { VALUES ?x { 1 2 3 } BIND(<<( <http://x/a> <http://x/p> ?x )>> AS ?t) }"
    body, cut = serialize_solutions(s.query(q), "json", 2)
    rows = json.loads(body)["results"]["bindings"]
    assert cut and [r["t"]["type"] for r in rows] == ["triple", "triple"]


@pytest.mark.parametrize("key", ["turtle", "ntriples", "jsonld", "rdfxml"])
def test_graphs_are_cut_at_a_triple(store, key):
    body, cut = serialize_triples(store.query("CONSTRUCT WHERE { ?s ?p ?o }"), key, 7, {"ex": EX})
    assert cut
    fmt = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD,
           "rdfxml": ox.RdfFormat.RDF_XML}[key]
    assert len(list(ox.parse(body, fmt))) == 7


@pytest.mark.slow
def test_a_large_answer_over_http_is_the_engines_own(loopback, live_server, live_store):
    """Over 64 kB the answer reaches the client through the server's file wrapper: complete,
    with its Content-Length, byte for byte what the engine writes for the same rows."""
    query = "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?s ?p ?o LIMIT 3000"
    code, headers, body = loopback.sparql_get(live_server, query, accept="application/sparql-results+json")
    expected = ox.Store.read_only(str(live_store)).query(query).serialize(format=ox.QueryResultsFormat.JSON)
    assert code == 200 and len(body) > 1 << 16
    assert int(headers["Content-Length"]) == len(body) and body == expected


TRICKY = [ox.Literal('a value with },{"x":{"type": inside'), ox.Literal("an empty {} and [{}]"),
          ox.Literal("plain")]


@pytest.fixture(scope="module")
def tricky() -> ox.Store:
    s = ox.Store()
    for i in range(9):
        s.add(ox.Quad(ox.NamedNode(f"{EX}s{i}"), ox.NamedNode(EX + "p"), TRICKY[i % len(TRICKY)]))
    return s


TRICKY_QUERY = "SELECT ?s ?o ?unbound WHERE { ?s ?p ?o } ORDER BY ?s"


@pytest.mark.parametrize("cap", [1, 4, 8, 9, 10, 50])
def test_json_in_one_pass_is_the_engines_own_when_it_fits_and_capped_when_not(tricky, cap):
    """With the query run anew at hand, JSON is written once when its rows surely fit the cap,
    whatever the values hold ('},{"x":{"type":' and '{}' inside literals); else it is cut as before."""
    runs = []

    def again():
        runs.append(1)
        return tricky.query(TRICKY_QUERY)

    body, cut = serialize_solutions(tricky.query(TRICKY_QUERY), "json", cap, again=again)
    whole = tricky.query(TRICKY_QUERY).serialize(format=ox.QueryResultsFormat.JSON)
    assert cut == (cap < 9)
    if not cut and runs == []:
        assert body == whole  # one pass: the engine's own bytes
    doc = json.loads(body)
    assert doc["results"]["bindings"] == json.loads(whole)["results"]["bindings"][:cap]
    assert doc.get("truncated", False) == cut


def test_json_past_its_byte_budget_is_written_the_capped_way(tricky, monkeypatch):
    from geonews.web.sparql import formats

    monkeypatch.setattr(formats, "_JSON_BYTES_PER_ROW", 4)  # 9 rows of ~100 bytes: over budget
    runs = []
    body, cut = serialize_solutions(tricky.query(TRICKY_QUERY), "json", 9,
                                    again=lambda: runs.append(1) or tricky.query(TRICKY_QUERY))
    assert runs == [1] and not cut
    assert len(json.loads(body)["results"]["bindings"]) == 9
