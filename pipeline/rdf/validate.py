"""SHACL validation per article, so the cost grows linearly with the corpus.

`check` is pyshacl, the reference (`geonews validate` and the tests use it); `check_compiled` runs
the same shapes compiled to Python (`shacl_compiled`: the same results, a test shows it on every
planted defect), which is what ingest uses unless the `validator` setting asks for pyshacl.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from pyshacl import validate as shacl_validate
from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Node

from geonews.ontology import load_ontology
from geonews.shapes import load_shapes

from ..model import Extraction, Fact
from .iris import Minter
from .shacl_compiled import CompiledShapes, path_text
from .shacl_values import Unsupported
from .triples import ArticleGraphs, build

SH = Namespace("http://www.w3.org/ns/shacl#")
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Violation:
    focus: Node
    path: Node | None
    value: Node | None
    message: str
    severity: str

    def __str__(self) -> str:
        if isinstance(self.path, BNode):  # a path node of the shapes: as SPARQL path text
            where = f" {path_text(load_shapes(), self.path)}"
        else:
            where = f" {self.path.n3()}" if self.path is not None else ""
        value = f" = {self.value.n3()}" if self.value is not None else ""
        return f"{self.focus.n3()}{where}{value}: {self.message}"


@dataclass
class Rejection:
    fact: Fact
    reasons: list[str]


_ONTOLOGY: Graph | None = None


def _ontology() -> Graph:
    global _ONTOLOGY
    if _ONTOLOGY is None:
        _ONTOLOGY = load_ontology()
    return _ONTOLOGY


@lru_cache(maxsize=64)
def _prepared(text: str) -> Query:
    return prepareQuery(text)


class _PreparedQueries(Graph):
    """pyshacl sends the same SHACL-SPARQL text once per focus node; parse each text only once.

    Parsing costs ~20 ms a time, which made an article graph take ~0.4 s instead of ~0.04 s.
    """

    def query(self, query_object, *args, **kwargs):
        if isinstance(query_object, str):
            query_object = _prepared(query_object)
        return super().query(query_object, *args, **kwargs)


def pyshacl_report(data: Graph, shapes: Graph | None = None, ontology: Graph | None = None) -> Graph:
    """pyshacl's validation report for `data`, with the options ingest and `geonews validate` use
    (the ontology's class hierarchy mixed into a private copy of the data, warnings allowed)."""
    work = _PreparedQueries()
    work += data  # a private copy: pyshacl mixes the ontology into it in place
    _, report, text = shacl_validate(
        work, shacl_graph=load_shapes() if shapes is None else shapes,
        ont_graph=_ontology() if ontology is None else ontology, inference="none",
        allow_warnings=True, advanced=True, inplace=True,
    )
    if not isinstance(report, Graph):
        raise TypeError(f"pyshacl gave no report graph: {text}")
    return report


def check(data: Graph) -> list[Violation]:
    """Violations of the shapes in `data` (with the ontology's class hierarchy mixed in)."""
    report = pyshacl_report(data)
    if (None, SH.conforms, Literal(True)) in report:
        return []
    out = []
    for r in report.subjects(RDF.type, SH.ValidationResult):
        severity = report.value(r, SH.resultSeverity)
        if severity is not None and severity != SH.Violation:
            continue
        msg = report.value(r, SH.resultMessage)
        out.append(Violation(
            focus=report.value(r, SH.focusNode), path=report.value(r, SH.resultPath),
            value=report.value(r, SH.value), message=str(msg) if msg else "violates a shape",
            severity="Violation",
        ))
    return sorted(out, key=str)


def _union(graphs) -> Graph:
    out = Graph()
    for g in graphs:
        out += g
    return out


@lru_cache(maxsize=1)
def compiled_shapes() -> CompiledShapes | None:
    """The packaged shapes compiled once per process; None if they use a feature not compiled."""
    try:
        return CompiledShapes(load_shapes(), _ontology())
    except Unsupported as exc:
        log.warning("validating with pyshacl: the shapes use a feature not compiled (%s)", exc)
        return None


def check_compiled(*graphs: Graph) -> list[Violation]:
    """What `check` finds in the union of `graphs`, with the compiled shapes (pyshacl if they
    cannot be compiled)."""
    compiled = compiled_shapes()
    if compiled is None:
        return check(_union(graphs))
    out = [Violation(focus=r.focus, path=r.path, value=r.value, message=r.message or "violates a shape",
                     severity="Violation")
           for r in compiled.results(graphs) if r.severity == SH.Violation]
    return sorted(out, key=str)


#: Validators by the `validator` setting: each takes an article's graphs, returns violations.
VALIDATORS: dict[str, Callable[..., list[Violation]]] = {
    "compiled": check_compiled,
    "pyshacl": lambda *graphs: check(_union(graphs)),
}


def _implicated(m: Minter, x: Extraction, claim: URIRef, f: Fact, v: Violation) -> bool:
    nodes = {claim, m.entity(f.subject), m.entity(f.object)}
    if f.attributed_to is not None:
        nodes.add(m.entity(f.attributed_to))
    return v.focus in nodes or v.value in nodes - {m.article(x.article)}


def validate_article(
    m: Minter, x: Extraction, rounds: int = 3, validator: str = "compiled"
) -> tuple[ArticleGraphs, list[Rejection], list[Violation]]:
    """Build and validate; drop facts implicated in violations and retry.

    Returns the graphs to publish, the rejected facts with reasons, and any violations left
    that no fact explains (the article must then not be published). `validator` names one of
    VALIDATORS (both give the same results).
    """
    check_graphs = VALIDATORS[validator]
    facts = list(x.facts)
    rejected: list[Rejection] = []
    for _ in range(rounds):
        graphs = build(m, _without_orphan_agreements(x, facts), facts)
        violations = check_graphs(graphs.graph, graphs.entities)
        if not violations:
            return graphs, rejected, []
        keep = []
        for claim, f in graphs.claims.items():
            reasons = [str(v) for v in violations if _implicated(m, x, claim, f, v)]
            if reasons:
                rejected.append(Rejection(f, reasons))
            else:
                keep.append(f)
        if len(keep) == len(facts):
            return graphs, rejected, violations
        facts = keep
    graphs = build(m, _without_orphan_agreements(x, facts), facts)
    return graphs, rejected, check_graphs(graphs.graph, graphs.entities)


def _without_orphan_agreements(x: Extraction, facts: list[Fact]) -> Extraction:
    """An agreement is published only with a party or broker (a shape requires one), so when
    its last partyTo/brokered fact is rejected it is no longer listed as mentioned."""
    backed = {f.object.ident for f in facts if f.predicate in ("partyTo", "brokered")}
    entities = [e for e in x.entities if e.kind != "Agreement" or e.ident in backed]
    return replace(x, entities=entities)
