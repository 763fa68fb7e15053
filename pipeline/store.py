"""The embedded store: a persistent, transactional Oxigraph database, one named graph per article."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib import Graph, URIRef

from .errors import StoreError

FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "ntriples": ox.RdfFormat.N_TRIPLES,
}
#: Formats that can hold named graphs; the others get the union of all graphs.
DATASET_FORMATS = {"trig", "nquads"}


def _nt(g: Graph) -> str:
    return g.serialize(format="nt")


class GraphStore:
    """Wraps a pyoxigraph Store; every write is one SPARQL Update request, i.e. one transaction."""

    def __init__(self, path: str | Path | None, read_only: bool = False):
        self.path = None if path is None else Path(path)
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                if not self.path.exists():
                    raise StoreError(f"no store at {self.path}: run `geonews ingest` first")
                self._store = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except OSError as exc:
            raise StoreError(f"cannot open the store at {self.path}: {exc}") from exc
        self.read_only = read_only

    # -- writing ---------------------------------------------------------------------------
    def replace_graph(self, graph: str, triples: Graph, entities: Graph | None = None,
                      entities_graph: str | None = None) -> None:
        """Atomically replace `graph` with `triples` and merge `entities` into `entities_graph`.

        Each entity keeps the first rdfs:label it was published with; the store never holds two.
        """
        parts = [f"DROP SILENT GRAPH <{graph}> ;", f"INSERT DATA {{ GRAPH <{graph}> {{\n{_nt(triples)}}} }}"]
        if entities is not None and entities_graph:
            labels = Graph()
            rest = Graph()
            for t in entities:
                (labels if t[1] == URIRef("http://www.w3.org/2000/01/rdf-schema#label") else rest).add(t)
            parts.append(f"; INSERT DATA {{ GRAPH <{entities_graph}> {{\n{_nt(rest)}}} }}")
            for s, p, o in labels:
                lit = o.n3()
                parts.append(
                    f"; INSERT {{ GRAPH <{entities_graph}> {{ <{s}> <{p}> {lit} }} }} WHERE {{ "
                    f"FILTER NOT EXISTS {{ GRAPH <{entities_graph}> {{ <{s}> <{p}> ?l }} }} }}"
                    f"; INSERT {{ GRAPH <{entities_graph}> {{ <{s}> <http://www.w3.org/2004/02/skos/core#altLabel> {lit} }} }}"
                    f" WHERE {{ GRAPH <{entities_graph}> {{ <{s}> <{p}> ?l FILTER(?l != {lit}) }} }}"
                )
        self.update("\n".join(parts))

    def drop_graph(self, graph: str) -> None:
        self.update(f"DROP SILENT GRAPH <{graph}>")

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
