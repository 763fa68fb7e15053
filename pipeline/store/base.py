"""What every store shares: term conversion and the one SPARQL Update request that replaces an
article's graph (sent as is by the embedded store and by a remote SPARQL server)."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ..errors import StoreError

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


def is_remote(location: object) -> bool:
    """Whether a `store` setting names a SPARQL server (an http(s) URL) rather than a directory."""
    return isinstance(location, str) and location.startswith(("http://", "https://"))
