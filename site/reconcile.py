"""/reconcile: the W3C Entity Reconciliation API (version 0.2, as OpenRefine uses it).

GET without parameters: the service manifest. `queries={"q0": {"query": "Turkey", "type": ...,
"limit": 3}, ...}` (GET or a form POST, as OpenRefine sends it) or a single `query=` (text or a
JSON object): candidates per query with a score out of 100, best first. Candidates are geonews
entities whose label or alternative label contains the text; an exact label match scores
highest, then an exact alternative label, then prefixes; among equal names the entity the
gazetteer links to Wikidata comes first (`owl:sameAs`, so a matched row leads on to Wikidata).
`type` restricts to a class (and its subclasses: `geonews:Actor` is any actor). `/reconcile/preview?id=`
is a small page an OpenRefine user sees on hover.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

import pyoxigraph as ox
from flask import Blueprint, Response, abort, jsonify, render_template, request
from rdflib import RDFS, URIRef

from geonews.ontology import NS, load_ontology
from geonews.pipeline.rdf.iris import Minter

from .db import get_settings, get_store
from .queries import KINDS, PROLOGUE, Hit, UnknownResource, entity_iri, labels, search
from .terms import doc_path, wikidata_qid

bp = Blueprint("reconcile", __name__)

MAX_QUERIES, DEFAULT_LIMIT, MAX_LIMIT = 50, 5, 25
ENTITY_TYPES = ("State", "ArmedGroup", "Government", "Organization", "Official", "Actor", "Post",
                "Agreement", "Conflict", "Place", "Event", "Meeting", "Attack")
_CALLBACK = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$.]{0,63}$")


class BadQuery(ValueError):
    """A reconciliation request that cannot be read (HTTP 400)."""


@lru_cache(maxsize=1)
def subclasses() -> dict[str, frozenset[str]]:
    """Each geonews class -> itself and every class below it (read from the ontology)."""
    g = load_ontology()
    below: dict[str, set[str]] = {}
    for sub, sup in g.subject_objects(RDFS.subClassOf):
        if isinstance(sub, URIRef) and isinstance(sup, URIRef):
            below.setdefault(str(sup), set()).add(str(sub))

    def close(c: str) -> frozenset[str]:
        out, todo = {c}, [c]
        while todo:
            for s in below.get(todo.pop(), ()):
                if s not in out:
                    out.add(s)
                    todo.append(s)
        return frozenset(out)

    return {NS + t: close(NS + t) for t in ENTITY_TYPES}


def manifest(base: str) -> dict:
    names = labels(get_store(), {NS + t for t in ENTITY_TYPES})
    return {
        "versions": ["0.2"],
        "name": "geonews entities",
        "identifierSpace": f"{base}/id/",
        "schemaSpace": NS,
        "defaultTypes": [{"id": NS + t, "name": names.get(NS + t, t)}
                         for t in ("Actor", "Agreement", "Conflict", "Place")],
        "view": {"url": f"{base}/doc/{{{{id}}}}"},
        "preview": {"url": f"{base}/reconcile/preview?id={{{{id}}}}", "width": 430, "height": 160},
    }


def _one(raw: object) -> dict:
    if isinstance(raw, str):
        raw = {"query": raw}
    if not isinstance(raw, dict) or not isinstance(raw.get("query"), str) or not raw["query"].strip():
        raise BadQuery("each query needs a non-empty \"query\" string")
    limit = raw.get("limit", DEFAULT_LIMIT)
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise BadQuery("\"limit\" must be a positive integer")
    types = raw.get("type")
    types = [types] if isinstance(types, str) else types or []
    if not isinstance(types, list) or not all(isinstance(t, str) for t in types):
        raise BadQuery("\"type\" must be a class IRI or a list of them")
    return {"query": raw["query"].strip(), "types": types, "limit": min(limit, MAX_LIMIT)}


def _score(query: str, h: Hit, linked: bool) -> float:
    q, label, name = query.lower(), h.label.lower(), h.matched.lower()
    if label == q:
        score = 100.0
    elif name == q:
        score = 90.0
    elif name.startswith(q):
        score = 60.0 + 20.0 * len(q) / len(name)
    else:
        score = 50.0 * len(q) / max(len(name), 1)
    return round(score - (0 if linked else 0.5), 2)


def _linked(iris: list[str]) -> set[str]:
    if not iris:
        return set()
    values = " ".join(str(ox.NamedNode(i)) for i in iris)
    rows = get_store().query(PROLOGUE + f"SELECT ?x ?w WHERE {{ VALUES ?x {{ {values} }} "
                                        "?x owl:sameAs ?w }")
    return {r["x"].value for r in rows if wikidata_qid(r["w"].value)}


def candidates(q: dict, minter: Minter) -> list[dict]:
    settings = get_settings()
    wanted = set()
    for t in q["types"]:
        wanted |= subclasses().get(t, {t})
    hits = [h for h in search(get_store(), settings.entities_graph, q["query"], limit=200)
            if NS + "Article" not in h.types and (not wanted or wanted & set(h.types))]
    linked = _linked([h.iri for h in hits])
    scored = sorted(((_score(q["query"], h, h.iri in linked), h) for h in hits),
                    key=lambda sh: (-sh[0], sh[1].label, sh[1].iri))[:q["limit"]]
    names = labels(get_store(), {t for _, h in scored for t in h.types})
    out = []
    for i, (score, h) in enumerate(scored):
        top_alone = i == 0 and (len(scored) == 1 or scored[1][0] < score)
        out.append({
            "id": doc_path(minter, h.iri).removeprefix("/doc/"),
            "name": h.label,
            "type": [{"id": t, "name": names.get(t, t.rsplit("#", 1)[-1])} for t in h.types],
            "score": score,
            "match": score >= 100 and top_alone,
            "description": ", ".join(filter(None, [
                f"also {h.matched}" if h.matched != h.label else "",
                "linked to Wikidata" if h.iri in linked else ""])),
        })
    return out


def _answer(payload: object) -> Response:
    callback = request.values.get("callback")
    if callback:  # JSONP, as older OpenRefine versions ask for the manifest
        if not _CALLBACK.match(callback):
            return Response("callback must be a JavaScript identifier\n", status=400,
                            content_type="text/plain; charset=utf-8")
        return Response(f"/**/{callback}({json.dumps(payload)});",
                        content_type="application/javascript; charset=utf-8")
    return jsonify(payload)


def _json(text: str, name: str) -> object:
    try:
        return json.loads(text)
    except RecursionError:
        raise BadQuery(f"{name} is nested too deeply") from None
    except ValueError as exc:
        raise BadQuery(f"{name} is not valid JSON: {exc}") from None


@bp.route("/reconcile", methods=["GET", "POST"])
def reconcile() -> Response:
    minter = Minter(get_settings().base)
    raw_queries, single = request.values.get("queries"), request.values.get("query")
    try:
        if raw_queries is None and single is None:
            return _answer(manifest(minter.base))
        if raw_queries is not None:
            batch = _json(raw_queries, "queries")
            if not isinstance(batch, dict) or len(batch) > MAX_QUERIES:
                raise BadQuery(f"\"queries\" must be a JSON object of at most {MAX_QUERIES} queries")
            parsed = {key: _one(q) for key, q in batch.items()}
            return _answer({key: {"result": candidates(q, minter)} for key, q in parsed.items()})
        query = _json(single, "query") if single.lstrip().startswith("{") else single
        return _answer({"result": candidates(_one(query), minter)})
    except BadQuery as exc:
        return Response(json.dumps({"error": str(exc)}), status=400,
                        content_type="application/json")


@bp.get("/reconcile/preview")
def preview() -> Response:
    """A small page about one entity (`id` = kind/key, as in the candidates)."""
    kind, _, key = request.args.get("id", "").partition("/")
    minter = Minter(get_settings().base)
    if kind not in KINDS:
        abort(404)
    try:
        iri = entity_iri(minter, kind, key)
    except UnknownResource:
        abort(404)
    store = get_store()
    rows = store.query(PROLOGUE + "SELECT ?this ?p ?o WHERE { VALUES ?p { rdfs:label skos:altLabel "
                                  "owl:sameAs rdf:type } ?this ?p ?o } LIMIT 200",
                       substitutions={"this": ox.NamedNode(iri)})
    if not rows:
        abort(404)
    by = {}
    for r in rows:
        by.setdefault(r["p"].value.rsplit("#", 1)[-1], []).append(r["o"].value)
    types = labels(store, set(by.get("type", [])))
    return Response(render_template(
        "reconcile_preview.html", label=(by.get("label") or [key])[0],
        alt=sorted(set(by.get("altLabel", [])))[:8], types=[types.get(t, t) for t in by.get("type", [])],
        qids=[q for q in map(wikidata_qid, by.get("sameAs", [])) if q], href=doc_path(minter, iri)),
        content_type="text/html; charset=utf-8")
