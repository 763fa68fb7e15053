"""Content negotiation (werkzeug's Accept parsing, q-values included) and RDF responses.

The formats registry (geonews.pipeline.formats) maps suffixes to media types, so `/doc/x.ttl`
and `Accept: text/turtle` agree, here and at the SPARQL endpoint.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import pyoxigraph as ox
from flask import Response, current_app, request

from geonews.pipeline.formats import BY_SUFFIX, Format, offers

from .terms import PREFIXES

#: The formats of pages and documents, by URL suffix (`/doc/x.ttl`), from the one registry.
FORMATS: dict[str, Format] = BY_SUFFIX


class NotAcceptable(Exception):
    """No offered format matches the Accept header (answered with 406)."""


def negotiate(offered: Iterable[str], suffix: str | None = None) -> Format:
    """The format named by `suffix`, else the client's best match among `offered` (suffixes, in
    order of preference on ties; the aliases clients send count too); raises NotAcceptable."""
    offered = [BY_SUFFIX[o] for o in offered]
    if suffix is not None:
        return BY_SUFFIX[suffix]
    if not request.accept_mimetypes:
        return offered[0]
    pairs = offers(offered)
    best = request.accept_mimetypes.best_match([mt for mt, _ in pairs])
    if best is None:
        raise NotAcceptable(", ".join(f.media_type for f in offered))
    return dict(pairs)[best]


def serialize(triples: Iterable[ox.Triple], fmt: Format) -> bytes:
    assert fmt.rdf is not None
    prefixes = PREFIXES if fmt.rdf is ox.RdfFormat.TURTLE else None
    return ox.serialize(triples, format=fmt.rdf, prefixes=prefixes) or b""


def rdf_response(triples: Iterable[ox.Triple], fmt: Format, status: int = 200,
                 comment: str | None = None) -> Response:
    body = serialize(triples, fmt)
    if comment and fmt.suffix == "ttl":
        body = b"".join(f"# {line}\n".encode() for line in comment.splitlines()) + body
    return Response(body, status=status, content_type=f"{fmt.media_type}; charset=utf-8")


def store_stamp() -> float:
    """The store version (StoreHandle.stamp): changes whenever an ingest changed the store."""
    return current_app.extensions["geonews.store"].stamp


def etag_for(*parts: object, stamp: float | None = None) -> str:
    """An ETag that changes with the store version and the representation."""
    stamp = store_stamp() if stamp is None else stamp
    return hashlib.sha256(repr((stamp, *parts)).encode()).hexdigest()[:32]


def not_modified(etag: str, exists: bool = False) -> Response | None:
    """A 304 when the client already holds this representation (checked before any query).

    `If-None-Match: *` matches any current representation, so it gives 304 only for a resource
    the caller knows to exist (`exists`); for a missing one the answer stays 404.
    """
    inm = request.if_none_match
    if not inm:
        return None
    if inm.is_strong(etag) or inm.is_weak(etag) or (inm.star_tag and exists):
        resp = Response(status=304)
        resp.set_etag(etag)
        return resp
    return None
