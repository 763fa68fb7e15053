"""A SPARQL server's answer read lazily as pyoxigraph terms: SPARQL results or RDF, whichever
the Content-Type says (so the query form never has to be guessed from an answer)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import IO

import pyoxigraph as ox

from ..errors import StoreError
from .servers import Server
from .sparql_text import BNODE_IRI

XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"


class Solutions:
    """SELECT results as rows (dicts: variable name -> term, None when unbound), read lazily."""

    def __init__(self, variables: list[ox.Variable], rows: Iterable[dict]):
        self.variables, self._rows = variables, iter(rows)

    def __iter__(self) -> Iterator[dict]:
        return self._rows


class Answer:
    """One query's answer while its exchange is open: `value` is Solutions, an iterator of
    triples, or a QueryBoolean; `cut` is the server's row cap when the server says it cut the result."""

    def __init__(self, value: Solutions | Iterator[ox.Triple] | ox.QueryBoolean, cut: int | None):
        self.value, self.cut = value, cut


def parse_answer(ctype: str, stream: IO[bytes], bound: Mapping[str, ox.Term], server: Server,
                 url: str) -> Solutions | Iterator[ox.Triple] | ox.QueryBoolean:
    """Solutions (with the substituted variables `bound` filled in, as pyoxigraph does), a
    QueryBoolean, or an iterator of triples; parsed while the caller reads, with the terms as
    the server stored them (see `_fixed`)."""
    results_format = ox.QueryResultsFormat.from_media_type(ctype)
    if results_format is not None:
        result = ox.parse_query_results(stream, results_format)
        if isinstance(result, ox.QueryBoolean):
            return result
        names = [v.value for v in result.variables]
        return Solutions(result.variables, ({n: bound[n] if n in bound else _fixed(row[n], server)
                                             for n in names} for row in result))
    rdf_format = ox.RdfFormat.from_media_type(ctype)
    if rdf_format is None:
        raise StoreError(f"{url} answered with {ctype or 'no content type'}, not SPARQL results or RDF")
    if not server.no_bnode_function:
        return (q.triple for q in ox.parse(stream, rdf_format))
    return (ox.Triple(_fixed(q.subject, server), q.predicate, _fixed(q.object, server))
            for q in ox.parse(stream, rdf_format))


def _fixed(term: ox.Term | None, server: Server) -> ox.Term | None:
    """A term as the server stored it: Virtuoso answers booleans as 1/0 in SPARQL results, and
    the IRIs `mint_bnodes` made for BNODE() are blank nodes."""
    if server.numeric_booleans and isinstance(term, ox.Literal) and term.datatype.value == XSD_BOOLEAN \
            and term.value in ("0", "1"):
        return ox.Literal("true" if term.value == "1" else "false", datatype=term.datatype)
    if server.no_bnode_function and isinstance(term, ox.NamedNode) and term.value.startswith(BNODE_IRI):
        return ox.BlankNode("b" + term.value[len(BNODE_IRI):].replace("-", "").lower())
    return term
