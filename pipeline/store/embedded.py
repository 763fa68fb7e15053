"""The embedded store: a persistent, transactional Oxigraph database, one named graph per article."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib import Graph

from ..errors import StoreError
from ..formats import DATASET_KEYS, DUMP_FORMATS
from .base import UpdateWrites


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
        rdf_format = DUMP_FORMATS[fmt].rdf
        if graph is not None:
            self._store.dump(out, rdf_format, from_graph=ox.NamedNode(graph))
        elif fmt in DATASET_KEYS:
            self._store.dump(out, rdf_format)
        else:
            triples = self._store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
                                        use_default_graph_as_union=True)
            ox.serialize(triples, out, rdf_format)

    def quads(self) -> Iterator[ox.Quad]:
        return iter(self._store)

    def __len__(self) -> int:
        return len(self._store)
