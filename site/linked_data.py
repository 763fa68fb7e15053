"""Linked data: /id/{kind}/{key} answers 303 to /doc/{kind}/{key}, which describes the entity
as HTML, Turtle, JSON-LD or N-Triples (content negotiation with `Vary: Accept`, or a suffix)."""

from __future__ import annotations

import pyoxigraph as ox
from flask import Blueprint, Response, jsonify, redirect, render_template, request, url_for

from geonews.pipeline.model import ACTOR_KINDS
from geonews.pipeline.model import KINDS as CLASS_KINDS
from geonews.pipeline.rdf.iris import Minter

from .db import get_settings, get_store
from .facets import facets, selection
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
from .terms import PREFIXES, Presenter
from .views import entity_json, entity_view

bp = Blueprint("linked_data", __name__)

OFFERED = ("html", "ttl", "jsonld", "nt")
#: Kinds whose pages show a network of who supports, opposes or meets whom.
ACTOR_PAGES = frozenset(CLASS_KINDS[k] for k in ACTOR_KINDS)
SUFFIXES = (*OFFERED, "json")
PRIMARY_TOPIC = ox.NamedNode(PREFIXES["foaf"] + "primaryTopic")
COMMENT = ox.NamedNode(PREFIXES["rdfs"] + "comment")


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
            resp = _render(minter, iri, kind, key, fmt)
        except UnknownResource:
            resp = not_found(fmt, f"<{iri}>", minter.doc(iri))
        else:
            resp = not_modified(etag, exists=True) or resp
            resp.set_etag(etag)
    if suffix is None:
        resp.vary.add("Accept")
    return resp


def _render(minter: Minter, iri: str, kind: str, key: str, fmt: Format) -> Response:
    d = describe(get_store(), iri, kind)
    if fmt.rdf is not None:
        doc_iri = ox.NamedNode(minter.doc(iri))
        triples = [ox.Triple(doc_iri, PRIMARY_TOPIC, ox.NamedNode(iri)), *d.triples()]
        return rdf_response(triples, fmt)
    ctx = entity_view(d, Presenter(minter, d.labels), kind)
    if kind != "article":
        sel = selection(request.args)
        ctx["facets"], ctx["claims"] = facets(ctx["claims"], sel)
        ctx["selection"] = sel
        chosen = {**sel, **({"article": f"/id/article/{sel['article']}"} if "article" in sel else {})}
        ctx["facts_links"] = [(name, url_for("facts.facts", suffix=name.lower(), entity=iri, **chosen))
                              for name in ("CSV", "JSON")]
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
    resp.headers["Link"] = ", ".join(f'<{href}>; rel="alternate"; type="{mt}"'
                                     for mt, href in alternates)
    return resp
