"""Value-node constraints of SHACL Core, each compiled to a test of one value node.

Each test follows pyshacl's own reading of the constraint (the reference validator): its
datatype checks (ill-typed literals, the Python value type), string forms, language ranges and
literal comparisons (`pyshacl.rdfutil.compare.compare_literal`), so both give the same results.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from decimal import Decimal

from pyshacl.rdfutil.compare import compare_literal
from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import Node


class Unsupported(Exception):
    """A shape uses a SHACL feature that is not compiled: validate with pyshacl instead."""


Test = Callable[[Node], bool]

_VALUE_TYPES = {XSD.string: (str, bytes), RDF.langString: (str, bytes), XSD.integer: int,
                XSD.float: float, XSD.decimal: Decimal, XSD.boolean: bool, XSD.date: datetime.date,
                XSD.time: datetime.time, XSD.dateTime: datetime.datetime}


def _actual(v: Literal, dt: Node) -> bool:
    kind = _VALUE_TYPES.get(dt)
    return True if kind is None else isinstance(v.value, kind)


def datatype(g: Graph, shape: Node, dt: Node) -> Test:
    def ok(v: Node) -> bool:
        if not isinstance(v, Literal):
            return False
        if v.datatype == dt:
            return getattr(v, "ill_typed", None) is not True and _actual(v, dt)
        if dt == RDFS.Literal or (dt == RDFS.Datatype and v.datatype):
            return True
        if v.datatype is None and v.language is None and dt == XSD.string:
            return _actual(v, dt)
        if dt == RDF.langString and v.language:
            return _actual(v, dt)
        return False
    return ok


_KINDS = {SH.BlankNode: (BNode,), SH.IRI: (URIRef,), SH.Literal: (Literal,),
          SH.BlankNodeOrIRI: (BNode, URIRef), SH.BlankNodeOrLiteral: (BNode, Literal),
          SH.IRIOrLiteral: (URIRef, Literal)}


def node_kind(g: Graph, shape: Node, kind: Node) -> Test:
    if kind not in _KINDS:
        raise Unsupported(f"{shape}: sh:nodeKind {kind}")
    allowed = _KINDS[kind]
    return lambda v: isinstance(v, allowed)


def string_of(v: Node) -> str:
    """pyshacl's string form of a value node for the string-based constraints."""
    if isinstance(v, Literal) and v.value is not None and v.datatype in (None, RDF.langString, XSD.string):
        return str(v.value)
    return str(v)


def pattern(g: Graph, shape: Node, p: Node) -> Test:
    flags_text = str(g.value(shape, SH.flags) or "")
    flags = (re.I if "i" in flags_text else 0) | (re.M if "m" in flags_text else 0)
    text = str(p.value) if isinstance(p, Literal) and p.value is not None and len(p.value) > 1 else str(p)
    matcher = re.compile(text, flags)
    return lambda v: not isinstance(v, BNode) and matcher.search(string_of(v)) is not None


def min_length(g: Graph, shape: Node, n: Node) -> Test:
    low = int(n)
    return lambda v: low == 0 or (not isinstance(v, BNode) and len(string_of(v)) >= low)


def max_length(g: Graph, shape: Node, n: Node) -> Test:
    high = int(n)
    return lambda v: not isinstance(v, BNode) and len(string_of(v)) <= high


def language_in(g: Graph, shape: Node, head: Node) -> Test:
    wanted = {str(x.value).lower() for x in Collection(g, head)}

    def ok(v: Node) -> bool:
        if not isinstance(v, Literal) or not v.language:
            return False
        lang = str(v.language).lower()
        return "*" in wanted or lang in wanted or lang.split("-")[0] in wanted
    return ok


def in_list(g: Graph, shape: Node, head: Node) -> Test:
    members = set(Collection(g, head))
    return lambda v: v in members


def _range(accept: Callable[[int], bool]) -> Callable[[Graph, Node, Node], Test]:
    def build(g: Graph, shape: Node, bound: Node) -> Test:
        bound_is_string = isinstance(bound.value, str)

        def ok(v: Node) -> bool:
            if not isinstance(v, Literal) or isinstance(v.value, str) != bound_is_string:
                return False
            try:
                return accept(compare_literal(v, bound))
            except (TypeError, NotImplementedError):
                return False
        return ok
    return build


def cmp_lt(v: Node, w: Node) -> bool:
    """Whether value `v` is less than `w`, as pyshacl's sh:lessThan compares them."""
    if isinstance(v, BNode) or isinstance(w, BNode):
        raise ValueError("sh:lessThan cannot compare a blank node")

    def plain(x):
        if isinstance(x, URIRef):
            return str(x), True
        if isinstance(x, Literal) and isinstance(x.value, str):
            return x.value, True
        return x, False

    (a, a_str), (b, b_str) = plain(v), plain(w)
    if a_str != b_str:
        return False
    try:
        return bool(a < b)
    except TypeError:
        return False


VALUE_CHECKS: dict[Node, Callable[[Graph, Node, Node], Test]] = {
    SH.datatype: datatype, SH.nodeKind: node_kind, SH.pattern: pattern, SH.minLength: min_length,
    SH.maxLength: max_length, SH.languageIn: language_in, SH["in"]: in_list,
    SH.minInclusive: _range(lambda c: c >= 0), SH.minExclusive: _range(lambda c: c > 0),
    SH.maxInclusive: _range(lambda c: c <= 0), SH.maxExclusive: _range(lambda c: c < 0),
}
