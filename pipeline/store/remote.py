"""A store on any SPARQL 1.1 server, with GraphStore's interface, for users who outgrow one machine.

Only standard protocols are used: SPARQL 1.1 Update (POST `application/sparql-update`) for writes,
the SPARQL 1.1 Protocol (POST form `query=`) for queries, and the Graph Store HTTP Protocol
(GET `?graph=`) to read one graph. `replace_graph` sends the same single request as the embedded
store (`DROP SILENT GRAPH <g> ; INSERT DATA {...} ; ...`), so a server that runs one request as
one transaction (Oxigraph does) replaces an article atomically; the others apply it in order.

Results: `query()` returns what pyoxigraph's `Store.query` returns (QuerySolutions, QueryBoolean,
or Triples), parsed by pyoxigraph from the server's SPARQL results / RDF, so callers are unchanged.

Default graph: `query()` assumes, like the embedded store, that the default graph is the union of
all named graphs, so the server must be configured that way (Oxigraph: `oxigraph serve
--union-default-graph`; Fuseki/TDB2: `tdb2:unionDefaultGraph true`). Rewriting arbitrary queries
is not attempted; instead the first union query checks the server and raises StoreError if a
triple of a named graph is not visible in its default graph. Everything `ingest`, `export` and
`validate` need (`graph`, `named_graphs`, `describe`, `dump`, `quads`, `len`) uses explicit
GRAPH patterns or the Graph Store Protocol and works whatever the server's default graph is.
The server's own default graph is never read or written: the pipeline keeps everything in named graphs.
"""

from __future__ import annotations

import http.client
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from rdflib import Graph

from ..errors import StoreError
from ..formats import DATASET_KEYS, DUMP_FORMATS
from .base import UpdateWrites

#: Ask for results that pyoxigraph parses; the answer's Content-Type says which one came back,
#: so the query form (SELECT/ASK vs CONSTRUCT/DESCRIBE) never has to be guessed from the text.
QUERY_ACCEPT = ("application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8, "
                "application/sparql-results+xml;q=0.5")
NTRIPLES = "application/n-triples"

#: One row if the store holds any triple in a named graph; ?visible says whether the default graph shows it.
_UNION_PROBE = ("SELECT ?visible WHERE { { SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1 } "
                "BIND(EXISTS { ?s ?p ?o } AS ?visible) }")


def sibling_endpoint(query_url: str, name: str) -> str:
    """`query_url` with its last path segment replaced by `name` (Oxigraph's /query, /update, /store)."""
    parts = urllib.parse.urlsplit(query_url)
    head = parts.path.rsplit("/", 1)[0] if "/" in parts.path else ""
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, f"{head}/{name}", "", ""))


def _http_url(url: str, what: str) -> str:
    """Refuse anything but http(s): urllib would also open file:// and ftp:// URLs."""
    if not url.startswith(("http://", "https://")):
        raise StoreError(f"the {what} must be an http:// or https:// URL, not {url!r}")
    return url


class RemoteStore(UpdateWrites):
    """A SPARQL 1.1 server (query, update and Graph Store endpoints) behind GraphStore's methods."""

    def __init__(self, query_endpoint: str, update_endpoint: str = "", graph_store_endpoint: str = "",
                 read_only: bool = False, timeout: float = 300.0):
        self.url = _http_url(query_endpoint, "SPARQL query endpoint")
        self.update_url = _http_url(update_endpoint or sibling_endpoint(query_endpoint, "update"),
                                    "SPARQL update endpoint")
        self.graph_store_url = _http_url(graph_store_endpoint or sibling_endpoint(query_endpoint, "store"),
                                         "Graph Store endpoint")
        self.read_only = read_only
        self.timeout = timeout
        self._closed = False
        self._union_checked = False

    def __repr__(self) -> str:
        return f"RemoteStore({self.url!r})"

    def close(self) -> None:
        """Nothing is held between requests; later calls raise StoreError like a closed GraphStore."""
        self._closed = True

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- HTTP ------------------------------------------------------------------------------
    def _request(self, url: str, data: bytes | None = None, headers: dict[str, str] | None = None,
                 missing_ok: bool = False) -> tuple[str, bytes]:
        """(content type, body) of one request; StoreError naming the URL and status if it fails.

        With `missing_ok`, a 404 (the Graph Store Protocol's "no such graph") gives ("", b"").
        """
        if self._closed:
            raise StoreError(f"the store at {self.url} is closed")
        method = "GET" if data is None else "POST"
        req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                return resp.headers.get_content_type(), resp.read()
        except urllib.error.HTTPError as exc:
            try:
                if missing_ok and exc.code == 404:
                    return "", b""
                detail = exc.read(2000).decode("utf-8", "replace").strip()
            finally:
                exc.close()
            raise StoreError(f"{method} {url} failed: HTTP {exc.code} {exc.reason}"
                             + (f": {detail}" if detail else "")) from exc
        except urllib.error.URLError as exc:
            raise StoreError(f"cannot reach the SPARQL server at {url.split('?', 1)[0]}: {exc.reason}") from exc
        except (OSError, http.client.HTTPException) as exc:  # timeouts, resets, malformed answers
            raise StoreError(f"{method} {url} failed: {exc}") from exc

    def _get_graph(self, name: str) -> tuple[str, bytes]:
        """One graph through the Graph Store Protocol; ("", b"") if the server does not have it."""
        sep = "&" if "?" in self.graph_store_url else "?"
        url = f"{self.graph_store_url}{sep}{urllib.parse.urlencode({'graph': name})}"
        return self._request(url, headers={"Accept": f"{NTRIPLES}, text/turtle;q=0.9"}, missing_ok=True)

    def _graph_triples(self, name: str) -> list[ox.Triple]:
        ctype, body = self._get_graph(name)
        return _triples(ctype, body, self.graph_store_url) if body else []

    # -- writing ---------------------------------------------------------------------------
    def update(self, sparql: str) -> None:
        if self.read_only:
            raise StoreError("the store is open read-only")
        self._request(self.update_url, data=sparql.encode("utf-8"),
                      headers={"Content-Type": "application/sparql-update; charset=utf-8"})

    def flush(self) -> None:
        """Every update is already on the server when its request returns."""

    # -- reading ---------------------------------------------------------------------------
    def query(self, sparql: str, use_default_graph_as_union: bool = True, **kwargs: Any):
        """Evaluated by the server; returns pyoxigraph QuerySolutions, QueryBoolean or a list of Triples.

        `use_default_graph_as_union=False` cannot switch a union-default server back; queries that
        pass it (evaluate.predicted) only use GRAPH patterns, for which it makes no difference.
        """
        if kwargs:
            raise StoreError(f"a remote store does not support query options {', '.join(sorted(kwargs))}")
        if use_default_graph_as_union and not self._union_checked:
            self._check_union_default_graph()
        return self._query(sparql)

    def _query(self, sparql: str):
        ctype, body = self._request(self.url, data=urllib.parse.urlencode({"query": sparql}).encode("ascii"),
                                    headers={"Accept": QUERY_ACCEPT,
                                             "Content-Type": "application/x-www-form-urlencoded"})
        results_format = ox.QueryResultsFormat.from_media_type(ctype)
        if results_format is not None:
            try:
                return ox.parse_query_results(body, results_format)
            except (SyntaxError, ValueError) as exc:
                raise StoreError(f"{self.url} sent unreadable {ctype} results: {exc}") from exc
        return _triples(ctype, body, self.url)

    def _check_union_default_graph(self) -> None:
        rows = list(self._query(_UNION_PROBE))
        if not rows:
            return  # no data yet: nothing to tell either way, ask again next time
        visible = rows[0]["visible"]
        if visible is None or visible.value != "true":
            raise StoreError(
                f"the SPARQL server at {self.url} does not use the union of its named graphs as the default "
                "graph, which geonews queries rely on: configure it so (oxigraph serve --union-default-graph, "
                "Fuseki tdb2:unionDefaultGraph true)")
        self._union_checked = True

    def named_graphs(self) -> list[str]:
        rows = self._query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")
        return sorted(r["g"].value for r in rows if isinstance(r["g"], ox.NamedNode))

    def graph(self, name: str) -> Graph:
        """One named graph as an rdflib Graph; empty if the server does not have it (like GraphStore)."""
        ctype, body = self._get_graph(name)
        if not body:
            return Graph()
        try:
            return Graph().parse(data=body.decode("utf-8"), format=ctype)
        except (SyntaxError, ValueError, UnicodeDecodeError) as exc:
            raise StoreError(f"{self.graph_store_url} sent an unreadable {ctype} graph <{name}>: {exc}") from exc

    def describe(self, iris: Iterable[str], graph: str) -> Graph:
        """The triples of `graph` whose subject is one of `iris`."""
        values = " ".join(f"<{i}>" for i in iris)
        if not values:
            return Graph()
        triples = self._query(
            f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ VALUES ?s {{ {values} }} GRAPH <{graph}> {{ ?s ?p ?o }} }}")
        data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        return Graph().parse(data=data.decode("utf-8"), format="nt") if data else Graph()

    def dump(self, out: IO[bytes] | str | Path, fmt: str, graph: str | None = None) -> None:
        """Write the dataset (trig, nquads: one GSP request per graph) or the union / one graph."""
        rdf_format = DUMP_FORMATS[fmt].rdf
        if graph is not None:
            ox.serialize(self._graph_triples(graph), out, rdf_format)
        elif fmt in DATASET_KEYS:
            ox.serialize(self.quads(), out, rdf_format)
        else:
            ox.serialize(self._query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"), out, rdf_format)

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad of every named graph, graph by graph (each graph is one Graph Store request)."""
        for name in self.named_graphs():
            g = ox.NamedNode(name)
            for t in self._graph_triples(name):
                yield ox.Quad(t.subject, t.predicate, t.object, g)

    def __len__(self) -> int:
        rows = list(self._query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"))
        return int(rows[0]["n"].value)


def _triples(ctype: str, body: bytes, url: str) -> list[ox.Triple]:
    """RDF triples from an answer, in whichever RDF syntax its Content-Type names."""
    rdf_format = ox.RdfFormat.from_media_type(ctype)
    if rdf_format is None:
        raise StoreError(f"{url} answered with {ctype or 'no content type'}, not SPARQL results or RDF")
    try:
        return [q.triple for q in ox.parse(body, rdf_format)]
    except (SyntaxError, ValueError) as exc:
        raise StoreError(f"{url} sent unreadable {ctype}: {exc}") from exc
