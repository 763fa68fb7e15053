"""The embedded store: a persistent, transactional Oxigraph database, one named graph per article."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib import Graph

from ..errors import StoreError
from ..formats import DATASET_KEYS, DUMP_FORMATS
from .base import RDFS_LABEL, SKOS_ALT_LABEL, UpdateWrites, _has_bnode, _iri, _labels, _triple


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

    def replace_graph(self, graph: str, triples, entities: Graph | None = None,
                      entities_graph: str | None = None) -> None:
        """What `UpdateWrites.replace_graph` does, in one `Store.extend` (one transaction too)
        when `graph` is new and nothing has a blank node: the same quads without writing,
        parsing and planning a SPARQL Update request. The labels kept are those the request's
        two label operations keep, decided here over the entities graph as it is (this process
        is the store's only writer); anything those operations could compare otherwise than
        here (a label that is not a plain or language-tagged string) takes the request."""
        _iri(graph)  # a StoreError for a graph name that is no IRI, as the request would give
        if self.read_only or self.has_graph(graph):
            return super().replace_graph(graph, triples, entities, entities_graph)
        triples = list(triples)
        ents = list(entities) if entities is not None and entities_graph else []
        if any(_has_bnode(t) for t in triples) or any(_has_bnode(t) for t in ents):
            return super().replace_graph(graph, triples, entities, entities_graph)
        g = ox.NamedNode(graph)
        quads = [ox.Quad(c.subject, c.predicate, c.object, g) for c in map(_triple, triples)]
        if ents:
            _iri(entities_graph)
            eg = ox.NamedNode(entities_graph)
            quads += [ox.Quad(c.subject, c.predicate, c.object, eg)
                      for c in map(_triple, (t for t in ents if str(t[1]) != RDFS_LABEL))]
            labels = self._label_quads(eg, _labels(ents))
            if labels is None:
                return super().replace_graph(graph, triples, entities, entities_graph)
            quads += labels
        self.extend(quads)

    def extend(self, quads: list[ox.Quad]) -> None:
        """Add `quads` in one transaction (all or nothing, even after kill -9)."""
        if self.read_only:
            raise StoreError("the store is open read-only")
        try:
            self._store.extend(quads)
        except OSError as exc:
            raise StoreError(f"store update failed: {exc}") from exc

    def _label_quads(self, eg: ox.NamedNode, labels: list) -> list[ox.Quad] | None:
        """The quads of `_label_ops`' two operations: each entity's first label (in sorted
        order) unless the entities graph has one, then an altLabel for every label that differs
        (SPARQL `!=`) from a label the entity then has; None when a label is not a string."""
        first: dict[str, ox.Triple] = {}
        every = []
        for t in sorted(labels):
            checked = _triple(t)
            first.setdefault(str(checked.subject), checked)
            every.append(checked)
        label, alt = ox.NamedNode(RDFS_LABEL), ox.NamedNode(SKOS_ALT_LABEL)
        has: dict = {}
        for c in first.values():
            has[c.subject] = [q.object for q in self._store.quads_for_pattern(c.subject, label, None, eg)]
        if not all(_is_string(x) for xs in has.values() for x in xs) or not all(_is_string(c.object)
                                                                               for c in every):
            return None
        out = []
        for c in first.values():
            if not has[c.subject]:
                out.append(ox.Quad(c.subject, label, c.object, eg))
                has[c.subject] = [c.object]
        for c in every:
            if any(_differ(x, c.object) for x in has[c.subject]):
                out.append(ox.Quad(c.subject, alt, c.object, eg))
        return out

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


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _is_string(t) -> bool:
    return isinstance(t, ox.Literal) and (t.language is not None or t.datatype.value == _XSD_STRING)


def _differ(a: ox.Literal, b: ox.Literal) -> bool:
    """SPARQL `a != b` for two plain or language-tagged strings (tags compared without case)."""
    return a.value != b.value or (a.language or "").lower() != (b.language or "").lower() \
        or (a.language is None) != (b.language is None)
