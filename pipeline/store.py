"""The embedded store: a persistent, transactional Oxigraph database, one named graph per article.

`open_store` picks it, or a SPARQL 1.1 server (store_remote.RemoteStore) when the `store` setting is a URL.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from .errors import StoreError
from .settings import Settings

if TYPE_CHECKING:
    from .store_remote import RemoteStore

FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "ntriples": ox.RdfFormat.N_TRIPLES,
}
#: Formats that can hold named graphs; the others get the union of all graphs.
DATASET_FORMATS = {"trig", "nquads"}


RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_ALT_LABEL = "http://www.w3.org/2004/02/skos/core#altLabel"


def to_oxigraph_term(t: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as a pyoxigraph term; pyoxigraph checks IRIs, language tags, bnode ids."""
    if isinstance(t, URIRef):
        return ox.NamedNode(str(t))
    if isinstance(t, BNode):
        return ox.BlankNode(str(t))
    if isinstance(t, Literal):
        if t.language:
            return ox.Literal(str(t), language=t.language)
        if t.datatype is not None:
            return ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype)))
        return ox.Literal(str(t))
    raise StoreError(f"cannot store {t!r}: not an IRI, blank node or literal")


def _triple(t: tuple[Node, Node, Node]) -> ox.Triple:
    try:
        return ox.Triple(to_oxigraph_term(t[0]), to_oxigraph_term(t[1]), to_oxigraph_term(t[2]))
    except (ValueError, TypeError) as exc:
        raise StoreError(f"cannot store the triple {' '.join(repr(str(x)) for x in t)}: {exc}") from exc


def _nt(triples: Iterable[tuple[Node, Node, Node]]) -> str:
    """N-Triples text (also valid inside SPARQL INSERT DATA), written by Oxigraph's serializer."""
    return ox.serialize([_triple(t) for t in triples], format=ox.RdfFormat.N_TRIPLES).decode("utf-8")


def _iri(iri: str) -> str:
    """`<iri>` for a SPARQL request, after checking that it is a valid IRI."""
    try:
        return str(ox.NamedNode(iri))
    except ValueError as exc:
        raise StoreError(f"not a valid graph IRI {iri!r}: {exc}") from exc


def replace_graph_request(graph: str, triples: Graph, entities: Graph | None = None,
                          entities_graph: str | None = None) -> str:
    """The one SPARQL Update request behind `replace_graph`, shared by the embedded and remote stores."""
    g = _iri(graph)
    parts = [f"DROP SILENT GRAPH {g} ;", f"INSERT DATA {{ GRAPH {g} {{\n{_nt(triples)}}} }}"]
    if entities is not None and entities_graph:
        eg = _iri(entities_graph)
        labels = [t for t in entities if str(t[1]) == RDFS_LABEL]
        rest = [t for t in entities if str(t[1]) != RDFS_LABEL]
        parts.append(f"; INSERT DATA {{ GRAPH {eg} {{\n{_nt(rest)}}} }}")
        for t in sorted(labels):
            checked = _triple(t)
            s, lit = str(checked.subject), str(checked.object)
            parts.append(
                f"; INSERT {{ GRAPH {eg} {{ {s} <{RDFS_LABEL}> {lit} }} }} WHERE {{ "
                f"FILTER NOT EXISTS {{ GRAPH {eg} {{ {s} <{RDFS_LABEL}> ?l }} }} }}"
                f"; INSERT {{ GRAPH {eg} {{ {s} <{SKOS_ALT_LABEL}> {lit} }} }}"
                f" WHERE {{ GRAPH {eg} {{ {s} <{RDFS_LABEL}> ?l FILTER(!sameTerm(?l, {lit})) }} }}"
            )
    return "\n".join(parts)


class UpdateWrites:
    """Writes built on a store's `update(sparql)`: shared by the embedded and the remote store."""

    def replace_graph(self, graph: str, triples: Graph, entities: Graph | None = None,
                      entities_graph: str | None = None) -> None:
        """Atomically replace `graph` with `triples` and merge `entities` into `entities_graph`.

        One SPARQL Update request, which Oxigraph runs as one transaction: a crash (even kill -9)
        leaves either the old or the new graph, never part of one (the kill -9 tests in tests/test_store.py).
        pyoxigraph has no other way to combine a graph's removal and an insertion in one
        transaction (`extend` only adds, `remove_graph` is a transaction of its own).
        Each entity keeps the first rdfs:label it was published with; the store never holds two.
        """
        self.update(replace_graph_request(graph, triples, entities, entities_graph))

    def drop_graph(self, graph: str) -> None:
        self.update(f"DROP SILENT GRAPH <{graph}>")


class GraphStore(UpdateWrites):
    """Wraps a pyoxigraph Store; every write is one SPARQL Update request, i.e. one transaction."""

    def __init__(self, path: str | Path | None, read_only: bool = False):
        self.path = None if path is None else Path(path)
        self._db: ox.Store | None = None
        try:
            if self.path is None:
                self._db = ox.Store()
            elif read_only:
                if not self.path.exists():
                    raise StoreError(f"no store at {self.path}: run `geonews ingest` first")
                self._db = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._db = ox.Store(str(self.path))
        except OSError as exc:
            raise StoreError(f"cannot open the store at {self.path}: {exc}") from exc
        self.read_only = read_only

    @property
    def _store(self) -> ox.Store:
        if self._db is None:
            raise StoreError(f"the store at {self.path} is closed")
        return self._db

    def close(self) -> None:
        """Flush and release the database (its lock is held until then, even by a lingering reference)."""
        if self._db is not None:
            if not self.read_only:
                self._db.flush()
            self._db = None

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------
    def update(self, sparql: str) -> None:
        if self.read_only:
            raise StoreError("the store is open read-only")
        try:
            self._store.update(sparql)
        except (OSError, SyntaxError) as exc:
            raise StoreError(f"store update failed: {exc}") from exc

    def flush(self) -> None:
        if not self.read_only:
            self._store.flush()

    # -- reading ---------------------------------------------------------------------------
    def query(self, sparql: str, **kwargs):
        """Evaluated by Oxigraph, with the union of all graphs as the default graph."""
        kwargs.setdefault("use_default_graph_as_union", True)
        return self._store.query(sparql, **kwargs)

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs())

    def has_graph(self, name: str) -> bool:
        """Whether the store holds the named graph `name` (no listing: constant time)."""
        return self._store.contains_named_graph(ox.NamedNode(name))

    def graph(self, name: str) -> Graph:
        """One named graph as an rdflib Graph (for validation and per-article dumps)."""
        g = Graph()
        data = self._store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(name))
        if data:
            g.parse(data=data.decode("utf-8"), format="nt")
        return g

    def describe(self, iris: Iterable[str], graph: str) -> Graph:
        """The triples of `graph` whose subject is one of `iris`."""
        values = " ".join(f"<{i}>" for i in iris)
        if not values:
            return Graph()
        res = self._store.query(
            f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ VALUES ?s {{ {values} }} GRAPH <{graph}> {{ ?s ?p ?o }} }}"
        )
        data = ox.serialize(res, format=ox.RdfFormat.N_TRIPLES)
        return Graph().parse(data=data.decode("utf-8"), format="nt") if data else Graph()

    def dump(self, out: IO[bytes] | str | Path, fmt: str, graph: str | None = None) -> None:
        """Write the dataset (trig, nquads) or the union of its graphs / one graph (turtle, ntriples)."""
        rdf_format = FORMATS[fmt]
        if graph is not None:
            self._store.dump(out, rdf_format, from_graph=ox.NamedNode(graph))
        elif fmt in DATASET_FORMATS:
            self._store.dump(out, rdf_format)
        else:
            triples = self._store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
                                        use_default_graph_as_union=True)
            ox.serialize(triples, out, rdf_format)

    def quads(self) -> Iterator[ox.Quad]:
        return iter(self._store)

    def __len__(self) -> int:
        return len(self._store)


def is_remote(location: str | Path | None) -> bool:
    """Whether a `store` setting names a SPARQL server (an http(s) URL) rather than a directory."""
    return isinstance(location, str) and location.startswith(("http://", "https://"))


def open_store(settings_or_location: Settings | str | Path | None, read_only: bool = False) -> GraphStore | RemoteStore:
    """The store a `store` setting names: the query endpoint of a SPARQL 1.1 server, or a directory.

    With Settings, a server's update and Graph Store endpoints come from `update_endpoint` and
    `graph_store_endpoint` (empty: derived from the query endpoint's URL, as Oxigraph lays them out).
    """
    from .store_remote import RemoteStore

    if isinstance(settings_or_location, Settings):
        s = settings_or_location
        if is_remote(s.store):
            return RemoteStore(s.store, s.update_endpoint, s.graph_store_endpoint, read_only=read_only)
        return GraphStore(s.store, read_only=read_only)
    if is_remote(settings_or_location):
        return RemoteStore(str(settings_or_location), read_only=read_only)
    return GraphStore(settings_or_location, read_only=read_only)
