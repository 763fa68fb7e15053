"""Shared state behind accessors: settings and a read-only store handle reopened after ingests."""

from __future__ import annotations

import threading
from pathlib import Path

from flask import current_app

from geonews.pipeline.settings import Settings
from geonews.pipeline.store import GraphStore


class StoreHandle:
    """Opens the store read-only and reopens it when an ingest has changed it on disk."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._lock = threading.Lock()
        self._store: GraphStore | None = None
        self._stamp: float | None = None

    def _disk_stamp(self) -> float:
        path = Path(self.settings.store)
        try:
            return max((p.stat().st_mtime for p in path.iterdir()), default=0.0)
        except OSError:
            return 0.0

    def get(self) -> GraphStore:
        stamp = self._disk_stamp()
        with self._lock:
            if self._store is None or stamp != self._stamp:
                self._store = GraphStore(self.settings.store, read_only=True)
                self._stamp = stamp
            return self._store

    @property
    def stamp(self) -> float:
        """Changes whenever the store on disk changes (for ETag / Last-Modified)."""
        return self._disk_stamp()


def get_settings() -> Settings:
    return current_app.extensions["geonews.settings"]


def get_store() -> GraphStore:
    return current_app.extensions["geonews.store"].get()
