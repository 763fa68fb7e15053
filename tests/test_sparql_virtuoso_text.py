"""The rewrites sent to Virtuoso (`virtuoso_text`): each rewritten query has the same answer as the
original on the embedded engine, and nothing inside a string, an IRI or a comment is rewritten."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from geonews.pipeline.store.servers import GENERIC, OXIGRAPH, VIRTUOSO
from geonews.pipeline.store.virtuoso_text import inline_data, integral_decimals

PFX = "PREFIX : <http://example.org/>\nPREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n"
DATA = """@prefix : <http://example.org/> .
:s1 :p1 :s2 . :s2 :p2 "foo" . :s3 :p2 "bar"@en . :s4 :p4 4 ."""
SPO = '(:s1 :p1 :s2) (:s2 :p2 "foo") (:s3 :p2 "bar"^^xsd:string) (:s4 :p4 4) (:s5 :p5 "5"^^xsd:decimal)'
QUERIES = [
    # the protocol checker's result-format queries
    f"SELECT * WHERE {{ {{ VALUES (?s ?p ?o) {{ {SPO} }} }} UNION {{ BIND(:s6 AS ?s) BIND(:p6 AS ?p) "
    "BIND(:o6 AS ?o) } } ORDER BY ?s ?p ?o",
    f"SELECT * WHERE {{ {{ {{ VALUES (?s ?p ?o) {{ {SPO} }} }} UNION {{ BIND(:s6 AS ?s) }} }} "
    'OPTIONAL { VALUES (?o ?p2 ?o2) { (:s2 :p2 "foo") } } } ORDER BY ?s ?p ?o ?p2 ?o2',
    # UNDEF, one variable, joins with data, no rows, a subquery's own VALUES, FILTER EXISTS
    "SELECT * WHERE { ?s ?p ?o VALUES (?s ?x) { (:s1 1) (UNDEF 2) (:s9 3) } } ORDER BY ?s ?p ?x",
    "SELECT ?s WHERE { ?s ?p ?o OPTIONAL { VALUES ?o { :s2 4 -5.5e1 } } } ORDER BY ?s",
    "SELECT * WHERE { ?s ?p ?o . { VALUES ?o {} } UNION { VALUES ?o { 4 } } }",
    "SELECT * WHERE { { SELECT ?s WHERE { ?s ?p ?o } VALUES ?s { :s1 } } VALUES ?z { 1 } }",
    "SELECT ?s WHERE { ?s ?p ?o FILTER EXISTS { VALUES ?p { :p2 } } } ORDER BY ?s",
    'SELECT ?s (COUNT(*) AS ?n) WHERE { ?s ?p ?o { VALUES ?l { "bar"@en true } } } GROUP BY ?s ORDER BY ?s',
    "ASK { VALUES ?o { :s2 } ?s :p1 ?o }",
]


def answer(store: ox.Store, query: str):
    result = store.query(PFX + query)
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    return [v.value for v in result.variables], [tuple(row) for row in result]


@pytest.mark.parametrize("query", QUERIES)
def test_the_subquery_form_of_inline_data_has_the_same_answer(query):
    store = ox.Store()
    store.load(DATA.encode(), ox.RdfFormat.TURTLE)
    rewritten = inline_data(query)
    assert rewritten != query
    assert answer(store, rewritten) == answer(store, query), rewritten


def test_only_values_inside_a_group_is_rewritten_and_strings_comments_iris_are_kept():
    query = ('SELECT * WHERE { ?s ?p "VALUES ?x { 1 }" # VALUES ?y { 2 }\n'
             ' { SELECT ?s WHERE {} VALUES ?s { <x:VALUES> } } } VALUES ?z { 3 }')
    assert inline_data(query) == query
    text = inline_data('SELECT * { VALUES ?x { "a # b" # c } d\n <x:y> } }')
    assert '"a # b"' in text and "<x:y>" in text and "c } d" not in text
    clash = inline_data("SELECT * { VALUES ?x { 1 } ?geonews_values_row ?p ?o }")
    assert "?geonews_values_row_ UNDEF" not in clash and "(?x ?geonews_values_row_)" in clash


@pytest.mark.parametrize("query", ["SELECT * { VALUES ?x { nope } }", "SELECT * { VALUES (?x ?y) { (1) } }",
                                   "SELECT * { VALUES ?x { 1 ", "SELECT * { VALUES () { () } }",
                                   "SELECT * { VALUES (?x ?y) { (1 2) (UNDEF UNDEF) } }"])
def test_a_block_that_does_not_read_as_one_is_sent_unchanged(query):
    assert inline_data(query) == query


def test_integral_decimals_get_a_fraction_and_nothing_else_does():
    query = ('PREFIX d: <http://www.w3.org/2001/XMLSchema#> SELECT * { ?s ?p "5"^^d:decimal, '
             '"-7"^^<http://www.w3.org/2001/XMLSchema#decimal>, "5.5"^^xsd:decimal, "5"^^xsd:integer, '
             '"\\"5\\"^^xsd:decimal", \'\'\'8\'\'\'^^xsd:decimal }')
    assert integral_decimals(query) == query.replace('"5"^^d', '"5.0"^^d').replace(
        '"-7"', '"-7.0"').replace("'''8'''", "'''8.0'''")


def test_only_virtuoso_gets_the_rewrites():
    assert VIRTUOSO.virtuoso_rewrites and not (GENERIC.virtuoso_rewrites or OXIGRAPH.virtuoso_rewrites)
