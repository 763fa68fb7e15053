"""The home page (what is in the dataset, search, example queries) and entity search."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, Response, jsonify, render_template, request, url_for

from geonews.pipeline.rdf.iris import Minter

from .db import get_settings, get_store
from .examples import EXAMPLES
from .negotiate import NotAcceptable, negotiate
from .queries import class_counts, labels
from .queries import search as run_search
from .terms import Presenter

bp = Blueprint("pages", __name__)
MAX_QUERY_CHARS = 200


def sparql_link(query: str) -> str:
    return "/sparql?" + urlencode({"query": query})


@bp.get("/")
def home() -> Response:
    store = get_store()
    counts = class_counts(store)
    p = Presenter(Minter(get_settings().base), labels(store, {c for c, _ in counts}))
    rows = [(p.label(c), n, sparql_link(
        f"SELECT ?s ?label WHERE {{ ?s a <{c}> ; <http://www.w3.org/2000/01/rdf-schema#label> "
        f"?label }} ORDER BY ?label LIMIT 100")) for c, n in counts]
    examples = [(title, query, sparql_link(query)) for title, query in EXAMPLES]
    return Response(render_template("home.html", counts=rows, examples=examples,
                                    network=url_for("pictures.network_json")),
                    content_type="text/html; charset=utf-8")


@bp.get("/search")
@bp.get("/search.<any(json, html):suffix>")
def search(suffix: str | None = None) -> Response:
    """Entities whose label or alternative label contains `q` (case-insensitive)."""
    suffix = suffix or ("json" if request.args.get("format") == "json" else None)
    try:
        fmt = negotiate(("html", "json"), suffix)
    except NotAcceptable as exc:
        return Response(f"Not acceptable. Available: {exc}\n", status=406)
    q = request.args.get("q", "")
    status = 200
    if len(q) > MAX_QUERY_CHARS:
        hits, status = [], 400
    else:
        hits = run_search(get_store(), get_settings().entities_graph, q)
    minter = Minter(get_settings().base)
    names = labels(get_store(), {t for h in hits for t in h.types})
    p = Presenter(minter, {**names, **{h.iri: h.label for h in hits}})
    results = [{"term": p.term(h.iri), "label": h.label, "matched": h.matched,
                "types": [p.term(t) for t in h.types]} for h in hits]
    if fmt.suffix == "json":
        resp = jsonify(query=q, results=[
            {"iri": r["term"].iri, "label": r["label"], "matched": r["matched"],
             "doc": r["term"].href, "types": [t.iri for t in r["types"]]} for r in results])
        resp.status_code = status
    else:
        resp = Response(render_template("search.html", q=q, results=results,
                                        too_long=status == 400),
                        status=status, content_type="text/html; charset=utf-8")
    if suffix is None:
        resp.vary.add("Accept")
    return resp
