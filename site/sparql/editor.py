"""The HTML query editor at /sparql, for browsers (clients that put text/html first).

The query runs exactly as a data request would (same checks, workers, row cap); its answer is read
back as SPARQL JSON (or N-Triples for graphs) and shown as a table: IRIs minted here link to their
/doc pages, the row count and the truncation notice are shown, and an error is shown above the
query it belongs to, which stays in the editor. The page's URL (`/sparql?query=...`) is the link
to share; download links name a format with `format=`, so they get exactly what a client gets.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

import pyoxigraph as ox
from flask import Response, render_template, request

from geonews.pipeline.rdf.iris import Minter

from ..db import get_settings
from ..examples import EXAMPLES, GENERIC
from ..terms import SAFE_SCHEMES, TermView, doc_path, short
from .errors import ProtocolError
from .formats import GRAPH_FORMATS, RESULT_FORMATS
from .pool import Outcome

#: Download links offered under the table, by kind of answer: (format key, label, file suffix).
DOWNLOADS = {
    "solutions": (("csv", "CSV", "csv"), ("json", "JSON", "json"), ("tsv", "TSV", "tsv"),
                  ("xml", "XML", "srx")),
    "boolean": (("json", "JSON", "json"), ("xml", "XML", "srx")),
    "triples": (("turtle", "Turtle", "ttl"), ("ntriples", "N-Triples", "nt"),
                ("jsonld", "JSON-LD", "jsonld"), ("rdfxml", "RDF/XML", "rdf")),
}
DATASET_PARAMS = ("default-graph-uri", "named-graph-uri")


@dataclass
class Results:
    """An answer as the page shows it."""

    kind: str  # solutions | boolean | triples
    columns: list[str] = field(default_factory=list)
    rows: list[list[TermView | None]] = field(default_factory=list)
    boolean: bool | None = None
    truncated: bool = False


class Cells:
    """SPARQL JSON terms and pyoxigraph terms as table cells."""

    def __init__(self, minter: Minter):
        self.minter = minter

    def iri(self, iri: str) -> TermView:
        path = doc_path(self.minter, iri)
        href = path or (iri if iri.startswith(SAFE_SCHEMES) else None)
        return TermView(short(iri), href=href, iri=iri, internal=path is not None)

    def json_term(self, t: dict | None) -> TermView | None:
        if t is None:
            return None
        kind = t.get("type")
        if kind == "uri":
            return self.iri(t["value"])
        if kind == "bnode":
            return TermView(f"_:{t['value']}")
        if kind == "triple":
            parts = [self.json_term(t["value"][k]) for k in ("subject", "predicate", "object")]
            return TermView("<< " + " ".join(p.text for p in parts if p) + " >>")
        return self._literal(t["value"], t.get("xml:lang"), t.get("datatype"))

    def term(self, t: ox.Term) -> TermView:
        if isinstance(t, ox.NamedNode):
            return self.iri(t.value)
        if isinstance(t, ox.Literal):
            return self._literal(t.value, t.language, t.datatype.value if t.datatype else None)
        if isinstance(t, ox.Triple):
            return TermView("<< " + " ".join(self.term(x).text for x in t) + " >>")
        return TermView(str(t))

    @staticmethod
    def _literal(value: str, lang: str | None, datatype: str | None) -> TermView:
        plain = (None, "http://www.w3.org/2001/XMLSchema#string",
                 "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString")
        return TermView(value, lang=lang, datatype=None if datatype in plain else short(datatype))


def read(outcome: Outcome, cells: Cells) -> Results:
    """The rows of an ok Outcome run with results format json and graph format ntriples."""
    if outcome.kind == "triples":
        triples = ox.parse(outcome.body, format=ox.RdfFormat.N_TRIPLES)
        return Results("triples", ["subject", "predicate", "object"],
                       [[cells.term(t.subject), cells.term(t.predicate), cells.term(t.object)]
                        for t in triples], truncated=outcome.truncated)
    doc = json.loads(outcome.body)
    if outcome.kind == "boolean":
        return Results("boolean", boolean=bool(doc["boolean"]))
    names = doc["head"]["vars"]
    rows = [[cells.json_term(b.get(n)) for n in names] for b in doc["results"]["bindings"]]
    return Results("solutions", names, rows, truncated=outcome.truncated)


def _link(query: str, **params: str) -> str:
    dataset = [(k, v) for k in DATASET_PARAMS for v in request.values.getlist(k)]
    return "/sparql?" + urlencode([("query", query), *dataset, *params.items()])


def page(query: str | None, execute: Callable[[str, str, str], Outcome],
         failed: ProtocolError | None = None) -> Response:
    """The editor holding `query` (the first example when None) and, for a query, its answer
    (or the error `failed` the request already met)."""
    settings = get_settings()
    results, error, status, headers = None, None, 200, {}
    if failed is not None:
        error, status, headers = str(failed), failed.status, dict(failed.headers)
    elif query is not None:
        try:
            results = read(execute(query, "json", "ntriples"), Cells(Minter(settings.base)))
        except ProtocolError as exc:
            error, status, headers = str(exc), exc.status, exc.headers
    downloads = []
    if results is not None:
        headers["Geonews-Results-Truncated"] = "true" if results.truncated else "false"
        downloads = [(label, _link(query, format=key), f"results.{suffix}")
                     for key, label, suffix in DOWNLOADS[results.kind]]
    examples = [(title, text, _link(text)) for title, text in (*EXAMPLES, *GENERIC)]
    body = render_template(
        "sparql.html", query=EXAMPLES[0][1] if query is None else query, ran=query is not None,
        results=results, error=error, status=status, downloads=downloads,
        share=_link(query) if query is not None else None, examples=examples,
        max_rows=settings.max_rows, result_formats=RESULT_FORMATS, graph_formats=GRAPH_FORMATS)
    return Response(body, status=status, headers=headers, content_type="text/html; charset=utf-8")
