"""The shapes compiled to Python checks: what ingest validates each article with.

pyshacl (`validate.check`) stays the reference: `geonews validate` and the tests use it, and a
test runs both on the planted-defect suite and on mutated graphs and requires the same results.
Compiling the shapes once turns each core constraint into a closure over a `DataView` (dict
lookups instead of pyshacl's per-node graph queries) and runs each SPARQL-based constraint once
per article on pyoxigraph instead of once per focus node on rdflib's engine. A feature this
module does not compile raises `Unsupported` when the shapes are loaded; callers then use pyshacl.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import Node

from .shacl_data import DataView, Index, OxigraphData, ontology_quads
from .shacl_values import VALUE_CHECKS, Unsupported, cmp_lt

#: Predicates of a shape that are not constraints.
_NOT_CONSTRAINTS = {RDF.type, SH.message, SH.severity, SH.path, SH.targetClass, SH.targetNode,
                    SH.targetSubjectsOf, SH.targetObjectsOf, SH.name, SH.description, SH.order,
                    SH.group, SH.deactivated, SH.defaultValue, SH.flags}
_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
_VAR_THIS = ox.Variable("this")
#: What could make one unbound run differ from a run per focus node with $this pre-bound.
_NOT_ONCE = re.compile(r"(?i)\b(MINUS|VALUES|SERVICE)\b|\bAS\s*[?$]this\b|\{[^}]*SELECT")
_WHERE = re.compile(r"(?i)\bWHERE\s*\{")
_THIS_FIRST = re.compile(r"(?is)^\s*SELECT\s+(?:DISTINCT\s+)?[^{]*\$this\b[^{]*WHERE\s*\{\s*\$this\s")


@dataclass(frozen=True)
class Result:
    """One validation result, as pyshacl would report it."""

    severity: Node
    shape: Node
    component: str  # e.g. "MinCount", "SPARQL"
    focus: Node
    path: Node | None
    value: Node | None
    message: str


# -- paths ------------------------------------------------------------------------------------------
Path = tuple


def _path(g: Graph, node: Node) -> Path:
    if isinstance(node, URIRef):
        return ("p", node)
    if (node, RDF.first, None) in g:
        return ("seq", [_path(g, x) for x in Collection(g, node)])
    for key in (SH.inversePath, SH.zeroOrMorePath, SH.oneOrMorePath, SH.zeroOrOnePath):
        inner = g.value(node, key)
        if inner is not None:
            return (str(key).rsplit("#", 1)[1], _path(g, inner))
    alt = g.value(node, SH.alternativePath)
    if alt is not None:
        return ("alt", [_path(g, x) for x in Collection(g, alt)])
    raise Unsupported(f"path {node!r}")


def path_text(shapes: Graph, node: Node) -> str:
    """A SHACL path as SPARQL property-path text (a blank-node path has no name of its own)."""
    def text(p: Path) -> str:
        kind, arg = p
        if kind == "p":
            return arg.n3()
        if kind in ("seq", "alt"):
            return "(" + ("/" if kind == "seq" else "|").join(text(x) for x in arg) + ")"
        inner = text(arg)
        return "^" + inner if kind == "inversePath" else inner + _MODIFIERS[kind]
    return text(_path(shapes, node))


_MODIFIERS = {"zeroOrMorePath": "*", "oneOrMorePath": "+", "zeroOrOnePath": "?"}


def _step(view: DataView, path: Path, nodes: set[Node], inverse: bool) -> set[Node]:
    kind, arg = path
    if kind == "p":
        get = view.subjects if inverse else view.objects
        return {v for n in nodes for v in (get(arg, n) if inverse else get(n, arg))}
    if kind == "inversePath":
        return _step(view, arg, nodes, not inverse)
    if kind == "alt":
        return set().union(*(_step(view, p, nodes, inverse) for p in arg))
    if kind == "seq":
        for p in (reversed(arg) if inverse else arg):
            nodes = _step(view, p, nodes, inverse)
        return nodes
    seen = set(nodes) if kind in ("zeroOrMorePath", "zeroOrOnePath") else set()
    frontier = nodes
    while frontier:
        frontier = _step(view, arg, frontier, inverse) - seen
        seen |= frontier
        if kind == "zeroOrOnePath":
            break
    return seen


# -- shapes ------------------------------------------------------------------------------------------
Check = Callable[[DataView, Node, set], Iterable[tuple]]  # -> (value, path, message) of each result


@dataclass
class Shape:
    node: Node
    path: Path | None
    path_node: Node | None
    severity: Node
    messages: list[Literal]
    checks: list[tuple[str, Check]] = field(default_factory=list)
    nested: list[Shape] = field(default_factory=list)  # sh:property: reported on their own

    def values(self, view: DataView, focus: Node) -> set[Node]:
        return {focus} if self.path is None else _step(view, self.path, {focus}, False)

    def results(self, view: DataView, focus: Node) -> Iterable[Result]:
        values = self.values(view, focus)
        message = str(self.messages[0]) if self.messages else ""
        for component, check in self.checks:
            for value, path, text in check(view, focus, values):
                yield Result(self.severity, self.node, component, focus,
                             self.path_node if path is None else path, value, text or message)
        for p in self.nested:
            for v in values:
                yield from p.results(view, v)

    def conforms(self, view: DataView, focus: Node) -> bool:
        return next(iter(self.results(view, focus)), None) is None


class CompiledShapes:
    """The shapes graph compiled once; `results(graphs)` validates one article's graphs."""

    def __init__(self, shapes: Graph, ontology: Graph):
        self.g = shapes
        self.ontology = Index(ontology)
        self._quads, self._back = ontology_quads(self.ontology)
        self._shapes: dict[Node, Shape] = {}
        self._sparql: list[tuple[Shape, str, list[Literal], bool]] = []
        self.targeted: list[tuple[Shape, list[tuple[Node, Node]]]] = []
        for node in sorted({s for t in _TARGETS for s in shapes.subjects(t, None)}, key=str):
            if (node, SH.deactivated, Literal(True)) in shapes:
                continue
            shape = self.shape(node)
            _require_messages(shape)
            targets = [(t, o) for t in _TARGETS for o in shapes.objects(node, t)]
            self.targeted.append((shape, targets))
        untargeted = {e[0].node for e in self._sparql} - {s.node for s, _ in self.targeted}
        if untargeted:
            raise Unsupported(f"SPARQL constraints of shapes without targets: {sorted(untargeted)}")

    # compiling ------------------------------------------------------------------------------------
    def shape(self, node: Node) -> Shape:
        if node in self._shapes:
            return self._shapes[node]
        g = self.g
        path_node = g.value(node, SH.path)
        messages = list(g.objects(node, SH.message))
        if len(messages) > 1:
            raise Unsupported(f"{node} has several sh:message values")
        shape = Shape(node, None if path_node is None else _path(g, path_node), path_node,
                      g.value(node, SH.severity) or SH.Violation, messages)
        self._shapes[node] = shape
        for p, o in sorted(g.predicate_objects(node), key=str):
            if p in _NOT_CONSTRAINTS or not str(p).startswith(str(SH)):
                continue
            if p == SH.property:
                shape.nested.append(self.shape(o))
            elif p == SH.sparql:
                shape.checks.append(("SPARQL", self._sparql_check(shape, o)))
            else:
                shape.checks.append(self._constraint(shape, p, o))
        if any(t in (p for p, _ in g.predicate_objects(node)) for t in (SH.rule, SH.target, SH.closed)):
            raise Unsupported(f"{node}: rules, SPARQL targets and closed shapes are not compiled")
        return shape

    def _constraint(self, shape: Shape, p: Node, o: Node) -> tuple[str, Check]:
        name = str(p).rsplit("#", 1)[1]
        component = name[0].upper() + name[1:]
        g = self.g
        if p in VALUE_CHECKS:
            ok = VALUE_CHECKS[p](g, shape.node, o)
            return component, lambda view, f, values: ((v, None, None) for v in values if not ok(v))
        if p == SH.minCount:
            n = int(o)
            return component, lambda view, f, values: [(None, None, None)] if len(values) < n else []
        if p == SH.maxCount:
            n = int(o)
            return component, lambda view, f, values: [(None, None, None)] if len(values) > n else []
        if p == SH["class"]:
            return component, lambda view, f, values: (
                (v, None, None) for v in values if isinstance(v, Literal) or not view.instance_of(v, o))
        if p == SH.lessThan:
            return component, lambda view, f, values: (
                (v, None, None) for v in values for w in view.objects(f, o) if not cmp_lt(v, w))
        if p in (SH["or"], SH["and"], SH["not"], SH.xone, SH.node):
            members = [self.shape(m) for m in (Collection(g, o) if p != SH["not"] and p != SH.node else [o])]
            rule = {SH["or"]: lambda n: n >= 1, SH["and"]: lambda n: n == len(members),
                    SH.xone: lambda n: n == 1, SH["not"]: lambda n: n == 0, SH.node: lambda n: n == 1}[p]
            return component, lambda view, f, values: (
                (v, None, None) for v in values
                if not rule(sum(1 for m in members if m.conforms(view, v))))
        raise Unsupported(f"{shape.node}: {p} is not compiled")

    def _sparql_check(self, shape: Shape, node: Node) -> Check:
        g = self.g
        text = str(g.value(node, SH.select) or "")
        if not text or g.value(node, SH.ask) is not None or shape.path is not None:
            raise Unsupported(f"{shape.node}: only SELECT constraints of node shapes are compiled")
        if re.search(r"[$?](currentShape|shapesGraph|PATH|failure)\b", text):
            raise Unsupported(f"{shape.node}: $currentShape, $shapesGraph, $PATH, ?failure")
        if (node, SH.deactivated, Literal(True)) in g:
            return lambda view, f, values: ()
        prefixes = "".join(
            f"PREFIX {g.value(d, SH.prefix)}: <{g.value(d, SH.namespace)}>\n"
            for source in g.objects(node, SH.prefixes) for d in g.objects(source, SH.declare))
        messages = list(g.objects(node, SH.message))
        if len(messages) + len(shape.messages) > 1:
            raise Unsupported(f"{shape.node}: several messages")
        once = bool(_THIS_FIRST.match(text)) and not _NOT_ONCE.search(text)
        entry = (shape, prefixes + text.replace("$this", "?this"), messages, once)
        self._sparql.append(entry)
        return lambda view, f, values: view.sparql_results.get((id(entry), f), ())

    # validating -----------------------------------------------------------------------------------
    def results(self, graphs: Iterable[Graph]) -> list[Result]:
        """Every result (all severities) of the article's graphs with the ontology mixed in."""
        view = DataView(graphs, self.ontology)
        focus = [(shape, _focus(view, targets)) for shape, targets in self.targeted]
        view.sparql_results = self._run_sparql(view, {s.node: nodes for s, nodes in focus})
        return [r for shape, nodes in focus for f in nodes for r in shape.results(view, f)]

    def _run_sparql(self, view: DataView, focus: dict[Node, set[Node]]) -> dict:
        out: dict[tuple[int, Node], list[tuple]] = {}
        wanted = [(e, focus.get(e[0].node, set())) for e in self._sparql]
        if not any(nodes for _, nodes in wanted):
            return out
        data = OxigraphData(view, self._quads, self._back)
        for entry, nodes in wanted:
            shape, query, messages, once = entry
            if once:
                runs = [(_restricted(query, nodes, data), None)] if nodes else []
            else:
                runs = [(query, f) for f in nodes]
            for text, f in runs:
                subs = None if f is None else {_VAR_THIS: data.term(f)}
                answer = data.store.query(text, substitutions=subs)
                names = [v.value for v in answer.variables]
                for row in answer:
                    bound = {n: data.from_ox(row[n]) for n in names if row[n] is not None}
                    this = bound.pop("this", f)
                    if this is None or this not in nodes:
                        continue
                    rows = out.setdefault((id(entry), this), [])
                    path, value = bound.pop("path", None), bound.pop("value", None)
                    result = (value if value is not None else this, path,
                              _message(messages or shape.messages, bound, this, path, value))
                    if result not in rows:
                        rows.append(result)
        return out


def _restricted(query: str, nodes: set[Node], data: OxigraphData) -> str:
    """The query with `VALUES ?this` of the focus nodes first in its WHERE group (so the engine
    starts from them), unless one is a blank node, which VALUES cannot name."""
    if any(isinstance(n, BNode) for n in nodes):
        return query
    values = " ".join(sorted(str(data.term(n)) for n in nodes))
    return _WHERE.sub(lambda m: f"{m.group(0)} VALUES ?this {{ {values} }} ", query, count=1)


def _require_messages(shape: Shape) -> None:
    """A reported shape without sh:message would get pyshacl's generated text, not compiled here."""
    if not shape.messages and any(c != "SPARQL" for c, _ in shape.checks):
        raise Unsupported(f"{shape.node} has no sh:message (pyshacl would make one up)")
    for nested in shape.nested:
        _require_messages(nested)


def _focus(view: DataView, targets: list[tuple[Node, Node]]) -> set[Node]:
    found: set[Node] = set()
    for kind, o in targets:
        if kind == SH.targetClass:
            found |= view.instances(o)
        elif kind == SH.targetNode:
            found.add(o)
        elif kind == SH.targetSubjectsOf:
            found |= {s for s, _ in view.pairs(o)}
        else:
            found |= {x for _, x in view.pairs(o)}
    return found


def _message(messages: list[Literal], bound: dict, this, path, value) -> str:
    """pyshacl's substitution of {?var} and {$var} in a SPARQL constraint's message."""
    if not messages:
        return ""
    msg = str(messages[0].value)
    values = dict(bound)
    for name, v in (("this", this), ("path", path), ("value", value)):
        if v is not None:
            values[name] = v
    for name, v in values.items():
        msg = re.sub(f"{{[?$]{name}}}", str(v), msg)
    return msg

