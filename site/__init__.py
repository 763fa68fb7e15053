"""The web layer: linked data, dumps and a SPARQL endpoint over the store (read-only)."""

from __future__ import annotations

from flask import Flask, Response

from geonews.pipeline.settings import Settings

from .db import PageQueryFailed, StoreHandle


def create_app(settings: Settings | None = None) -> Flask:
    """App factory; the read-only store handle lives in app.extensions['geonews.store']."""
    settings = settings or Settings.from_env()
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = settings.max_request_bytes
    app.extensions["geonews.settings"] = settings
    app.extensions["geonews.store"] = StoreHandle(settings)

    from . import dumps, facts, headers, linked_data, pages, pictures, reconcile, vocabulary, void
    from .sparql import endpoint

    for module in (endpoint, linked_data, dumps, pages, void, vocabulary, facts, pictures,
                   reconcile):
        app.register_blueprint(module.bp)
    headers.install(app)

    @app.errorhandler(PageQueryFailed)
    def _busy(exc: PageQueryFailed) -> Response:
        """A page whose queries could not run in time: the client may retry (never a 500)."""
        return Response(f"{exc}\n", status=503, content_type="text/plain; charset=utf-8",
                        headers={"Retry-After": str(exc.retry_after)})

    return app


def start_workers(app: Flask) -> None:
    """Start the query workers before the first request, so that it is answered quickly."""
    app.extensions["geonews.store"].pool.start()
