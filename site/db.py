"""Shared state behind accessors: settings, the query workers and the store's version.

Every query the site runs (the SPARQL endpoint's and the pages' own) goes to the worker pool, so
each one is bounded in time (`page_timeout` / `query_timeout`), shares the workers fairly with the
other clients, and never blocks the web process. `get_store()` gives the pages a small read
interface over the pool (`PageStore`); the web process keeps a read-only handle of its own only
for cheap lookups by name (does this graph exist?) and to write full dumps in the background.

Two backends behind the same interface: the embedded store (a directory; worker processes; the
version is the files' modification time) and a SPARQL 1.1 server (`store` is its URL; queries are
HTTP exchanges scheduled by `RemotePool`; the version is the marker every geonews write sets on
the server, read at most every `store_version_ttl` seconds). Nothing else is kept between
requests, so any number of `geonews serve` instances can share one server.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pyoxigraph as ox
from flask import current_app, has_request_context, request

from geonews.pipeline.errors import StoreError
from geonews.pipeline.settings import Settings
from geonews.pipeline.store import GraphStore, RemoteStore, is_remote, open_store

from .sparql.pool import FairScheduler, Job, PoolBusy, QueryTimedOut, StoreUnavailable, WorkerCrashed, WorkerPool
from .sparql.remote_pool import RemotePool

#: Rows a page query may return (pages ask for less with LIMIT; this only bounds memory).
PAGE_ROWS = 100_000
#: The client name of work the server does for itself (statistics computed once per version).
SERVER = "geonews"


class PageQueryFailed(StoreError):
    """A page's query could not be answered (busy, too slow, or the engine failed): HTTP 503."""

    def __init__(self, message: str, retry_after: int = 1):
        super().__init__(message)
        self.retry_after = retry_after


class _Flight:
    """One background computation of a versioned value."""

    def __init__(self, stamp: float, compute):
        self.stamp, self.compute = stamp, compute
        self.done = threading.Event()
        self.value: object = None
        self.error: Exception | None = None


class StoreHandle:
    """The store's version, a read-only handle reopened after ingests, and the worker pool."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.remote = is_remote(settings.store)
        self._lock = threading.Lock()
        self._store: GraphStore | RemoteStore | None = None
        self._stamp: float | None = None
        self._checked = 0.0  # when the remote version was last read (time.monotonic())
        self._pool: FairScheduler | None = None
        self._cache: dict[object, tuple[float, object]] = {}
        self._flights: dict[object, _Flight] = {}

    def _remote_stamp(self, fresh: bool = False) -> float:
        """The server's version marker, asked again once `store_version_ttl` has passed."""
        with self._lock:
            if not fresh and self._stamp is not None and \
                    time.monotonic() - self._checked < self.settings.store_version_ttl:
                return self._stamp
        try:
            stamp = self.get().version()
        except StoreError as exc:
            raise PageQueryFailed(f"the SPARQL server is not available: {exc}") from exc
        with self._lock:
            self._stamp, self._checked = stamp, time.monotonic()
        return stamp

    def _disk_stamp(self) -> float:
        path = Path(self.settings.store)
        try:
            return max((p.stat().st_mtime for p in path.iterdir()), default=0.0)
        except OSError:
            return 0.0

    def get(self) -> GraphStore | RemoteStore:
        if self.remote:
            with self._lock:
                if self._store is None:
                    self._store = open_store(self.settings, read_only=True)
                return self._store
        stamp = self._disk_stamp()
        with self._lock:
            if self._store is None or stamp != self._stamp:
                self._store = GraphStore(self.settings.store, read_only=True)
                self._stamp = stamp
            return self._store

    @property
    def stamp(self) -> float:
        """Changes whenever the store changes (for ETag / Last-Modified and the caches)."""
        return self._remote_stamp() if self.remote else self._disk_stamp()

    def fresh_stamp(self) -> float:
        """The store's version now (no reuse of a recently read remote marker)."""
        return self._remote_stamp(fresh=True) if self.remote else self._disk_stamp()

    @property
    def pool(self) -> FairScheduler:
        store = self.get() if self.remote else None
        with self._lock:
            if self._pool is None:
                s = self.settings
                sizes = (s.max_concurrent_queries, s.max_queued_queries, s.queue_timeout,
                         s.max_queries_per_client)
                self._pool = (RemotePool(store, *sizes, max_rows=s.max_rows) if store is not None
                              else WorkerPool(*sizes))
            return self._pool

    def published_filter(self, var: str = "?g") -> str:
        """A FILTER keeping the graphs `var` that hold published data: empty for the embedded
        store, which holds nothing else; on a server, not its own graphs nor geonews's marker."""
        return self.get().published(var) if self.remote else ""

    def versioned(self, key: object, compute, wait: float | None = None):
        """`compute()`'s value, computed once per store version and kept until the version changes.

        Without `wait` the first caller computes it. With `wait`, it is computed in a background
        thread (once, however many requests ask) and a caller waits at most `wait` seconds, then
        gets PageQueryFailed (HTTP 503 with Retry-After) while the computation carries on.
        """
        stamp = self.stamp
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None and hit[0] == stamp:
                return hit[1]
            if wait is None:
                flight = None
            else:
                flight = self._flights.get(key)
                if flight is None or flight.stamp != stamp:
                    flight = self._flights[key] = _Flight(stamp, compute)
                    threading.Thread(target=self._fly, args=(key, flight), daemon=True,
                                     name="geonews-versioned").start()
        if flight is None:
            value = compute()
        else:
            if not flight.done.wait(wait):
                raise PageQueryFailed("this page's statistics are being computed for the current "
                                      "version of the data; try again in a few seconds",
                                      retry_after=max(1, round(wait)))
            if flight.error is not None:
                raise flight.error
            value = flight.value
        with self._lock:
            self._cache = {k: v for k, v in self._cache.items() if v[0] == stamp}
            self._cache[key] = (stamp, value)
        return value

    def _fly(self, key: object, flight: _Flight) -> None:
        try:
            flight.value = flight.compute()
        except Exception as exc:  # noqa: BLE001 - re-raised in every request that waits for it
            flight.error = exc
        finally:
            flight.done.set()
            with self._lock:
                if self._flights.get(key) is flight and flight.error is not None:
                    del self._flights[key]  # the next request tries again

    def has_graph(self, iri: str) -> bool:
        return self.get().has_graph(iri)

    def named_graphs(self) -> list[str]:
        return self.get().named_graphs()

    def query(self, sparql: str, substitutions: dict[str, ox.Term] | None = None,
              union: bool = True, timeout: float | None = None, client: str | None = None):
        """Evaluate one of the site's own queries in a worker: a list of rows (dicts of terms,
        None when unbound), a list of triples, or a bool. Raises PageQueryFailed.

        `union=False` makes the default graph the store's own (empty: geonews writes only named
        graphs) on the embedded store and an Oxigraph server started without
        --union-default-graph; on Virtuoso the default graph is always the union of every graph.
        Queries that pass it should read data through GRAPH patterns. On a SPARQL server the
        `substitutions` are written into the query text (`sparql_text.substitute`, the same
        answers as pyoxigraph's), so a substituted variable must not be a BIND target.
        """
        s = self.settings
        job = Job(query=sparql, store=s.store, stamp=0.0 if self.remote else self.stamp, results_format="rows",
                  graph_format="triples", max_rows=PAGE_ROWS, union=union,
                  substitutions=dict(substitutions or {}))
        timeout = s.page_timeout if timeout is None else timeout
        retry = max(1, round(timeout))
        try:
            outcome = self.pool.run(job, timeout, client if client is not None else client_id())
        except PoolBusy as exc:
            raise PageQueryFailed(f"the server is busy ({exc}); try again shortly", retry) from exc
        except QueryTimedOut as exc:
            raise PageQueryFailed(f"this page took too long to prepare ({exc})", retry) from exc
        except (WorkerCrashed, StoreUnavailable) as exc:
            raise PageQueryFailed(str(exc), retry) from exc
        if outcome.status != "ok":
            raise StoreError(f"a page query failed ({outcome.status}): {outcome.message}")
        return outcome.value


def client_id() -> str:
    """Who is asking, for the per-client limits: the peer address of the connection."""
    if has_request_context():
        return request.remote_addr or ""
    return SERVER


class PageStore:
    """What the pages read, bound to the current request's client: `query(sparql, substitutions=)`
    with pyoxigraph-like results (rows are dicts, so `row['x']` is None when unbound)."""

    def __init__(self, handle: StoreHandle):
        self.handle = handle

    def query(self, sparql: str, substitutions: dict | None = None,
              use_default_graph_as_union: bool = True):
        subs = {(k.value if isinstance(k, ox.Variable) else k): v
                for k, v in (substitutions or {}).items()}
        return self.handle.query(sparql, subs, union=use_default_graph_as_union)

    def named_graphs(self) -> list[str]:
        return self.handle.named_graphs()


def get_settings() -> Settings:
    return current_app.extensions["geonews.settings"]


def get_handle() -> StoreHandle:
    return current_app.extensions["geonews.store"]


def get_store() -> PageStore:
    return PageStore(get_handle())
