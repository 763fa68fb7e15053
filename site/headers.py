"""Security headers on every response, and CORS on the data routes (read-only, public data)."""

from __future__ import annotations

from flask import Flask, Response, request

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
#: Path prefixes whose data any web page may fetch (Access-Control-Allow-Origin: *).
DATA_ROUTES = ("/id/", "/doc/", "/dumps", "/.well-known/void", "/ontology", "/shapes", "/search")


def security_headers(resp: Response) -> Response:
    """setdefault: a blueprint that needs a stricter or different policy can set its own."""
    h = resp.headers
    h.setdefault("Content-Security-Policy", CSP)
    h.setdefault("X-Content-Type-Options", "nosniff")
    h.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    h.setdefault("X-Frame-Options", "DENY")
    if request.path.startswith(DATA_ROUTES):
        h.setdefault("Access-Control-Allow-Origin", "*")
        h.setdefault("Access-Control-Expose-Headers", "ETag, Last-Modified, Link, Location")
    return resp


def install(app: Flask) -> None:
    app.after_request(security_headers)
