"""What `geonews link` reads from the store: the entities it may link, the links already there
(the gazetteer's, and its own with their provenance nodes), and each entity's articles: the
co-mentioned entities and the posts the articles say an official holds."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..nlp.gazetteer import load_gazetteer
from ..rdf.iris import WIKIDATA, slug
from ..store import GraphStore, RemoteStore
from .decide import HeldPost, Rules, Target

PREFIXES = """PREFIX geonews: <https://w3id.org/geonews/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
"""
KIND_PREFIX = "https://w3id.org/geonews/ontology#"


@dataclass
class StoreEntity:
    iri: str
    kind: str
    label: str
    aliases: set[str] = field(default_factory=set)
    same_as: set[str] = field(default_factory=set)  # every owl:sameAs QID
    linked: dict[str, str] = field(default_factory=dict)  # QID -> provenance node, links made by `geonews link`

    @property
    def gazetteer_qids(self) -> set[str]:
        """QIDs linked by the packaged gazetteer at ingest (an owl:sameAs without a link node)."""
        return self.same_as - set(self.linked)

    @property
    def article_scoped(self) -> bool:
        """An unnamed agreement ('the ceasefire') is one article's: its key is not its label's slug."""
        return self.iri.rsplit("/", 1)[-1] != slug(self.label)


@dataclass
class StoreView:
    entities: dict[str, StoreEntity]
    mentions: dict[str, set[str]]  # article -> entities it mentions
    posts: dict[str, list[tuple[str, str]]]  # official -> (post title, IRI of the actor it is in)


def _rows(store: GraphStore | RemoteStore, sparql: str):
    return store.query(PREFIXES + sparql, use_default_graph_as_union=False)


def read_store(store: GraphStore | RemoteStore, entities_graph: str) -> StoreView:
    eg = f"<{entities_graph}>"
    entities: dict[str, StoreEntity] = {}
    for r in _rows(store, f"SELECT ?e ?type ?label WHERE {{ GRAPH {eg} {{ ?e a ?type ; rdfs:label ?label }} }}"):
        if r["type"].value.startswith(KIND_PREFIX) and isinstance(r["e"].value, str):
            entities.setdefault(r["e"].value, StoreEntity(r["e"].value, r["type"].value[len(KIND_PREFIX):],
                                                          r["label"].value))
    for r in _rows(store, f"SELECT ?e ?alt WHERE {{ GRAPH {eg} {{ ?e skos:altLabel ?alt }} }}"):
        if r["e"].value in entities:
            entities[r["e"].value].aliases.add(r["alt"].value)
    for r in _rows(store, f"SELECT ?e ?q WHERE {{ GRAPH {eg} {{ ?e owl:sameAs ?q }} }}"):
        if r["e"].value in entities and r["q"].value.startswith(WIKIDATA):
            entities[r["e"].value].same_as.add(r["q"].value[len(WIKIDATA):])
    for r in _rows(store, f"SELECT ?e ?q ?n WHERE {{ GRAPH {eg} {{ ?n a geonews:WikidataLink ; "
                          f"rdf:subject ?e ; rdf:object ?q }} }}"):
        if r["e"].value in entities and r["q"].value.startswith(WIKIDATA):
            entities[r["e"].value].linked[r["q"].value[len(WIKIDATA):]] = r["n"].value
    mentions: dict[str, set[str]] = defaultdict(set)
    for r in _rows(store, "SELECT ?a ?e WHERE { GRAPH ?a { ?a a geonews:Article ; geonews:mentions ?e } }"):
        mentions[r["a"].value].add(r["e"].value)
    posts: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for r in _rows(store, f"SELECT DISTINCT ?o ?title ?in WHERE {{ GRAPH ?a {{ ?o geonews:holdsPost ?p }} "
                          f"GRAPH {eg} {{ ?p geonews:roleTitle ?title ; geonews:postIn ?in }} }}"):
        posts[r["o"].value].append((r["title"].value, r["in"].value))
    return StoreView(entities, dict(mentions), dict(posts))


def equivalent_qids(e: StoreEntity, qids: set[str]) -> set[str]:
    """The QIDs, plus the others the packaged gazetteer lists for the same name and kind (Denmark is
    both Q756617, the Danish Realm, and Q35), so that a candidate's P27 matches either."""
    out = set(qids)
    if qids:
        for entry in load_gazetteer().candidates(e.label):
            if entry.kind == e.kind and entry.qid:
                out.add(entry.qid)
    return out


def targets(view: StoreView, rules: Rules, links: dict[str, str], only: set[str] | None = None) -> list[Target]:
    """The entities to decide (kinds the rules map, no gazetteer link, not article-scoped; within
    `only` if given), each with the context of every article that mentions it. `links` holds the
    QIDs this run already decided (entity -> QID), which count as context like the gazetteer's."""
    def qids_of(iri: str) -> set[str]:
        e = view.entities.get(iri)
        if e is None:
            return set()
        return equivalent_qids(e, e.gazetteer_qids | ({links[iri]} if iri in links else set()))

    by_entity: dict[str, set[str]] = defaultdict(set)
    for article, mentioned in view.mentions.items():
        for iri in mentioned:
            by_entity[iri].add(article)
    out = []
    for iri, e in sorted(view.entities.items()):
        if (e.kind not in rules.kinds or e.gazetteer_qids or e.article_scoped
                or (only is not None and iri not in only)):
            continue
        t = Target(iri, e.kind, e.label, sorted(e.aliases))
        states: set[str] = set()
        for article in sorted(by_entity.get(iri, ())):
            for other in view.mentions[article] - {iri}:
                other_e = view.entities.get(other)
                for q in qids_of(other):
                    t.context.setdefault(q, other_e.label)
                    if other_e.kind == "State":
                        states.add(q)
        t.states = frozenset(states)
        for title, actor in view.posts.get(iri, []):
            a = view.entities.get(actor)
            t.posts.append(HeldPost(title, a.label if a else "", frozenset(qids_of(actor))))
        out.append(t)
    return out
