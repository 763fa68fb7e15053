"""What an entity page lists, read in bounded amounts however many articles name the entity.

A statement is a fact (subject, relation, object) about the entity, with the number of articles
that state it; statements come most corroborated first, a page at a time, each with the evidence
of one claim that states it. They are read from the direct relation triples of the article
graphs (`GRAPH ?g { ?this ?p ?o }`: one index range per entity), not by joining every claim. The
counts behind the facets (statements per relation, per confidence step, the articles stating the
most) are aggregates computed by the engine; only a page of rows ever reaches the web process.
Values enter the queries through substitutions; the IRIs spliced into VALUES come from the store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox

from geonews.ontology import RELATIONS

from .queries import PROLOGUE, ClaimRow, Description, UnknownResource, add_context, exists

PAGE = 50
#: Most outgoing triples and incoming links (other than claims) a description holds.
OUTGOING, INCOMING = 500, 100
CONFIDENCE_STEPS = ("0.9", "0.8", "0.7")
TOP_ARTICLES = 10
_RELATIONS = " ".join(f"<{iri}>" for iri in RELATIONS.values())
#: The entity's statements as direct relation triples of graph ?g (an index range per entity).
_FACTS = f"""VALUES ?p {{ {_RELATIONS} }}
  {{ GRAPH ?g {{ ?this ?p ?x }} BIND("out" AS ?dir) }} UNION {{ GRAPH ?g {{ ?x ?p ?this }} BIND("in" AS ?dir) }}"""
#: ... and as the claims that state them, each with its confidence (?r is the entity's role).
_CLAIMS = """VALUES (?r ?other ?dir) { (rdf:subject rdf:object "out") (rdf:object rdf:subject "in") }
  GRAPH ?g { ?c ?r ?this ; ?other ?x ; rdf:predicate ?p ; geonews:confidence ?conf }"""
_CLAIMS_COUNTED = """VALUES ?r { rdf:subject rdf:object }
  GRAPH ?g { ?c ?r ?this ; rdf:predicate ?p ; geonews:confidence ?conf }"""


@dataclass
class Summary:
    """One page of an entity's statements and the counts of all of them."""

    rows: list[ClaimRow] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # relation IRI -> statements
    confidence: dict[str, int] = field(default_factory=dict)  # step -> statements at or above it
    articles: list[tuple[str, int]] = field(default_factory=list)  # the articles stating the most
    total: int = 0  # statements kept by the selection
    page: int = 1
    has_next: bool = False


def _min(value: str | None) -> Decimal | None:
    try:
        return Decimal(value) if value else None
    except InvalidOperation:
        return None


class _Selection:
    """The facet parameters as query parts: a relation, an article, a least confidence."""

    def __init__(self, sel: dict[str, str], relation_iri: str | None, article_iri: str | None):
        self.relation, self.article = relation_iri, article_iri
        self.min = _min(sel.get("min_confidence"))
        self.unknown = ("relation" in sel and relation_iri is None) or ("article" in sel and article_iri is None)

    def subs(self, this: ox.NamedNode) -> dict:
        out = {"this": this}
        if self.relation:
            out["rel"] = ox.NamedNode(self.relation)
        if self.article:
            out["art"] = ox.NamedNode(self.article)
        if self.min is not None:
            out["min"] = ox.Literal(format(self.min, "f"), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal"))
        return out

    def where(self, relation: bool = True, article: bool = True, confidence: bool = True,
              counted: bool = False) -> str:
        """The statements the selection keeps (one facet left out); from the claims when their
        confidence is needed (`counted`: only counted, so the other end is not read), else from
        the relation triples."""
        least = confidence and self.min is not None
        parts = [_CLAIMS_COUNTED if counted else _CLAIMS if least else _FACTS]
        if relation and self.relation:
            parts.append("FILTER(?p = ?rel)")
        if article and self.article:
            parts.append("FILTER(?g = ?art)")
        if least:
            parts.append("FILTER(?conf >= ?min)")
        return "\n  ".join(parts)

    def projected(self) -> str:
        return " ".join(v for v, on in (("?rel", self.relation), ("?art", self.article),
                                        ("?min", self.min is not None)) if on)


def _rows(store, text: str, subs: dict | None = None) -> list:
    """Rows of a SELECT on the pages' store or a GraphStore (bindings by variable name)."""
    bound = {ox.Variable(k): v for k, v in (subs or {}).items()}
    return list(store.query(PROLOGUE + text, substitutions=bound or None))


def describe_entity(store, iri: str, sel: dict[str, str], page: int, relation_iri: str | None,
                    article_iri: str | None) -> Description:
    """An entity's description: its own triples and incoming links (capped), the counts of its
    statements and one page of them; raises UnknownResource when the store says nothing about it."""
    if not exists(store, iri):
        raise UnknownResource(f"nothing is known about <{iri}>")
    this = ox.NamedNode(iri)
    d = Description(iri)
    rows = _rows(store, f"SELECT DISTINCT ?this ?p ?o WHERE {{ ?this ?p ?o }} LIMIT {OUTGOING + 1}",
                  {"this": this})
    d.outgoing = [ox.Triple(this, r["p"], r["o"]) for r in rows[:OUTGOING]]
    apart = "FILTER(?p != rdf:subject && ?p != rdf:object)"  # claims: counted and paged apart
    rows = _rows(store, f"SELECT DISTINCT ?this ?s ?p WHERE {{ ?s ?p ?this {apart} }} LIMIT {INCOMING + 1}",
                 {"this": this})
    d.incoming = [ox.Triple(r["s"], r["p"], this) for r in rows[:INCOMING]]
    d.truncated = len(d.outgoing) >= OUTGOING or len(rows) > INCOMING
    if d.truncated:
        d.incoming_counts = {r["p"].value: int(r["n"].value) for r in _rows(
            store, f"SELECT ?this ?p (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s ?p ?this {apart} }} GROUP BY ?this ?p",
            {"this": this})}
    d.summary = summary(store, iri, sel, page, relation_iri, article_iri)
    d.claims = d.summary.rows
    add_context(store, d, {c.claim for c in d.claims})
    return d


def summary(store, iri: str, sel: dict[str, str], page: int, relation_iri: str | None,
            article_iri: str | None) -> Summary:
    """The page `page` (from 1) of the statements the selection keeps, and the facet counts."""
    this = ox.NamedNode(iri)
    s = _Selection(sel, relation_iri, article_iri)
    out = Summary(page=page)
    if s.unknown:
        return out
    subs, extra = s.subs(this), s.projected()
    rows = _rows(store, f"""SELECT ?this {extra} ?dir ?p ?x (COUNT(?g) AS ?n) (SAMPLE(?g) AS ?src)
WHERE {{ {s.where()} }} GROUP BY ?this {extra} ?dir ?p ?x
ORDER BY DESC(?n) ?p ?dir ?x LIMIT {PAGE + 1} OFFSET {(page - 1) * PAGE}""", subs)
    out.has_next = len(rows) > PAGE
    out.rows = _evidence(store, this, rows[:PAGE])
    steps = " ".join(f'(SUM(IF(?conf >= {step}, 1, 0)) AS ?n{step.replace(".", "")})' for step in CONFIDENCE_STEPS)
    least = "(SUM(IF(?conf >= ?min, 1, 0)) AS ?kept)" if s.min is not None else ""
    for r in _rows(store, f"""SELECT ?this {extra} ?p (COUNT(?c) AS ?n) {steps} {least}
WHERE {{ {s.where(relation=False, confidence=False, counted=True)} }} GROUP BY ?this {extra} ?p""", subs):
        n = int((r["kept"] if s.min is not None else r["n"]).value)
        out.counts[r["p"].value] = n
        if not s.relation or r["p"].value == s.relation:
            for step in CONFIDENCE_STEPS:
                out.confidence[step] = out.confidence.get(step, 0) + int(r["n" + step.replace(".", "")].value)
            out.total += n
    out.articles = [(r["g"].value, int(r["n"].value)) for r in _rows(store, f"""
SELECT ?this {extra} ?g (COUNT(?p) AS ?n) WHERE {{ {s.where(article=False)} }}
GROUP BY ?this {extra} ?g ORDER BY DESC(?n) LIMIT {TOP_ARTICLES}""", subs)]
    return out


def _evidence(store, this: ox.NamedNode, rows: list) -> list[ClaimRow]:
    """A claim (with its evidence) from one article stating each statement, in the rows' order."""
    if not rows:
        return []
    facts = []
    for r in rows:
        s, o = (this, r["x"]) if r["dir"].value == "out" else (r["x"], this)
        facts.append((r["src"], s, r["p"], o, int(r["n"].value)))
    details = ("OPTIONAL { ?claim geonews:evidence ?evidence } OPTIONAL { ?claim geonews:confidence ?conf } "
               "OPTIONAL { ?claim geonews:attributedTo ?by } OPTIONAL { ?claim geonews:date ?date }")
    groups = " UNION ".join(
        f"{{ GRAPH {g} {{ ?claim rdf:subject {s} ; rdf:predicate {p} ; rdf:object {o} . {details} "
        f"OPTIONAL {{ {g} dcterms:title ?title }} }} "
        f"BIND({g} AS ?g) BIND({s} AS ?s) BIND({p} AS ?p) BIND({o} AS ?o) }}" for g, s, p, o, _ in facts)
    found = {}
    for r in _rows(store, f"SELECT ?g ?claim ?s ?p ?o ?evidence ?conf ?title ?by ?date WHERE {{ {groups} }}"):
        found.setdefault((r["g"], r["s"], r["p"], r["o"]), r)
    out = []
    for g, s, p, o, n in facts:
        r = found.get((g, s, p, o))
        if r is None:  # a relation triple without its claim (the shapes forbid it): shown bare
            out.append(ClaimRow("", s.value, p.value, o.value, None, None, g.value, None, None, count=n))
            continue

        def v(name: str, row=r) -> str | None:
            t = row[name]
            return None if t is None else t.value

        out.append(ClaimRow(v("claim"), s.value, p.value, o.value, v("evidence"), v("conf"), g.value,
                            v("title"), v("by"), v("date"), count=n))
    return out
