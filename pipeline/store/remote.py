"""A store on any SPARQL 1.1 server, with GraphStore's interface, for users who outgrow one machine.

Only standard protocols are used: SPARQL 1.1 Update (POST `application/sparql-update`) for writes,
the SPARQL 1.1 Protocol (POST form `query=`; Virtuoso hangs on `application/sparql-query`) for
queries, and the Graph Store HTTP Protocol (GET `?graph=`) to read a graph where the server
returns it whole. What differs between servers (`servers.py`) is detected from the `Server`
header or set with `store_server`.

Writes: `replace_graph` sends the embedded store's single request to servers that run a request as
one transaction (Oxigraph), and a staged pair to the others (`base.staged_replace_requests`).
Every write also sets the store's version marker (`version()`, in the graph `urn:geonews:version`)
in the same request, so that `geonews serve` instances can tell cheaply whether anything changed.

Reads never hold a whole dataset: graphs, dumps and `quads()` are streamed from the server, graph
by graph, in pages where the server would silently cut a long answer (Virtuoso), with the count
checked. A server's own graphs (Virtuoso's system graphs) and geonews's internal ones are never
listed, exported or counted. Results come back as pyoxigraph terms, like GraphStore's.
"""

from __future__ import annotations

import contextlib
import threading
import time
import urllib.parse
import uuid
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from rdflib import Graph

from ..errors import StoreError
from ..formats import DATASET_KEYS, DUMP_FORMATS
from . import servers
from .answers import Answer, Solutions, parse_answer
from .base import UpdateWrites, _iri, staged_replace_requests
from .http import ServerRefused, ServerTimedOut, Stream, check_url, exchange
from .sparql_text import mint_bnodes, query_form, substitute
from .virtuoso_text import inline_data, integral_decimals

RESULTS_JSON = "application/sparql-results+json"
NTRIPLES = "application/n-triples"
ACCEPT = {"SELECT": RESULTS_JSON, "ASK": RESULTS_JSON, "CONSTRUCT": f"{NTRIPLES}, text/turtle;q=0.9",
          "DESCRIBE": f"{NTRIPLES}, text/turtle;q=0.9",
          None: f"{RESULTS_JSON}, {NTRIPLES};q=0.9, text/turtle;q=0.8, application/sparql-results+xml;q=0.5"}
MODIFIED = "http://purl.org/dc/terms/modified"
XSD_DATETIME = "http://www.w3.org/2001/XMLSchema#dateTime"
_VERSION = f"<{servers.VERSION_GRAPH}>"
_VERSION_QUERY = f"SELECT ?v WHERE {{ GRAPH {_VERSION} {{ {_VERSION} <{MODIFIED}> ?v }} }}"

#: One row if the store holds any triple in a named graph; ?visible says whether the default graph shows it.
_UNION_PROBE = ("SELECT ?visible WHERE { { SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1 } "
                "BIND(EXISTS { ?s ?p ?o } AS ?visible) }")


def sibling_endpoint(query_url: str, name: str) -> str:
    """`query_url` with its last path segment replaced by `name` ("" keeps the URL itself)."""
    if not name:
        return query_url
    parts = urllib.parse.urlsplit(query_url)
    head = parts.path.rsplit("/", 1)[0] if "/" in parts.path else ""
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, f"{head}/{name}", "", ""))


def version_ops(when: float | None = None) -> str:
    """Operations that set the version marker to `when` (now): appended to every write."""
    stamp = datetime.fromtimestamp(time.time() if when is None else when, UTC)
    value = ox.Literal(stamp.strftime("%Y-%m-%dT%H:%M:%S.%fZ"), datatype=ox.NamedNode(XSD_DATETIME))
    return (f"DELETE WHERE {{ GRAPH {_VERSION} {{ {_VERSION} <{MODIFIED}> ?v }} }} ;\n"
            f"INSERT DATA {{ GRAPH {_VERSION} {{ {_VERSION} <{MODIFIED}> {value} }} }}")


class RemoteStore(UpdateWrites):
    """A SPARQL 1.1 server (query, update and Graph Store endpoints) behind GraphStore's methods."""

    def __init__(self, query_endpoint: str, update_endpoint: str = "", graph_store_endpoint: str = "",
                 read_only: bool = False, timeout: float = 300.0, server: str = "auto",
                 page_rows: int = 5000):
        self.url = check_url(query_endpoint, "SPARQL query endpoint")
        self._update_url = update_endpoint and check_url(update_endpoint, "SPARQL update endpoint")
        self._graph_store_url = graph_store_endpoint and check_url(graph_store_endpoint,
                                                                   "Graph Store endpoint")
        if server not in servers.CHOICES:
            raise StoreError(f"unknown SPARQL server kind {server!r}: use one of {', '.join(servers.CHOICES)}")
        self._server = None if server == "auto" else servers.SERVERS[server]
        self.read_only = read_only
        self.timeout = timeout
        self.page_rows = max(1, page_rows)
        self._closed = False
        self._union_checked = False
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"RemoteStore({self.url!r})"

    def close(self) -> None:
        """Nothing is held between requests; later calls raise StoreError like a closed GraphStore."""
        self._closed = True

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- the server and its endpoints ------------------------------------------------------
    @property
    def server(self) -> servers.Server:
        """The kind of server (from `store_server`, or its `Server` header on a first ASK)."""
        with self._lock:
            if self._server is None:
                url = f"{self.url}{'&' if '?' in self.url else '?'}query=ASK%7B%7D"
                with self._open(url, headers={"Accept": RESULTS_JSON}) as resp:
                    resp.read()
                    self._server = servers.detect(resp.headers.get("Server"))
            return self._server

    @property
    def update_url(self) -> str:
        return self._update_url or sibling_endpoint(self.url, self.server.update_path)

    @property
    def graph_store_url(self) -> str:
        return self._graph_store_url or sibling_endpoint(self.url, self.server.graph_store_path)

    def _open(self, url: str, data: bytes | None = None, headers: dict[str, str] | None = None,
              deadline: float | None = None):
        if self._closed:
            raise StoreError(f"the store at {self.url} is closed")
        return exchange(url, "GET" if data is None else "POST", data, headers, self.timeout, deadline)

    # -- writing ---------------------------------------------------------------------------
    def update(self, sparql: str) -> None:
        """Run `sparql` and set the version marker, in one request."""
        self._update(f"{sparql} ;\n{version_ops()}")

    def _update(self, sparql: str) -> None:
        if self.read_only:
            raise StoreError("the store is open read-only")
        body = (self.server.update_prologue + sparql).encode("utf-8")
        with self._open(self.update_url, body, {"Content-Type": "application/sparql-update; charset=utf-8",
                                                "Accept": RESULTS_JSON}) as resp:
            resp.read()

    def replace_graph(self, graph: str, triples: Graph, entities: Graph | None = None,
                      entities_graph: str | None = None) -> None:
        """Replace `graph` (see UpdateWrites.replace_graph); on a server that keeps part of a failed
        request, through staging graphs: a failure before the move leaves the old graph as it was."""
        if self.server.atomic_requests:
            return super().replace_graph(graph, triples, entities, entities_graph)
        staging = f"{servers.INTERNAL_PREFIX}staging:{uuid.uuid4()}"
        stage, publish = staged_replace_requests(graph, triples, entities, entities_graph, staging)
        try:
            self._update(stage)
        except StoreError:
            with contextlib.suppress(StoreError):
                self._update(f"DROP SILENT GRAPH <{staging}> ; DROP SILENT GRAPH <{staging}-entities>")
            raise
        self.update(publish)

    def flush(self) -> None:
        """Every update is already on the server when its request returns."""

    def version(self) -> float:
        """When the store was last written through geonews (seconds since the epoch; 0.0 if never)."""
        rows = list(self._select(_VERSION_QUERY))
        try:
            return datetime.fromisoformat(rows[0]["v"].value.replace("Z", "+00:00")).timestamp() if rows else 0.0
        except (ValueError, AttributeError) as exc:
            raise StoreError(f"the version marker in {servers.VERSION_GRAPH} is not a dateTime: {exc}") from exc

    # -- reading ---------------------------------------------------------------------------
    @contextlib.contextmanager
    def open_query(self, sparql: str, substitutions: Mapping[str, ox.Term] | None = None,
                   union: bool = True, default_graph: list[str] | None = None,
                   named_graphs: list[str] | None = None, timeout: float | None = None,
                   base_iri: str | None = None, server_timeout: float | None = None) -> Iterator[Answer]:
        """Send a query and parse its answer lazily while the block reads it.

        `union` asks for the union of all graphs as the default graph (else the server's own
        default graph, which holds nothing geonews writes, except on Virtuoso, where it is always
        the union); `default_graph`/`named_graphs` are the protocol's dataset. `timeout` (seconds)
        is a deadline for the whole exchange, and `server_timeout` (default: `timeout`) is passed
        to a server that takes one (Virtuoso). Partial results sent at a server's own time limit
        raise ServerTimedOut: they never come back as an answer.
        """
        server = self.server
        form = query_form(sparql)
        text = substitute(sparql, substitutions or {})
        if server.no_bnode_function:
            text = mint_bnodes(text)
        if server.virtuoso_rewrites:
            text = integral_decimals(inline_data(text))
        if base_iri:
            text = f"BASE {_iri(base_iri)}\n{text}"
        params: list[tuple[str, str]] = [("query", text)]
        if default_graph is not None or named_graphs is not None:
            params += [("default-graph-uri", g) for g in default_graph or []]
            params += [("named-graph-uri", g) for g in named_graphs or []]
        elif union and server.union_parameter:
            params.append((server.union_parameter, ""))
        server_timeout = timeout if server_timeout is None else server_timeout
        if server_timeout is not None and server.timeout_ms_parameter and server_timeout >= 1:
            params.append((server.timeout_ms_parameter, str(int(server_timeout * 1000))))  # below 1 s: ignored
        deadline = None if timeout is None else time.monotonic() + timeout
        body = urllib.parse.urlencode(params).encode("ascii")
        headers = {"Accept": ACCEPT[form], "Content-Type": "application/x-www-form-urlencoded"}
        with self._timed_out_as_such(), self._open(self.url, body, headers, deadline) as resp:
            if server.partial_header and resp.headers.get(server.partial_header[0]) == server.partial_header[1]:
                raise ServerTimedOut(f"the SPARQL server stopped the query at its time limit and sent partial "
                                     f"results ({': '.join(server.partial_header)}); they are not passed on")
            cut = resp.headers.get(server.cut_header) if server.cut_header else None
            stream = Stream(resp, server.bnode_label_prefix, b'"type": "bnode", "value": "')
            try:
                yield Answer(parse_answer(resp.headers.get_content_type(), stream, substitutions or {},
                                          server, self.url),
                             int(cut) if cut and cut.isdigit() else None)
            except SyntaxError:
                if server.cancelled_marker and server.cancelled_marker in stream.tail:
                    raise ServerTimedOut("the SPARQL server cancelled the query at its time limit") from None
                raise

    @contextlib.contextmanager
    def _timed_out_as_such(self) -> Iterator[None]:
        """A server's HTTP error that says the query ran past the server's own time limit is a
        ServerTimedOut (HTTP 504 from the endpoint), not a refusal."""
        try:
            yield
        except ServerRefused as exc:
            marker = self.server.timeout_error_marker
            if marker and marker in exc.detail:
                raise ServerTimedOut(f"the SPARQL server stopped the query at its time limit ({marker})") from exc
            raise

    def query(self, sparql: str, use_default_graph_as_union: bool = True,
              substitutions: Mapping[ox.Variable | str, ox.Term] | None = None, **kwargs: Any):
        """Evaluated by the server; returns Solutions (rows), a bool or a list of Triples, whole.

        A server that cut the result (its row cap) raises StoreError: the pipeline never works on
        part of an answer. On a server whose default graph is not the union and that has no
        parameter for it, the first union query checks that named graphs are visible.
        """
        if kwargs:
            raise StoreError(f"a remote store does not support query options {', '.join(sorted(kwargs))}")
        subs = {(k.value if isinstance(k, ox.Variable) else k): v for k, v in (substitutions or {}).items()}
        server = self.server
        if use_default_graph_as_union and not (server.union_parameter or server.union_always):
            self._check_union_default_graph()
        with self.open_query(sparql, subs, union=use_default_graph_as_union) as answer:
            value = answer.value
            if isinstance(value, Solutions):
                value = Solutions(value.variables, list(value))
            elif not isinstance(value, ox.QueryBoolean):
                value = list(value)
            if answer.cut is not None:
                raise StoreError(f"{self.url} cut the result at {answer.cut} rows (its own limit, e.g. "
                                 "Virtuoso's ResultSetMaxRows): raise it, the answer would be incomplete")
        return value

    def _select(self, sparql: str) -> Solutions:
        return self.query(sparql, use_default_graph_as_union=False)

    def _check_union_default_graph(self) -> None:
        if self._union_checked:
            return
        rows = list(self._select(_UNION_PROBE))
        if not rows:
            return  # no data yet: nothing to tell either way, ask again next time
        visible = rows[0]["visible"]
        if visible is None or visible.value != "true":
            raise StoreError(
                f"the SPARQL server at {self.url} does not use the union of its named graphs as the default "
                "graph, which geonews queries rely on: configure it so (Fuseki tdb2:unionDefaultGraph true), "
                "or name the server with `store_server`")
        self._union_checked = True

    def named_graphs(self) -> list[str]:
        """Every named graph that holds data (never the server's or geonews's own)."""
        pattern = "{ }" if self.server.empty_graph_pattern else "{ ?s ?p ?o }"
        if self.server.cut_header is None:
            names = [r["g"].value for r in self._select(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {pattern} }}")
                     if isinstance(r["g"], ox.NamedNode)]
        else:  # a server that cuts long answers: pages, each after the last name seen
            names, last = [], ""
            while True:
                after = f"FILTER(STR(?g) > {ox.Literal(last)})" if last else ""
                page = [r["g"].value for r in self._select(
                    f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {pattern} {after} }} ORDER BY STR(?g) "
                    f"LIMIT {self.page_rows}") if isinstance(r["g"], ox.NamedNode)]
                names += page
                if len(page) < self.page_rows:
                    break
                last = page[-1]
        return sorted(n for n in set(names) if not servers.hidden(n, self.server))

    def has_graph(self, name: str) -> bool:
        """Whether the server holds the named graph `name` with data (no listing; also a graph of
        the server's own, which a query may name in FROM since GRAPH ?g shows it too)."""
        return bool(self.query(f"ASK {{ GRAPH {_iri(name)} {{ ?s ?p ?o }} }}", use_default_graph_as_union=False))

    def _graph_triples(self, name: str) -> Iterator[ox.Triple]:
        """One graph's triples, streamed: by the Graph Store Protocol where it returns whole
        graphs, else in pages of `page_rows` (LIMIT/OFFSET), whose total is checked."""
        g = _iri(name)
        if self.server.graph_store_complete:
            sep = "&" if "?" in self.graph_store_url else "?"
            url = f"{self.graph_store_url}{sep}{urllib.parse.urlencode({'graph': name})}"
            try:
                with self._open(url, headers={"Accept": f"{NTRIPLES}, text/turtle;q=0.9"}) as resp:
                    fmt = ox.RdfFormat.from_media_type(resp.headers.get_content_type())
                    if fmt is None:
                        raise StoreError(f"{url} answered with {resp.headers.get_content_type()}, not RDF")
                    for q in ox.parse(resp, fmt):
                        yield q.triple
            except ServerRefused as exc:
                if exc.status != 404:  # 404: the protocol's "no such graph"
                    raise
            return
        expected = self._count(f"GRAPH {g} {{ ?s ?p ?o }}")
        seen = 0
        for offset in range(0, expected, self.page_rows):
            with self.open_query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }} }} "
                                 f"LIMIT {self.page_rows} OFFSET {offset}", union=False) as answer:
                for t in answer.value:
                    seen += 1
                    yield t
        if seen != expected:
            raise StoreError(f"{self.url} gave {seen} of the {expected} triples of <{name}> in pages of "
                             f"{self.page_rows}: its row cap must be larger than `store_page_rows`, "
                             "and nothing may write while a graph is read")

    def row_cap(self, rows: int) -> int | None:
        """The server's own cap on answers if it is below `rows`, found with a SELECT of `rows`
        generated rows (a cross join of VALUES), or None. Only a server that says when it cuts
        can tell (`cut_header`); that cut then also applies, silently, to CONSTRUCT answers."""
        if self.server.cut_header is None:
            return None
        digits = " ".join(f"VALUES ?d{i} {{ 0 1 2 3 4 5 6 7 8 9 }}" for i in range(len(str(max(rows, 1)))))
        with self.open_query(f"SELECT * WHERE {{ {digits} }} LIMIT {rows}", union=False) as answer:
            for _ in answer.value:
                pass
            return answer.cut

    def _count(self, pattern: str) -> int:
        return int(next(iter(self._select(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}")))["n"].value)

    def published(self, var: str = "?g") -> str:
        """A FILTER keeping only the graphs `var` that hold published data (not the server's own)."""
        hidden = ", ".join(_iri(g) for g in sorted(self.server.system_graphs))
        not_in = f" && {var} NOT IN ({hidden})" if hidden else ""
        return f"FILTER(!STRSTARTS(STR({var}), {ox.Literal(servers.INTERNAL_PREFIX)}){not_in})"

    def graph(self, name: str) -> Graph:
        """One named graph as an rdflib Graph; empty if the server does not have it (like GraphStore)."""
        data = ox.serialize(self._graph_triples(name), format=ox.RdfFormat.N_TRIPLES)
        return Graph().parse(data=data.decode("utf-8"), format="nt") if data else Graph()

    def describe(self, iris: Iterable[str], graph: str) -> Graph:
        """The triples of `graph` whose subject is one of `iris`."""
        values = " ".join(_iri(i) for i in iris)
        if not values:
            return Graph()
        triples = self.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ VALUES ?s {{ {values} }} "
                             f"GRAPH {_iri(graph)} {{ ?s ?p ?o }} }}", use_default_graph_as_union=False)
        data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        return Graph().parse(data=data.decode("utf-8"), format="nt") if data else Graph()

    def dump(self, out: IO[bytes] | str | Path, fmt: str, graph: str | None = None) -> None:
        """Write the dataset (trig, nquads), one graph, or every graph's triples one graph after the
        other (turtle, ntriples: a triple two graphs hold is written twice, which is the same RDF
        graph), streamed from the server."""
        rdf_format = DUMP_FORMATS[fmt].rdf
        if graph is not None:
            ox.serialize(self._graph_triples(graph), out, rdf_format)
        elif fmt in DATASET_KEYS:
            ox.serialize(self.quads(), out, rdf_format)
        else:
            ox.serialize((q.triple for q in self.quads()), out, rdf_format)

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad of every named graph, graph by graph."""
        for name in self.named_graphs():
            g = ox.NamedNode(name)
            for t in self._graph_triples(name):
                yield ox.Quad(t.subject, t.predicate, t.object, g)

    def __len__(self) -> int:
        return self._count(f"GRAPH ?g {{ ?s ?p ?o }} {self.published()}")
