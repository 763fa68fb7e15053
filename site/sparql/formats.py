"""Result formats of the SPARQL endpoint: content negotiation and serialisation with a row cap.

The formats come from the one registry (geonews.pipeline.formats); serialisation is pyoxigraph's
own (QueryResultsFormat, RdfFormat). Oxigraph writes the answer in a line-based format (TSV for
solutions, N-Triples for graphs) until one row more than the cap has come; the kept lines are
re-read by pyoxigraph for the requested format, so every format comes from the same kept rows
and no row becomes a Python object on the way.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable

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
class _Enough(Exception):
    """Raised by _Lines once it holds one line more than it may keep: stops the serializer."""


class _Lines:
    """A file for pyoxigraph's serializers that keeps the first `limit` lines and stops the
    serializer (by raising _Enough) as soon as there is one more."""

    def __init__(self, limit: int):
        self.limit, self.lines, self.chunks = limit, 0, []

    def write(self, data) -> int:
        data = bytes(data)
        self.chunks.append(data)
        self.lines += data.count(b"\n")
        if self.lines > self.limit:
            raise _Enough
        return len(data)

    def flush(self) -> None:
        pass

    def text(self) -> tuple[bytes, bool]:
        """The kept lines, and whether more were cut off."""
        body = b"".join(self.chunks)
        if self.lines <= self.limit:
            return body, False
        end = -1
        for _ in range(self.limit):
            end = body.index(b"\n", end + 1)
        return body[:end + 1], True


def _capped(result, fmt, lines: int) -> tuple[bytes, bool]:
    """`result` written natively in a line-based format (TSV, N-Triples: one solution or triple a
    line, newlines in values escaped), cut after `lines` lines; whether it was cut."""
    out = _Lines(lines)
    try:
        result.serialize(out, format=fmt)
    except _Enough:
        pass
    return out.text()


def _cell(term) -> str:
    """A term as a TSV results cell (N-Triples syntax; a triple term in <<( ... )>>)."""
    if term is None:
        return ""
    if isinstance(term, ox.Triple):
        return f"<<( {_cell(term.subject)} {_cell(term.predicate)} {_cell(term.object)} )>>"
    return str(term)


def _rows_tsv(solutions, max_rows: int) -> tuple[bytes, bool]:
    """Solutions given as Python rows (a remote store's answer) as TSV, cut after `max_rows`."""
    names = [v.value for v in solutions.variables]
    rows = list(itertools.islice(solutions, max_rows + 1))
    lines = ["\t".join(f"?{n}" for n in names)]
    lines += ["\t".join(_cell(r.get(n) if isinstance(r, dict) else r[n]) for n in names) for r in rows[:max_rows]]
    return ("\n".join(lines) + "\n").encode("utf-8"), len(rows) > max_rows


#: In Oxigraph's JSON results, where a solution with a bound variable follows another: '},{"var":{"type":'
#: (inside a string every '"' is escaped, so this cannot occur there).
_JSON_ROW_START = re.compile(rb'\},\{"[^"]*":\{"type":')
#: Bytes of JSON a capped answer may take before it is written the slow way instead.
_JSON_BYTES_PER_ROW = 512


class _Budget:
    """A file for pyoxigraph's serializers that stops them (by raising _Enough) past `limit` bytes."""

    def __init__(self, limit: int):
        self.limit, self.size, self.chunks = limit, 0, []

    def write(self, data) -> int:
        data = bytes(data)
        self.size += len(data)
        if self.size > self.limit:
            raise _Enough
        self.chunks.append(data)
        return len(data)

    def flush(self) -> None:
        pass


def _json_within(solutions: ox.QuerySolutions, max_rows: int) -> bytes | None:
    """The solutions written as JSON in one pass, if they are surely at most `max_rows`: at most
    one row more than the row starts counted plus every '{}' (a row binding nothing, or text in a
    value: an overcount only). None when they may be more, or the JSON outgrew its byte budget."""
    out = _Budget(max(max_rows, 1) * _JSON_BYTES_PER_ROW)
    try:
        solutions.serialize(out, format=ox.QueryResultsFormat.JSON)
    except _Enough:
        return None
    body = b"".join(out.chunks)
    at_most = len(_JSON_ROW_START.findall(body)) + 1 + body.count(b"{}")
    return body if at_most <= max_rows else None


def serialize_solutions(
    solutions: ox.QuerySolutions, key: str, max_rows: int, bounded: bool = False,
    again: Callable[[], ox.QuerySolutions] | None = None,
) -> tuple[bytes, bool]:
    """The first `max_rows` solutions in format `key`, and whether more were cut off.

    JSON asked for, with `again` (the query run anew) given: Oxigraph writes the JSON in one pass,
    which is the answer when its rows surely fit the cap (`_json_within`); else, and for the other
    formats, Oxigraph writes the solutions as TSV (a header line, then one line per solution)
    until one more than `max_rows` has come, and the kept lines are re-read by pyoxigraph for the
    requested format, so every format comes from the same kept rows and no row passes through
    Python objects. `bounded`: the query's own LIMIT keeps it within `max_rows`, so it is written
    directly.
    """
    native = isinstance(solutions, ox.QuerySolutions)  # else a remote store's rows (Python objects)
    if bounded and native:
        body = solutions.serialize(format=RESULT_FORMATS[key].results)
        return (SPREADSHEET_SAFE[key](body) if key in SPREADSHEET_SAFE else body), False
    if native and key == "json" and again is not None:
        body = _json_within(solutions, max_rows)
        if body is not None:
            return body, False
        solutions = again()
    if native:
        tsv, truncated = _capped(solutions, ox.QueryResultsFormat.TSV, max_rows + 1)
    else:
        tsv, truncated = _rows_tsv(solutions, max_rows)
    if key == "tsv":
        body = tsv
    else:
        body = ox.parse_query_results(tsv, ox.QueryResultsFormat.TSV).serialize(
            format=RESULT_FORMATS[key].results)
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
    """The first `max_rows` triples in format `key`, and whether more were cut off (written as
    N-Triples, one a line, cut, then re-read for the other formats)."""
    fmt = GRAPH_FORMATS[key].rdf
    if not isinstance(triples, ox.QueryTriples):  # a remote store's triples (Python objects)
        kept = list(itertools.islice(triples, max_rows + 1))
        use_prefixes = prefixes if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
        return ox.serialize(kept[:max_rows], format=fmt, prefixes=use_prefixes), len(kept) > max_rows
    nt, truncated = _capped(triples, ox.RdfFormat.N_TRIPLES, max_rows)
    if fmt == ox.RdfFormat.N_TRIPLES:
        return nt, truncated
    use_prefixes = prefixes if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
    kept = ox.parse(nt, ox.RdfFormat.N_TRIPLES)
    return ox.serialize(kept, format=fmt, prefixes=use_prefixes), truncated
