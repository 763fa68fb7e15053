"""Security headers on every response, and CORS on the data routes (read-only, public data)."""

from __future__ import annotations

from flask import Flask, Response, request

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
#: Path prefixes whose data any web page may fetch (Access-Control-Allow-Origin: *).
DATA_ROUTES = ("/id/", "/doc/", "/dumps", "/.well-known/void", "/ontology", "/shapes", "/search",
               "/reconcile", "/facts.", "/network.json", "/timeline.json")
#: Pages other sites may show in a frame: OpenRefine shows reconciliation previews in one.
EMBEDDABLE = ("/reconcile/preview",)


def security_headers(resp: Response) -> Response:
    """setdefault: a blueprint that needs a stricter or different policy can set its own."""
    h = resp.headers
    if request.path.startswith(EMBEDDABLE):
        h.setdefault("Content-Security-Policy", CSP.replace("frame-ancestors 'none'", "frame-ancestors *"))
    else:
        h.setdefault("X-Frame-Options", "DENY")
    h.setdefault("Content-Security-Policy", CSP)
    h.setdefault("X-Content-Type-Options", "nosniff")
    h.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    if request.path.startswith(DATA_ROUTES):
        h.setdefault("Access-Control-Allow-Origin", "*")
        h.setdefault("Access-Control-Expose-Headers", "ETag, Last-Modified, Link, Location")
    return resp


def install(app: Flask) -> None:
    app.after_request(security_headers)
