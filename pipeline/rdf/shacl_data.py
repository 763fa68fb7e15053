"""The data a compiled SHACL check reads: one article's graphs plus the ontology, indexed once.

pyshacl (the reference validator, `validate.check`) validates the data graph with the ontology
mixed in; `DataView` answers the same lookups over the article's graphs laid over a prebuilt
index of the ontology, without copying either. `OxigraphData` loads the same triples into an
in-memory pyoxigraph store for the SPARQL-based constraints.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ..store.base import to_oxigraph_term

Triple = tuple[Node, Node, Node]
TYPE, SUBCLASS, XSD_STRING = RDF.type, RDFS.subClassOf, "http://www.w3.org/2001/XMLSchema#string"


class Index:
    """Triples indexed by (s, p), (p, o) and p, duplicates left out."""

    def __init__(self, triples: Iterable[Triple], under: Index | None = None):
        self.triples: set[Triple] = set()
        self.sp: dict[tuple[Node, Node], list[Node]] = {}
        self.po: dict[tuple[Node, Node], list[Node]] = {}
        self.p: dict[Node, list[tuple[Node, Node]]] = {}
        known = under.triples if under is not None else ()
        for t in triples:
            if t in self.triples or t in known:
                continue
            s, p, o = t
            self.triples.add(t)
            self.sp.setdefault((s, p), []).append(o)
            self.po.setdefault((p, o), []).append(s)
            self.p.setdefault(p, []).append((s, o))


def _closure(start: Node, step) -> set[Node]:
    """`start` and every node reached from it by `step`, transitively."""
    found, todo = set(), [start]
    while todo:
        x = todo.pop()
        if x not in found:
            found.add(x)
            todo.extend(step(x))
    return found


class DataView:
    """What pyshacl's data graph holds (the article's graphs and the ontology), for lookups."""

    def __init__(self, graphs: Iterable[Graph], ontology: Index):
        self.base = ontology
        self.own = Index((t for g in graphs for t in g), under=ontology)
        self._supers: dict[Node, set[Node]] = {}
        self.sparql_results: dict = {}  # filled by CompiledShapes before the checks run

    def __iter__(self):
        yield from self.own.triples
        yield from self.base.triples

    def _get(self, table: str, key):
        a, b = getattr(self.own, table).get(key), getattr(self.base, table).get(key)
        if b is None:
            return a or ()
        return b if a is None else a + b

    def objects(self, s: Node, p: Node) -> list[Node]:
        return self._get("sp", (s, p))

    def subjects(self, p: Node, o: Node) -> list[Node]:
        return self._get("po", (p, o))

    def pairs(self, p: Node) -> list[tuple[Node, Node]]:
        return self._get("p", p)

    def superclasses(self, c: Node) -> set[Node]:
        """`c` and every class it is an rdfs:subClassOf, transitively (rdflib's transitive_objects)."""
        found = self._supers.get(c)
        if found is None:
            found = self._supers[c] = _closure(c, lambda x: self.objects(x, SUBCLASS))
        return found

    def subclasses(self, c: Node) -> set[Node]:
        return _closure(c, lambda x: self.subjects(SUBCLASS, x))

    def instance_of(self, node: Node, cls: Node) -> bool:
        return any(cls in self.superclasses(t) for t in self.objects(node, TYPE))

    def instances(self, cls: Node) -> set[Node]:
        return {s for c in self.subclasses(cls) for s in self.subjects(TYPE, c)}


class OxigraphData:
    """The view's triples in an in-memory pyoxigraph store, with the terms mapped both ways."""

    def __init__(self, view: DataView, ontology_quads: list[ox.Quad], ontology_terms: dict):
        self.to_ox: dict[Node, object] = {}
        self.shared, self.back = ontology_terms, {}
        quads = [ox.Quad(self.term(s), self.term(p), self.term(o)) for s, p, o in view.own.triples]
        self.store = ox.Store()
        self.store.extend(ontology_quads + quads)

    def term(self, t: Node):
        out = self.to_ox.get(t)
        if out is None:
            out = to_ox(t)
            self.to_ox[t] = out
            self.back.setdefault(out, t)
        return out

    def from_ox(self, t) -> Node:
        known = self.back.get(t) or self.shared.get(t)
        if known is not None:
            return known
        if isinstance(t, ox.NamedNode):
            return URIRef(t.value)
        if isinstance(t, ox.BlankNode):
            return BNode(t.value)
        if t.language:
            return Literal(t.value, lang=t.language)
        if t.datatype.value == XSD_STRING:
            return Literal(t.value)
        return Literal(t.value, datatype=URIRef(t.datatype.value))


def to_ox(t: Node):
    """An rdflib term as a pyoxigraph one (blank nodes get fresh ids; `OxigraphData` maps them back)."""
    return ox.BlankNode() if isinstance(t, BNode) else to_oxigraph_term(t)


def ontology_quads(index: Index) -> tuple[list[ox.Quad], dict]:
    """The ontology's triples as pyoxigraph quads, and each converted term mapped back."""
    to, back = {}, {}

    def conv(t):
        if t not in to:
            to[t] = to_ox(t)
            back[to[t]] = t
        return to[t]

    return [ox.Quad(conv(s), conv(p), conv(o)) for s, p, o in index.triples], back
