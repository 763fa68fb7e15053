"""SPARQL text tools for servers: substitution equals pyoxigraph's `substitutions`, the query form,
BNODE() for Virtuoso, streamed rewriting, and the strict pre-parse checks of a remote store."""

from __future__ import annotations

import io

import pyoxigraph as ox
import pytest

from geonews.pipeline.errors import StoreError
from geonews.pipeline.store.http import Stream
from geonews.pipeline.store.sparql_text import mint_bnodes, query_form, substitute, tokens
from geonews.web.queries import _CLAIM_COLUMNS, _CLAIM_SELECTORS, PROLOGUE
from geonews.web.sparql.safety import QueryRejected, check_query

EX = "http://example.org/"
DATA = f"""
@prefix ex: <{EX}> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> . @prefix geonews: <https://w3id.org/geonews/ontology#> .
@prefix prov: <http://www.w3.org/ns/prov#> . @prefix dcterms: <http://purl.org/dc/terms/> .
ex:turkey rdfs:label "Turkey"@en ; ex:backs ex:gna . ex:gna rdfs:label "Government of National Accord"@en .
ex:c1 a geonews:Claim ; rdf:subject ex:turkey ; rdf:predicate ex:backs ; rdf:object ex:gna ;
  geonews:evidence "Turkey backs the GNA." ; geonews:confidence 0.8 ; prov:wasDerivedFrom ex:a1 .
ex:a1 dcterms:title "An article"@en .
"""


@pytest.fixture(scope="module")
def store() -> ox.Store:
    s = ox.Store()
    s.load(DATA.encode(), ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(EX + "g"))
    return s


def rows(result) -> list[tuple]:
    return sorted(tuple(str(r[v.value]) for v in result.variables) for r in result)


CASES = [  # (query, bindings): the site's queries and the grammar's awkward places
    (PROLOGUE + _CLAIM_COLUMNS % (_CLAIM_SELECTORS["entity"], 500), {"this": ox.NamedNode(EX + "turkey")}),
    ("SELECT ?this WHERE { { ?this ?p ?o } UNION { ?s ?p ?this } } LIMIT 1", {"this": ox.NamedNode(EX + "gna")}),
    ("SELECT DISTINCT ?this ?s ?p WHERE { ?s ?p ?this } LIMIT 500", {"this": ox.NamedNode(EX + "gna")}),
    ("SELECT ?q ?s WHERE { { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?n "
     "FILTER(CONTAINS(LCASE(STR(?n)), ?q)) } }", {"q": ox.Literal("turk")}),
    ('SELECT ?q (CONCAT(?q, "!") AS ?y) WHERE { }', {"q": ox.Literal('say "hi"\n\\')}),
    ("SELECT ?x ?s (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(?s != ?x) } GROUP BY ?x ?s ORDER BY ?s",
     {"x": ox.NamedNode(EX + "c1")}),
]


@pytest.mark.parametrize(("query", "bindings"), CASES)
def test_substitution_answers_as_pyoxigraph_substitutions(store, query, bindings):
    expected = store.query(query, substitutions={ox.Variable(k): v for k, v in bindings.items()},
                           use_default_graph_as_union=True)
    got = store.query(substitute(query, bindings), use_default_graph_as_union=True)
    expected = rows(expected)
    assert rows(got) == expected and expected


def test_substitution_cannot_change_the_querys_structure_or_take_a_blank_node():
    text = substitute("SELECT ?s WHERE { ?s ?p ?v }", {"v": ox.Literal('x" } ; DROP ALL ; #')})
    assert [t for _, t, _, _ in tokens(text)] == ["SELECT", "?s", "WHERE", "{", "?s", "?p",
                                                   '"x\\" } ; DROP ALL ; #"', "}"]
    with pytest.raises(StoreError, match="only IRIs and literals"):
        substitute("ASK { ?s ?p ?o }", {"o": ox.BlankNode()})


@pytest.mark.parametrize(("query", "form"), [
    ("PREFIX a: <x:> BASE <http://b/> select * {}", "SELECT"), ("# c\nASK {}", "ASK"),
    ("CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"), ("DESCRIBE <x:y>", "DESCRIBE"),
    ("DEFINE input:grab-all 'yes' SELECT * {}", None), ("INSERT DATA {}", None),
    ("PREFIX SELECT", None), ("", None)])
def test_the_query_form(query, form):
    assert query_form(query) == form


def test_bnode_calls_become_fresh_iris_and_nothing_else_changes():
    text = mint_bnodes('SELECT (BNODE() AS ?b) (bnode ( ) AS ?c) (BNODE("k") AS ?d) WHERE { ?s ?p "BNODE()" }')
    assert text.count("STRUUID()") == 2 and 'BNODE("k")' in text and '"BNODE()"' in text


def test_a_stream_replaces_across_chunk_boundaries_and_keeps_its_tail():
    class Trickle(io.RawIOBase):  # a server answering a few bytes at a time
        def __init__(self, data: bytes):
            self.data = data

        def readable(self):
            return True

        def read(self, n=-1):
            chunk, self.data = self.data[:3], self.data[3:]
            return chunk

    body = b'{"type": "bnode", "value": "nodeID://b1"} x {"type": "bnode", "value": "nodeID://b2"}'
    old, new = b'"value": "nodeID://', b'"value": "'
    stream = Stream(Trickle(body), old, new)
    assert stream.read() == body.replace(old, new)
    assert stream.tail.endswith(b'"b2"}')


@pytest.mark.parametrize("query", [
    "DEFINE get:soft 'soft' SELECT * WHERE { ?s ?p ?o }",
    "SELECT (bif:http_get('http://x') AS ?x) WHERE {}",
    "PREFIX s: <sql:> SELECT * WHERE { FILTER(s:procedure(1)) }",
    "SELECT * WHERE { ?s ?p ?o } ORDER BY <http://example.org/f>(?o)",
    "SELECT ?s WHERE { ?s ?p ?o } GROUP BY ?s HAVING(<bif:f>(?s))",
])
def test_strict_checks_refuse_pragmas_and_extension_functions(query):
    check_query(query, 20_000, 40, lambda: None)  # the embedded engine would reject these itself
    with pytest.raises(QueryRejected):
        check_query(query, 20_000, 40, lambda: None, strict=True)


@pytest.mark.parametrize("query", [
    "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> SELECT (xsd:integer('1') AS ?x) WHERE {}",
    "PREFIX ex: <http://e/> SELECT * WHERE { ?s ex:p (1 2) . ex:a ex:b ( ex:c ) ; ex:d (3) }",
    "SELECT (STRLEN(CONCAT('a', STR(?s))) AS ?n) WHERE { ?s ?p ?o FILTER(REGEX(STR(?o), 'x')) }",
])
def test_strict_checks_keep_standard_queries(query):
    assert check_query(query, 20_000, 40, lambda: None, strict=True).functions in ([],
                                                                                  ["http://www.w3.org/2001/XMLSchema#integer"])
