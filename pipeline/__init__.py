"""The ingestion pipeline: articles -> nlp -> extract -> link -> triples -> validate -> store."""

from .settings import Settings

__all__ = ["Settings"]
