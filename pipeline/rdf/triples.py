"""Map an Extraction to RDF: the article's named graph and the descriptions of its entities."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS
from rdflib.plugins.stores.memory import SimpleMemory

from geonews.ontology import GN, RELATIONS

from ..model import Entity, Extraction, Fact
from .iris import Minter

_DATE_TYPES = (
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), XSD.date),
    (re.compile(r"^\d{4}-\d{2}$"), XSD.gYearMonth),
    (re.compile(r"^\d{4}$"), XSD.gYear),
)


def date_literal(value: str) -> Literal:
    """'2020-03-05' -> xsd:date, '2020-03' -> xsd:gYearMonth, '2020' -> xsd:gYear."""
    for pattern, datatype in _DATE_TYPES:
        if pattern.match(value):
            return Literal(value, datatype=datatype)
    raise ValueError(f"not an ISO date, year-month or year: {value!r}")


def bind_prefixes(g: Graph) -> Graph:
    g.bind("geonews", GN._NS)
    for prefix, ns in (("skos", SKOS), ("owl", OWL), ("prov", PROV), ("dcterms", DCTERMS)):
        g.bind(prefix, ns)
    return g


@dataclass
class ArticleGraphs:
    """The two graphs one article contributes, and the IRIs needed to publish them."""

    article: URIRef
    graph: Graph  # goes into the named graph `article`
    entities: Graph  # canonical descriptions, merged into the entities graph
    claims: dict[URIRef, Fact]


def entity_description(m: Minter, e: Entity, g: Graph, other_names: frozenset[str] = frozenset()) -> URIRef:
    """rdf:type, rdfs:label, skos:altLabel, owl:sameAs (and post details) of one entity;
    `other_names` are the labels of other entities of the article minted to the same IRI."""
    iri = m.entity(e)
    g.add((iri, RDF.type, GN[e.kind]))
    g.add((iri, RDFS.label, Literal(e.label, lang="en")))
    for alias in sorted(e.aliases | other_names):
        if alias != e.label:
            g.add((iri, SKOS.altLabel, Literal(alias, lang="en")))
    if e.qid:
        g.add((iri, OWL.sameAs, m.wikidata(e.qid)))
    if e.kind == "Post" and e.post_in is not None:
        g.add((iri, GN.roleTitle, Literal(e.role_title or e.label, lang="en")))
        g.add((iri, GN.postIn, entity_description(m, e.post_in, g)))
    return iri


def build(m: Minter, x: Extraction, facts: list[Fact] | None = None) -> ArticleGraphs:
    """The article graph and entity descriptions for `facts` (default: all of x.facts)."""
    facts = x.facts if facts is None else facts
    a = x.article
    art = m.article(a)
    g, ents = bind_prefixes(_graph()), bind_prefixes(_graph())
    g.add((art, RDF.type, GN.Article))
    g.add((art, DCTERMS.title, Literal(a.title, lang="en")))
    if a.published:
        g.add((art, DCTERMS.date, date_literal(a.published)))
    if a.url:
        g.add((art, DCTERMS.source, URIRef(a.url)))
    if a.source:
        g.add((art, GN.sourceName, Literal(a.source)))
    used = {e for e in x.entities}
    for f in facts:
        used.update(e for e in (f.subject, f.object, f.attributed_to) if e is not None)
    for e, others in _one_per_iri(m, used):
        g.add((art, GN.mentions, entity_description(m, e, ents, others)))
        if e.post_in is not None:
            g.add((art, GN.mentions, m.entity(e.post_in)))
    claims = {}
    for f in facts:
        claims[_claim(m, x, f, art, g)] = f
        if f.predicate == "met":
            _meeting(m, x, f, art, g)
    for q in x.qualifiers:
        value = q.value if isinstance(q.value, str) else m.entity(q.value)
        obj = date_literal(value) if q.prop == "date" else value
        g.add((m.entity(q.subject), GN[q.prop], obj))
    return ArticleGraphs(art, g, ents, claims)


def _graph() -> Graph:
    """A Graph on rdflib's SimpleMemory store: an article's graphs are plain triples, and
    SimpleMemory adds one about four times faster than the default (context-aware) Memory store,
    which build() spent most of its time in. Only the order of iteration differs (by subject
    instead of by insertion), and nothing downstream depends on it."""
    return Graph(store=SimpleMemory())


def _one_per_iri(m: Minter, entities: set[Entity]) -> list[tuple[Entity, frozenset[str]]]:
    """One entity per IRI: two surface forms of one post ('Secretary-General', 'Secretary
    General') are minted to the same IRI, which must carry one rdfs:label (and one role title);
    the first entity keeps its label, the others' names become altLabels."""
    kept: dict[URIRef, tuple[Entity, set[str]]] = {}
    for e in sorted(entities, key=lambda e: (e.ident, e.label)):
        first, names = kept.setdefault(m.entity(e), (e, set()))
        if first is not e:
            names.update({e.label} | e.aliases)
    return [(e, frozenset(names)) for e, names in kept.values()]


def _claim(m: Minter, x: Extraction, f: Fact, art: URIRef, g: Graph) -> URIRef:
    s, p, o = m.entity(f.subject), RELATIONS[f.predicate], m.entity(f.object)
    g.add((s, p, o))
    c = m.claim(x.article, f)
    sentence = x.article.text[f.evidence.begin:f.evidence.end]
    g.add((c, RDF.type, GN.Claim))
    g.add((c, RDF.subject, s))
    g.add((c, RDF.predicate, p))
    g.add((c, RDF.object, o))
    g.add((c, GN.evidence, Literal(sentence)))
    g.add((c, GN.beginIndex, Literal(f.evidence.begin, datatype=XSD.integer)))
    g.add((c, GN.endIndex, Literal(f.evidence.end, datatype=XSD.integer)))
    conf = Decimal(str(round(f.confidence, 3)))
    g.add((c, GN.confidence, Literal(conf, datatype=XSD.decimal)))
    g.add((c, PROV.wasDerivedFrom, art))
    g.add((c, GN.pattern, Literal(f.pattern)))
    if f.hedged:
        g.add((c, GN.hedged, Literal(True)))
    if f.date:
        g.add((c, GN.date, date_literal(f.date)))
    if f.attributed_to is not None:
        g.add((c, GN.attributedTo, m.entity(f.attributed_to)))
    return c


def _meeting(m: Minter, x: Extraction, f: Fact, art: URIRef, g: Graph) -> None:
    s, o = m.entity(f.subject), m.entity(f.object)
    ev = m.event(x.article, "meeting", *sorted((s, o)), f.evidence.begin)
    g.add((ev, RDF.type, GN.Meeting))
    g.add((ev, RDFS.label, Literal(f"Meeting of {f.subject.label} and {f.object.label}", lang="en")))
    g.add((ev, GN.participant, s))
    g.add((ev, GN.participant, o))
    g.add((ev, PROV.wasDerivedFrom, art))
    if f.date:
        g.add((ev, GN.date, date_literal(f.date)))
    g.add((art, GN.mentions, ev))
