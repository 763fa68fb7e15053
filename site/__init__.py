"""The web layer: linked data, dumps and a SPARQL endpoint over the store (read-only)."""

from __future__ import annotations

from flask import Flask

from geonews.pipeline.settings import Settings

from .db import StoreHandle


def create_app(settings: Settings | None = None) -> Flask:
    """App factory; the read-only store handle lives in app.extensions['geonews.store']."""
    settings = settings or Settings.from_env()
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = settings.max_request_bytes
    app.extensions["geonews.settings"] = settings
    app.extensions["geonews.store"] = StoreHandle(settings)

    from . import dumps, headers, linked_data, pages, sparql, vocabulary, void

    for module in (sparql, linked_data, dumps, pages, void, vocabulary):
        app.register_blueprint(module.bp)
    headers.install(app)
    return app
