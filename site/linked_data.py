"""Linked data: /id/{kind}/{key} answers 303 to /doc/{kind}/{key}, which describes the entity
as HTML, Turtle, JSON-LD or N-Triples (content negotiation with `Vary: Accept`, or a suffix)."""

from __future__ import annotations

import pyoxigraph as ox
from flask import Blueprint, Response, jsonify, redirect, render_template, request, url_for

from geonews.ontology import RELATIONS
from geonews.pipeline.model import ACTOR_KINDS
from geonews.pipeline.model import KINDS as CLASS_KINDS
from geonews.pipeline.rdf.iris import Minter

from .db import get_settings, get_store
from .facets import facets, key_of, page_href, selection
from .negotiate import (
    FORMATS,
    Format,
    NotAcceptable,
    etag_for,
    negotiate,
    not_modified,
    rdf_response,
)
from .pictures import timeline
from .queries import KINDS, UnknownResource, describe, entity_iri, valid_key
from .statements import PAGE, describe_entity
from .terms import PREFIXES, Presenter
from .views import entity_json, entity_view

bp = Blueprint("linked_data", __name__)

OFFERED = ("html", "ttl", "jsonld", "nt")
#: Kinds whose pages show a network of who supports, opposes or meets whom.
ACTOR_PAGES = frozenset(CLASS_KINDS[k] for k in ACTOR_KINDS)
SUFFIXES = (*OFFERED, "json")
PRIMARY_TOPIC = ox.NamedNode(PREFIXES["foaf"] + "primaryTopic")
COMMENT = ox.NamedNode(PREFIXES["rdfs"] + "comment")
SEE_ALSO = ox.NamedNode(PREFIXES["rdfs"] + "seeAlso")
NEXT = ox.NamedNode("http://www.w3.org/1999/xhtml/vocab#next")  # the next page of statements
MAX_PAGE = 100_000


def not_acceptable(offered: str) -> Response:
    return Response(f"Not acceptable. Available: {offered}\n", status=406,
                    content_type="text/plain; charset=utf-8")


def not_found(fmt: Format, what: str, doc: str | None = None) -> Response:
    """404 in the requested format: an HTML page, JSON, or an RDF document saying so."""
    message = f"Not found: {what} is not described in this dataset."
    if fmt.suffix == "html":
        return Response(render_template("notfound.html", message=message), status=404,
                        content_type="text/html; charset=utf-8")
    if fmt.suffix == "json":
        return Response(jsonify(error="not found", message=message).get_data(), status=404,
                        content_type="application/json")
    triples = [ox.Triple(ox.NamedNode(doc), COMMENT, ox.Literal(message))] if doc else []
    return rdf_response(triples, fmt, status=404, comment=message)


def _split(name: str) -> tuple[str, str | None]:
    key, dot, suffix = name.rpartition(".")
    return (key, suffix) if dot else (name, None)


@bp.get("/id/<kind>/<key>")
def identifier(kind: str, key: str) -> Response:
    """The IRI names a thing, not a document: send clients to its description (303)."""
    if kind not in KINDS or not valid_key(key):
        try:
            fmt = negotiate(OFFERED)
        except NotAcceptable as exc:
            return not_acceptable(str(exc))
        return not_found(fmt, f"/id/{kind}/{key}")
    resp = redirect(url_for("linked_data.doc", kind=kind, name=key), code=303)
    resp.headers["Cache-Control"] = "public, max-age=3600"
    return resp


@bp.get("/doc/<kind>/<name>")
def doc(kind: str, name: str) -> Response:
    key, suffix = _split(name)
    if suffix is not None and suffix not in SUFFIXES:
        return not_found(FORMATS["html"], f"/doc/{kind}/{name}")
    try:
        fmt = negotiate(OFFERED, suffix)
    except NotAcceptable as exc:
        return not_acceptable(str(exc))
    minter = Minter(get_settings().base)
    try:
        iri = entity_iri(minter, kind, key)
    except UnknownResource:
        return not_found(fmt, f"/id/{kind}/{key}")
    etag = etag_for("doc", iri, fmt.suffix, sorted(request.args.items(multi=True)))
    resp = not_modified(etag)
    if resp is None:
        try:
            resp = _render(minter, iri, kind, key, fmt, suffix)
        except BadPage as exc:
            return Response(f"{exc}\n", status=400, content_type="text/plain; charset=utf-8")
        except UnknownResource:
            resp = not_found(fmt, f"<{iri}>", minter.doc(iri))
        else:
            resp = not_modified(etag, exists=True) or resp
            resp.set_etag(etag)
    if suffix is None:
        resp.vary.add("Accept")
    return resp


class BadPage(ValueError):
    """A `page` parameter that is not a page number (HTTP 400)."""


def _page() -> int:
    raw = request.args.get("page", "1")
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE:
        raise BadPage(f"page={raw!r}: give a page number from 1 to {MAX_PAGE}")
    return int(raw)


def _describe(minter: Minter, iri: str, kind: str, sel: dict[str, str]):
    if kind in ("article", "claim"):
        return describe(get_store(), iri, kind)
    article = sel.get("article")
    article_iri = str(minter.iri("article", article)) if article and valid_key(article) else None
    relation = RELATIONS.get(sel.get("relation", ""))
    return describe_entity(get_store(), iri, sel, _page(), relation and str(relation), article_iri)


def _links(minter: Minter, iri: str, kind: str, d, sel: dict[str, str], suffix: str | None) -> dict:
    """Where the rest is: every fact as CSV/JSON (with the selection), the next page."""
    base = get_settings().base
    chosen = {**sel, **({"article": f"/id/article/{sel['article']}"} if "article" in sel else {})}
    out = {name: url_for("facts.facts", suffix=name.lower(), entity=iri, **chosen) for name in ("CSV", "JSON")}
    if d.summary is not None and d.summary.has_next:
        name = f"{key_of(iri)}.{suffix}" if suffix else key_of(iri)
        out["next"] = url_for("linked_data.doc", kind=kind, name=name, **sel, page=d.summary.page + 1)
    return {k: base + v for k, v in out.items()}


def _render(minter: Minter, iri: str, kind: str, key: str, fmt: Format, suffix: str | None) -> Response:
    sel = selection(request.args) if kind not in ("article", "claim") else {}
    d = _describe(minter, iri, kind, sel)
    links = _links(minter, iri, kind, d, sel, suffix) if d.summary is not None else {}
    if fmt.rdf is not None:
        doc_iri = ox.NamedNode(minter.doc(iri))
        triples = [ox.Triple(doc_iri, PRIMARY_TOPIC, ox.NamedNode(iri)), *d.triples()]
        triples += [ox.Triple(doc_iri, NEXT if k == "next" else SEE_ALSO, ox.NamedNode(v)) for k, v in links.items()]
        if d.summary is not None:
            triples.append(ox.Triple(doc_iri, COMMENT, ox.Literal(statements_note(d))))
        resp = rdf_response(triples, fmt)
        if "next" in links:
            resp.headers["Link"] = f'<{links["next"]}>; rel="next"'
        return resp
    ctx = entity_view(d, Presenter(minter, d.labels), kind)
    if d.summary is not None:
        ctx["facets"] = facets(d.summary, sel, d.labels)
        ctx["selection"] = sel
        ctx["facts_links"] = [(name, links[name]) for name in ("CSV", "JSON")]
        ctx["pages"] = pages(d.summary, sel)
    if kind in ACTOR_PAGES:
        ctx["network"] = url_for("pictures.network_json", entity=iri)
    if kind == "agreement":
        ctx["timeline"], ctx["timeline_cut"] = timeline(iri)
    if fmt.suffix == "json":
        return jsonify(entity_json(ctx))
    alternates = [(FORMATS[s].media_type, url_for("linked_data.doc", kind=kind, name=f"{key}.{s}"))
                  for s in ("ttl", "jsonld", "nt")]
    template = "article.html" if kind == "article" else "entity.html"
    resp = Response(render_template(template, e=ctx, alternates=alternates),
                    content_type="text/html; charset=utf-8")
    resp.headers["Link"] = ", ".join([f'<{href}>; rel="alternate"; type="{mt}"' for mt, href in alternates]
                                     + ([f'<{links["next"]}>; rel="next"'] if "next" in links else []))
    return resp


def statements_note(d) -> str:
    s = d.summary
    first = (s.page - 1) * PAGE + 1
    shown = f"statements {first}-{first + len(s.rows) - 1}" if s.rows else "no statements"
    return (f"{s.total} statement(s) about this entity in the selection; this page lists {shown}, most "
            "corroborated first, each with the evidence of one claim (rdfs:seeAlso: every claim as a table)")


def pages(summary, sel: dict[str, str]) -> dict:
    first = (summary.page - 1) * PAGE + 1
    return {"first": first, "last": first + len(summary.rows) - 1, "total": summary.total,
            "prev": page_href(sel, summary.page - 1) if summary.page > 1 else None,
            "next": page_href(sel, summary.page + 1) if summary.has_next else None}
