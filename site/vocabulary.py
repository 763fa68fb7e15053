"""/ontology and /shapes: the packaged Turtle as is, or an HTML rendering, by conneg or suffix.

The files are small and fixed per release, so they are parsed once with rdflib's graph API
(no SPARQL) to list classes, properties and shapes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from flask import Blueprint, Response, jsonify, render_template
from rdflib import OWL, RDF, RDFS, SH, Graph, Node, URIRef
from rdflib.collection import Collection
from rdflib.term import BNode, Literal

from geonews.ontology import ontology_text
from geonews.shapes import shapes_text

from .negotiate import NotAcceptable, negotiate
from .terms import PREFIXES

bp = Blueprint("vocabulary", __name__)

CLASS_TYPES = (OWL.Class, RDFS.Class)
PROPERTY_TYPES = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
                  RDF.Property, OWL.SymmetricProperty, OWL.TransitiveProperty,
                  OWL.FunctionalProperty)
_SHAPE_DETAILS_SKIP = {RDF.type, SH.property, SH.message, SH.path, SH.name, SH.description,
                       RDFS.label, RDFS.comment}


@dataclass
class TermDoc:
    """One class, property or shape as listed on the HTML page."""

    iri: str
    name: str
    label: str = ""
    comments: list[str] = field(default_factory=list)
    details: list[tuple[str, str]] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    children: list[TermDoc] = field(default_factory=list)


def _n3(g: Graph, node: Node) -> str:
    if isinstance(node, BNode):
        items = list(Collection(g, node)) if (node, RDF.first, None) in g else None
        if items is not None:
            return "( " + " ".join(_n3(g, i) for i in items) + " )"
        pairs = (f"{_n3(g, p)} {_n3(g, o)}" for p, o in g.predicate_objects(node))
        return "[ " + " ; ".join(pairs) + " ]"
    if isinstance(node, Literal):
        return str(node)
    return node.n3(g.namespace_manager)


def _doc(g: Graph, node: Node, skip: set) -> TermDoc:
    d = TermDoc(str(node), _n3(g, node))
    d.label = " / ".join(str(v) for v in g.objects(node, RDFS.label))
    d.comments = [str(v) for v in g.objects(node, RDFS.comment)]
    d.details = sorted((_n3(g, p), _n3(g, o)) for p, o in g.predicate_objects(node)
                       if p not in skip)
    return d


@lru_cache(maxsize=1)
def ontology_doc() -> dict:
    g = Graph().parse(data=ontology_text(), format="turtle")
    classes = {s for t in CLASS_TYPES for s in g.subjects(RDF.type, t)}
    classes |= {s for s, o in g.subject_objects(RDFS.subClassOf) if isinstance(s, URIRef)}
    props = {s for t in PROPERTY_TYPES for s in g.subjects(RDF.type, t)}
    skip = {RDFS.label, RDFS.comment}
    onto = [_doc(g, s, skip) for s in g.subjects(RDF.type, OWL.Ontology)]
    return {
        "ontology": onto,
        "classes": sorted((_doc(g, c, skip) for c in classes if isinstance(c, URIRef)),
                          key=lambda d: d.name),
        "properties": sorted((_doc(g, p, skip) for p in props if isinstance(p, URIRef)),
                             key=lambda d: d.name),
    }


@lru_cache(maxsize=1)
def shapes_doc() -> list[TermDoc]:
    g = Graph().parse(data=shapes_text(), format="turtle")
    shapes = []
    nested = set(g.objects(None, SH.property))
    top = set(g.subjects(RDF.type, SH.NodeShape))
    top |= {s for s in g.subjects(RDF.type, SH.PropertyShape) if s not in nested}
    for node in sorted(top, key=str):
        d = _doc(g, node, _SHAPE_DETAILS_SKIP - {SH.path})
        d.messages = [str(m) for m in g.objects(node, SH.message)]
        for prop in g.objects(node, SH.property):
            child = _doc(g, prop, _SHAPE_DETAILS_SKIP)
            path = g.value(prop, SH.path)
            child.name = _n3(g, path) if path is not None else child.name
            child.messages = [str(m) for m in g.objects(prop, SH.message)]
            child.comments += [str(v) for v in g.objects(prop, SH.description)]
            d.children.append(child)
        for sparql in g.objects(node, SH.sparql):
            child = _doc(g, sparql, _SHAPE_DETAILS_SKIP)
            child.name = "SPARQL constraint"
            child.messages = [str(m) for m in g.objects(sparql, SH.message)]
            d.children.append(child)
        d.children.sort(key=lambda c: c.name)
        shapes.append(d)
    return shapes


def _serve(text: str, template: str, suffix: str | None, **ctx) -> Response:
    try:
        fmt = negotiate(("ttl", "html"), suffix)
    except NotAcceptable as exc:
        return Response(f"Not acceptable. Available: {exc}\n", status=406)
    if fmt.suffix == "ttl":
        resp = Response(text, content_type="text/turtle; charset=utf-8")
    else:
        resp = Response(render_template(template, **ctx), content_type="text/html; charset=utf-8")
    if suffix is None:
        resp.vary.add("Accept")
    return resp


@bp.get("/ontology")
@bp.get("/ontology.<any(ttl, html):suffix>")
def ontology(suffix: str | None = None) -> Response:
    return _serve(ontology_text(), "ontology.html", suffix, **ontology_doc())


@bp.get("/shapes")
@bp.get("/shapes.<any(ttl, html):suffix>")
def shapes(suffix: str | None = None) -> Response:
    return _serve(shapes_text(), "shapes.html", suffix, shapes=shapes_doc())


@lru_cache(maxsize=1)
def _terms() -> dict:
    doc = ontology_doc()
    return {"prefixes": PREFIXES, "classes": [c.iri for c in doc["classes"]],
            "properties": [p.iri for p in doc["properties"]]}


@bp.get("/ontology/terms.json")
def terms() -> Response:
    """The site's prefixes and the ontology's classes and properties, for the editor's offline
    completion (its own completers would ask a public vocabulary service)."""
    return jsonify(_terms())
