"""Read-only SPARQL the site runs on the store's engine (pyoxigraph).

Untrusted input never reaches a query string: kinds are checked against the contract's list,
keys against a strict slug regex, and values enter queries only through pyoxigraph's
`substitutions` (SEP-0007 bindings); IRIs spliced into VALUES come from the store itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pyoxigraph as ox

from geonews.pipeline.errors import GeonewsError
from geonews.pipeline.model import KINDS as CLASS_KINDS
from geonews.pipeline.rdf.iris import Minter
from geonews.pipeline.store import GraphStore

from .terms import PREFIXES, RDFS_LABEL

#: Every IRI path segment of the IRI contract (docs/ARCHITECTURE.md).
KINDS: frozenset[str] = frozenset(CLASS_KINDS.values()) | {"article", "claim"}
KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_KEY = 200
#: Most rows of each list on a page / in a description (incoming links, claims).
LIMIT = 500

PROLOGUE = "\n".join(f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items()) + "\n"


class UnknownResource(GeonewsError):
    """The kind or key is malformed, or nothing in the store describes that IRI."""


def valid_key(key: str) -> bool:
    return len(key) <= MAX_KEY and KEY.match(key) is not None


def entity_iri(minter: Minter, kind: str, key: str) -> str:
    """The IRI for /id/{kind}/{key}, after checking both parts; raises UnknownResource."""
    if kind not in KINDS or not valid_key(key):
        raise UnknownResource(f"no such identifier: /id/{kind}/{key}")
    return str(minter.iri(kind, key))


def _select(store: GraphStore, body: str, **bindings: ox.Term) -> list[ox.QuerySolution]:
    subs = {ox.Variable(k): v for k, v in bindings.items()}
    return list(store.query(PROLOGUE + body, substitutions=subs or None))


def _construct(store: GraphStore, body: str, **bindings: ox.Term) -> list[ox.Triple]:
    subs = {ox.Variable(k): v for k, v in bindings.items()}
    return list(store.query(PROLOGUE + body, substitutions=subs or None))


def _values(iris: set[str]) -> str:
    # NamedNode's str() is its N-Triples form; these IRIs come from the store, not the request.
    return " ".join(str(ox.NamedNode(i)) for i in sorted(iris))


def exists(store: GraphStore, iri: str) -> bool:
    this = ox.NamedNode(iri)
    return bool(_select(store, "SELECT ?this WHERE { { ?this ?p ?o } UNION { ?s ?p ?this } } "
                               "LIMIT 1", this=this))


def label_triples(store: GraphStore, iris: set[str]) -> list[ox.Triple]:
    """The rdfs:label and dcterms:title triples of `iris` (titles name articles)."""
    out: list[ox.Triple] = []
    ordered = sorted(iris)
    for start in range(0, len(ordered), 400):
        chunk = set(ordered[start:start + 400])
        # one VALUES and a UNION: a second VALUES (of the two predicates) makes the engine join
        # every label of the store (measured: 55 ms against 3 ms for 130 IRIs at 1M quads)
        out += _construct(store, "CONSTRUCT { ?x ?lp ?l } WHERE { "
                                 f"VALUES ?x {{ {_values(chunk)} }} "
                                 "{ ?x rdfs:label ?l BIND(rdfs:label AS ?lp) } UNION "
                                 "{ ?x dcterms:title ?l BIND(dcterms:title AS ?lp) } }")
    return out


def labels_of(triples: list[ox.Triple]) -> dict[str, str]:
    """IRI -> display label, preferring English rdfs:label, then any label, then a title."""
    def rank(t: ox.Triple) -> tuple:
        lang = getattr(t.object, "language", None)
        return (t.predicate.value != RDFS_LABEL, lang not in ("en", None), t.object.value)

    out: dict[str, str] = {}
    for t in sorted(triples, key=rank):
        out.setdefault(t.subject.value, t.object.value)
    return out


def labels(store: GraphStore, iris: set[str]) -> dict[str, str]:
    return labels_of(label_triples(store, iris)) if iris else {}


@dataclass
class ClaimRow:
    """One extracted fact with its evidence, as listed on entity and article pages."""

    claim: str
    subject: str
    predicate: str
    object: str
    evidence: str | None
    confidence: str | None
    article: str | None
    title: str | None
    attributed_to: str | None
    date: str | None = None
    count: int = 1  # articles stating this fact (entity pages list one claim per fact)


_CLAIM_COLUMNS = """SELECT DISTINCT ?this ?claim ?s ?p ?o ?evidence ?conf ?article ?title ?by ?date
WHERE {
  %s
  ?claim a geonews:Claim ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  OPTIONAL { ?claim geonews:evidence ?evidence }
  OPTIONAL { ?claim geonews:confidence ?conf }
  OPTIONAL { ?claim geonews:attributedTo ?by }
  OPTIONAL { ?claim geonews:date ?date }
  OPTIONAL { ?claim prov:wasDerivedFrom ?article OPTIONAL { ?article dcterms:title ?title } }
} ORDER BY DESC(?conf) ?claim LIMIT %d"""

_CLAIM_SELECTORS = {
    "entity": "{ ?claim rdf:subject ?this } UNION { ?claim rdf:object ?this }",
    "article": "GRAPH ?this { ?claim a geonews:Claim }",
    # substitutions do not reach into BIND, and the IRI was built from a checked kind and key
    "claim": "VALUES ?claim { $IRI }",
}


def claims(store: GraphStore, iri: str, role: str = "entity") -> list[ClaimRow]:
    """Claims about an entity (as subject or object), found in an article, or one claim."""
    selector = _CLAIM_SELECTORS[role].replace("$IRI", str(ox.NamedNode(iri)))
    rows = _select(store, _CLAIM_COLUMNS % (selector, LIMIT), this=ox.NamedNode(iri))

    def v(r: ox.QuerySolution, name: str) -> str | None:
        t = r[name]
        return None if t is None else t.value

    return [ClaimRow(v(r, "claim"), v(r, "s"), v(r, "p"), v(r, "o"), v(r, "evidence"),
                     v(r, "conf"), v(r, "article"), v(r, "title"), v(r, "by"), v(r, "date"))
            for r in rows]


@dataclass
class Description:
    """Everything published about one IRI: the triples served as RDF plus what pages need."""

    iri: str
    outgoing: list[ox.Triple] = field(default_factory=list)
    incoming: list[ox.Triple] = field(default_factory=list)
    context: list[ox.Triple] = field(default_factory=list)  # claims' triples, neighbours' labels
    claims: list[ClaimRow] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    truncated: bool = False
    summary: object = None  # entity pages: statements.Summary (a page of statements and counts)
    incoming_counts: dict[str, int] = field(default_factory=dict)  # predicate -> subjects, uncut

    def triples(self) -> list[ox.Triple]:
        seen: dict[ox.Triple, None] = {}
        for t in (*self.outgoing, *self.incoming, *self.context):
            seen.setdefault(t, None)
        return list(seen)


def describe(store: GraphStore, iri: str, kind: str) -> Description:
    """The description of an article or a claim (bounded by the article); entities: see
    `statements.describe_entity`. Raises UnknownResource when the store says nothing about it."""
    if not exists(store, iri):
        raise UnknownResource(f"nothing is known about <{iri}>")
    this = ox.NamedNode(iri)
    d = Description(iri)
    d.outgoing = _construct(store, "CONSTRUCT { ?this ?p ?o } WHERE { ?this ?p ?o }", this=this)
    if kind == "article":
        d.outgoing += _construct(store, "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?this { ?s ?p ?o } }",
                                 this=this)
    # (substitutions do not reach into sub-queries, so no CONSTRUCT over a limited SELECT)
    d.incoming = [ox.Triple(r["s"], r["p"], this) for r in _select(
        store, f"SELECT DISTINCT ?this ?s ?p WHERE {{ ?s ?p ?this }} LIMIT {LIMIT}", this=this)]
    d.claims = claims(store, iri, kind)
    d.truncated = len(d.incoming) >= LIMIT or len(d.claims) >= LIMIT
    add_context(store, d, {c.claim for c in d.claims})
    return d


def add_context(store: GraphStore, d: Description, claim_iris: set[str]) -> None:
    """The claims' own triples, and the labels of every node the description names."""
    claim_iris.discard("")
    if claim_iris:
        d.context += _construct(store, f"CONSTRUCT {{ ?c ?p ?o }} WHERE {{ "
                                       f"VALUES ?c {{ {_values(claim_iris)} }} ?c ?p ?o }}")
    nodes = {d.iri}
    for t in (*d.outgoing, *d.incoming, *d.context):
        for term in (t.subject, t.predicate, t.object):
            if isinstance(term, ox.NamedNode):
                nodes.add(term.value)
    for c in d.claims:
        nodes.update(x for x in (c.subject, c.object, c.article, c.attributed_to) if x)
    found = label_triples(store, nodes)
    d.context += found
    d.labels = labels_of(found)


def class_counts(store: GraphStore) -> list[tuple[str, int]]:
    """Instances per geonews class, largest first."""
    rows = _select(store, "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c "
                          f"FILTER(STRSTARTS(STR(?c), {ox.Literal(PREFIXES['geonews'])})) }} "
                          "GROUP BY ?c ORDER BY DESC(?n) ?c")
    return [(r["c"].value, int(r["n"].value)) for r in rows]


@dataclass
class Hit:
    iri: str
    label: str
    types: list[str]
    matched: str
    score: tuple


def search(store: GraphStore, entities_graph: str, text: str, limit: int = 50) -> list[Hit]:
    """Entities whose rdfs:label or skos:altLabel contains `text` (case-insensitive), and
    articles whose title does; exact and prefix matches first."""
    q = text.strip().lower()
    if not q:
        return []
    rows = _select(store, """SELECT ?q ?eg ?s ?label ?n ?t WHERE {
      { GRAPH ?eg { ?s rdfs:label|skos:altLabel ?n FILTER(CONTAINS(LCASE(STR(?n)), ?q))
                    ?s rdfs:label ?label OPTIONAL { ?s a ?t } } }
      UNION
      { GRAPH ?s { ?s a geonews:Article ; dcterms:title ?n FILTER(CONTAINS(LCASE(STR(?n)), ?q))
                   BIND(?n AS ?label) BIND(geonews:Article AS ?t) } }
    } LIMIT 2000""", q=ox.Literal(q), eg=ox.NamedNode(entities_graph))
    hits: dict[str, Hit] = {}
    for r in rows:
        iri, name = r["s"].value, r["n"].value
        score = (name.lower() != q, not name.lower().startswith(q), len(name))
        h = hits.setdefault(iri, Hit(iri, r["label"].value, [], name, score))
        if r["t"] is not None and r["t"].value not in h.types:
            h.types.append(r["t"].value)
        if score < h.score:
            h.score, h.matched = score, name
    return sorted(hits.values(), key=lambda h: (h.score, h.label))[:limit]
