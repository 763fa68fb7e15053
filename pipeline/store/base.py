"""What every store shares: term conversion and the SPARQL Update requests that replace an
article's graph (one request, sent as is by the embedded store and by servers that run a request
as one transaction; or two, through staging graphs, for servers that do not)."""

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


#: Triples per INSERT DATA operation: servers' parsers have limits (Virtuoso's, about 5,000).
CHUNK = 1000


def _has_bnode(t: tuple[Node, Node, Node]) -> bool:
    return isinstance(t[0], BNode) or isinstance(t[2], BNode)


def _insert_ops(graph: str, triples: Iterable[tuple[Node, Node, Node]]) -> list[str]:
    """Operations that add `triples` to `graph` (an `<iri>`): INSERT DATA in chunks, and the
    triples with blank nodes in one `INSERT {...} WHERE {}`, whose template mints them afresh
    (servers such as Virtuoso refuse blank nodes in INSERT DATA; one operation keeps the labels
    of one node together)."""
    ground = [t for t in triples if not _has_bnode(t)]
    with_bnodes = [t for t in triples if _has_bnode(t)]
    ops = [f"INSERT DATA {{ GRAPH {graph} {{\n{_nt(ground[i:i + CHUNK])}}} }}"
           for i in range(0, len(ground), CHUNK)]
    if with_bnodes:
        ops.append(f"INSERT {{ GRAPH {graph} {{\n{_nt(with_bnodes)}}} }} WHERE {{}}")
    return ops


def _label_ops(eg: str, labels: list[tuple[Node, Node, Node]]) -> list[str]:
    """Keep each entity's first rdfs:label; a later different one becomes a skos:altLabel.

    Two operations over VALUES rows; the second sees what the first inserted. `!=` rather than
    `!sameTerm`, and VALUES rather than a FILTER NOT EXISTS in an empty group: Virtuoso gets
    both of those wrong for language-tagged literals (measured)."""
    first: dict[str, str] = {}
    every = []
    for t in sorted(labels):
        checked = _triple(t)
        row = f"({checked.subject} {checked.object})"
        first.setdefault(str(checked.subject), row)
        every.append(row)
    if not every:
        return []
    return [
        f"INSERT {{ GRAPH {eg} {{ ?s <{RDFS_LABEL}> ?l }} }} WHERE {{ VALUES (?s ?l) "
        f"{{ {' '.join(first.values())} }} FILTER NOT EXISTS {{ GRAPH {eg} {{ ?s <{RDFS_LABEL}> ?x }} }} }}",
        f"INSERT {{ GRAPH {eg} {{ ?s <{SKOS_ALT_LABEL}> ?l }} }} WHERE {{ VALUES (?s ?l) "
        f"{{ {' '.join(every)} }} GRAPH {eg} {{ ?s <{RDFS_LABEL}> ?x }} FILTER(?x != ?l) }}",
    ]


def _labels(entities: Graph) -> list[tuple[Node, Node, Node]]:
    return [t for t in entities if str(t[1]) == RDFS_LABEL]


def replace_graph_request(graph: str, triples: Graph, entities: Graph | None = None,
                          entities_graph: str | None = None) -> str:
    """The one SPARQL Update request behind `replace_graph`, shared by the embedded store and the
    servers that run a request as one transaction (Oxigraph)."""
    g = _iri(graph)
    ops = [f"DROP SILENT GRAPH {g}", *_insert_ops(g, triples)]
    if entities is not None and entities_graph:
        eg = _iri(entities_graph)
        ops += _insert_ops(eg, [t for t in entities if str(t[1]) != RDFS_LABEL])
        ops += _label_ops(eg, _labels(entities))
    return " ;\n".join(ops)


def staged_replace_requests(graph: str, triples: Graph, entities: Graph | None,
                            entities_graph: str | None, staging: str) -> tuple[str, str]:
    """Two requests for servers on which a failing request keeps what it did before the failure
    (Virtuoso: a DROP then a failing INSERT leaves the graph empty). The first writes everything
    into staging graphs (`staging` and `staging`-entities), where a failure harms nothing; the
    second moves and copies what the first has shown the server can store."""
    g, st, se = _iri(graph), _iri(staging), _iri(staging + "-entities")
    stage = [f"DROP SILENT GRAPH {st}", f"DROP SILENT GRAPH {se}", *_insert_ops(st, triples)]
    publish = [f"MOVE SILENT GRAPH {st} TO GRAPH {g}"]
    if entities is not None and entities_graph:
        eg = _iri(entities_graph)
        stage += _insert_ops(se, entities)
        publish.append(f"INSERT {{ GRAPH {eg} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {se} {{ ?s ?p ?o "
                       f"FILTER(?p != <{RDFS_LABEL}>) }} }}")
        publish += _label_ops(eg, _labels(entities))
    publish.append(f"DROP SILENT GRAPH {se}")
    return " ;\n".join(stage), " ;\n".join(publish)


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
