"""Relation signatures read from the ontology: the one source for what may be the subject and the
object of each relation (the extraction's filter, the SHACL domain/range shapes and the tests).

A signature is the set of geonews class names (entity kinds) allowed on each side, with
`owl:unionOf` expanded and every superclass replaced by its geonews subclasses (Actor -> State,
ArmedGroup, Government, Organization, Official), so a kind can be tested by membership.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.collection import Collection

from .vocab import NS, RELATIONS


@dataclass(frozen=True)
class Signature:
    """The classes (as declared, for shapes) and kinds (expanded, for filtering) of one relation."""

    domain_classes: tuple[str, ...]
    range_classes: tuple[str, ...]
    domain: frozenset[str]
    range: frozenset[str]


def _classes(g: Graph, node) -> list[str]:
    """geonews class names of an rdfs:domain/range value: a class or an owl:unionOf of classes."""
    if isinstance(node, URIRef):
        return [str(node)[len(NS):]] if str(node).startswith(NS) else []
    union = g.value(node, OWL.unionOf)
    return [name for member in Collection(g, union) for name in _classes(g, member)] if union else []


def _kinds(g: Graph, classes: list[str]) -> frozenset[str]:
    """The classes with each one's geonews subclasses, transitively (Event -> Meeting, Attack)."""
    out, todo = set(), list(classes)
    while todo:
        name = todo.pop()
        if name not in out:
            out.add(name)
            todo += [str(s)[len(NS):] for s in g.subjects(RDFS.subClassOf, URIRef(NS + name))
                     if str(s).startswith(NS) and (s, RDF.type, OWL.Class) in g]
    return frozenset(out)


@lru_cache(maxsize=1)
def signatures() -> dict[str, Signature]:
    """relation name (as in gold files) -> its Signature, for every relation of the contract."""
    from . import _parsed

    g = _parsed()
    out = {}
    for name, prop in RELATIONS.items():
        dom, rng = g.value(prop, RDFS.domain), g.value(prop, RDFS.range)
        if dom is None or rng is None:
            raise ValueError(f"geonews.ttl declares no rdfs:domain/rdfs:range for geonews:{name}")
        d, r = _classes(g, dom), _classes(g, rng)
        out[name] = Signature(tuple(d), tuple(r), _kinds(g, d), _kinds(g, r))
    return out
