"""Result formats of the SPARQL endpoint: content negotiation and serialisation with a row cap.

Serialisation is pyoxigraph's own (QueryResultsFormat, RdfFormat). Solutions are read only up to
the row cap; the kept rows are written as SPARQL JSON and re-read by pyoxigraph, so every
results format comes from the same kept rows.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass

import pyoxigraph as ox
from werkzeug.datastructures import MIMEAccept

from .spreadsheet_safety import neutralise_csv, neutralise_tsv


@dataclass(frozen=True)
class Format:
    key: str
    media_type: str
    format_iri: (
        str  # http://www.w3.org/ns/formats/ (SPARQL 1.1 Service Description sd:resultFormat)
    )

    @property
    def content_type(self) -> str:
        return f"{self.media_type}; charset=utf-8"


RESULT_FORMATS = {
    f.key: f
    for f in (
        Format("json", "application/sparql-results+json", "SPARQL_Results_JSON"),
        Format("xml", "application/sparql-results+xml", "SPARQL_Results_XML"),
        Format("csv", "text/csv", "SPARQL_Results_CSV"),
        Format("tsv", "text/tab-separated-values", "SPARQL_Results_TSV"),
    )
}
GRAPH_FORMATS = {
    f.key: f
    for f in (
        Format("turtle", "text/turtle", "Turtle"),
        Format("ntriples", "application/n-triples", "N-Triples"),
        Format("jsonld", "application/ld+json", "JSON-LD"),
        Format("rdfxml", "application/rdf+xml", "RDF_XML"),
    )
}
OX_RESULTS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
OX_RDF = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}

#: Results formats a spreadsheet opens: risky cells are neutralised (spreadsheet_safety).
SPREADSHEET_SAFE = {"csv": neutralise_csv, "tsv": neutralise_tsv}

#: Media types a client may ask for, in server preference order (first wins a tie, e.g. */*).
RESULT_OFFERS = [
    ("application/sparql-results+json", "json"),
    ("application/sparql-results+xml", "xml"),
    ("text/csv", "csv"),
    ("text/tab-separated-values", "tsv"),
    ("application/json", "json"),
    ("application/xml", "xml"),
    ("text/xml", "xml"),
]
GRAPH_OFFERS = [
    ("text/turtle", "turtle"),
    ("application/n-triples", "ntriples"),
    ("application/ld+json", "jsonld"),
    ("application/rdf+xml", "rdfxml"),
    ("application/x-turtle", "turtle"),
    ("application/turtle", "turtle"),
    ("text/n3", "turtle"),
    ("text/plain", "ntriples"),
    ("application/json", "jsonld"),
    ("application/x-json+ld", "jsonld"),
    ("application/xml", "rdfxml"),
    ("text/xml", "rdfxml"),
]

#: Values of the `format` parameter: (results format, graph format); SPARQLWrapper sends json/xml.
FORMAT_PARAM = {
    "json": ("json", "jsonld"),
    "xml": ("xml", "rdfxml"),
    "csv": ("csv", None),
    "tsv": ("tsv", None),
    "turtle": (None, "turtle"),
    "ttl": (None, "turtle"),
    "n3": (None, "turtle"),
    "ntriples": (None, "ntriples"),
    "nt": (None, "ntriples"),
    "n-triples": (None, "ntriples"),
    "jsonld": (None, "jsonld"),
    "json-ld": (None, "jsonld"),
    "rdfxml": (None, "rdfxml"),
    "rdf+xml": (None, "rdfxml"),
    "rdf": (None, "rdfxml"),
}
for _key, _fmt in RESULT_FORMATS.items():
    FORMAT_PARAM[_fmt.media_type] = (_key, None)
for _key, _fmt in GRAPH_FORMATS.items():
    FORMAT_PARAM[_fmt.media_type] = (None, _key)


class UnknownFormat(ValueError):
    """The `format` parameter names no format this endpoint writes."""


def negotiate(accept: MIMEAccept, format_param: str | None) -> tuple[str | None, str | None]:
    """(results format key, graph format key) for a request; None where nothing is acceptable."""
    if format_param:
        try:
            return FORMAT_PARAM[format_param.strip().lower()]
        except KeyError:
            raise UnknownFormat(
                f"unknown format {format_param!r}; use one of "
                f"{', '.join([*RESULT_FORMATS, *GRAPH_FORMATS])}"
            ) from None
    if not accept:  # no Accept header: anything goes
        return "json", "turtle"
    return _best(accept, RESULT_OFFERS), _best(accept, GRAPH_OFFERS)


def _best(accept: MIMEAccept, offers: list[tuple[str, str]]) -> str | None:
    best = accept.best_match([mt for mt, _ in offers])
    return dict(offers)[best] if best else None


# -- serialisation (runs in the query worker) ---------------------------------------------------
def _term_json(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        else:
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {
            "type": "triple",
            "value": {
                "subject": _term_json(term.subject),
                "predicate": _term_json(term.predicate),
                "object": _term_json(term.object),
            },
        }
    raise TypeError(f"unexpected term {term!r}")


def serialize_solutions(
    solutions: ox.QuerySolutions, key: str, max_rows: int
) -> tuple[bytes, bool]:
    """The first `max_rows` solutions in format `key`, and whether more were cut off."""
    names = [v.value for v in solutions.variables]
    rows = list(itertools.islice(solutions, max_rows + 1))
    truncated = len(rows) > max_rows
    bindings = [
        {name: _term_json(row[name]) for name in names if row[name] is not None}
        for row in rows[:max_rows]
    ]
    doc = json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}})
    body = ox.parse_query_results(doc, ox.QueryResultsFormat.JSON).serialize(format=OX_RESULTS[key])
    if key in SPREADSHEET_SAFE:
        body = SPREADSHEET_SAFE[key](body)
    if truncated and key == "json":
        out = json.loads(body)
        out["truncated"] = True
        out["max_rows"] = max_rows
        body = json.dumps(out, ensure_ascii=False).encode("utf-8")
    return body, truncated


def serialize_boolean(answer: ox.QueryBoolean, key: str) -> bytes:
    return answer.serialize(format=OX_RESULTS[key])


def serialize_triples(
    triples: ox.QueryTriples, key: str, max_rows: int, prefixes: dict[str, str] | None = None
) -> tuple[bytes, bool]:
    """The first `max_rows` triples in format `key`, and whether more were cut off."""
    kept = list(itertools.islice(triples, max_rows + 1))
    truncated = len(kept) > max_rows
    fmt = OX_RDF[key]
    use_prefixes = prefixes if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
    return ox.serialize(kept[:max_rows], format=fmt, prefixes=use_prefixes), truncated
