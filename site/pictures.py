"""Data for the pictures: actor networks (/network.json) and agreement timelines (/timeline.json).

Network: who supports, opposes or meets whom, one edge per (relation, pair; `opposes` and `met`
are symmetric) weighted by the number of articles that state it. With `entity=` the edges that
touch it, else the whole dataset's strongest edges: at most MAX_EDGES, so a large dataset is
sampled by weight and the answer says so. Timeline: an agreement's signing dates and its parties,
brokers, endorsements and rejections, each with its date and article. Each is one bounded SELECT
in the query workers; the pages render the same data.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
from flask import Blueprint, Response, jsonify, request

from geonews.ontology import RELATIONS, SYMMETRIC
from geonews.pipeline.rdf.iris import Minter

from .db import get_settings, get_store
from .facts import BadFilter, resource
from .queries import PROLOGUE, labels
from .terms import doc_path

bp = Blueprint("pictures", __name__)

NETWORK_RELATIONS = ("supports", "opposes", "met")
MAX_EDGES = {"entity": 150, "dataset": 120}
TIMELINE_ROLES = {"partyTo": "party", "brokered": "broker", "endorses": "endorsement",
                  "rejects": "rejection"}
MAX_TIMELINE = 500

_NETWORK = """SELECT ?s ?p ?o (GROUP_CONCAT(DISTINCT STR(?article); separator=" ") AS ?articles)
       (COUNT(DISTINCT ?article) AS ?n) ?ent WHERE {
  VALUES ?p { %s }
  ?claim rdf:predicate ?p ; rdf:subject ?s ; rdf:object ?o ; prov:wasDerivedFrom ?article .
  %s
} GROUP BY ?s ?p ?o ?ent ORDER BY DESC(?n) STR(?s) STR(?p) STR(?o) LIMIT %d"""
_TOUCHING = "{ ?claim rdf:subject ?ent } UNION { ?claim rdf:object ?ent }"

_TIMELINE = """SELECT ?this ?role ?actor ?date ?article ?title ?published WHERE {
  { VALUES ?role { %s }
    ?claim rdf:object ?this ; rdf:predicate ?role ; rdf:subject ?actor ;
           prov:wasDerivedFrom ?article .
    OPTIONAL { ?claim geonews:date ?date } }
  UNION
  { GRAPH ?article { ?this geonews:date ?date } BIND(geonews:date AS ?role) }
  OPTIONAL { ?article dcterms:title ?title }
  OPTIONAL { ?article dcterms:date ?published }
} LIMIT %d"""


def _iris(names) -> str:
    return " ".join(f"<{RELATIONS[n]}>" for n in names)


def network(entity: str | None) -> dict:
    """{nodes, edges, sampled, limit}: nodes with label, kind and page; edges with relation,
    weight (articles) and the articles' IRIs."""
    limit = MAX_EDGES["entity" if entity else "dataset"]
    text = PROLOGUE + _NETWORK % (_iris(NETWORK_RELATIONS), _TOUCHING if entity else "", limit + 1)
    store = get_store()
    subs = {"ent": ox.NamedNode(entity)} if entity else None
    rows = store.query(text, substitutions=subs)
    sampled = len(rows) > limit
    names = {str(iri): name for name, iri in RELATIONS.items()}
    edges: dict[tuple[str, str, str], set[str]] = {}
    for r in rows[:limit]:
        s, rel, o = r["s"].value, names[r["p"].value], r["o"].value
        if rel in SYMMETRIC:
            s, o = sorted((s, o))
        edges.setdefault((s, rel, o), set()).update(r["articles"].value.split())
    nodes = {n for s, _, o in edges for n in (s, o)}
    found = labels(store, nodes)
    minter = Minter(get_settings().base)

    def node(iri: str) -> dict:
        path = iri[len(minter.base):] if iri.startswith(minter.base + "/id/") else ""
        kind = path.split("/")[2] if path else "other"
        return {"id": iri, "label": found.get(iri, iri.rsplit("/", 1)[-1]), "kind": kind,
                "href": doc_path(minter, iri), "focus": iri == entity}

    return {
        "nodes": [node(n) for n in sorted(nodes)],
        "edges": [{"source": s, "target": o, "relation": rel, "weight": len(arts),
                   "directed": rel not in SYMMETRIC, "articles": sorted(arts)}
                  for (s, rel, o), arts in sorted(edges.items(), key=lambda kv: (-len(kv[1]), kv[0]))],
        "sampled": sampled, "limit": limit,
    }


@dataclass
class Moment:
    """One line of an agreement's timeline."""

    date: str | None  # what the text states; else the article's date, marked as such
    reported: bool  # the date is only the article's publication date
    role: str  # signed | party | broker | endorsement | rejection
    actor: str | None
    actor_label: str | None
    actor_href: str | None
    article: str
    article_title: str | None
    article_href: str | None

    def as_json(self) -> dict:
        return {k: getattr(self, k) for k in ("date", "reported", "role", "actor", "actor_label",
                                              "article", "article_title")}


def timeline(agreement: str) -> tuple[list[Moment], bool]:
    """The agreement's moments in date order (undated last), and whether the list was cut."""
    text = PROLOGUE + _TIMELINE % (_iris(TIMELINE_ROLES), MAX_TIMELINE + 1)
    store = get_store()
    rows = store.query(text, substitutions={"this": ox.NamedNode(agreement)})
    cut = len(rows) > MAX_TIMELINE
    names = {str(RELATIONS[k]): v for k, v in TIMELINE_ROLES.items()}
    actors = {r["actor"].value for r in rows[:MAX_TIMELINE] if r["actor"] is not None}
    found = labels(store, actors)
    minter = Minter(get_settings().base)
    seen, out = set(), []
    for r in rows[:MAX_TIMELINE]:
        def v(name, r=r):
            return None if r[name] is None else r[name].value
        role = names.get(v("role"), "signed")
        date, reported = v("date"), False
        if date is None and v("published"):
            date, reported = v("published"), True
        actor = v("actor")
        key = (role, actor, v("article"), date)
        if key in seen:
            continue
        seen.add(key)
        out.append(Moment(date, reported, role, actor, found.get(actor) if actor else None,
                          doc_path(minter, actor) if actor else None, v("article"), v("title"),
                          doc_path(minter, v("article"))))
    out.sort(key=lambda m: (m.date is None, m.date or "", m.role != "signed", m.role,
                            m.actor_label or ""))
    return out, cut


def _bad(exc: Exception) -> Response:
    return Response(f"{exc}\n", status=400, content_type="text/plain; charset=utf-8")


@bp.get("/network.json")
def network_json() -> Response:
    entity = request.args.get("entity")
    try:
        iri = resource(Minter(get_settings().base), entity) if entity else None
    except BadFilter as exc:
        return _bad(exc)
    resp = jsonify(network(iri))
    return resp


@bp.get("/timeline.json")
def timeline_json() -> Response:
    try:
        iri = resource(Minter(get_settings().base), request.args.get("agreement", ""), ("agreement",))
    except BadFilter as exc:
        return _bad(exc)
    moments, cut = timeline(iri)
    resp = jsonify(agreement=iri, moments=[m.as_json() for m in moments], truncated=cut)
    return resp
