"""SHACL shapes that every published article graph must satisfy: the Turtle files of this folder
plus the domain/range shapes of every relation, generated from the ontology's signatures."""

from functools import lru_cache
from importlib.resources import files

from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import BNode

from geonews.ontology import NS, RELATIONS, signatures

__all__ = ["load_shapes", "shapes_text", "signature_shapes"]

GNS = Namespace("https://w3id.org/geonews/shapes#")


def _files() -> list:
    return sorted(p for p in files(__name__).iterdir() if p.name.endswith(".ttl"))


def _constraint(g: Graph, shape: URIRef, classes: tuple[str, ...]) -> str:
    """sh:class C, or sh:or ( [ sh:class A ] [ sh:class B ] ); returns the classes as words."""
    if len(classes) == 1:
        g.add((shape, SH["class"], URIRef(NS + classes[0])))
    else:
        members = []
        for name in classes:
            alt = BNode()
            g.add((alt, SH["class"], URIRef(NS + name)))
            members.append(alt)
        head = BNode()
        Collection(g, head, members)
        g.add((shape, SH["or"], head))
    names = [f"geonews:{c}" for c in classes]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


@lru_cache(maxsize=1)
def signature_shapes() -> Graph:
    """For each relation R: gns:RDomain (its subjects' class) and gns:RRange (its objects')."""
    g = Graph()
    g.bind("gns", GNS)
    g.bind("sh", SH)
    g.bind("geonews", NS)
    for name, sig in signatures().items():
        prop, cap = RELATIONS[name], name[0].upper() + name[1:]
        dom, rng = GNS[f"{cap}Domain"], GNS[f"{cap}Range"]
        g.add((dom, RDF.type, SH.NodeShape))
        g.add((dom, SH.targetSubjectsOf, prop))
        words = _constraint(g, dom, sig.domain_classes)
        g.add((dom, SH.message, Literal(f"the subject of geonews:{name} must be a {words}", lang="en")))
        g.add((rng, RDF.type, SH.PropertyShape))
        g.add((rng, SH.targetSubjectsOf, prop))
        g.add((rng, SH.path, prop))
        words = _constraint(g, rng, sig.range_classes)
        g.add((rng, SH.message, Literal(f"the object of geonews:{name} must be a {words}", lang="en")))
    return g


def shapes_text() -> str:
    """All shapes as Turtle: the shape files in name order, then the generated signature shapes."""
    parts = [p.read_text(encoding="utf-8") for p in _files()]
    parts.append("# Domain and range of each relation, generated from the ontology\n"
                 + signature_shapes().serialize(format="turtle"))
    return "\n".join(parts)


@lru_cache(maxsize=1)
def _parsed() -> Graph:
    g = Graph()
    for p in _files():
        g.parse(data=p.read_text(encoding="utf-8"), format="turtle")
    for t in signature_shapes():
        g.add(t)
    return g


def load_shapes() -> Graph:
    """The parsed shapes graph (cached; do not mutate)."""
    return _parsed()
