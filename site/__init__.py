"""The web layer: linked data, dumps and a SPARQL endpoint over the store (read-only)."""

from __future__ import annotations

from flask import Flask

from geonews.pipeline.settings import Settings


def create_app(settings: Settings | None = None) -> Flask:
    """App factory: the store is opened read-only and kept in app.extensions['geonews']."""
    settings = settings or Settings.from_env()
    app = Flask(__name__)
    app.extensions["geonews.settings"] = settings
    return app
