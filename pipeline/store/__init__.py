"""Stores: the embedded Oxigraph database (`embedded`) or any SPARQL 1.1 server (`remote`), with
one interface. `open_store` picks one by the `store` setting; neither implementation imports the
other, and both send the same writes (`base`)."""

from __future__ import annotations

from pathlib import Path

from ..settings import Settings
from .base import is_remote, to_oxigraph_term
from .embedded import GraphStore
from .remote import RemoteStore

__all__ = ["GraphStore", "RemoteStore", "is_remote", "open_store", "to_oxigraph_term"]


def open_store(settings_or_location: Settings | str | Path | None,
               read_only: bool = False) -> GraphStore | RemoteStore:
    """The store a `store` setting names: the query endpoint of a SPARQL 1.1 server, or a directory.

    With Settings, a server's update and Graph Store endpoints come from `update_endpoint` and
    `graph_store_endpoint` (empty: derived from the query endpoint's URL, as the server lays them out).
    """
    if isinstance(settings_or_location, Settings):
        s = settings_or_location
        if is_remote(s.store):
            return RemoteStore(s.store, s.update_endpoint, s.graph_store_endpoint, read_only=read_only,
                               server=s.store_server, page_rows=s.store_page_rows)
        return GraphStore(s.store, read_only=read_only)
    if is_remote(settings_or_location):
        return RemoteStore(str(settings_or_location), read_only=read_only)
    return GraphStore(settings_or_location, read_only=read_only)
