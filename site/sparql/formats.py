"""Result formats of the SPARQL endpoint: content negotiation and serialisation with a row cap.

The formats come from the one registry (geonews.pipeline.formats); serialisation is pyoxigraph's
own (QueryResultsFormat, RdfFormat). Solutions are read only up to
the row cap; the kept rows are written as SPARQL JSON and re-read by pyoxigraph, so every
results format comes from the same kept rows.
"""

from __future__ import annotations

import itertools
import json

import pyoxigraph as ox
from werkzeug.datastructures import MIMEAccept

from geonews.pipeline.formats import BY_KEY, Format, family, offers

from ..spreadsheet_safety import neutralise_csv, neutralise_tsv

#: What the endpoint writes, from the one formats registry (geonews.pipeline.formats).
RESULT_FORMATS: dict[str, Format] = {f.key: f for f in family("results")}
GRAPH_FORMATS: dict[str, Format] = {k: BY_KEY[k] for k in ("turtle", "ntriples", "jsonld", "rdfxml")}

#: Media types a client may ask for, in server preference order (first wins a tie, e.g. */*).
RESULT_OFFERS = [(mt, f.key) for mt, f in offers(RESULT_FORMATS.values())]
GRAPH_OFFERS = [(mt, f.key) for mt, f in offers(GRAPH_FORMATS.values())]

#: Results formats a spreadsheet opens: risky cells are neutralised (spreadsheet_safety).
SPREADSHEET_SAFE = {"csv": neutralise_csv, "tsv": neutralise_tsv}


def _format_param() -> dict[str, tuple[str | None, str | None]]:
    """Values of the `format` parameter -> (results format, graph format); SPARQLWrapper sends
    json/xml, which name a results format for SELECT/ASK and a graph format for CONSTRUCT."""
    out: dict[str, tuple[str | None, str | None]] = {}
    for table, slot in ((RESULT_FORMATS, 0), (GRAPH_FORMATS, 1)):
        for f in table.values():
            for name in (*f.names, f.media_type):
                pair = list(out.get(name, (None, None)))
                pair[slot] = pair[slot] or f.key
                out[name] = (pair[0], pair[1])
    return out


FORMAT_PARAM = _format_param()


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
    body = ox.parse_query_results(doc, ox.QueryResultsFormat.JSON).serialize(format=RESULT_FORMATS[key].results)
    if key in SPREADSHEET_SAFE:
        body = SPREADSHEET_SAFE[key](body)
    if truncated and key == "json":
        out = json.loads(body)
        out["truncated"] = True
        out["max_rows"] = max_rows
        body = json.dumps(out, ensure_ascii=False).encode("utf-8")
    return body, truncated


def serialize_boolean(answer: ox.QueryBoolean, key: str) -> bytes:
    return answer.serialize(format=RESULT_FORMATS[key].results)


def serialize_triples(
    triples: ox.QueryTriples, key: str, max_rows: int, prefixes: dict[str, str] | None = None
) -> tuple[bytes, bool]:
    """The first `max_rows` triples in format `key`, and whether more were cut off."""
    kept = list(itertools.islice(triples, max_rows + 1))
    truncated = len(kept) > max_rows
    fmt = GRAPH_FORMATS[key].rdf
    use_prefixes = prefixes if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
    return ox.serialize(kept[:max_rows], format=fmt, prefixes=use_prefixes), truncated
